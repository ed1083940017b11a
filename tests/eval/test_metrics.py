import pytest

from eval import metrics as m
from eval.dataset import EvalItem
from eval.runner import score_question, summarize
from rag.types import Answer, Citation


def _answer(text: str, cited: list[tuple[str, str]] = (), grounded: bool = True) -> Answer:  # type: ignore[assignment]
    return Answer(question="q", answer=text, grounded=grounded,
                  citations=[Citation(id=i, doc_id=d, title=d, chunk_id=f"{d}:0", text=t)
                             for i, (d, t) in enumerate(cited, start=1)])


@pytest.mark.parametrize("text", ["China holds 85–90% of processing", "85-90 percent of it", "from 85 to 90%",
                                  "85 % - 90 % of processing", "85—90 PER CENT"])
def test_a_fact_matches_whatever_the_number_format(text: str) -> None:
    assert m.facts_present(text, [["85-90%"]])


def test_a_name_matches_with_or_without_its_accents() -> None:
    assert m.contains_fact("Chloe Zhao accepts the award for best director", ["Chloé Zhao"])
    assert m.contains_fact("Chloé Zhao won", ["Chloe Zhao"])
    assert not m.contains_fact("Chloe Zhang won", ["Chloé Zhao"])


def test_every_group_of_facts_must_be_present() -> None:
    facts = [["90-day", "90 days"], ["one year", "12 months"]]
    assert m.facts_present("A 90-day pause [1]; another says one year [2].", facts)
    assert not m.facts_present("A 90-day pause [1].", facts)


def test_retrieval_metrics_rank_by_the_first_expected_document() -> None:
    docs = ["x", "a", "y", "a", "b"]
    assert m.hit_at(docs, ["a"], 1) == 0 and m.hit_at(docs, ["a"], 5) == 1
    assert m.reciprocal_rank(docs, ["a", "b"]) == 0.5
    assert m.reciprocal_rank(docs, ["z"]) == 0
    perfect = m.ndcg_at(["a", "b", "x"], ["a", "b"])
    late = m.ndcg_at(["x", "y", "a", "b"], ["a", "b"])
    assert perfect == pytest.approx(1.0) and 0 < late < 1
    assert m.ndcg_at(["a", "a", "a"], ["a", "b"]) < 1


def test_citation_precision_counts_citations_whose_text_holds_a_fact() -> None:
    answer = _answer("x [1] y [2]", [("d1", "It lasts 90 days."), ("d2", "Markets were calm.")])
    assert m.citation_precision(answer, [["90 days"]]) == 0.5
    assert m.citation_precision(_answer("none", []), [["90 days"]]) is None


def test_an_answered_unanswerable_question_is_a_refusal_failure() -> None:
    item = EvalItem(id="u1", question="What is the capital of Peru?", answerable=False)
    answered = score_question(item, _answer("Lima [1].", [("d", "Lima")]), ["d"], 0.01)
    declined = score_question(item, _answer("The articles do not answer.", grounded=False), ["d"], 0.01)
    assert answered.scores == {"refusal_accuracy": 0.0, "degraded_rate": 0.0} and answered.failures
    assert declined.scores == {"refusal_accuracy": 1.0, "degraded_rate": 0.0} and not declined.failures


def test_conflict_is_surfaced_only_when_every_side_is_in_the_answer() -> None:
    item = EvalItem(id="c", question="How long?", facts=[["90 days"], ["one year"]], sources=["a", "b"], conflict=True)
    both = score_question(item, _answer("90 days [1]; one year [2].", [("a", "90 days"), ("b", "one year")]), ["a", "b"], 0.01)
    one = score_question(item, _answer("90 days [1].", [("a", "90 days")]), ["a", "b"], 0.01)
    assert both.scores["conflict_surfaced"] == 1.0 and one.scores["conflict_surfaced"] == 0.0
    assert both.scores["source_accuracy"] == 1.0 and both.scores["hit@1"] == 1.0


def test_false_refusals_and_latency_percentiles_are_summarized() -> None:
    item = EvalItem(id="a", question="q?", facts=[["x"]], sources=["d"])
    results = [score_question(item, _answer("x [1]", [("d", "x")]), ["d"], 0.010),
               score_question(item, _answer("no", grounded=False), ["d"], 0.030)]
    summary = summarize(results)
    assert summary["false_refusal_rate"] == 0.5 and summary["fact_accuracy"] == 0.5
    assert summary["latency_p50_ms"] == pytest.approx(20.0)


def test_degraded_answers_and_attributed_sentences_are_summarized() -> None:
    item = EvalItem(id="a", question="q?", facts=[["x"]], sources=["d"])
    model = _answer("x [1] y [1]", [("d", "x")])
    model.trace = {"kept": 2, "attributed": [{"sentence": "y", "citation": 1}]}
    fallback = _answer("x [1]", [("d", "x")])
    fallback.degraded, fallback.trace = True, {"kept": 0, "attributed": []}
    other = _answer("x [1]", [("d", "x")])
    other.trace = {"kept": 2, "attributed": []}
    summary = summarize([score_question(item, a, ["d"], 0.01) for a in (model, fallback, other)])
    assert summary["degraded_rate"] == pytest.approx(1 / 3, abs=1e-4) and summary["attributed_share"] == 0.25
    assert "attributed_share" not in summarize([score_question(item, _answer("x [1]", [("d", "x")]), ["d"], 0.01)])
