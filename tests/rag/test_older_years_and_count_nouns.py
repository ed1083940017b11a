"""Claims 25, figures: a year before 1500 after a word of time is a date ("His calendar ... was disseminated in
1281", asked when it became the official calendar, was a count of 1,281 and declined), and a count's noun is the
plural past a name or an adjective ("eight U.S. presidents" was no figure at all, "62 living billionaires" counted
"living")."""

from __future__ import annotations

from rag.claims.parse import figures


def _figures(text: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.text, f.unit) for f in figures(text)]


def test_an_older_year_after_a_word_of_time_is_a_date() -> None:
    assert _figures("It was disseminated in 1281 as the official calendar.") == [("date", "1281", "month")]
    assert _figures("By autumn 1347, the plague reached Alexandria.") == [("date", "1347", "month")]
    assert [k for k, _, _ in _figures("The dynasty ruled from 1271 to 1368.")] == ["date", "date"]
    assert _figures("There were cases in 1200 cities.")[0][0] == "count"  # a count of something, not a year
    assert _figures("The fleet had 1200 ships.")[0][0] == "count"  # no word of time before it


def test_a_count_counts_the_plural_past_a_name_or_an_adjective() -> None:
    assert _figures("Its alumni include eight U.S. presidents.") == [("count", "eight U.S. presidents", "presidents")]
    assert _figures("Its alumni include 62 living billionaires.") == [("count", "62 living billionaires", "billionaires")]
    assert _figures("Two new regiments were raised.") == [("count", "Two new regiments", "regiments")]
    assert _figures("The 12 boys were rescued.") == [("count", "12 boys", "boys")]  # unchanged


def test_a_count_holds_the_word_a_question_counts_by() -> None:
    from rag.answer.evidence import _counts_the_noun
    from rag.text import stem

    (charges,) = figures("BP has agreed to plead guilty to all 14 criminal charges.")
    assert charges.unit == "charges"
    assert _counts_the_noun(charges, stem("criminal"))  # "To how many criminal counts ...?": counted by "criminal"
    assert _counts_the_noun(charges, stem("charges"))
    assert not _counts_the_noun(charges, stem("deaths"))
