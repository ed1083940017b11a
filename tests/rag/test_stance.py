"""A yes/no question asking whether something was ended has two sides: a sentence stating the change ("the council
suspended the parking ban") and one stating that the thing still stands ("the parking ban remains in force"). When
two articles take different sides, the answer quotes each and says they disagree (rag/answer/stance.py), instead of
answering with whichever ranked first. Sentences and articles here are this test's own."""

from __future__ import annotations

import pytest

from rag.answer.stance import CHANGED, PERSISTS, asked_change, disagreement, stance
from rag.engine import Engine
from rag.retrieval.other_side import slot_words
from rag.types import AskRequest
from tests.rag.answerers import indexed_engine


@pytest.mark.parametrize(("question", "thing"), [
    ("Has the council lifted its parking ban?", "parking ban"),
    ("Did the ministry scrap the fuel subsidy under the new budget?", "fuel subsidy"),
    ("Has the ban on night flights been lifted?", "ban on night flights"),
    ("Did the regulator set aside the merger rules, or are they still in force?", "merger rules"),
    ("Did the union end the strike?", "strike"),
    ("Is the parking ban still in force?", "parking ban"),  # whether it stands asks the same
    ("Does the curfew remain in place after the vote?", "curfew"),
    ("Does the night-time parking ban still apply?", "night-time parking ban"),
])
def test_the_thing_asked_about(question: str, thing: str) -> None:
    change = asked_change(question)
    assert change is not None and change.thing == thing


def test_the_other_reading_names_the_thing_too() -> None:
    change = asked_change("Did the city lift its curfew rules, or is its curfew system still operating?")
    assert change is not None and change.thing == "curfew rules"
    assert any(t.startswith("system") for t in change.terms)  # from "or is its curfew system still operating?"


@pytest.mark.parametrize("question", [
    "When was the parking ban lifted?",  # asks a date, not whether
    "Has the council not lifted the parking ban?",
    "Is the parking ban popular?",
    "Is the parking ban still popular?",
    "Is it still in force?",  # nothing named
    "Who lifted the parking ban?",
])
def test_no_change_asked(question: str) -> None:
    assert asked_change(question) is None


BAN = asked_change("Has the council lifted the parking ban?")


@pytest.mark.parametrize(("sentence", "side"), [
    ("The council suspended the parking ban on Monday after weeks of protest.", CHANGED),
    ("Officials confirmed the removal of the parking ban in the old town.", CHANGED),
    ("The parking ban remains in force across the old town.", PERSISTS),
    ("The parking ban has not been lifted, a spokesman said.", PERSISTS),
    ("There are no signs of a full rollback of the parking ban.", PERSISTS),
    ("Residents say the parking ban continues to apply at night.", PERSISTS),
])
def test_a_sentence_takes_a_side(sentence: str, side: str) -> None:
    assert BAN is not None
    found = stance(sentence, BAN)
    assert found is not None and found[0] == side


@pytest.mark.parametrize("sentence", [
    "The council could lift the parking ban next year.",  # supposed, not stated
    "If the parking ban were lifted, traffic would return.",
    "Officials lifted the parking ban, but a night-time parking ban remains in place.",  # both
    "The council lifted the speed limit on the ring road.",  # another thing
    "The parking ban was introduced in 2019.",  # neither
])
def test_a_sentence_takes_no_side(sentence: str) -> None:
    assert BAN is not None and stance(sentence, BAN) is None


def test_the_words_every_passage_shares_do_not_name_the_thing() -> None:
    change = asked_change("Has the city lifted its river port tolls?")
    assert change is not None
    sentence = "The river port was reopened, and the city lifted a curfew."
    assert stance(sentence, change) is not None  # "river" and "port": two of its words
    assert stance(sentence, change, topic={"river", "port"}) is None  # the collection's topic: not the tolls


def test_two_articles_on_two_sides_disagree() -> None:
    question = "Has the council lifted the parking ban?"
    sentences = [("The council suspended the parking ban on Monday.", 1, "a", None),
                 ("The parking ban remains in force across the old town.", 2, "b", None)]
    conflict = disagreement(question, sentences)
    assert conflict is not None and conflict.kind == "disagreement"
    assert [(c.citation, c.value) for c in conflict.claims] == [(1, "suspended the parking ban"),
                                                                (2, "remains in force")]


def test_two_dates_make_an_update_and_one_article_no_disagreement() -> None:
    question = "Has the council lifted the parking ban?"
    dated = [("The council suspended the parking ban on Monday.", 1, "a", "2026-03-02"),
             ("The parking ban remains in force across the old town.", 2, "b", "2026-01-15")]
    conflict = disagreement(question, dated)
    assert conflict is not None and conflict.kind == "update"
    one = [("The council suspended the parking ban on Monday.", 1, "a", None),
           ("The parking ban remains in force across the old town.", 1, "a", None)]
    assert disagreement(question, one) is None
    assert disagreement("When was the parking ban lifted?", [dated[0], dated[1]]) is None


def test_the_other_side_is_searched_for() -> None:
    assert slot_words("Has the council lifted the parking ban?")
    assert slot_words("Is the parking ban popular?") == ""


ARTICLES = {
    "council.txt": "Council Votes on Old Town Parking\n\nThe city council suspended the old town parking ban on Monday "
                   "after weeks of protest from shop owners. Councillors said deliveries had fallen by a third since "
                   "the rules came in. The vote passed by eleven to four.\n",
    "residents.txt": "Residents Report Little Change\n\nResidents of the old town say little has changed on their "
                     "streets. According to the transport office, the old town parking ban remains in force at night "
                     "and on market days. Wardens issued forty tickets on Saturday alone.\n",
    "harbour.txt": "Harbour Works Begin\n\nWork on the new harbour wall began this week. The project is expected to "
                   "take two years and will employ around two hundred people. Fishing boats will moor at the east "
                   "quay while the work goes on.\n",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:  # type: ignore[no-untyped-def]
    return indexed_engine(tmp_path_factory, minilm, "stance", ARTICLES)


def test_the_answer_quotes_both_sides_and_says_they_disagree(engine: Engine) -> None:
    answer = engine.ask(AskRequest(question="Has the council lifted the old town parking ban?"))
    assert answer.grounded
    assert "suspended the old town parking ban" in answer.answer and "remains in force" in answer.answer
    sides = [c for c in answer.conflicts if c.kind == "disagreement"]
    assert len(sides) == 1 and len({c.doc_id for c in sides[0].claims}) == 2
    assert "The sources disagree on this" in answer.answer


def test_asked_whether_it_still_stands_the_answer_quotes_both_sides(engine: Engine) -> None:
    answer = engine.ask(AskRequest(question="Is the old town parking ban still in force?"))
    assert "suspended the old town parking ban" in answer.answer and "remains in force" in answer.answer
    assert [c.kind for c in answer.conflicts] == ["disagreement"]


def test_a_question_of_another_form_gets_no_such_disagreement(engine: Engine) -> None:
    answer = engine.ask(AskRequest(question="How long will the harbour works take?"))
    assert not [c for c in answer.conflicts if c.about.startswith("whether it ended")]
