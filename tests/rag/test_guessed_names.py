"""Names the asker did not type (rag.answer.guessed): a follow-up's rewrite reads "it" as a name of the
conversation; the passage that answers the question need not hold that guess, as it must hold a name the user
typed (rag.answer.descriptive.judge)."""

from __future__ import annotations

import threading

import pytest

from rag.answer.descriptive import judge
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.guessed import asked_terms, asking, guessed, typed_anchors, within
from rag.answer.support_checks import lacks
from rag.settings import AnswerSettings
from rag.types import Passage

QUESTION = "Is American football derived from FIFA?"  # "... derived from it?", "it" read as FIFA


def _p(doc_id: str, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id, text=text, score=0.5)


PASSAGES = [_p("gridiron", "American football evolved from the sports of association football (soccer) and rugby "
                           "football. The first game was played in 1869."),
            _p("england", "England is recognised by FIFA as the birthplace of club football, and the Football "
                          "Association is the oldest of its kind.")]


def test_the_names_are_set_for_each_step_only() -> None:
    seen: list[frozenset[str]] = []

    def steps():  # type: ignore[no-untyped-def]
        for i in range(2):
            seen.append(guessed())
            yield i

    out = []
    for event in within(["Ebenezer Morley"], steps()):
        out.append(event)
        seen.append(guessed())  # between steps: not set
    assert out == [0, 1]
    assert seen == [frozenset({"ebenezer", "morley"}), frozenset(), frozenset({"ebenezer", "morley"}), frozenset()]
    assert guessed() == frozenset()


def test_each_step_has_the_names_on_whichever_thread_runs_it() -> None:
    def steps():  # type: ignore[no-untyped-def]
        yield typed_anchors(["FIFA", "England"])
        yield typed_anchors(["FIFA", "England"])

    events = within(["FIFA"], steps())
    got = [next(events)]
    worker = threading.Thread(target=lambda: got.append(next(events)))
    worker.start()
    worker.join()
    assert got == [["England"], ["England"]]
    assert typed_anchors(["FIFA", "England"]) == ["FIFA", "England"]  # outside a follow-up: every name counts


@pytest.fixture(scope="module")
def generator(minilm) -> ExtractiveGenerator:  # type: ignore[no-untyped-def]
    return ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))


def _judged(generator: ExtractiveGenerator) -> str | None:
    vector = generator.embedder.embed_query(QUESTION)
    window, _ = judge(QUESTION, generator.rank(QUESTION, PASSAGES), generator._vectors, vector, AnswerSettings())
    return window.best.passage.doc_id if window is not None else None


def test_a_typed_name_must_be_in_the_passage(generator: ExtractiveGenerator) -> None:
    assert _judged(generator) == "england"


def test_a_guessed_name_need_not_be(generator: ExtractiveGenerator) -> None:
    judged = list(within(["FIFA"], (_judged(generator) for _ in range(1))))
    assert judged == ["gridiron"]


OFFER = "What did Washington offer in exchange for the short-term agreement?"  # "... for that deal?"
OFFERS = [_p("terms", "Beijing agreed to resume shipments of magnets for 90 days. In exchange, Washington has offered "
                      "selective tariff relief on some goods."),
          _p("view", "A narrow easing in access to minerals offers Washington short-term relief, but the licensing "
                     "regime still defines supply.")]


def _best(generator: ExtractiveGenerator) -> str:
    return generator.rank(OFFER, OFFERS)[0].text


def test_words_the_rewrite_supplied_need_not_be_held(generator: ExtractiveGenerator) -> None:
    # as typed, "short-term" counts like the asker's own words and a sentence sharing it wins
    assert _best(generator).startswith("A narrow easing")
    # read from "that deal", the phrase names the topic: the sentence answering what was asked of it leads
    best = list(within(["the short-term agreement"], (_best(generator) for _ in range(1))))
    assert best == ["In exchange, Washington has offered selective tariff relief on some goods."]


SHARE = "What share of NdFeB magnet processing does China hold?"  # "How does that compare with processing?"
SHARES = [_p("magnets", "NdFeB magnet production in China reached about 90% of the world's output last year."),
          _p("ore", "China controls 85-90% of rare earth processing, turning raw ore into usable compounds.")]


def _answered(generator: ExtractiveGenerator, question: str, passages: list[Passage]) -> str:
    return generator.rank(question, passages)[0].passage.doc_id


def test_what_a_follow_up_asks_about_must_be_in_the_sentence(generator: ExtractiveGenerator) -> None:
    # read as typed, the previous question's words win: the magnet sentence holds three of them
    assert _answered(generator, SHARE, SHARES) == "magnets"
    # "what about processing?": a sentence without "processing" answers the previous question, not this one
    asked = list(asking("processing", within(["NdFeB magnet"], (_answered(generator, SHARE, SHARES) for _ in range(1)))))
    assert asked == ["ore"]
    assert asked_terms() == frozenset()  # outside the follow-up's answer: nothing is asked


INJURED = "How many people were injured in the harbour blast?"  # "And in the harbour blast?" after the ferry fire
HURT = [_p("summary", "The first attack was a truck bomb in the harbour of Velmar at noon. The truck stood beside "
                      "the customs hall. The explosion killed four people and injured at least 120 people."),
        _p("wire", "Police are questioning the man who set off a bomb blast that killed five people in the harbour of "
                   "Velmar, hours before the ferry fire.")]


def test_what_a_follow_up_asks_about_may_be_named_by_the_prose_before_the_sentence(
        generator: ExtractiveGenerator) -> None:
    # "The explosion killed four ... injured at least 120" is of the harbour blast its passage named before it
    asked = list(asking("in the harbour blast", (_answered(generator, INJURED, HURT) for _ in range(1))))
    assert asked == ["summary"]


def test_a_guessed_name_is_not_one_an_article_must_give() -> None:
    question = "What share of NdFeB magnet refining is Chinese?"  # "NdFeB magnet" kept from the previous question
    articles = {"ore": "Chinese refiners handle over 85% of the world's rare earth refining, a share built up over "
                       "decades of magnet and metal investment."}
    assert lacks(question, articles)["ore"]  # as typed, the article never names NdFeB
    assert list(within(["NdFeB magnet"], (lacks(question, articles)["ore"] for _ in range(1)))) == [""]
