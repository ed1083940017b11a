"""Figures in a long run of digits and after a word that keeps a number from starting: a number starts where its
run of digits starts, never inside it."""

from __future__ import annotations

from rag.claims.parse import figures, prepare


def _figures(text: str) -> list[tuple[str, str, float, float]]:
    return [(f.kind, f.text, f.low, f.high) for f in figures(prepare(text))]


def test_a_number_is_not_read_from_the_middle_of_another() -> None:
    # "next" keeps "50 years" from being a duration; "0 years" (the tail of 50) was read as one
    assert not [f for f in _figures("investing now for the next 50 years") if f[0] == "duration" and f[2] == 0]
    # "first" keeps "15-30 minutes" from being a duration; "5-30 minutes" was read as one
    assert not [f for f in _figures("halted within the first 15-30 minutes") if f[1].startswith("5")]
    assert ("percentage", "85 per cent", 85.0, 85.0) in _figures("85 per cent of 1.2bn")


def test_a_long_run_of_digits_is_one_number() -> None:
    found = _figures("9" * 3000 + "% and " + "1" * 2000 + " tonnes")
    assert [f[0] for f in found] == ["percentage", "quantity"]
    assert all(len(f[1]) >= 2000 for f in found)
