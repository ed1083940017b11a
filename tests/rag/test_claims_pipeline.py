"""analyze() runs spaCy's components only where their output is read (the attribute ruler on first read of a part of
speech, NER only on sentences with a name): its claims must be those of the full pipeline on every sentence."""

from __future__ import annotations

import pytest

from rag.claims import extract
from rag.claims.extract import analyze, typed

pytestmark = pytest.mark.skipif(not typed(), reason="the trimmed pipeline is spaCy's")

SENTENCES = [
    "The Biden administration raised tariffs on Chinese magnets to 25% in May 2024.",  # a role read by part of speech
    "Roughly 70% of global output and over 85% of downstream processing happen in one country.",  # no name: no NER
    "Vanguard CEO Tim Buckley said the fund holds 4% of the company.",
    "Lynas Rare Earths, the miner, ships concentrate to Malaysia.",
    "Washington Offers Targeted Concessions To Beijing",  # a headline: only the people the tagger finds
    "Prices rose sharply last year.",
    "The Trump administration's deal with Beijing lasts 90 days.",
]


def _full_pipeline(texts: list[str]) -> list[list[extract.Value]]:
    """The claims as computed before the trim: every component of the pipeline on every parsed sentence."""
    nlp = extract.model()
    prepared = [extract.prepare(t) for t in texts]
    out = []
    for text, doc in zip(prepared, nlp.pipe(prepared)):
        doc.user_data["rag_pos"] = True  # the ruler has run in the pipe
        out.append(extract._claims(text, doc if extract._worth_parsing(text) else None))  # the same sentences parsed
    return out


def test_claims_are_the_full_pipelines() -> None:
    assert analyze(SENTENCES) == _full_pipeline(SENTENCES)


def test_the_deferred_part_of_speech_is_read() -> None:
    claims = analyze([SENTENCES[0]])[0]
    biden = [c for c in claims if c.text == "Biden"]
    assert biden and biden[0].scope == "administration"  # read from the head noun's part of speech


def test_a_sentence_without_a_name_keeps_its_parsed_scopes() -> None:
    claims = analyze([SENTENCES[1]])[0]
    assert [c.scope for c in claims if c.text.endswith("%")] == ["global output", "downstream processing"]
