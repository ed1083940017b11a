"""Attribution on hand-made drafts: a sentence the model left uncited (or cited wrongly) is cited to the passage
that supports it by the same checks as a cited one; a sentence no passage supports is still dropped."""

from __future__ import annotations

import pytest

from rag.answer.evidence import SentenceVectors
from rag.answer.support import names
from rag.answer.verify import verify
from rag.types import Passage


@pytest.fixture(scope="module")
def vectors(minilm) -> SentenceVectors:  # type: ignore[no-untyped-def]
    return SentenceVectors(minilm)


def _p(n: int, text: str, title: str = "") -> Passage:
    return Passage(doc_id=f"d{n}", chunk_id=f"d{n}:0", title=title or f"Article {n}", text=text, score=1.0)


PASSAGES = [
    _p(1, "Soybean purchases by China will resume next month. Farmers in Iowa welcomed the news."),
    _p(2, "Beijing agreed to resume rare earth and magnet shipments for a 90-day period. Analysts called it a pause."),
    _p(3, "The suspension of the licensing rules lasts one year, with potential for renewal. It began in November."),
    _p(4, "China controls roughly 70% of global rare earth output, said Laura Chen of CSIS."),
]


def test_a_correct_uncited_sentence_is_kept_with_the_passage_that_supports_it(vectors: SentenceVectors) -> None:
    checked = verify("Beijing agreed to resume rare earth and magnet shipments for 90 days.", PASSAGES, vectors, 0.6)
    assert [(s.passages, s.attributed) for s in checked.sentences] == [([2], True)]
    assert [(a.passage, a.cited) for a in checked.attributed] == [(2, [])] and checked.attributed[0].similarity >= 0.6


def test_a_wrong_citation_is_moved_to_the_passage_that_supports_the_claim(vectors: SentenceVectors) -> None:
    checked = verify("China controls roughly 70% of global rare earth output [1].", PASSAGES, vectors, 0.6)
    assert [(s.passages, s.attributed) for s in checked.sentences] == [([4], True)]
    assert [(a.passage, a.cited) for a in checked.attributed] == [(4, [1])]
    assert "no cited passage contains 70" in [d.reason for d in checked.dropped]


def test_a_right_citation_stays_and_is_not_marked_attributed(vectors: SentenceVectors) -> None:
    checked = verify("China controls roughly 70% of global rare earth output [4]. Analysts called it a pause [2][1].",
                     PASSAGES, vectors, 0.6)
    assert [(s.passages, s.attributed) for s in checked.sentences] == [([4], False), ([2], False)]
    assert checked.attributed == []


@pytest.mark.parametrize(("draft", "why"), [
    ("Beijing agreed to resume rare earth and magnet shipments for 180 days.", "no passage holds the duration 180d"),
    ("China controls roughly 95% of global rare earth output [4].", "no passage holds 95"),
    ("China controls roughly 70% of global rare earth output, said Gina Raimondo.", "no passage names gina, raimondo"),
    ("According to the Financial Times, Beijing agreed to resume magnet shipments for a 90-day period.", "no passage names financial"),
    ("Beijing refused to resume rare earth and magnet shipments and did not agree to a 90-day period.", "says the opposite"),
    ("Rare earths are seventeen metals: the lanthanides plus scandium and yttrium.", "no passage"),
])
def test_a_sentence_no_passage_supports_is_dropped(vectors: SentenceVectors, draft: str, why: str) -> None:
    checked = verify(draft, PASSAGES, vectors, 0.6)
    assert checked.sentences == [] and checked.attributed == []
    assert why in checked.dropped[-1].reason


@pytest.mark.parametrize(("draft", "kept"), [
    ("The suspension of the licensing rules lasts twelve months, with potential for renewal.", True),
    ("The suspension of the licensing rules lasts 12 months, with potential for renewal.", True),
    ("The suspension of the licensing rules lasts 18 months, with potential for renewal.", False),
])
def test_figures_are_compared_after_normalization_when_attributing(vectors: SentenceVectors, draft: str, kept: bool) -> None:
    checked = verify(draft, PASSAGES, vectors, 0.6)
    assert [s.passages for s in checked.sentences] == ([[3]] if kept else [])


def test_names_are_capitalized_words_but_not_an_opening_word_or_a_figure() -> None:
    assert names("However, Laura Chen of CSIS said so in March.") == {"laura", "chen", "csi"}
    assert names("Beijing agreed.") == {"beij"} and names("The U.S. agreed.") == {"us"}
    assert names("Twelve months later it ended.") == set()


def test_bad_drafts_are_handled_and_stated(vectors: SentenceVectors) -> None:
    assert verify("", PASSAGES, vectors, 0.6).issues == ["the draft was empty"]
    looping = verify("Analysts called it a pause [2]. Analysts called it a pause [2]. Analysts called it a pause [2].",
                     PASSAGES, vectors, 0.6)
    assert len(looping.sentences) == 1 and any("repeats itself (2 repeated" in i for i in looping.issues)
    cut = verify("Analysts called it a pause [2]. The suspension of the licensing rules lasts", PASSAGES, vectors, 0.6)
    assert [s.text for s in cut.sentences] == ["Analysts called it a pause."]
    assert "the draft ends mid-sentence (cut off)" in cut.issues and cut.dropped[-1].reason == "cut off mid-sentence"
    for marker in ("[0]", "[99]"):
        checked = verify(f"Analysts called it a pause {marker}.", PASSAGES, vectors, 0.6)
        assert [(s.passages, s.attributed) for s in checked.sentences] == [([2], True)]
        assert f"cites passage(s) [{marker[1:-1]}] that were not given" in checked.dropped[0].reason
    asked = verify("How long will the suspension of the licensing rules last?", PASSAGES, vectors, 0.6)
    assert asked.sentences == [] and asked.dropped[0].reason == "a question, not a claim"


def test_a_sentence_quoted_from_an_article_always_holds_its_own_figures_and_names(rare_earths) -> None:  # type: ignore[no-untyped-def]
    from rag.answer.support import Claims, PassageFacts
    from rag.text import split_sentences

    for path in sorted(rare_earths.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        facts = PassageFacts(Passage(doc_id=path.stem, chunk_id=path.stem, title="", text=text, score=1.0))
        for sentence in split_sentences(text):
            claims = Claims.of(sentence)
            assert claims.figures <= facts.figures and not facts.missing_names(claims), sentence
