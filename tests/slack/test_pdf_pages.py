"""Slack sources name the page of a PDF passage."""

from __future__ import annotations

import json

from api.slack.blocks import answer_blocks
from rag.types import Answer, Citation


def test_a_pdf_citation_shows_its_page_in_the_sources_and_a_text_citation_none() -> None:
    pdf = Citation(id=1, doc_id="report", title="Annual report", chunk_id="report:3:x", text="Output rose 4%.",
                   source="Harbor Daily", page=7)
    txt = Citation(id=2, doc_id="note", title="Note", chunk_id="note:0:y", text="Output rose.")
    answer = Answer(question="q", answer="Output rose 4% [1] [2].", grounded=True, citations=[pdf, txt])
    _, blocks = answer_blocks(answer, "a1")
    sources = json.dumps(blocks)
    assert "*Annual report* (Harbor Daily, p. 7)" in sources
    assert "*Note*\\n" in sources and "p. None" not in sources
