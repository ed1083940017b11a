"""A passage's title is part of what each of its windows holds (rag.answer.descriptive.windows): a help page
titled with the question ("What options do I have to secure my cluster?") answers it in other words, and its
title's words count for it; the names a question gives still have to be in the passage (title or text), and a
title holding only such a name adds nothing."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.descriptive import windows
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.settings import AnswerSettings
from rag.types import Passage

QUESTION = "What options and access should I give out to secure my cluster?"


def _p(doc_id: str, title: str, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=title, text=text, score=0.5)


OVERVIEW = _p("overview", "Kubernetes service overview",
              "Built-in security and isolation, with advanced tools to secure and monitor your cluster workloads, "
              "let you deliver highly available apps in the public cloud.")
GUIDE = _p("guide", "What options do I have to secure my cluster?",
           "Identity and Access Management grants users platform roles over resources. Network policies "
           "control the traffic between pods.")


@pytest.fixture(scope="module")
def generator(minilm) -> ExtractiveGenerator:  # type: ignore[no-untyped-def]
    return ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))


def test_the_page_titled_with_the_question_answers_it(generator: ExtractiveGenerator) -> None:
    answer = Answerer(generator, generator._vectors, AnswerSettings()).answer(QUESTION, [GUIDE, OVERVIEW])
    assert answer.grounded and answer.citations[0].doc_id == "guide"


def test_the_titles_words_count_as_held(generator: ExtractiveGenerator) -> None:
    pool = generator.rank(QUESTION, [OVERVIEW, GUIDE])
    titled = {w.best.passage.doc_id: w.coverage for w in windows(QUESTION, pool, None, None)}
    untitled = generator.rank(QUESTION, [OVERVIEW, GUIDE.model_copy(update={"title": "guide"})])
    plain = {w.best.passage.doc_id: w.coverage for w in windows(QUESTION, untitled, None, None)}
    assert titled["guide"] > plain["guide"]
    assert titled["overview"] == plain["overview"]


def test_a_name_in_the_title_is_not_counted_twice(generator: ExtractiveGenerator) -> None:
    question = "Does the Sun use guns?"
    page = _p("helios", "Play Helios: a game about how the Sun makes energy",
              "Where does the energy come from? Play to find out.")
    pool = generator.rank(question, [page])
    named = windows(question, pool, None, None)[0].coverage
    plain = windows(question, generator.rank(question, [page.model_copy(update={"title": "Play Helios"})]), None,
                    None)[0].coverage
    assert named == plain
