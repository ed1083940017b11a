"""Syndicated-copy detection (rag/syndication.py) on a set built from real text: precision and recall.

Originals: the 5 shared rare-earth news articles (three of them report the same event: hard negatives) and
articles of 3 consecutive SQuAD 2.0 passages (Wikipedia text, CC BY-SA 4.0), read from ../shared, never copied.
Each original gets the copies a wire story gets on other sites (the positives):
  boilerplate  another headline, a byline, a newsletter line and a credit line around the same body
  trimmed      the last paragraph (or last fifth) cut, a credit line added
  edited       about one word in 30 changed (a regional edit), another headline
  updated      an update paragraph from another text appended
and one follow-up story per original (the hard negatives): its first two paragraphs (or first third) quoted, then
twice as much new text from other articles. Everything goes through ``mark_copies`` in a shuffled order, as feeds
deliver it; a copy marked against any member of its own story counts as right.

Run: PYTHONPATH=. .venv/bin/python bench/syndication.py [--thresholds 0.5 0.6 0.7 0.8 0.9]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.syndication import mark_copies  # noqa: E402
from rag.types import Document  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
SWAPS = {"said": "says", "percent": "per cent", "the": "the", "and": "and", "million": "mln", "about": "around",
         "United States": "U.S.", "more": "over", "which": "that", "also": "as well"}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def originals(squad_articles: int) -> list[list[str]]:
    texts = [paragraphs(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "corpus" / "rare-earths").glob("*.txt"))]
    queries = json.loads((SHARED / "benchmarks" / "squad2-sub500" / "queries.json").read_text())["queries"]
    contexts = list(dict.fromkeys(q["context"] for q in queries))
    for i in range(0, min(len(contexts), squad_articles * 3) - 2, 3):
        texts.append(contexts[i:i + 3])
    return texts


def variants(body: list[str], rng: random.Random, filler: list[str]) -> dict[str, list[str]]:
    trimmed = body[:-1] if len(body) >= 4 else [" ".join(" ".join(body).split()[: int(len(" ".join(body).split()) * 0.8)])]
    words = " ".join(body).split(" ")
    edited = [w if rng.random() > 1 / 30 else SWAPS.get(w, w + "s") for w in words]
    quoted = body[:2] if len(body) >= 4 else [" ".join(" ".join(body).split()[: len(" ".join(body).split()) // 3])]
    new_words = sum(len(p.split()) for p in quoted) * 2
    follow: list[str] = []
    while sum(len(p.split()) for p in follow) < new_words:
        follow.append(rng.choice(filler))
    return {
        "boilerplate": ["Breaking: the story in full", "By the wire desk | Coastal Courier", *body,
                        "Sign up for our morning newsletter.", "Reporting by the wire staff; editing by the night desk."],
        "trimmed": [*trimmed, "Additional reporting by the regional bureau."],
        "edited": ["A regional edition", " ".join(edited)],
        "updated": [*body, "Update: " + rng.choice(filler)],
        "follow-up": [*quoted, *follow],
    }


def run(thresholds: list[float], squad_articles: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    bodies = originals(squad_articles)
    docs: list[tuple[Document, str, str]] = []  # (document, story, kind)
    for i, body in enumerate(bodies):
        filler = [p for j, other in enumerate(bodies) if j != i for p in other]
        docs.append((_doc(f"s{i}-original", body), f"s{i}", "original"))
        for kind, text in variants(body, rng, filler).items():
            story = f"s{i}-follow" if kind == "follow-up" else f"s{i}"
            docs.append((_doc(f"s{i}-{kind}", text), story, kind))
    rng.shuffle(docs)
    story_of = {d.doc_id: story for d, story, _ in docs}
    results = []
    for threshold in thresholds:
        stream = [d.model_copy() for d, _, _ in docs]
        pairs = mark_copies(stream, {}, threshold)
        right = sum(story_of[c] == story_of[o] for c, o in pairs)
        # A document should be marked when an earlier document of its story came before it in the stream.
        first_seen: set[str] = set()
        should = 0
        for _, story, _kind in docs:
            should += story in first_seen
            first_seen.add(story)
        wrong_kinds: dict[str, int] = {}
        for c, o in pairs:
            if story_of[c] != story_of[o]:
                kind = next(k for d, _, k in docs if d.doc_id == c)
                wrong_kinds[kind] = wrong_kinds.get(kind, 0) + 1
        missed: dict[str, int] = {}
        marked = {c for c, _ in pairs}
        seen_again: set[str] = set()
        for d, story, kind in docs:
            if story in seen_again and d.doc_id not in marked:
                missed[kind] = missed.get(kind, 0) + 1
            seen_again.add(story)
        results.append({"threshold": threshold, "marked": len(pairs), "right": right, "should": should,
                        "precision": round(right / len(pairs), 3) if pairs else 1.0,
                        "recall": round(right / should, 3) if should else 1.0,
                        "false_marks_by_kind": wrong_kinds, "missed_by_kind": missed})
    return {"stories": len(bodies), "documents": len(docs), "copies_per_story": 4, "results": results}


def _doc(doc_id: str, body: list[str]) -> Document:
    return Document(doc_id=doc_id, title=doc_id, text="\n".join(body), content_hash=doc_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7, 0.8, 0.9])
    parser.add_argument("--squad-articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    outcome = run(args.thresholds, args.squad_articles, args.seed)
    print(f"{outcome['stories']} stories, {outcome['documents']} documents (4 copies and 1 follow-up per story)")
    print("threshold  marked  precision  recall  false marks        missed")
    for r in outcome["results"]:  # type: ignore[attr-defined]
        print(f"{r['threshold']:>9}  {r['marked']:>6}  {r['precision']:>9}  {r['recall']:>6}  "
              f"{json.dumps(r['false_marks_by_kind']):<18} {json.dumps(r['missed_by_kind'])}")


if __name__ == "__main__":
    main()
