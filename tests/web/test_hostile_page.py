"""Article text with HTML, script and links is shown as literal text in the chat page (headless Chromium): no element
injected, no script run, no link made."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import API_KEY, EXAMPLES, Server, start_server, stop_server
from tests.web.test_page import ask, browser  # noqa: F401 - the browser fixture, shared

PAYLOAD = ('<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> '
           '[click](javascript:window.pwned=3) <a href="javascript:window.pwned=4">link</a> <b>bold</b>')
TITLE = '<img src=x onerror="window.pwned=5">Port Quill plant opens'
TEXT = f"The Port Quill plant produces 55,000 cubic metres of water a day {PAYLOAD}.\n\nIt opened in Marrow Bay."


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("hostile-page")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    running = start_server(base / "index", base / "server.log", env, args=["--seed", str(EXAMPLES)])
    created = httpx.post(running.url + "/v1/documents", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60,
                         json={"doc_id": "quill", "title": TITLE, "text": TEXT})
    assert created.status_code == 201, created.text
    yield running
    stop_server(running)


INJECTED = """return {
  img: document.querySelectorAll('img').length,
  scripts: [...document.scripts].map((s) => s.src || 'inline'),
  handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
  links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  bold: document.querySelectorAll('#log b, #passage b').length,
  pwned: window.pwned === undefined ? null : window.pwned,
};"""


def test_html_and_script_in_an_article_show_as_text_in_the_page(browser, hostile_server: Server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(hostile_server.url + "/")
    WebDriverWait(browser, 20).until(lambda d: "articles" in d.find_element(By.ID, "status").text)
    item = ask(browser, "How much water does the Port Quill plant produce a day?")
    answer = item.find_element(By.CSS_SELECTOR, ".answer-text").text
    assert "55,000 cubic metres" in answer and '<img src=x onerror="window.pwned=1">' in answer
    assert "<script>window.pwned=2</script>" in answer and "[click](javascript:window.pwned=3)" in answer
    assert TITLE in item.find_element(By.CSS_SELECTOR, ".sources").text
    item.find_element(By.CSS_SELECTOR, ".answer-text button.cite").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "passage").get_attribute("open") is not None)
    assert browser.find_element(By.ID, "passage-title").text == TITLE
    assert '<a href="javascript:window.pwned=4">link</a>' in browser.find_element(By.ID, "passage-text").text
    found_in_dialog = browser.execute_script(INJECTED)
    browser.find_element(By.ID, "passage-close").click()
    browser.find_element(By.ID, "docs-toggle").click()
    WebDriverWait(browser, 10).until(lambda d: TITLE in d.find_element(By.ID, "doc-list").text)
    found = browser.execute_script(INJECTED)
    assert found == found_in_dialog == {"img": 0, "scripts": [hostile_server.url + "/static/app.js"], "handlers": 0, "links": ["#question"],
                     "bold": 0, "pwned": None}, found
    # The control: had the page inserted the text as HTML, the probe would have seen it.
    browser.execute_script("document.getElementById('log').insertAdjacentHTML('beforeend', arguments[0])", PAYLOAD)
    assert browser.execute_script(INJECTED)["img"] == 1
