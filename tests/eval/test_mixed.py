"""The RGB-mixed dev set: each question with its own 1-12 documents, true, false and noise, drawn reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

from eval.mixed import rgb_mixed


def _rgb(folder: Path, rows: int) -> Path:
    lines = []
    for i in range(rows):
        lines.append(json.dumps({
            "id": i, "query": f"Who won contest {i}?", "answer": [f"Winner {i}"], "fakeanswer": f"Faker {i}",
            "positive": [f"Winner {i} won contest {i}, passage {j}." for j in range(4)],
            "positive_wrong": [f"Faker {i} won contest {i}, passage {j}." for j in range(4)],
            "negative": [f"Contest {i} was held in a hall, note {j}." for j in range(9)]}))
    (folder / "en_fact.json").write_text("\n".join(lines) + "\n")
    return folder


def test_rows_have_the_benchmark_shape_and_are_reproducible(tmp_path: Path) -> None:
    rows = rgb_mixed(_rgb(tmp_path, 40))
    assert rows == rgb_mixed(tmp_path) and len(rows) == 40
    for row in rows:
        kinds = [d["kind"] for d in row["docs"]]
        assert 1 <= len(kinds) <= 12 and 1 <= kinds.count("true") <= 3 and kinds.count("false") <= 2
        falses = [d["text"] for d in row["docs"] if d["kind"] == "false"]
        assert row["expect"] == ("disagreement" if falses else "no-disagreement")
        assert bool(row["false_answers"]) == bool(falses)
        # a counterfeit is never of a passage also given true (the pair would be a near-copy)
        trues = {d["text"].split(", ")[1] for d in row["docs"] if d["kind"] == "true"}
        assert not trues & {t.split(", ")[1] for t in falses}
    assert {r["expect"] for r in rows} == {"disagreement", "no-disagreement"}
    assert len(rgb_mixed(tmp_path, limit=5)) == 5
