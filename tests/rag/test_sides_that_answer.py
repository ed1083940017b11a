"""A side of a disagreement answers the question: a name a sentence says does what is asked or holds the role
asked, over a name another sentence only mentions near the topic; no one named by "a former Navy Seal"; a figure
said to come on top of another ("another $1 billion") is no other value of the one asked; questions that ask
how long in other words ("What is the shortest time he has to serve?"); a quantity asked by its unit is of that
measure; a place called by the class asked ("the town of Grand Isle") answers which town."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.claims.extract import analyze, typed
from rag.claims.kinds import Value, answers_as, asked, in_question
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")


def _sides(question: str, *sentences: str) -> list[tuple[str, list[str]]]:
    cited = [Cited(text, i, f"doc-{i}") for i, text in enumerate(sentences, start=1)]
    return [(c.kind, sorted(x.value for x in c.claims)) for c in find_conflicts(question, cited)]


@needs_parser
def test_a_name_only_mentioned_near_the_topic_is_no_side_of_the_one_who_did_what_is_asked() -> None:
    assert _sides(
        "Who chaired the 22 July commission?",
        "The report was delivered on 13 August 2012, one year after the establishment of the 22 July fact finding "
        "commission headed by Alexandra Bech Gjorv.",
        "On 22 July 2011, far-right extremist Anders Behring Breivik committed two domestic terrorist attacks in "
        "Norway.",
    ) == []


@needs_parser
def test_a_name_that_holds_no_role_asked_is_no_side_of_one_that_does() -> None:
    assert _sides(
        "Which foreign leader did Thailand's prime minister send a letter of thanks to?",
        "Prime Minister Prayut Chan-o-cha sent a personal letter of appreciation to U.S. President Donald Trump.",
        "\u201cFor the Moo Pa team, it's a really fast track\u201d to citizenship, said Puttanee Kangkun, a specialist "
        "on human rights in Thailand for Fortify Rights, an advocacy group.",
    ) == []


@needs_parser
def test_two_who_hold_the_role_asked_still_disagree() -> None:
    sides = _sides("Who is the CEO of Vantor Motors?",
                   "Vantor Motors CEO Helen Marsh said production would double.",
                   "Vantor Motors CEO Daniel Ortiz said production would double.")
    assert [kind for kind, _ in sides] == ["disagreement"]
    assert any("Helen Marsh" in v for v in sides[0][1]) and any("Daniel Ortiz" in v for v in sides[0][1])


@needs_parser
def test_a_sentence_that_says_the_act_keeps_its_name_though_another_reads_better_as_the_doer() -> None:
    sides = _sides("Who designed the Harrow Library?",
                   "The Harrow Library was designed by the architect James Corliss and opened in 2012.",
                   "The Harrow Library was designed by the architect Nadia Farouk and opened in 2012.",
                   "Nadia Farouk's design for the Harrow Library won a national prize in 2013.")
    assert sides and sides[0][0] == "disagreement" and {"James Corliss", "Nadia Farouk"} <= set(sides[0][1])


@needs_parser
def test_one_of_a_kind_is_no_one_named() -> None:
    question = "Who was in charge of the whole rescue operation?"
    described = ("The risks hit home on Friday when a former Thai Navy Seal who volunteered for the rescue "
                 "operation died during the effort.")
    assert not any(answers_as(v, described, asked(question), question) for v in analyze([described])[0]
                   if v.kind in ("person", "organization", "name"))
    assert _sides(question, "The acting governor of Chiang Rai, Narongsak Osottanakorn, led the rescue operation.",
                  described) == []


@needs_parser
@pytest.mark.parametrize(("sentence", "word"), [
    ("Thai navy divers brought the last four boys out on Tuesday.", "Thai"),
    ("The last four boys were carried out through Chamber 3 on the final day.", "Chamber"),
])
def test_a_nationality_or_a_numbered_place_is_no_one_named(sentence: str, word: str) -> None:
    question = "Who brought the boys out on the final day?"
    values = [v for v in analyze([sentence])[0] if v.kind in ("person", "organization", "name") and v.text == word]
    assert values and not any(answers_as(v, sentence, asked(question), question) for v in values)
    named = "On the last day Ekkapol Chantawong brought the remaining boys out."
    assert any(answers_as(v, named, asked(question), question) for v in analyze([named])[0] if v.text == "Ekkapol Chantawong")


@needs_parser
def test_a_name_after_a_phrase_with_an_article_is_still_a_name() -> None:
    sentence = "As a result of Michael Reyes winning Best Actor, the studio doubled its budget."
    reyes = [v for v in analyze([sentence])[0] if v.text == "Michael Reyes"]
    assert reyes and answers_as(reyes[0], sentence, ("person",), "Who won Best Actor?")


def test_a_further_amount_is_no_other_value_of_the_one_asked() -> None:
    question = "How big was the criminal fine in BP's plea agreement?"
    first = "The criminal fine in the plea agreement was $1.25 billion."
    assert _sides(question, first, "In other, related agreements, BP also will pay up to another $1 billion to "
                  "resolve similar claims the company faces.") == []
    assert _sides(question, first, "The criminal fine in the plea agreement was $1 billion.") == [
        ("disagreement", ["$1 billion", "$1.25 billion"])]


@pytest.mark.parametrize("question", [
    "What is the shortest time Breivik has to serve under his sentence?",
    "What was the minimum term he must serve?",
    "How much time did the crew spend on board?",
    "What length of time was the canal closed?",
])
def test_how_long_asked_in_other_words(question: str) -> None:
    assert asked(question) == ("duration",)


def test_what_time_still_asks_a_time_of_day() -> None:
    assert asked("What time did the bomb explode?") == ("time",)
    assert asked("What is the time?") == ()


def test_a_quantity_asked_by_its_unit_is_of_that_measure() -> None:
    assert asked("How many gallons of oil spilled into the Gulf?") == ("quantity",)


@needs_parser
def test_a_distance_is_no_answer_to_how_many_litres(generator: Answerer) -> None:
    answer = generator.answer("How many litres of water were pumped out of the cave?", [
        passage("a", "On 2 July, British divers found the group alive on an elevated rock about 4 km from the cave "
                     "mouth, after water had been pumped out of the cave for days."),
    ])
    assert not answer.grounded
    answer = generator.answer("How many litres of water were pumped out of the cave?", [
        passage("a", "Engineers pumped about 130 million litres of water out of the cave before the rescue."),
    ])
    assert answer.grounded and "130 million litres" in answer.answer


@needs_parser
def test_a_place_called_by_the_class_asked_answers_where_the_other_words_are_elsewhere(generator: Answerer) -> None:
    answer = generator.answer("Which town on the Louisiana coast did Obama visit during his third trip?", [
        passage("a", "President Obama is making a third visit to the U.S. Gulf coast to inspect progress in "
                     "stopping the oil leak. In remarks to reporters after arriving in Louisiana, and shortly before "
                     "he was driven to the town of Grand Isle, the president referred to media advertising BP is "
                     "using to manage its image."),
    ])
    assert answer.grounded and "Grand Isle" in answer.answer


def test_a_nationality_before_the_class_asked_is_that_class() -> None:
    question = "What was the name of the former navy SEAL who died during the rescue?"
    seals = Value(kind="organization", text="Thai Navy Seals", key="thai navy seals")
    assert in_question(seals, question)
    assert not in_question(Value(kind="person", text="Saman Kunan", key="saman kunan"), question)


@pytest.mark.parametrize("question", [
    "What is BP's civil settlement with Washington and the Gulf states worth altogether?",
    "What are the goods on board worth?",
])
def test_what_a_thing_is_worth_asks_a_sum(question: str) -> None:
    assert asked(question) == ("money",)
    assert asked("Is it worth it?") == ()


def test_a_name_the_sentence_gives_to_another_thing_is_not_the_name_asked() -> None:
    question = "What was the name of the diver who died?"
    team = "The Wild Boars is the team’s name."
    boat = "The Sea Lion was the name of the supply boat."
    for sentence in (team, boat):
        values = [v for v in analyze([sentence])[0] if v.kind in ("person", "organization", "name")]
        assert values and not any(answers_as(v, sentence, asked(question), question) for v in values), sentence
    diver = "Saman Kunan was the name of the diver."
    assert any(answers_as(v, diver, asked(question), question) for v in analyze([diver])[0] if v.text == "Saman Kunan")
    asked_team = "What is the name of the team?"
    assert any(answers_as(v, team, asked(asked_team), asked_team) for v in analyze([team])[0])
