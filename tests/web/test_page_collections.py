"""The chat page shows which collections a conversation searches and offers only those the key may read, in
headless Chromium against the real service with two teams' collections."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.collections_world import ADMIN_KEY, KEYS, OUR_KEY, OURS, QUESTIONS, THEIRS, leaks
from tests.conftest import Server, copy_index, start_server, stop_server
from tests.web.test_page import ask, browser  # noqa: F401 - the fixture


@pytest.fixture(scope="module")
def teams_server(tmp_path_factory: pytest.TempPathFactory, two_teams_index: Path) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("page-teams")
    running = start_server(copy_index(two_teams_index, base / "index"), base / "server.log",
                           {"RAG_API_KEYS": KEYS, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"})
    yield running
    stop_server(running)


def _use_key(driver, key: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    if driver.find_element(By.ID, "docs").get_attribute("hidden") is not None:
        driver.find_element(By.ID, "docs-toggle").click()
    field = driver.find_element(By.ID, "api-key")
    field.clear()
    field.send_keys(key, Keys.TAB)  # the change event


def _offered(driver) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return [box.get_attribute("value") for box in driver.find_elements(By.CSS_SELECTOR, "#collection-list input")]


def test_the_page_offers_the_keys_collections_and_shows_what_each_answer_searched(browser, teams_server: Server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(teams_server.url + "/")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: "articles" in d.find_element(By.ID, "status").text)
    assert browser.find_element(By.ID, "collections").get_attribute("hidden") is not None  # anonymous: nothing to pick

    _use_key(browser, OUR_KEY)
    wait.until(lambda d: _offered(d) == [OURS])
    assert "searches: " + OURS in browser.find_element(By.ID, "searching").text
    answer = ask(browser, QUESTIONS[0])
    assert answer.find_element(By.CSS_SELECTOR, ".searched").text == "Searched: " + OURS
    assert not leaks(answer.text)

    _use_key(browser, ADMIN_KEY)
    wait.until(lambda d: set(_offered(d)) == {"default", OURS, THEIRS})
    for box in browser.find_elements(By.CSS_SELECTOR, "#collection-list input"):
        if box.is_selected() != (box.get_attribute("value") == THEIRS):
            box.click()  # pick only the other desk's collection
    assert browser.find_element(By.ID, "searching").text.endswith(THEIRS)
    theirs = ask(browser, QUESTIONS[0])
    assert theirs.find_element(By.CSS_SELECTOR, ".searched").text == "Searched: " + THEIRS
    assert leaks(theirs.text)  # the picked collection, and only it, was searched
