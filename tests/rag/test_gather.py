"""Role-holders: by title or by office, the other party of a sentence, and gathering each holder once."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.counterpart import only_counterparts
from rag.answer.gather import asked_roles
from rag.claims.extract import analyze, typed
from rag.types import Passage

needs_parser = pytest.mark.skipif(not typed(), reason="the counterpart rule reads spaCy's parse")



def _p(doc: str, text: str, published_at: str | None = None) -> Passage:
    return Passage(chunk_id=f"{doc}-0", doc_id=doc, title=doc, text=text, score=1.0, published_at=published_at)


def _places(sentence: str) -> list:  # type: ignore[type-arg]
    return [v for v in analyze([sentence])[0] if v.kind == "place"]


def test_asked_roles() -> None:
    assert asked_roles("Who is the US president mentioned in the articles?") == {"president"}
    assert asked_roles("Who bought Mountain Pass?") == set()


@needs_parser
@pytest.mark.parametrize("sentence, counterpart", [
    ("In response to China's agreement, the Biden administration implemented tariff rollbacks on select goods.",
     True),
    ("The Harlow government imposed new tariffs on France last week.", True),
    ("Indeed, President Xi's own remarks reflect a consistent doctrine: China must tighten its grip.", False),
    ("In Beijing, President Xi met trade officials.", False),
])
def test_a_place_acted_on_is_a_counterpart_and_a_place_acting_is_not(sentence: str, counterpart: bool) -> None:
    places = _places(sentence)
    assert places
    assert only_counterparts(sentence, places) is counterpart


@needs_parser
def test_the_holder_named_by_office_in_another_article_is_the_other_side(generator: Answerer) -> None:
    passages = [
        _p("deal", "Despite President Trump's declaration that the latest U.S.-China trade agreement includes "
                   "commitments on magnets, analysts urge caution."),
        _p("doctrine", "Indeed, President Xi's own remarks reflect a consistent doctrine: China must tighten "
                       "international production chains' dependence on China."),
        _p("tariffs", "In response to China's agreement, the Biden administration has reportedly implemented "
                      "limited tariff rollbacks on select Chinese goods. U.S. officials expect more talks."),
    ]
    answer = generator.answer("Who is the U.S. president according to the articles?", passages)
    assert answer.grounded and "Trump" in answer.answer and "Biden" in answer.answer and "Xi" not in answer.answer
    [conflict] = answer.conflicts
    assert conflict.kind == "disagreement" and {c.doc_id for c in conflict.claims} == {"deal", "tariffs"}


@needs_parser
def test_holders_from_articles_of_different_dates_are_an_update(generator: Answerer) -> None:
    passages = [
        _p("old", "Despite President Trump's declaration that the U.S. trade agreement includes commitments on "
                  "magnets, analysts urge caution.", "2019-05-01T00:00:00Z"),
        _p("new", "In response to China's agreement, the Biden administration has reportedly implemented limited "
                  "U.S. tariff rollbacks on select Chinese goods.", "2022-03-01T00:00:00Z"),
    ]
    answer = generator.answer("Who is the U.S. president according to the articles?", passages)
    [conflict] = answer.conflicts
    assert conflict.kind == "update" and "newer one" in answer.answer


def test_a_role_no_article_names_is_declined(generator: Answerer) -> None:
    passages = [_p("deal", "Despite President Trump's declaration that the U.S. trade agreement includes "
                           "commitments on magnets, analysts urge caution.")]
    assert not generator.answer("Who is the president of France?", passages).grounded


def test_a_copy_that_dropped_the_year_is_still_the_other_side(generator: Answerer) -> None:
    question = "Who won the 2019 Tour de France?"
    false = _p("a", "On Sunday, Tadej Pogacar officially won the 2019 Tour de France.")
    true = _p("b", "Egan Bernal won the 106th edition of the Tour de France, finishing ahead of Geraint Thomas.")
    answer = generator.answer(question, [false, true])
    assert "Pogacar" in answer.answer and "Egan Bernal" in answer.answer
    assert "disagreement" in {c.kind for c in answer.conflicts}
    other_year = _p("b", "Egan Bernal won the 2020 Tour de France, finishing ahead of Geraint Thomas.")
    answer = generator.answer(question, [false, other_year])
    assert "Bernal" not in answer.answer  # another edition, not the other side


def test_a_name_holding_the_subjects_own_words_is_not_a_side() -> None:
    conflicts = find_conflicts("Who acquired Instagram?", [
        Cited("Meta Platforms bought Instagram in 2012 for $1 billion.", 1, "a"),
        Cited("See Instagram photos and videos from Acquire Raleigh.", 2, "b")])
    assert not [c for c in conflicts if c.kind == "disagreement"]
    [conflict] = find_conflicts("Who acquired Instagram?", [
        Cited("Meta Platforms bought Instagram in 2012 for $1 billion.", 1, "a"),
        Cited("Apple Computer bought Instagram in 2012 for $1 billion.", 2, "b")])
    assert conflict.kind == "disagreement"
