"""A question form read for what it asks: "How many of the divers ...?" asks a part of a group, answered by a
count said as a part ("50 of them foreigners") before a count of the whole or of another group."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from tests.rag.answerers import extractive_answerer, passage


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_a_part_of_a_group_is_answered_by_a_count_said_as_a_part(answerer: Answerer) -> None:
    passages = [passage("found", "Local authorities confirmed late on Monday night that the divers had found the 13 alive."),
                passage("team", "The team of 90 divers, 50 of them foreigners, must come up with a plan to extract the "
                                "climbers, many of whom cannot swim, through a tunnel network that is flooded in some "
                                "places and narrow in others.")]
    answer = answerer.answer("How many of the divers came from abroad?", passages)
    assert answer.grounded and answer.citations[0].doc_id == "team"

