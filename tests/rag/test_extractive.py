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


def test_a_list_question_gathers_every_candidate_across_articles(generator: Answerer) -> None:
    passages = [_p("analysis", "China refines most rare earths. US-based companies like MP Materials have received "
                               "federal backing to revive domestic rare earth processing."),
                _p("report", "Lynas Rare Earths operates the world's largest rare earth processing facility outside "
                             "China."),
                _p("other", "Wind turbines need high-performance magnets for their generators.")]
    answer = generator.answer("Which companies outside China are named as rare earth processors?", passages)
    assert "MP Materials" in answer.answer and "Lynas" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"analysis", "report"}
    assert answer.conflicts == []
    _well_formed(answer)


def test_declines_when_on_topic_passages_hold_no_value_of_the_kind_asked(generator: Answerer) -> None:
    passages = [_p("deal", "Beijing agreed to resume magnet shipments to the United States for a 90-day period."),
                _p("ev", "Electric vehicle makers such as Tesla depend on rare earth magnets for their motors, each "
                         "vehicle needing 0.5-1.0 kg of rare earth elements.")]
    assert not generator.answer("How many magnets did Tesla import from China in 2024?", passages).grounded
    assert not generator.answer("Who is the chief executive of Tesla?", passages).grounded


def test_an_amount_per_day_is_answered_by_a_time_per_day(generator: Answerer) -> None:
    passages = [_p("fitness", "Growing children should get at least one hour of physical activity a day. Running, "
                              "biking, or hiking are all great ways for children to get exercise."),
                _p("survey", "Yet only about 1 in 4 adults and 1 in 6 high school students fully meet the "
                             "recommendations for physical activity.")]
    answer = generator.answer("How much physical activity a day is recommended for children?", passages)
    assert answer.grounded and "one hour" in answer.answer
    assert answer.citations[0].doc_id == "fitness"


def test_figures_of_different_things_are_not_called_a_disagreement(generator: Answerer) -> None:
    passages = [_p("analysis", "Today, China remains the dominant force in refined rare earths, controlling roughly "
                               "70% of global output and over 85% of downstream processing."),
                _p("guide", "China holds 85-90% of rare earth processing, converting raw ore into usable compounds.")]
    answer = generator.answer("What share of rare earth processing does China control?", passages)
    assert answer.grounded and "85" in answer.answer
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]
    assert "disagree" not in answer.answer
