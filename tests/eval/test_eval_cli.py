"""`rag eval` end to end on the shared articles, through the same code path as /v1/ask."""

import json
from pathlib import Path

from tests.api.test_cli import rag
from tests.conftest import REPO

DATASET = REPO / "eval" / "datasets" / "rare-earths.jsonl"


def test_eval_scores_the_shared_articles_and_writes_a_report(rare_earths_index: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = rag("eval", str(DATASET), "--json", "--report", str(report), index=rare_earths_index)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["hit@10"] >= 0.9 and summary["fact_accuracy"] >= 0.6
    text = report.read_text()
    assert "fact_accuracy" in text and "## Failures" in text
    assert (tmp_path / "report-metrics.png").stat().st_size > 1000


def test_a_missed_threshold_fails_the_run(rare_earths_index: Path) -> None:
    result = rag("eval", str(DATASET), "--min-fact-accuracy", "1.01", index=rare_earths_index)
    assert result.returncode == 1
    assert "threshold missed: default: fact_accuracy" in result.stderr


def test_compare_runs_two_configurations_side_by_side(rare_earths: Path, tmp_path: Path) -> None:
    small, large = tmp_path / "small.toml", tmp_path / "large.toml"
    small.write_text("[chunking]\nsize = 300\noverlap = 50\n")
    large.write_text("[chunking]\nsize = 900\noverlap = 100\n")
    subset = tmp_path / "subset.jsonl"
    subset.write_text("\n".join(DATASET.read_text().splitlines()[:6]))
    result = rag("eval", str(subset), "--compare", str(small), str(large), "--corpus", str(rare_earths))
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["metric", "small", "large", "Δ", "large"]


def test_a_bad_dataset_line_stops_before_asking(rare_earths_index: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "ok?"}\nnot json\n')
    result = rag("eval", str(bad), index=rare_earths_index)
    assert result.returncode == 1 and "bad.jsonl:2: not valid JSON" in result.stderr


def test_an_empty_index_is_one_clear_line(tmp_path: Path) -> None:
    result = rag("eval", str(DATASET), index=tmp_path / "nothing")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: the index in") and "is empty or missing" in result.stderr


def test_conversations_are_scored_apart_for_first_turns_and_follow_ups(rare_earths_index: Path, tmp_path: Path) -> None:
    subset = tmp_path / "conversations.jsonl"
    lines = (REPO / "eval" / "datasets" / "rare-earths-conversations.jsonl").read_text().splitlines()
    subset.write_text("\n".join(line for line in lines if json.loads(line)["id"] in ("c01", "c05", "u01", "f01", "f03")))
    result = rag("eval", str(subset), index=rare_earths_index)
    assert result.returncode == 0, result.stderr
    assert "default: first turns (n=2)" in result.stdout and "default: follow-ups (n=3)" in result.stdout
    data = json.loads(rag("eval", str(subset), "--json", index=rare_earths_index).stdout)
    follow = {q["id"]: q for q in data["questions"]}["c01"]
    assert follow["follow_up"] and follow["query"] == "What reports did Scott Bessent dispute?"
    assert set(data["splits"]) == {"first turns", "follow-ups"}
    # a conversation's passages are ranked to the depth a single question's are (hit@10, nDCG@10), not to the 5 the
    # chat answers from
    assert min(len(q["retrieved"]) for q in data["questions"]) >= 10
