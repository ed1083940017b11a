"""Saved news pages keep their article and lose the page around it (navigation, cookie banner, related links,
comments, footer); ``indexing.html = "all"`` keeps every piece of visible text; bytes from any source pick
their reader by content type, else by name."""

from __future__ import annotations

import pytest

from index.documents import document_from_bytes
from index.readers import Refused, read_bytes

PARAGRAPHS = [
    "The council of Port Merrow voted on Monday to build a desalination plant at the old ferry terminal, ending "
    "a debate that has divided the harbor town for more than three years.",
    "The plant will produce forty thousand cubic metres of drinking water a day when it opens in the spring of "
    "2027, enough for every household in the district during the dry months.",
    "Opponents had argued that the brine discharged into the bay would harm the mussel farms along the northern "
    "shore, but the regional water authority said the outfall will be placed beyond the reef.",
    "Mayor Elena Brandt said the vote was the most important the council had taken in a generation and promised "
    "monthly public reports on construction costs, which are estimated at 140 million euros.",
]
BOILERPLATE = ["Subscribe to our newsletter", "We use cookies to improve your experience", "Most read this week",
               "Sign in to comment", "Copyright 2025 Harbor Daily Media Group", "Sports Weather Opinion Business"]


def news_page() -> bytes:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Port Merrow approves desalination plant | Harbor Daily</title>
<meta property="og:site_name" content="Harbor Daily"><meta name="author" content="Mira Kovac">
<meta property="article:published_time" content="November 20, 2019 13:42">
<script>window.tracking = "pwned";</script><style>.ad {{ color: red }}</style></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="javascript:accept()">Accept</a></div>
<header><nav><ul><li><a href="/sports">Sports</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<main><article><h1>Port Merrow approves desalination plant</h1><p class="byline">By Mira Kovac</p>
{article}</article>
<aside class="related"><h2>Most read this week</h2><ul><li><a href="/a">Ferry timetable changes again</a></li>
<li><a href="/b">Mussel prices fall</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><p>Sign in to comment.</p></section></main>
<div class="newsletter">Subscribe to our newsletter for the morning briefing.</div>
<footer><p>Copyright 2025 Harbor Daily Media Group. All rights reserved.</p></footer></body></html>""".encode()


def test_a_news_page_is_stored_as_its_article_with_its_metadata() -> None:
    doc = document_from_bytes("plant", news_page(), name="plant.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for noise in BOILERPLATE + ["pwned", "javascript", "color: red"]:
        assert noise not in doc.text, noise
    assert doc.title == "Port Merrow approves desalination plant"
    assert (doc.source, doc.published_at) == ("Harbor Daily", "2019-11-20T13:42:00")
    parsed = read_bytes(news_page(), name="plant.html")
    assert parsed.meta["author"] == "Mira Kovac" and parsed.meta["language"] == "en"


def test_html_all_keeps_every_piece_of_visible_text_but_never_scripts() -> None:
    doc = document_from_bytes("plant", news_page(), name="plant.html", html="all")
    assert all(p in doc.text for p in PARAGRAPHS)
    assert "Most read this week" in doc.text and "Subscribe to our newsletter" in doc.text
    assert "pwned" not in doc.text and "color: red" not in doc.text


def test_a_page_too_short_for_an_article_keeps_its_visible_text() -> None:
    doc = document_from_bytes("brief", b"<html><body><p>Ferry cancelled today.</p></body></html>", name="brief.html")
    assert doc.text == "Ferry cancelled today."


def test_the_content_type_picks_the_reader_before_the_name_and_its_charset_decodes() -> None:
    latin = "<html><body><p>Caf\u00e9 prices rose again this week in the harbor district, traders said.</p></body></html>"
    parsed = read_bytes(latin.encode("latin-1"), name="/news/2025/cafe", content_type="text/html; charset=ISO-8859-1")
    assert "Caf\u00e9 prices rose" in parsed.text
    assert read_bytes(b"# Not a heading here", name="notes.md", content_type="text/plain").text == "# Not a heading here"
    with pytest.raises(Refused, match="unsupported"):
        read_bytes(b"{}", name="/api/feed", content_type="application/json")
