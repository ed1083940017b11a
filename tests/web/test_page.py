"""The chat page end to end in headless Chromium (Debian's chromium + chromedriver, driven by Selenium)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, Server

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# The sandbox's closed network refuses Chromium's background connections; these flags stop it trying.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1100,900"]


@pytest.fixture(scope="module")
def browser() -> Iterator:  # type: ignore[type-arg]
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        if os.environ.get("RAG_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are not installed; `make test` installs them")
        pytest.skip("chromium and chromedriver are not installed (make test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def ask(driver, question: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    before = len(driver.find_elements(By.CSS_SELECTOR, "#log > li.assistant"))
    box = driver.find_element(By.ID, "question")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)  # keyboard only: Enter sends
    wait = WebDriverWait(driver, 60)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log > li.assistant")) > before)
    item = driver.find_elements(By.CSS_SELECTOR, "#log > li.assistant")[-1]
    wait.until(lambda d: "streaming" not in (item.get_attribute("class") or ""))
    return item


def test_ask_stream_cite_and_decline_in_a_real_browser(browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    WebDriverWait(browser, 20).until(lambda d: "articles" in d.find_element(By.ID, "status").text)
    # Record what the conversation shows while the answer streams in, before the verified answer replaces it.
    browser.execute_script("""
        window.streamed = [];
        new MutationObserver(() => {
          const draft = document.querySelector('#log li.streaming .answer-text');
          if (draft && draft.textContent) window.streamed.push(draft.textContent);
        }).observe(document.getElementById('log'), {subtree: true, childList: true, characterData: true});""")

    item = ask(browser, "How long will the export resumption last?")
    assert browser.execute_script("return window.streamed.length") > 0, "no streamed draft was shown"
    text = item.find_element(By.CSS_SELECTOR, ".answer-text").text
    assert "90" in text and "[1]" in text and "[2]" in text
    conflicts = item.find_elements(By.CSS_SELECTOR, ".conflicts")
    assert conflicts and "Sources disagree" in conflicts[0].text  # 90 days in one article, one year in another
    sources = item.find_element(By.CSS_SELECTOR, ".sources").text

    cite = item.find_element(By.CSS_SELECTOR, ".answer-text button.cite")
    cite.send_keys(Keys.ENTER)  # a focused [n] opens with the keyboard
    dialog = browser.find_element(By.ID, "passage")
    WebDriverWait(browser, 10).until(lambda d: dialog.get_attribute("open") is not None)
    title = browser.find_element(By.ID, "passage-title").text
    assert title and title in sources
    assert browser.find_element(By.ID, "passage-text").text.strip()
    if os.environ.get("RAG_SCREENSHOT"):
        browser.save_screenshot(str(REPO / "docs" / "chat-page.png"))
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 10).until(lambda d: dialog.get_attribute("open") is None)
    assert browser.switch_to.active_element == cite  # focus goes back to the citation

    # Magnet making (~90%) and refining (85%) are different things: no "Sources disagree" block for them.
    scoped = ask(browser, "What share of NdFeB magnet production does China control?")
    assert "90%" in scoped.find_element(By.CSS_SELECTOR, ".answer-text").text
    assert not [c for c in scoped.find_elements(By.CSS_SELECTOR, ".conflicts") if "Sources disagree" in c.text]

    declined = ask(browser, "What is the capital of Peru?")
    assert "declined-answer" in (declined.get_attribute("class") or "")
    assert "Not in the articles" in declined.find_element(By.CSS_SELECTOR, ".declined").text
    assert not declined.find_elements(By.CSS_SELECTOR, "button.cite")


def test_the_page_fits_a_phone_screen(browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.set_window_size(375, 740)
    try:
        browser.get(server.url + "/")
        ask(browser, "What share of rare earth processing does China control?")
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        send = browser.find_element(By.ID, "send")
        assert send.is_displayed() and send.size["width"] > 100  # the buttons stretch across a phone's width
    finally:
        browser.set_window_size(1100, 900)
