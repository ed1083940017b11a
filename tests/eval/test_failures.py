"""eval.failures: each answerable miss is put down to retrieval, the answerer's bar or the answerer's pick."""

from __future__ import annotations

import json
from pathlib import Path

from eval.failures import breakdown, main, table


def test_each_answerable_row_gets_one_cause_and_unanswerable_rows_are_counted_apart(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    items = {"a": {"id": "a", "sources": ["g"]}, "b": {"id": "b", "sources": ["g"]}, "c": {"id": "c", "sources": ["g"]},
             "d": {"id": "d", "sources": ["g"]}, "e": {"id": "e", "sources": []}, "u": {"id": "u", "answerable": False}}
    run = {"questions": [
        {"id": "a", "follow_up": False, "cited": ["g"], "retrieved": ["g", "x"]},
        {"id": "b", "follow_up": True, "cited": [], "retrieved": ["x", "g"]},
        {"id": "c", "follow_up": True, "cited": [], "retrieved": ["x"]},
        {"id": "d", "follow_up": True, "cited": ["x"], "retrieved": ["x", "g"]},
        {"id": "e", "follow_up": True, "cited": ["x"], "retrieved": ["x"]},
        {"id": "u", "follow_up": True, "cited": ["x"], "retrieved": ["x"]},
    ]}
    counts = breakdown(run, items)
    assert counts["first turns"] == {"cited": 1}
    assert counts["follow-ups"] == {"declined, source retrieved": 1, "declined, source missed": 1,
                                    "other cited, source retrieved": 1, "other cited, source missed": 1}
    assert counts["unanswerable"] == {"answered": 1}
    assert "| declined, source retrieved | 0 (0.00) | 1 (0.25) | 1 (0.20) |" in table(counts)
    (tmp_path / "run.json").write_text(json.dumps(run))
    (tmp_path / "data.jsonl").write_text("\n".join(json.dumps(i) for i in items.values()))
    assert main([str(tmp_path / "run.json"), str(tmp_path / "data.jsonl")]) == 0
    assert "unanswerable declined | | | 0 of 1" in capsys.readouterr().out
