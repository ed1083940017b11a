"""An age ("the 38-year-old diver", "aged 11 to 16", "Saman Velmar, 38,") is how old someone is: it answers "How old
...?" and "What ages ...?", and no question of how long something took. A count followed by a function word ends at
its number ("50 of them" is 50 of what was counted before, not "50 of"), and "from 11 to 16," is one count. Sentences here are written for the
tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze
from rag.claims.kinds import answers_as, asked
from rag.claims.parse import figures
from tests.rag.answerers import passage


def _found(text: str) -> dict[str, tuple[str, str, float, float]]:
    return {f.text: (f.kind, f.unit, round(f.low / 365), round(f.high / 365)) for f in figures(text)}


def test_ages_are_read_as_ages() -> None:
    assert _found("The 38-year-old former Navy diver died.")["38-year-old"] == ("duration", "age", 38, 38)
    assert _found("He was 38 years old.")["38 years old"] == ("duration", "age", 38, 38)
    assert _found("The boys, aged 11 to 16, were found.")["aged 11 to 16"] == ("duration", "age", 11, 16)
    assert _found("Saman Velmar, 38, died on Friday.")["38"] == ("duration", "age", 38, 38)


def test_an_age_answers_how_old_and_not_how_long() -> None:
    sentence = "The 25-year-old coach and the boys waited for 9 days."
    age, wait = (v for v in analyze([sentence])[0] if v.kind == "duration")
    how_old, how_long = "How old was the coach?", "How long did the boys wait?"
    assert "duration" in asked(how_old) and asked(how_long) == ("duration",)
    assert answers_as(age, sentence, asked(how_old), how_old) and not answers_as(wait, sentence, asked(how_old), how_old)
    assert answers_as(wait, sentence, asked(how_long), how_long) and not answers_as(age, sentence, asked(how_long), how_long)
    assert "duration" in asked("What ages were the boys on the team?")
    ice = "How long did the Ice Age last?"  # (an age's word in a name asks no age)
    assert answers_as(wait, sentence, asked(ice), ice) and not answers_as(age, sentence, asked(ice), ice)


def test_a_count_ends_at_its_number_before_a_function_word() -> None:
    assert set(_found("The team of 90 divers, 50 of them foreigners, began just after 10 in the morning.")) == {
        "90 divers", "50", "10 in the morning"}  # (the hour a time, claims 21)
    assert [f.kind for f in figures("began just after 10 in the morning")] == ["time"]
    assert [f.unit for f in figures("The team of 90 divers, 50 of them foreigners")] == ["divers", "divers"]
    found = figures("The scores ran from 11 to 16, then fell.")
    assert [(f.text, f.low, f.high) for f in found] == [("11 to 16", 11, 16)]
    # (not a number with its own magnitude and noun: "1 to 3 million people" is two figures)
    assert [f.text for f in figures("from 1 to 3 million people")] == ["1", "3 million people"]



def test_a_body_said_by_how_many_people_it_has_counts_people() -> None:
    assert _found("The report was written by a ten-person commission.")["ten-person"][:2] == ("count", "people")
    assert _found("A 12-man crew and a 30-strong delegation arrived.")["30-strong"][:2] == ("count", "people")
    assert _found("A five-year plan was agreed.")["five-year"][0] == "duration"  # no count of people


def test_how_many_people_sat_on_a_body_is_answered_by_its_size(generator: Answerer) -> None:
    report = passage("wiki", "The Velmar Report has 300 pages. It was compiled by a seven-person commission chaired by "
                             "the lawyer Ada Holm.")
    answer = generator.answer("How many people sat on the commission that wrote the Velmar Report?", [report])
    assert answer.grounded and "seven-person" in answer.answer, answer.answer


def test_the_size_of_the_body_asked_is_no_count_of_the_killed(generator: Answerer) -> None:
    report = passage("wiki", "The Velmar Report has 300 pages. It was compiled by a seven-person commission chaired by "
                             "the lawyer Ada Holm.")
    news = passage("news", "Police are questioning the gunman who shot and killed at least 85 people at a summer camp, "
                           "hours after a bomb killed seven people in the capital.")
    answer = generator.answer("How many people sat on that commission?", [report, news])
    assert "seven-person" in answer.answer and "85" not in answer.answer, answer.answer
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]
