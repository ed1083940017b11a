"""The rag command as a user runs it, as a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, copy_index


def rag(*args: str, index: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if index is not None:
        env["RAG_INDEX_DIR"] = str(index)
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


def test_ask_about_processing_share_answers_85_and_cites_an_article_that_says_so(rare_earths_index: Path) -> None:
    result = rag("ask", "What share of rare earth processing does China control?", "--json", index=rare_earths_index)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["grounded"] is True and "85" in answer["answer"]
    assert any("85" in c["text"] for c in answer["citations"])
    assert {"question", "answer", "grounded", "citations"} <= answer.keys()


def test_ask_prints_the_answer_and_numbered_sources(rare_earths_index: Path) -> None:
    result = rag("ask", "When did China implement its export licensing requirements?", index=rare_earths_index)
    assert result.returncode == 0, result.stderr
    assert "April 4, 2025 [1]" in result.stdout
    assert "Sources:\n  [1] 003_b266b34e924597ea" in result.stdout


def test_search_prints_passages_with_scores_as_json(rare_earths_index: Path) -> None:
    result = rag("search", "gallium germanium semiconductors", "-k", "3", "--json", index=rare_earths_index)
    passages = json.loads(result.stdout)["passages"]
    assert len(passages) == 3
    assert passages[0]["score"] >= passages[1]["score"] >= passages[2]["score"]
    assert "gallium" in passages[0]["text"].lower()
    assert {"doc_id", "chunk_id", "title", "text", "score"} <= passages[0].keys()


def test_index_is_incremental_and_delete_removes_a_document(tmp_path: Path, rare_earths_index: Path) -> None:
    index = copy_index(rare_earths_index, tmp_path / "index")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "harbor.txt").write_text("Harbor Plant Approved By Council\n\nThe council approved a desalination "
                                      "plant that will produce 50,000 cubic metres of water a day.")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02binary")
    first = rag("index", str(folder), index=index)
    assert first.returncode == 0, first.stderr
    assert "added 1, updated 0, skipped 0 unchanged, refused 1" in first.stdout
    assert "junk.txt: binary file" in first.stdout
    again = rag("index", str(folder), index=index)
    assert "added 0, updated 0, skipped 1 unchanged" in again.stdout
    (folder / "harbor.txt").write_text("Harbor Plant Approved By Council\n\nThe plant will now produce 65,000 "
                                      "cubic metres of water a day.")
    assert "updated 1" in rag("index", str(folder), index=index).stdout
    found = json.loads(rag("search", "desalination plant water", "-k", "1", "--json", index=index).stdout)
    assert "65,000" in found["passages"][0]["text"]
    assert rag("delete", "harbor", index=index).returncode == 0
    found = json.loads(rag("search", "desalination plant water", "-k", "5", "--json", index=index).stdout)
    assert all(p["doc_id"] != "harbor" for p in found["passages"])
    missing = rag("delete", "harbor", index=index)
    assert missing.returncode == 1 and "no document with doc_id 'harbor'" in missing.stderr


def test_bad_questions_print_one_clear_line_and_exit_non_zero(rare_earths_index: Path) -> None:
    for args, message in [(("ask", "   "), "question must not be empty"),
                          (("ask", "x" * 2001), "limit is 2000"),
                          (("ask", "ok?", "-k", "0"), "k: Input should be greater than or equal to 1"),
                          (("search", "ok", "-k", "51"), "k: Input should be less than or equal to 50")]:
        result = rag(*args, index=rare_earths_index)
        assert result.returncode != 0
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_asking_an_empty_index_says_it_is_empty(tmp_path: Path) -> None:
    result = rag("ask", "Anything?", index=tmp_path / "empty")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: The index is empty: index some articles first (rag index PATH)."


def test_opening_an_index_with_another_embedder_is_refused(rare_earths_index: Path, tmp_path: Path) -> None:
    index = copy_index(rare_earths_index, tmp_path / "index")
    result = subprocess.run([sys.executable, "-m", "api.cli", "ask", "x?"], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hashing"})
    assert result.returncode == 1 and "was built with embedder sentence-transformers/all-MiniLM-L6-v2" in result.stderr
