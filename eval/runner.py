"""Running a dataset through the same Engine as /v1/ask and collecting per-question results."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from eval import metrics as m
from eval.dataset import EvalItem
from rag.engine import Engine
from rag.errors import InvalidInput
from rag.types import Answer, AskRequest, ChatRequest, Filters, SearchRequest

METRICS = ["hit@1", "hit@5", "hit@10", "mrr", "ndcg@10", "fact_accuracy", "source_accuracy",
           "citation_precision", "conflict_surfaced", "false_disagreement", "refusal_accuracy", "false_refusal_rate",
           "degraded_rate", "attributed_share", "latency_p50_ms", "latency_p95_ms"]
# degraded_rate: answers that are the extractive fallback because a model's draft failed or did not verify.
# attributed_share: of the sentences kept from drafts, those verification cited (the model left them
# uncited or cited them wrongly); neither better nor worse in itself.
LOWER_IS_BETTER = {"false_refusal_rate", "false_disagreement", "degraded_rate", "latency_p50_ms", "latency_p95_ms"}


@dataclass
class QuestionResult:
    item: EvalItem
    answer: Answer
    retrieved_docs: list[str]
    latency_s: float
    scores: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    kept: int = 0           # draft sentences kept (from the trace; 0 without one)
    attributed: int = 0     # of those, cited by verification rather than by the model
    collections: list[str] | None = None  # asked within these (None: all)


def score_question(item: EvalItem, answer: Answer, retrieved_docs: list[str], latency_s: float) -> QuestionResult:
    result = QuestionResult(item, answer, retrieved_docs, latency_s)
    s, fail = result.scores, result.failures
    s["degraded_rate"] = 1.0 if answer.degraded else 0.0
    if answer.trace is not None:
        result.kept = int(answer.trace.get("kept", 0))
        result.attributed = len(answer.trace.get("attributed", []))
    if not item.answerable:
        s["refusal_accuracy"] = 0.0 if answer.grounded else 1.0
        if answer.grounded:
            fail.append("answered a question the articles do not answer")
        return result
    s["false_refusal_rate"] = 0.0 if answer.grounded else 1.0
    if not answer.grounded:
        fail.append("declined an answerable question")
    if item.sources:
        for k in (1, 5, 10):
            s[f"hit@{k}"] = m.hit_at(retrieved_docs, item.sources, k)
        s["mrr"] = m.reciprocal_rank(retrieved_docs, item.sources)
        s["ndcg@10"] = m.ndcg_at(retrieved_docs, item.sources, 10)
        s["source_accuracy"] = 1.0 if m.source_cited(answer, item.sources) else 0.0
        if not s["hit@10"]:
            fail.append("no expected source in the top 10 passages")
        elif not s["source_accuracy"] and answer.grounded:
            fail.append("no expected source cited")
    if item.facts:
        ok = m.facts_present(answer.answer, item.facts)
        s["fact_accuracy"] = 1.0 if ok else 0.0
        if not ok and answer.grounded:
            missing = [g[0] for g in item.facts if not m.contains_fact(answer.answer, g)]
            fail.append(f"missing fact(s): {', '.join(missing)}")
        precision = m.citation_precision(answer, item.facts)
        if precision is not None:
            s["citation_precision"] = precision
        if item.conflict:
            s["conflict_surfaced"] = 1.0 if ok else 0.0
        elif answer.grounded:
            disagree = [c for c in answer.conflicts if c.kind == "disagreement"]
            s["false_disagreement"] = 1.0 if disagree else 0.0
            if disagree:
                fail.append("reported a disagreement where the articles agree (or measure different things)")
    return result


def summarize(results: Sequence[QuestionResult]) -> dict[str, float]:
    sums: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for key, value in r.scores.items():
            sums[key].append(value)
    summary = {key: sum(v) / len(v) for key, v in sums.items()}
    latencies = [r.latency_s * 1000 for r in results]
    kept = sum(r.kept for r in results)
    if kept:
        summary["attributed_share"] = sum(r.attributed for r in results) / kept
    summary["latency_p50_ms"] = m.percentile(latencies, 0.5)
    summary["latency_p95_ms"] = m.percentile(latencies, 0.95)
    return {key: round(summary[key], 4) for key in METRICS if key in summary}


def by_tag(results: Sequence[QuestionResult]) -> dict[str, dict[str, float]]:
    """Answer quality per tag: fact accuracy for answerable rows, refusal accuracy otherwise."""
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        for tag in r.item.tags or ["untagged"]:
            groups[tag].append(r)
    out = {}
    for tag, rows in sorted(groups.items()):
        out[tag] = {k: v for k, v in summarize(rows).items() if not k.startswith("latency")}
        out[tag]["n"] = len(rows)
    return out


ALL = "(all)"


def asked_in(item: EvalItem, only: Sequence[str] | None) -> list[str] | None:
    """The collections a question is asked within: its own, narrowed to ``only`` (rag eval --collection);
    None: every collection. An item whose collections are all outside ``only`` gets [] (it is skipped)."""
    if only is None:
        return item.collections
    if item.collections is None:
        return list(only)
    return [c for c in item.collections if c in only]


def by_collection(results: Sequence[QuestionResult]) -> dict[str, dict[str, float]]:
    """The summary per collection a question was asked in (a question in two counts in both); empty when every
    question searched everything."""
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        for name in r.collections or [ALL]:
            groups[name].append(r)
    if set(groups) <= {ALL}:
        return {}
    return {name: {**summarize(rows), "n": len(rows)} for name, rows in sorted(groups.items())}


def splits(results: Sequence[QuestionResult]) -> dict[str, dict[str, float]]:
    """The summary of first turns and of follow-ups, when the dataset has conversations."""
    if not any(r.item.messages for r in results):
        return {}
    out = {}
    for name, rows in (("first turns", [r for r in results if not r.item.follow_up]),
                       ("follow-ups", [r for r in results if r.item.follow_up])):
        if rows:
            out[name] = {**summarize(rows), "n": len(rows)}
    return out


@dataclass
class EvalRun:
    name: str
    results: list[QuestionResult]
    summary: dict[str, float]
    tags: dict[str, dict[str, float]]
    split: dict[str, dict[str, float]] = field(default_factory=dict)
    collections: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "summary": self.summary, "tags": self.tags, "splits": self.split,
                "collections": self.collections, "questions": [
            {"id": r.item.id, "question": r.item.question, "query": r.answer.query, "follow_up": r.item.follow_up,
             "collections": r.collections,
             "tags": r.item.tags, "answer": r.answer.answer, "degraded": r.answer.degraded,
             "grounded": r.answer.grounded, "cited": [c.doc_id for c in r.answer.citations],
             "retrieved": r.retrieved_docs, "latency_ms": round(r.latency_s * 1000, 1), "scores": r.scores,
             "failures": r.failures} for r in self.results]}


def run(engine: Engine, items: Sequence[EvalItem], k: int | None = None, name: str = "default",
        progress: bool = False, collections: Sequence[str] | None = None) -> EvalRun:
    """``collections``: ask every question within these only (an item's own collections are narrowed to
    them; an item left with none is not asked)."""
    results = []
    for item in tqdm(items, desc=f"eval {name}", unit="q", disable=not progress):
        within = asked_in(item, collections)
        if within == []:
            continue
        filters = None if within is None else Filters(collections=within)
        if item.messages:
            # ranked to the depth a single question's passages are (the chat answers from its own k)
            passages = engine.chat_search(ChatRequest(messages=item.messages, k=max(10, k or 0), filters=filters))
            start = time.perf_counter()
            answer = engine.chat(ChatRequest(messages=item.messages, k=k, debug=True, filters=filters))
            latency = time.perf_counter() - start
        else:
            passages = engine.search(SearchRequest(query=item.question, k=max(10, k or 0), filters=filters))
            start = time.perf_counter()
            # the trace counts attributions
            answer = engine.ask(AskRequest(question=item.question, k=k, debug=True, filters=filters))
            latency = time.perf_counter() - start
        result = score_question(item, answer, [p.doc_id for p in passages], latency)
        result.collections = within
        results.append(result)
    if not results:
        raise InvalidInput(f"no question of the dataset is asked within {', '.join(collections or [])}")
    return EvalRun(name, results, summarize(results), by_tag(results), splits(results), by_collection(results))
