"""The short soak (bench/soak.py as CI runs it): a steady mix with uploads, the real model, zero errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SECONDS, RATE = 40, 3


@pytest.mark.slow
def test_a_short_soak_of_search_ask_chat_and_uploads_has_no_errors_and_every_upload_is_searchable(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    result = subprocess.run([sys.executable, "bench/soak.py", "--seconds", str(SECONDS), "--rate", str(RATE),
                             "--window", "10", "--upload-every", "4", "--json", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(out.read_text())
    assert summary["errors"] == 0 and summary["first_errors"] == []
    assert summary["server_alive"]
    assert {"search", "ask", "chat", "chat-follow-up", "upload"} <= summary["by_kind"].keys()
    assert summary["requests"] >= SECONDS * RATE, "the load ran at its rate for the whole time"
    assert summary["uploads"] >= SECONDS // 4 - 1 and summary["unsearchable_uploads"] == []
    # Memory: the model's warm-up happens in the first window; after it, growth stays well under this bound.
    assert summary["rss_mb_end"] - summary["rss_mb_after_first_window"] < 200, summary["rss_samples"]
