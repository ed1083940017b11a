"""Article text in Slack replies is inert: no @channel, no user mention, no link, whatever the article says."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from api.slack.blocks import answer_blocks, progress
from rag.types import Answer, Citation, Claim, Conflict

PAYLOADS = ["<!channel>", "<!here|here>", "<@U123>", "<#C999|general>", "<http://evil.example|click here>",
            "<mailto:x@evil.example|mail>", "<!subteam^S1|@team>", "<!date^1392734382^{date}|x>"]
HOSTILE = " ".join(PAYLOADS) + " *bold* _it_ ~strike~ `code` &amp; &lt;!channel&gt;"


def _texts(blocks: Any) -> Iterator[str]:
    if isinstance(blocks, dict):
        for key, value in blocks.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(blocks, list):
        for item in blocks:
            yield from _texts(item)


def _answer() -> Answer:
    citation = Citation(id=1, doc_id="d1", title=f"Title {HOSTILE}", chunk_id="d1:0", text=f"Quoted {HOSTILE}.",
                        source="<!channel> Wire", published_at="2025-10-01")
    claims = [Claim(value="<@U123> 90 days", citation=1, doc_id="d1"), Claim(value="<!here> 1 year", citation=1, doc_id="d1")]
    return Answer(question="q", answer=f"It said {HOSTILE} [1].", grounded=True, citations=[citation],
                  conflicts=[Conflict(about="<!channel> duration", kind="disagreement", claims=claims)])


def _assert_inert(text: str) -> None:
    for raw in ("<!", "<@", "<#", "<http", "<mailto"):
        assert raw not in text, (raw, text)
    assert "<" not in text  # every Slack control sequence starts with a real "<"
    assert ">" not in re.sub(r"(?m)^> ", "", text)  # only our own quote markers


def test_article_text_cannot_ping_or_link_in_an_answer() -> None:
    fallback, blocks = answer_blocks(_answer(), "answer-1")
    texts = [fallback, *_texts(blocks)]
    for text in texts:
        _assert_inert(text)
    assert any("&lt;!channel&gt;" in t for t in texts) and any("&lt;http://evil.example|click here&gt;" in t for t in texts)
    assert any("&amp;lt;!channel&amp;gt;" in t for t in texts)  # an already-escaped sequence stays literal too
    sections = [b["text"] for b in blocks if b["type"] == "section"]
    assert sections and all(s["type"] == "mrkdwn" and s["verbatim"] is True for s in sections)  # no auto-linking


def test_article_text_cannot_ping_or_link_in_a_declined_answer_or_the_streamed_draft() -> None:
    declined = Answer(question="q", answer=f"Not found {HOSTILE}", grounded=False)
    fallback, blocks = answer_blocks(declined, None)
    for text in [fallback, *_texts(blocks)]:
        _assert_inert(text)
    fallback, blocks = progress(f"Draft {HOSTILE} [1]")
    for text in [fallback, *_texts(blocks)]:
        _assert_inert(text)
    assert "<!channel>" in json.dumps(_answer().model_dump())  # the control: the payload was there to escape


def test_a_fetched_article_links_its_title_and_names_the_sites_that_copied_it() -> None:
    url = "https://news.example/world/rare-earths?id=7&page=2|x>y"
    citation = Citation(id=1, doc_id="d1", title=f"Title {HOSTILE}", chunk_id="d1:0", text="Quoted.", url=url,
                        also_published_by=["Coastal Courier", "<!channel>"])
    _, blocks = answer_blocks(Answer(question="q", answer="It said so [1].", grounded=True, citations=[citation]), None)
    sources = next(t for t in _texts(blocks) if "*Sources*" in t)
    links = re.findall(r"<([^<>]*)>", sources)
    assert links == ["https://news.example/world/rare-earths?id=7&amp;page=2%7Cx&gt;y|Title " + _texts_escape(HOSTILE)]
    assert "also published by Coastal Courier, &lt;!channel&gt;" in sources
    for unsafe in ("javascript:alert(1)", "data:text/html,x", "ftp://x.example/"):
        citation.url = unsafe
        _, blocks = answer_blocks(Answer(question="q", answer="It said so [1].", grounded=True, citations=[citation]), None)
        sources = next(t for t in _texts(blocks) if "*Sources*" in t)
        _assert_inert(sources.replace("&gt;", ""))
        assert unsafe not in sources


def _texts_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_an_answer_with_more_sources_than_slack_allows_keeps_its_searched_line_and_buttons() -> None:
    citations = [Citation(id=i, doc_id=f"d{i}", title=f"T{i}", chunk_id=f"d{i}:0", text="x " * 1400)
                 for i in range(1, 80)]
    answer = Answer(question="q", answer="Said [1]. " * 16000, grounded=True, citations=citations)
    _, blocks = answer_blocks(answer, "a1", frozenset({"energy", "markets"}))
    assert len(blocks) <= 50
    assert blocks[-1]["block_id"] == "feedback"
    assert blocks[-2] == {"type": "context", "elements": [{"type": "mrkdwn", "text": "Searched: `energy`, `markets`",
                                                           "verbatim": True}]}
    assert any("more sources in the web page" in t for t in _texts(blocks))
    _, unscoped = answer_blocks(answer, "a1", None)  # a channel that searches everything says nothing more
    assert not any(t.startswith("Searched:") for t in _texts(unscoped))
