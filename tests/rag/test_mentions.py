"""Questions about where something is mentioned are answered by every article that names it, each cited by a
sentence of its own. The articles of the answerer test are written for it; the engine test uses the shared
rare-earth articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.answerer import Answerer
from rag.answer.collection_talk import without_collection_talk
from rag.answer.mentions import thing_mentioned
from rag.services import build_services
from rag.settings import Settings
from rag.types import AskRequest
from tests.rag.answerers import passage


@pytest.mark.parametrize("question, thing", [
    ("Which articles mention Karinga Resources?", "Karinga Resources"),
    ("What sources discussed the WTO?", "the WTO"),
    ("Which of the articles cite the port authority?", "the port authority"),
    ("Which article talks about cobalt refining?", "cobalt refining"),
    ("Where is Mountain Pass mentioned?", "Mountain Pass"),
    ("Where is Mountain Pass mentioned in the articles?", "Mountain Pass"),
    ("In which articles is the WTO discussed?", "the WTO"),
    ("Which article says one year?", "one year"),  # where a figure is given
    ("Which sources reported the 70% figure?", "the 70% figure"),
    ("Which articles say that the deal lasts 90 days?", None),  # a claim to find: answered as a question
    ("Which articles are about cobalt?", None),  # what they are about is not where a name appears
    ("Which companies mention cobalt?", None),  # companies, not the collection
    ("When did Karinga Resources open?", None),
])
def test_a_question_asking_which_articles_mention_something(question: str, thing: str | None) -> None:
    assert thing_mentioned(question) == thing
    if thing is not None:  # its words about the articles are what it asks: not read off as talk about them
        assert without_collection_talk(question) == question



def test_every_article_that_names_the_thing_is_cited_by_its_own_sentence(generator: Answerer) -> None:
    passages = [
        passage("port", "Karinga Resources shipped its first cobalt from Callao in May. Dockworkers cheered."),
        passage("prices", "Cobalt prices fell for a third week. Traders blamed weak battery demand."),
        passage("mine", "Borel Metals bought a stake in the mine. Analysts said Karinga Resources could sell more."),
    ]
    answer = generator.answer("Which articles mention Karinga Resources?", passages)
    assert answer.grounded
    assert sorted(c.doc_id for c in answer.citations) == ["mine", "port"]
    assert all("Karinga Resources" in c.text for c in answer.citations)
    assert not generator.answer("Which articles mention Zimbabwe?", passages).grounded


def test_the_engine_searches_by_the_thing_and_finds_each_article_naming_it(rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    engine = build_services(Settings.load(index_dir=rare_earths_index), embedder=minilm).engine
    answer = engine.ask(AskRequest(question="Which articles mention Lynas?"))
    assert answer.grounded
    assert {c.doc_id[:3] for c in answer.citations} == {"000", "003"}  # the two of the five that name Lynas
    assert all("Lynas" in c.text for c in answer.citations)
    # a name every article gives: each is cited, though the first few passages of the question's search hold four
    beijing = engine.ask(AskRequest(question="Which articles mention Beijing?"))
    assert len({c.doc_id for c in beijing.citations}) == 5 and all("Beijing" in c.text for c in beijing.citations)
