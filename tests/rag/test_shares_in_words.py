"""A share stated in words ("a small share of global refining output", "two-thirds of", "the majority of") answers a
question for a share, and never disagrees with a figure. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze, in_words, shares_in_words
from tests.rag.answerers import passage


@pytest.mark.parametrize("sentence, text, scope", [
    ("Domestic output still accounts for a small share of global refining output.", "a small share",
     "global refining output"),
    ("Norland mines two-thirds of the region's cobalt.", "two-thirds", "region cobalt"),
    ("The vast majority of the world's magnets are made in Asia.", "The vast majority", "world magnets"),
    ("Half of the smelters closed.", "Half", "smelters closed"),
])
def test_a_share_in_words_is_a_percentage_with_its_scope(sentence: str, text: str, scope: str) -> None:
    (value,) = shares_in_words(sentence)
    assert value.kind == "percentage" and value.text == text and value.scope == scope


@pytest.mark.parametrize("sentence", ["He took part of the blame.", "The share of exports rose.", "Most analysts agree."])
def test_other_words_are_no_share(sentence: str) -> None:
    assert shares_in_words(sentence) == []


def test_a_share_in_words_answers_a_question_for_a_share(generator: Answerer) -> None:
    # the sentence held no figure, so no answer of the kind asked, and the question was declined
    passages = [passage("a", "Domestic separation capacity is expanding but still accounts for a small share of "
                             "global refining output."),
                passage("b", "Norland refines over 85% of the world's rare earths. Its exports rose in May.")]
    answer = generator.answer("What share of global refining does domestic capacity account for?", passages)
    assert answer.grounded and "a small share of global refining output" in answer.answer
    assert not answer.conflicts


def test_a_share_in_words_does_not_disagree_with_a_figure(generator: Answerer) -> None:
    passages = [passage("a", "Norland mines the majority of the region's cobalt, officials said."),
                passage("b", "Norland mines about 60% of the region's cobalt, according to the survey."),
                passage("c", "Cobalt prices fell in May. Dockworkers in the region went on strike. Norland's "
                             "president visited the mines.")]
    answer = generator.answer("What share of the region's cobalt does Norland mine?", passages)
    assert answer.grounded and "60%" in answer.answer and "the majority" in answer.answer
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]



def test_a_share_in_words_is_not_quoted_beside_a_figure_of_it(generator: Answerer) -> None:
    # "a small share" (another's) was quoted after the figure as more of the answer
    passages = [passage("a", "Today, Norland remains the dominant force in refined cobalt, controlling roughly 70% of "
                             "global output and over 85% of downstream refining. Its ports are busy."),
                passage("b", "Supply Chain Stage | Norland Market Share\nCobalt Refining | 85-90% | Converting raw ore "
                             "into usable compounds"),
                passage("c", "Domestic cobalt refining capacity is expanding but still accounts for a small share of "
                             "global refining output. Prices fell in May.")]
    answer = generator.answer("Do the articles agree on Norland's share of cobalt refining?", passages)
    assert answer.grounded and "85%" in answer.answer and "small share" not in answer.answer


def test_a_length_of_time_in_words_is_a_vague_duration() -> None:
    (value,) = analyze(["The stopgap pact ends weeks of shipping chaos for battery makers."])[0]
    assert value.kind == "duration" and value.text == "weeks" and value.vague and in_words(value)
    assert "shipping chaos" in value.scope
    (exact,) = analyze(["The pact lasts 90 days."])[0]
    assert not exact.vague and not in_words(exact)


def test_a_length_of_time_in_words_answers_how_long(generator: Answerer) -> None:
    # the sentence held no figure of time, so no answer of the kind asked: declined
    passages = [passage("a", "Kessia and Norland struck a stopgap cobalt pact that ends weeks of shipping chaos for "
                             "battery makers."),
                passage("b", "Cobalt prices fell in May. Dockworkers went on strike in the spring.")]
    answer = generator.answer("How long had battery makers faced shipping chaos before the pact?", passages)
    assert answer.grounded and "weeks of shipping chaos" in answer.answer
