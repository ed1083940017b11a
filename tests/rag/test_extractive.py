import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.citations import markers
from rag.settings import AnswerSettings
from rag.types import Answer, Passage


def _p(doc_id: str, text: str, score: float = 0.5) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id.title(), text=text, score=score)


PASSAGES = [
    _p("council", "The council voted 7 to 2 on Tuesday to approve the plant. The plant will produce 50,000 cubic "
                  "metres of drinking water per day. Construction begins next spring."),
    _p("review", "An engineering review says the plant can be scaled to 65,000 cubic metres of water per day. "
                 "The review puts the cost at $510 million."),
    _p("fishers", "Fishers worry that brine from the plant could harm the crab beds near the harbor mouth."),
]


@pytest.fixture(scope="module")
def generator(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    vectors = SentenceVectors(minilm)
    extractive = ExtractiveGenerator(minilm, AnswerSettings(), vectors)
    return Answerer(extractive, vectors, AnswerSettings())


def _well_formed(answer: Answer) -> None:
    assert sorted(markers(answer.answer)) == sorted(c.id for c in answer.citations)


def test_answer_quotes_and_cites_the_sentence_that_answers(generator: Answerer) -> None:
    answer = generator.answer("What will the plant cost according to the review?", PASSAGES)
    assert answer.grounded and "$510 million" in answer.answer
    first = answer.citations[0]
    assert first.doc_id == "review" and first.text == "The review puts the cost at $510 million."
    assert answer.answer.startswith("The review puts the cost at $510 million [1].")
    _well_formed(answer)


def test_sources_that_give_different_figures_are_both_kept(generator: Answerer) -> None:
    answer = generator.answer("How much water will the plant produce per day?", PASSAGES)
    assert answer.grounded
    assert "50,000" in answer.answer and "65,000" in answer.answer
    assert "$510 million" not in answer.answer  # a cost is not a competing figure for a volume
    assert {"council", "review"} <= {c.doc_id for c in answer.citations}
    _well_formed(answer)


def test_declines_when_no_sentence_answers(generator: Answerer) -> None:
    answer = generator.answer("Who won the 1998 football world cup?", PASSAGES)
    assert not answer.grounded and answer.citations == []
    assert "do not answer" in answer.answer


def test_declines_when_there_are_no_passages(generator: Answerer) -> None:
    assert not generator.answer("What will the plant cost?", []).grounded


def test_two_articles_naming_different_winners_are_both_quoted(generator: Answerer) -> None:
    passages = [_p("wire", "Ashleigh Barty won the women's singles title at Wimbledon in 2021, beating Pliskova."),
                _p("blog", "Simona Halep won the women's singles title at Wimbledon in 2021 after a long final.")]
    answer = generator.answer("Who won the women's singles title at Wimbledon in 2021?", passages)
    assert "Ashleigh Barty" in answer.answer and "Simona Halep" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"wire", "blog"}
    _well_formed(answer)
