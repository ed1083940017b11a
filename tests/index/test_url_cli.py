"""`rag index` with URLs, --urls and --feed, and `rag watch`, driven as a user runs them against a loopback news
site: good pages are indexed, each bad one is reported with its reason, and re-runs are incremental."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.urls import url_doc_id
from tests.conftest import EXAMPLES, REPO
from tests.fakes.news_site import NewsSite

ENV = {"RAG_EMBEDDER": "hashing", "RAG_FETCH__ALLOW_PRIVATE": "true", "RAG_FETCH__TIMEOUT": "1.5",
       "RAG_FETCH__MAX_BYTES": "2000000"}


@pytest.fixture(scope="module")
def site(rare_earths: Path) -> Iterator[NewsSite]:
    with NewsSite(rare_earths, slow_seconds=4, delay=0.15) as running:
        yield running


def rag(index: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "RAG_INDEX_DIR": str(index), **ENV, **(env or {})}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=full, capture_output=True,
                          text=True, timeout=300)


def documents(index: Path) -> dict[str, tuple[str | None, str | None]]:
    with sqlite3.connect(index / "meta.sqlite") as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT doc_id, url, content_hash FROM documents")}


def test_a_mix_of_files_urls_and_bad_urls_indexes_the_good_and_names_each_bad_one(tmp_path: Path, site: NewsSite) -> None:
    good = [site.article_url(slug) for slug in sorted(site.articles)[:2]]  # the first is where /redirect/3 ends
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# saved links\n{site.url}/latin1.html\n\n{site.url}/redirect/3\n", encoding="utf-8")
    bad = {"/slow": "timed out after 1.5 s", "/missing": "HTTP 404 Not Found", "/loop/a": "redirect loop",
           "/huge": "the body is over the limit of 2,000,000 bytes", "/image.png": "content type 'image/png' is not read"}
    index = tmp_path / "index"
    done = rag(index, "index", str(EXAMPLES), *good, *(site.url + p for p in bad), "--urls", str(listed),
               "--feed", site.url + "/broken.rss", "--feed", site.url + "/nolinks.rss")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # 3 files and 5 pages; /redirect/3 ends at the first article: the same story, recorded as a copy of it
    assert out.startswith("added 7, updated 0, skipped 0 unchanged, refused 8"), out
    assert f"copy {url_doc_id(site.url + '/redirect/3')}: the same story as {url_doc_id(good[0])}" in out
    for path, reason in bad.items():
        assert f"refused {site.url}{path}: {reason}" in out
    assert f"refused {site.url}/broken.rss: malformed feed XML" in out
    assert f"refused {site.url}/nolinks.rss: item 1 ('A note without a link') has no link" in out
    stored = documents(index)
    assert {url for url, _ in stored.values() if url} == {*good, f"{site.url}/latin1.html"}
    assert rag(index, "check").returncode == 0

    again = rag(index, "index", *good, "--urls", str(listed))
    assert again.stdout.startswith("added 0, updated 0, skipped 4 unchanged, refused 0"), again.stdout
    assert site.not_modified[f"/world/{sorted(site.articles)[1]}.html"] >= 1  # a conditional GET, answered 304
    assert documents(index) == stored


def test_search_results_carry_the_url_of_the_article(tmp_path: Path, site: NewsSite) -> None:
    index = tmp_path / "index"
    url = site.article_url(sorted(site.articles)[0])
    assert rag(index, "index", url).returncode == 0
    found = json.loads(rag(index, "search", "rare earth export licensing", "--json").stdout)["passages"]
    assert found and {p["url"] for p in found} == {url}


def test_a_private_address_is_refused_without_the_setting_and_nothing_changes(tmp_path: Path, site: NewsSite) -> None:
    index = tmp_path / "index"
    assert rag(index, "index", str(EXAMPLES)).returncode == 0
    before = documents(index)
    refused = rag(index, "index", site.article_url(sorted(site.articles)[0]), env={"RAG_FETCH__ALLOW_PRIVATE": "false"})
    assert refused.returncode == 1
    assert "resolves to a loopback address (127.0.0.1)" in refused.stdout and "RAG_FETCH__ALLOW_PRIVATE=true" in refused.stdout
    assert documents(index) == before


def test_a_feed_indexes_each_linked_article_once_by_guid_and_url(tmp_path: Path, site: NewsSite) -> None:
    index = tmp_path / "index"
    rss = rag(index, "index", "--feed", site.url + "/feed.rss")
    assert rss.stdout.startswith(f"added {len(site.articles)}, "), rss.stdout  # the repeated item counted once
    assert "item 7 ('Briefing: markets at a glance') has no link" in rss.stdout
    # The Atom feed links the same articles (other guids, same URLs): nothing new is fetched or added.
    hits = sum(site.hits.values())
    atom = rag(index, "index", "--feed", site.url + "/feed.atom")
    assert atom.stdout.startswith("added 0, updated 0, skipped 0 unchanged, refused 1"), atom.stdout
    assert "item 7 ('Briefing: markets at a glance') has no link" in atom.stdout  # its urn: id is not a link
    assert sum(site.hits.values()) == hits + 1  # only the feed itself
    assert len(documents(index)) == len(site.articles)


def test_a_watch_killed_mid_poll_loses_nothing_and_repeats_nothing(tmp_path: Path, site: NewsSite) -> None:
    index = tmp_path / "index"
    feed = site.url + "/many.rss"
    env = {**os.environ, "RAG_INDEX_DIR": str(index), **ENV}
    watcher = subprocess.Popen([sys.executable, "-m", "api.cli", "watch", "--feed", feed, "--every", "1h"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    seen = 0
    while time.monotonic() < deadline and watcher.poll() is None:
        try:
            with sqlite3.connect(f"file:{index / 'fetch.sqlite'}?mode=ro", uri=True) as conn:
                seen = conn.execute("SELECT COUNT(DISTINCT doc_id) FROM feed_items").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            pass
        if seen >= 10:
            break
        time.sleep(0.05)
    watcher.send_signal(signal.SIGKILL)
    watcher.wait()
    first = documents(index)
    assert 10 <= len(first) < len(site.many), "the kill did not land mid-poll"

    rest = rag(index, "watch", "--feed", feed, "--once")
    assert rest.returncode == 0, rest.stderr
    counts = rest.stdout.split(": ", 1)[1]
    added, skipped = int(counts.split("added ")[1].split(",")[0]), int(counts.split("skipped ")[1].split(" ")[0])
    assert added + len(first) == len(site.many)  # nothing lost
    assert skipped <= 10  # only items of the batch that committed but was not yet marked seen are fetched again
    final = documents(index)
    assert len(final) == len(site.many) and all(final[d] == first[d] for d in first)  # nothing repeated or changed
    assert rag(index, "check").returncode == 0
    again = rag(index, "watch", "--feed", feed, "--once")
    assert "added 0, updated 0, skipped 0 unchanged, refused 0" in again.stdout


def test_a_story_from_three_sites_is_one_source_and_survives_deleting_the_original(tmp_path: Path, site: NewsSite) -> None:
    index = tmp_path / "index"
    first, *copies = site.wire_urls()
    done = rag(index, "index", *site.wire_urls())
    assert done.stdout.startswith("added 3,") and done.stdout.count(f"the same story as {url_doc_id(first)}") == 2
    found = json.loads(rag(index, "search", "China export control regime", "--json", "-k", "10").stdout)["passages"]
    assert {p["doc_id"] for p in found} == {url_doc_id(first)}
    assert found[0]["also_published_by"] == ["Coastal Courier", "Valley Times"]
    deleted = rag(index, "delete", url_doc_id(first))
    assert deleted.returncode == 0 and "stands in for it" in deleted.stdout
    found = json.loads(rag(index, "search", "China export control regime", "--json", "-k", "10").stdout)["passages"]
    assert len({p["doc_id"] for p in found}) == 1 and {p["doc_id"] for p in found} <= {url_doc_id(u) for u in copies}
    assert len(found[0]["also_published_by"]) == 1 and rag(index, "check").returncode == 0
