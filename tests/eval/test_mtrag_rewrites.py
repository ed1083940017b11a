"""MTRAG follow-ups asked as their annotators' rewrites (eval.mtrag --rewrites): the ceiling of reading a turn."""

from __future__ import annotations

import json
from pathlib import Path

from eval.mtrag import read_rewrites, rewritten


def _row(turn: int, users: int, answerable: bool = True) -> dict:
    messages = []
    for i in range(users):
        messages += [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]
    return {"id": f"mtrag-abc-{turn}", "messages": messages[:-1], "sources": ["d1"] if answerable else [],
            "answerable": answerable, "tags": ["cloud", "answerable" if answerable else "unanswerable"]}


def test_each_follow_up_becomes_its_rewrite(tmp_path: Path) -> None:
    domain = tmp_path / "cloud"
    domain.mkdir()
    (domain / "cloud_rewrite.jsonl").write_text(
        json.dumps({"_id": "abc<::>1", "text": "|user|: first"}) + "\n"
        + json.dumps({"_id": "abc<::>2", "text": "|user|: Is the free trial of Cloudant time limited?"}) + "\n"
        + json.dumps({"_id": "abc<::>3", "text": "|user|: Does Cloudant store JSON?"}) + "\n", encoding="utf-8")
    rewrites = read_rewrites(tmp_path)
    assert rewrites["abc<::>2"] == "Is the free trial of Cloudant time limited?"
    rows = rewritten([_row(1, 1), _row(2, 2), _row(3, 3, answerable=False), _row(4, 2)], rewrites)
    # the first turn is no follow-up; turn 4 has no rewrite
    assert [(r["id"], r["question"], r["answerable"], r["sources"]) for r in rows] == [
        ("mtrag-abc-2", "Is the free trial of Cloudant time limited?", True, ["d1"]),
        ("mtrag-abc-3", "Does Cloudant store JSON?", False, [])]
    assert "rewrite" in rows[0]["tags"]
