"""`rag eval --collection`: questions asked within collections, with figures per collection, on a store holding
two teams' articles (tests/api/collections_world.py)."""

import json
from pathlib import Path

from tests.api.collections_world import OURS, THEIRS
from tests.api.test_cli import rag
from tests.conftest import REPO

DATASET = REPO / "eval" / "datasets" / "rare-earths.jsonl"


def test_eval_within_a_collection_reports_figures_per_collection(two_teams_index: Path, tmp_path: Path) -> None:
    lines = [json.loads(line) for line in DATASET.read_text().splitlines()[:4]]
    subset = tmp_path / "subset.jsonl"
    subset.write_text("\n".join(json.dumps(line) for line in lines))
    ours = rag("eval", str(subset), "--collection", OURS, "--json", index=two_teams_index)
    assert ours.returncode == 0, ours.stderr
    run = json.loads(ours.stdout)
    assert set(run["collections"]) == {OURS} and run["collections"][OURS]["n"] == 4
    assert all(q["collections"] == [OURS] for q in run["questions"])
    theirs = json.loads(rag("eval", str(subset), "--collection", THEIRS, "--json", index=two_teams_index).stdout)
    assert theirs["collections"][THEIRS]["fact_accuracy"] < run["collections"][OURS]["fact_accuracy"]
    assert all(set(q["cited"]) <= {"decoy-1", "decoy-2", "decoy-3"} for q in theirs["questions"])

    mixed = tmp_path / "mixed.jsonl"  # each line names its own collection
    mixed.write_text("\n".join(json.dumps({**line, "collections": [OURS if n % 2 else THEIRS]})
                               for n, line in enumerate(lines)))
    table = rag("eval", str(mixed), index=two_teams_index)
    assert table.returncode == 0, table.stderr
    header = next(row for row in table.stdout.splitlines() if row.startswith("metric (per collection)"))
    assert f"{OURS} (n=2)" in header and f"{THEIRS} (n=2)" in header
    only = rag("eval", str(mixed), "--collection", OURS, "--json", index=two_teams_index)
    assert len(json.loads(only.stdout)["questions"]) == 2  # lines of another collection are not asked


def test_a_malformed_collection_name_is_a_clear_message(two_teams_index: Path) -> None:
    result = rag("eval", str(DATASET), "--collection", "Bad Name", index=two_teams_index)
    assert result.returncode == 1 and "not a collection name" in result.stderr and "Traceback" not in result.stderr
