"""Commands that embed nothing (delete, check, feedback export) run without the model's libraries at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rag.settings import Settings
from rag.stores import open_store
from tests.conftest import REPO, copy_index

# Run the CLI with torch, sentence-transformers and onnxruntime made unimportable: a command that tried to load
# the embedding model would fail instead of just being slow.
WITHOUT_MODEL = """
import sys, runpy
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "sentence_transformers", "onnxruntime", "transformers"):
            raise ImportError(f"{name} may not be loaded by this command")
        return None
sys.meta_path.insert(0, Refuse())
sys.argv = ["rag", *sys.argv[1:]]
runpy.run_module("api.cli", run_name="__main__")
"""


def rag_without_model(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAG_INDEX_DIR": str(index)}
    return subprocess.run([sys.executable, "-c", WITHOUT_MODEL, *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


def test_delete_check_and_feedback_export_need_no_model(tmp_path: Path, rare_earths_index: Path) -> None:
    index = copy_index(rare_earths_index, tmp_path / "index")
    checked = rag_without_model("check", index=index)
    assert checked.returncode == 0, checked.stderr
    assert "ok:" in checked.stdout and "5 documents" in checked.stdout
    doc_id = sorted(open_store(Settings.load(index_dir=index)).content_hashes())[0]
    deleted = rag_without_model("delete", doc_id, index=index)
    assert deleted.returncode == 0, deleted.stderr
    assert "4 documents" in rag_without_model("check", index=index).stdout
    missing = rag_without_model("delete", doc_id, index=index)
    assert missing.returncode == 1 and "no document with doc_id" in missing.stderr
    exported = rag_without_model("feedback", "export", index=index)
    assert exported.returncode == 1 and "no feedback recorded yet" in exported.stderr  # a clear line, not an import


def test_the_refusal_is_real_asking_needs_the_model(tmp_path: Path, rare_earths_index: Path) -> None:
    """The same guard stops a command that does embed: the test above would catch a command loading the model."""
    result = rag_without_model("search", "magnets", index=rare_earths_index)
    assert result.returncode != 0 and "may not be loaded" in result.stderr
