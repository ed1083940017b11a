"""The passage dialog in headless Chromium: the article's title, source, date and a link to the original page,
and the whole passage with the cited sentence highlighted, all inserted as text."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import API_KEY, Server, start_server, stop_server
from tests.fakes.news_site import NewsSite
from tests.web.test_page import ask, browser  # noqa: F401 - the browser fixture, shared


@pytest.fixture(scope="module")
def url_server(tmp_path_factory: pytest.TempPathFactory, site: NewsSite) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("dialog")
    env = {"RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0", "RAG_FETCH__ALLOW_PRIVATE": "true"}
    running = start_server(base / "index", base / "server.log", env)
    for url in site.wire_urls():
        created = httpx.post(running.url + "/v1/documents", headers={"Authorization": f"Bearer {API_KEY}"},
                             json={"url": url}, timeout=60)
        assert created.status_code == 201, created.text
    yield running
    stop_server(running)


def test_the_dialog_shows_title_source_date_link_and_the_whole_passage(browser, url_server: Server,  # type: ignore[no-untyped-def]  # noqa: F811
                                                                       site: NewsSite) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url_server.url + "/")
    WebDriverWait(browser, 20).until(lambda d: "articles" in d.find_element(By.ID, "status").text)
    browser.find_element(By.ID, "docs-toggle").click()  # add one more article by its link, from the page
    browser.find_element(By.ID, "api-key").send_keys(API_KEY + "\t")
    browser.find_element(By.ID, "link").send_keys(site.article_url(sorted(site.articles)[4]) + "\n")
    WebDriverWait(browser, 60).until(lambda d: "created" in d.find_element(By.ID, "upload-status").text)
    listed = browser.find_element(By.ID, "doc-list").text
    assert "also published by Coastal Courier, Valley Times" in listed and "a copy of" in listed
    browser.find_element(By.ID, "docs-toggle").click()
    item = ask(browser, "Has China rolled back its rare earth export control regime?")
    item.find_element(By.CSS_SELECTOR, ".answer-text button.cite").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "passage").get_attribute("open") is not None)
    shown = browser.execute_script("""
        const text = document.getElementById('passage-text');
        return {title: document.getElementById('passage-title').textContent,
                meta: document.getElementById('passage-meta').textContent,
                links: [...document.querySelectorAll('#passage a')].map((a) => [a.getAttribute('href'), a.textContent,
                                                                          a.getAttribute('rel')]),
                also: document.getElementById('passage-also').textContent,
                passage: text.textContent, marked: [...text.querySelectorAll('mark')].map((m) => m.textContent),
                elements: [...text.querySelectorAll('*')].map((e) => e.tagName)};""")
    documents = httpx.get(url_server.url + "/v1/documents").json()["documents"]
    cited = next(d for d in documents if d["title"] == shown["title"])
    assert cited["url"] and shown["links"] == [[cited["url"], cited["url"], "noopener noreferrer"]]
    assert "The Harbour Ledger" in shown["meta"] and "2025-06-12" in shown["meta"]
    assert len(shown["marked"]) == 1 and shown["elements"] == ["MARK"]
    assert shown["marked"][0] in shown["passage"] and len(shown["passage"]) > len(shown["marked"][0])
    if cited["also_published_by"]:
        assert shown["also"] == "Also published by " + ", ".join(cited["also_published_by"])
