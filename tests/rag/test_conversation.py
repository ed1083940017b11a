"""Follow-up questions rewritten into standalone queries (deterministic rules, real embedder)."""

from __future__ import annotations

import pytest

from rag.conversation import Rewriter
from rag.errors import GeneratorFailed
from rag.types import ChatMessage


def conversation(*turns: str) -> list[ChatMessage]:
    return [ChatMessage(role="user" if i % 2 == 0 else "assistant", content=t) for i, t in enumerate(turns)]


@pytest.fixture(scope="module")
def rewriter(minilm) -> Rewriter:  # type: ignore[no-untyped-def]
    return Rewriter(minilm)


def test_first_turn_is_searched_as_it_is(rewriter: Rewriter) -> None:
    assert rewriter.standalone(conversation("What share does China hold?")) == ("What share does China hold?", "first turn")


def test_a_pronoun_follow_up_carries_the_subject_and_what_the_answer_was_about(rewriter: Rewriter) -> None:
    query, how = rewriter.standalone(conversation(
        "What did China agree to resume?",
        "China agreed to resume exports of rare earth elements and magnets [1].\n\nSources:\n[1] A",
        "and how long does it last?"))
    assert how == "follow-up" and query.startswith("How long does it last?")
    assert "China" in query and "exports" in query and "[1]" not in query and "Sources" not in query


def test_what_about_replaces_the_closest_phrase(rewriter: Rewriter) -> None:
    query, how = rewriter.standalone(conversation(
        "What share of rare earth processing does China control?", "About 85-90% [1].", "What about gallium?"))
    assert (query, how) == ("What share of gallium processing does China control?", "what about")


def test_who_said_that_carries_the_figure_of_the_last_answer(rewriter: Rewriter) -> None:
    query, _ = rewriter.standalone(conversation(
        "What share of rare earth processing does China control?",
        "China controls 85–90% of processing, according to the IEA [1].", "who said that?"))
    assert query.startswith("Who said that?") and "85–90%" in query and "processing" in query


def test_are_there_others_excludes_the_names_already_given(rewriter: Rewriter) -> None:
    query, how = rewriter.standalone(conversation(
        "Which companies process rare earths outside China?", "Lynas runs a plant in Malaysia [1].", "are there others?"))
    assert how == "others"
    assert query.startswith("Which companies process rare earths outside China other than") and "Lynas" in query


def test_a_new_topic_carries_nothing(rewriter: Rewriter) -> None:
    turns = conversation("What did China agree to in the trade deal?", "It agreed to resume exports [1].",
                         "What is the capital of Peru?")
    assert rewriter.standalone(turns) == ("What is the capital of Peru?", "new topic")


def test_follow_ups_chain_through_earlier_rewrites(rewriter: Rewriter) -> None:
    query, _ = rewriter.standalone(conversation(
        "What share of rare earth processing does China control?", "85-90% [1].",
        "What about gallium?", "About 98% [1].", "and how was it measured?"))
    assert "gallium" in query and "processing" in query


class Scripted:
    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.calls: list[tuple[int, str]] = []

    def condense(self, history, question):  # type: ignore[no-untyped-def]
        self.calls.append((len(history), question))
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


def test_a_model_condenses_when_it_can(rewriter: Rewriter) -> None:
    model = Scripted('"How long does the rare earth export resumption last?"')
    turns = conversation("What did China agree to resume?", "Exports [1].", "and how long does it last?")
    assert rewriter.standalone(turns, model) == ("How long does the rare earth export resumption last?", "model")
    assert model.calls == [(2, "and how long does it last?")]


@pytest.mark.parametrize("reply", [GeneratorFailed("boom"), "", "line one\nline two", "x" * 2000])
def test_a_failed_or_unusable_condensation_falls_back_to_the_rules(rewriter: Rewriter, reply: str | Exception) -> None:
    turns = conversation("What did China agree to resume?", "Exports of rare earths [1].", "and how long does it last?")
    query, how = rewriter.standalone(turns, Scripted(reply))
    assert how == "follow-up" and query.startswith("How long does it last?")
