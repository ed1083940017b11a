"""The second retrieval for the other side of a disagreement: the words that side may use for the slot."""

from __future__ import annotations

from pathlib import Path

from rag.retrieval.other_side import role_query, slot_words, widen
from rag.services import build_services
from rag.settings import Settings


def test_the_slot_words_are_the_office_for_a_role_and_units_for_a_duration() -> None:
    assert slot_words("Who is the U.S. president according to the articles?").split() == [
        "administration", "presidency", "white", "house"]
    assert slot_words("How long will the resumption of exports last?") == "days months year"
    assert slot_words("What did the articles say about magnets?") == ""
    assert slot_words("What is China's share of rare earths?") == "percent controls accounts holds"
    # "how much" may ask a weight or a sum too: no share words for it
    assert slot_words("How much rare earth material does an electric vehicle need?") == ""


def test_a_role_is_searched_by_its_words_and_whose_role_it_is() -> None:
    assert role_query("Which U.S. president's administration secured the arrangement with Beijing?") == \
        "president administration presidency white house U.S."  # (not "Beijing": the topic, not whose role)
    assert role_query("Who is the CEO of Tesla in 2021?") == "ceo Tesla"
    assert role_query("Who won the 2019 Tour de France?") == ""  # no role asked
    assert role_query("How long will the pause last?") == ""


def test_a_role_question_worded_about_the_deal_still_reaches_the_other_holder(rare_earths_index: Path,  # type: ignore[no-untyped-def]
                                                                                minilm) -> None:
    retriever = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).retriever
    question = "Which U.S. president's administration secured the rare earth arrangement with Beijing?"
    first = retriever.search(question, 5)
    assert not any("Biden administration" in p.text for p in first)  # ranked below the deal's passages
    assert any("Biden administration" in p.text for p in widen(retriever, question, first, 5))


def test_a_role_question_also_reaches_the_article_naming_the_office(rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    retriever = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).retriever
    question = "Who is the U.S. president according to the articles?"
    first = retriever.search(question, 5)
    widened = widen(retriever, question, first, 5)
    assert widened[:len(first)] == first and len(widened) <= len(first) + 3
    assert len({p.chunk_id for p in widened}) == len(widened)
    assert any("Biden administration" in p.text for p in widened)
    assert widen(retriever, "What did the articles say about magnets?", first, 5) == first


def test_a_share_question_also_reaches_the_article_giving_a_share_without_the_word(rare_earths_index: Path,  # type: ignore[no-untyped-def]
                                                                                    minilm) -> None:
    retriever = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).retriever
    question = "What is China's share of rare earths?"
    first = retriever.search(question, 5)
    assert not any("70% of global output" in p.text for p in first)  # "controlling roughly 70%": no "share"
    assert any("70% of global output" in p.text for p in widen(retriever, question, first, 5))


def test_a_follow_up_is_widened_as_a_question_asked_alone(rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    from rag.types import ChatMessage, ChatRequest  # one mechanism for /v1/ask and every chat entry point

    engine = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).engine
    messages = [ChatMessage(role="user", content="Which country dominates rare earths?"),
                ChatMessage(role="assistant", content="China [1]."),
                ChatMessage(role="user", content="What is its share of rare earths?")]
    events = dict(engine.chat_stream(ChatRequest(messages=messages, k=5)))
    assert events["query"] == "What is China's share of rare earths?"
    assert len(events["passages"]) > 5 and any("70% of global output" in p.text for p in events["passages"])
