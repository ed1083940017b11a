"""Questions for every name of a kind the articles hold ("Which companies are mentioned in the articles?") are
answered from the typed claims of every passage in scope: the names first, each cited, then the fewest sentences
naming them. The answerer tests use articles written for them; the engine tests the shared rare-earth articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.answer.answerer import Answerer
from rag.answer.collection_talk import without_collection_talk
from rag.answer.inventory import listed
from rag.services import build_services
from rag.settings import Settings
from rag.types import AskRequest
from tests.rag.answerers import extractive_answerer, passage


@pytest.mark.parametrize("question, kind, narrowed", [
    ("Which companies are mentioned in the articles?", "organization", ()),
    ("What organizations do the articles mention?", "organization", ()),
    ("Which companies appear in the articles?", "organization", ()),
    ("List the agencies mentioned in the articles.", "organization", ()),
    ("Name all the people quoted.", "person", ()),
    ("Who is quoted?", "person", ()),
    ("Who are the people quoted in the articles?", "person", ()),
    ("Which US officials are mentioned?", "person", ("US",)),
    ("Which other Australian companies are named?", "organization", ("Australian",)),
    ("What countries are mentioned in these articles?", "place", ()),
    ("How many companies are mentioned in the articles?", "organization", ()),
    ("How many people do the articles quote?", "person", ()),
])
def test_a_question_for_every_name_of_a_kind(question: str, kind: str, narrowed: tuple[str, ...]) -> None:
    found = listed(question)
    assert found is not None and found.kinds == (kind,) and found.narrowed_by == narrowed
    assert without_collection_talk(question) == question  # the words about the articles are what it asks


@pytest.mark.parametrize("question, kinds", [
    ("What are the sources of the article?", ("person", "organization")),
    ("Who are the sources of the article?", ("person", "organization")),
    ("What sources are used in the article?", ("person", "organization")),
    ("Can you tell me which companies are mentioned?", ("organization",)),
    ("Do you know who is quoted in this article?", ("person",)),
    ("What are the names of the companies mentioned?", ("organization",)),
])
def test_a_list_question_worded_as_people_ask_it(question: str, kinds: tuple[str, ...]) -> None:
    # each was declined or answered from one sentence: the wording matched none of the list questions
    found = listed(question)
    assert found is not None and found.kinds == kinds and found.narrowed_by == ()


@pytest.mark.parametrize("question", [
    "Which countries are mentioned as alternative suppliers?",  # what they are named as: a question of fact
    "Which companies mention cobalt?",
    "Who is the US president mentioned in the articles?",  # one holder: its sides are a disagreement
    "Which articles mention Lynas?",  # which articles, not which names
    "Which albums are mentioned?",  # a work: the tagger guesses its kind
    "Which companies process rare earths?",
    "How many companies process rare earths?",
    "What are the risks of the deal?",  # no kind of name
    "What are the sources of rare earths?",  # the sources of a thing, not of the articles
    "Tell me who the president is.",
])
def test_other_questions_are_not_lists_of_names(question: str) -> None:
    assert listed(question) is None


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


ARTICLES = [
    passage("port", "Karinga Resources shipped its first cobalt in May. Dockworkers cheered the ship."),
    passage("deal", "Market Outlook:\nBorel Metals bought a stake in the mine, said Finance Minister Ana Duarte. "
                    "Minister Duarte said the sale would close in June. NdFeB magnet production stayed flat."),
    passage("policy", "Officials in Peru approved the permit. The Peru-Chile pipeline opened. "
                      "Karinga Resources welcomed the decision."),
]


def _lead(text: str) -> list[str]:
    first = re.split(r"\]\.(?:\s|$)", text.split(": ", 1)[1], maxsplit=1)[0] + "]" if ": " in text else ""
    return [re.sub(r"\s*\[\d+\]", "", name).strip() for name in first.split(", ")]


def test_every_company_is_listed_once_each_cited_and_no_label_or_modifier(answerer: Answerer) -> None:
    answer = answerer.answer("Which companies are mentioned in the articles?", ARTICLES)
    assert answer.grounded and answer.answer.startswith("The articles name 2 companies: ")
    names = _lead(answer.answer)
    assert names == ["Karinga Resources", "Borel Metals"]  # named by two articles first
    assert not any(n.startswith(("Market", "NdFeB", "Ministry")) for n in names)  # a heading, a modifier, a body
    assert {c.doc_id for c in answer.citations} == {"port", "deal"} or {c.doc_id for c in answer.citations} == \
        {"policy", "deal"}
    assert answer.conflicts == []  # each name is one more on the list, not another side


def test_the_forms_of_one_persons_name_are_merged_and_its_title_dropped(answerer: Answerer) -> None:
    answer = answerer.answer("Who is quoted in the articles?", ARTICLES)
    assert answer.grounded
    assert answer.answer.startswith("The articles name 1 person: ")
    assert _lead(answer.answer) == ["Ana Duarte"]
    assert len(answer.citations) == 1


def test_a_country_or_body_joined_to_another_is_no_separate_name(answerer: Answerer) -> None:
    answer = answerer.answer("Which countries are mentioned in the articles?", ARTICLES)
    assert answer.grounded
    names = _lead(answer.answer)
    assert "Peru" in names and not any("-" in n for n in names)


def test_no_name_of_the_kind_is_a_decline(answerer: Answerer) -> None:
    plain = [passage("prices", "Cobalt prices fell for a third week. Traders blamed weak battery demand.")]
    assert not answerer.answer("Which companies are mentioned in the articles?", plain).grounded


def test_the_engine_reads_every_passage_of_the_collection(rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    engine = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).engine
    answer = engine.ask(AskRequest(question="Which companies are mentioned in the articles?", debug=True))
    assert answer.grounded and answer.conflicts == []
    names = _lead(answer.answer)
    assert "Lynas" in names and "MP Materials" in names  # in two articles; a search for the question finds neither
    assert not any(re.search(r"Department|Agency|Survey", n) for n in names)  # public bodies are no companies
    assert "every organization named" in answer.trace["question"]["scorer"]
    people = engine.ask(AskRequest(question="Who are the people quoted in the articles?"))
    assert "Laura Chen" in _lead(people.answer)
    # whoever a sentence cites, a person or a body
    cited = engine.ask(AskRequest(question="Which sources are cited in the articles?"))
    assert {"Laura Chen", "U.S. Geological Survey"} <= set(_lead(cited.answer))
    # narrowed by a country, a name tied to another country is left out ("US-based companies like MP Materials")
    australian = engine.ask(AskRequest(question="Which Australian companies are mentioned?"))
    assert _lead(australian.answer) == ["Lynas"]
    # the filters bound the scope: an article without a company names none
    only = engine.ask(AskRequest(question="Which companies are mentioned in the articles?",
                                 filters={"doc_ids": [answer.citations[0].doc_id]}))
    assert only.grounded and {c.doc_id for c in only.citations} == {answer.citations[0].doc_id}


def test_a_list_question_in_a_conversation_reads_every_passage_too(rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    from rag.types import ChatMessage, ChatRequest

    engine = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).engine
    first = engine.chat(ChatRequest(messages=[ChatMessage(role="user", content="What share of processing does China "
                                                                               "control?")]))
    answer = engine.chat(ChatRequest(messages=[
        ChatMessage(role="user", content="What share of processing does China control?"),
        ChatMessage(role="assistant", content=first.answer),
        ChatMessage(role="user", content="Which companies are mentioned in the articles?"),
        ChatMessage(role="assistant", content="An answer."),
        ChatMessage(role="user", content="And which people?")], debug=True))
    assert answer.query == "Which people are mentioned in the articles?"
    assert "Laura Chen" in _lead(answer.answer) and "listed" in answer.trace["query"]


def test_an_empty_index_declines_a_list_question(tmp_path: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    engine = build_services(Settings.load(index_dir=tmp_path / "empty"), embedder=minilm).engine
    answer = engine.ask(AskRequest(question="Which companies are mentioned in the articles?"))
    assert not answer.grounded and answer.citations == []
