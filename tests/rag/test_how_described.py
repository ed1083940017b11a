""""How did Tokyo describe the pact?" asks what Tokyo said of it: answered by the sentence in which Tokyo speaks,
though a neighbour names the pact and another article names Japan beside the pact. Articles here are written for
the tests (the seat and its country are real: the seat table holds real ones)."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.quotes import reports_speech
from tests.rag.answerers import passage


@pytest.mark.parametrize("sentence, speaks", [
    ("Seoul officials have framed it as evidence of progress, while Tokyo emphasized stability.", True),
    ("“This is a pause,” said Dr. Mira Osei.", True),
    ("The team hails the agreement as a win.", True),
    ("This Japan-Korea pact represents a significant breakthrough amid rising tensions.", False),
])
def test_a_sentence_in_which_someone_speaks(sentence: str, speaks: bool) -> None:
    assert reports_speech(sentence) is speaks


def test_how_a_named_speaker_described_it_is_the_sentence_they_speak_in(generator: Answerer) -> None:
    # declined: the speaking sentence holds neither "pact" (its neighbour does, but does not name Tokyo) nor
    # "describe"; and the sentence naming Japan beside "pact", in which no one speaks, scored above it
    passages = [passage("a", "The pact came out of technical working group meetings rather than summit diplomacy. "
                             "Seoul officials have framed it as proof of “steady progress on joint goals,” while "
                             "Tokyo stressed “steady, predictable flows of key materials.”"),
                passage("b", "This Japan-Korea pact marks a notable diplomatic breakthrough amid rising tensions over "
                             "critical minerals.")]
    answer = generator.answer("How did Tokyo describe the pact?", passages)
    assert answer.grounded and "predictable flows of key materials" in answer.answer
    assert "breakthrough" not in answer.answer


def test_what_happened_to_someone_is_told_by_the_passage(generator: Answerer) -> None:
    # "What happened to ...?" asks for a description: the sentence naming the conflict was quoted alone, and the
    # one after it, which says what befell the manufacturers, was not
    passages = [passage("a", "In the 2018-2019 Kessia-Norland tariff fight, Norland once more signalled it might "
                             "squeeze supply. No formal ban came, but port hold-ups and permit backlogs rattled Kessian "
                             "manufacturers."),
                passage("b", "Cobalt prices fell in May. Dockworkers went on strike in the spring.")]
    answer = generator.answer("What happened to Kessian manufacturers during the 2018-2019 tariff fight?", passages)
    assert answer.grounded and "port hold-ups" in answer.answer
