"""News sentences read as news writes them: a quotation over two chunks, opened by a title, with its speaker
described, after the sentence that reports it; a sentence that refers to the one before; a length that places.

Found on the dev sets: "What did King Maha Vajiralongkorn say the rescue effort had shown?" was answered with the
sentence before his statement, because the statement's first sentence ended one chunk and its attribution ("...,
H.M. King Maha Vajiralongkorn, Thailand's monarch, wrote") opened the next; "“Mr. President, the prompt
humanitarian assistance ...”" was cut after "“Mr."; "What did Narongsak Osottanakorn make of Musk's submarine?"
quoted "Narongsak Osottanakorn said it wouldn't work" without the quotation after it that says why; "These
secondary sources could provide 20-30% ..." lost to a table row, read without the sentence it refers to; "sank
about eighty kilometers from the Louisiana coast" was another side of "1,300 miles of shoreline". Each test here
fails on the code before this round (main `e5f808b`).
"""

from __future__ import annotations

from rag.answer import quotes
from rag.text import split_sentences
from rag.types import Passage

STATEMENT = ("\u201cThe circumstance has clearly shown the power of unity in action, power of love and goodwill "
             "towards fellow men regardless of race and religious beliefs.")
SIGNED = ("I am pleased to extend the sincerest thanks and appreciation to all concerned,\u2019\u2019 H.M. King Maha "
          "Vajiralongkorn, Thailand\u2019s monarch, wrote in an official statement from the palace.")


def chunk(doc_id: str, position: int, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:{position}:x", title="The King thanks the world", text=text,
                   score=0.5)


def test_a_title_opening_a_quotation_ends_no_sentence() -> None:
    text = "He wrote to the president. \u201cMr. President, the aid is a testament to our friendship,\u2019\u2019 he wrote."
    assert split_sentences(text) == ["He wrote to the president.",
                                     "\u201cMr. President, the aid is a testament to our friendship,\u2019\u2019 he wrote."]
    assert split_sentences("(Dr. Smith agreed.) It rained.") == ["(Dr. Smith agreed.)", "It rained."]


def test_a_speaker_described_between_commas_is_the_attribution() -> None:
    assert quotes.attributed(SIGNED)
    assert quotes.continues(STATEMENT, SIGNED)
    assert not quotes.attributed("The King, who was abroad, wrote to the nation.")  # no quotation closes before it


def test_a_quotation_begun_in_the_chunk_before_is_answered_with_its_speaker(generator) -> None:  # type: ignore[no-untyped-def]
    first = chunk("king", 1, "His Majesty King Maha Vajiralongkorn expressed his sincerest thanks to everyone who "
                  "helped the rescue. " + STATEMENT)
    second = chunk("king", 2, SIGNED)
    question = "What did King Maha Vajiralongkorn say the rescue effort had shown?"
    answer = generator.answer(question, [first, second])
    assert answer.grounded and "power of unity" in answer.answer
    # each half of the quotation is cited on the chunk that holds it
    chunk_of = {f"[{c.id}]": c.chunk_id for c in answer.citations}
    after_statement = answer.answer.split("religious beliefs", 1)[1].split()[0]
    after_signed = answer.answer.split("from the palace", 1)[1].split()[0]
    assert chunk_of[after_statement.rstrip(".")] == "king:1:x" and chunk_of[after_signed.rstrip(".")] == "king:2:x"
    # chunks of other positions, or of another article, are read on their own
    apart = generator.answer(question, [first, chunk("king", 3, SIGNED)])
    assert "power of unity" not in apart.answer


def test_the_speakers_own_words_follow_the_report_of_them(generator) -> None:  # type: ignore[no-untyped-def]
    report = chunk("sub", 0, "Although Elon Musk flew to Chiang Rai to donate a child-sized submarine for the rescue, "
                   "Narongsak Osottanakorn said it wouldn\u2019t work.")
    quoted = chunk("sub", 1, "\u201cThe equipment he gave us is not practical for our mission,\u201d Narongsak said "
                   "Tuesday morning. The divers went on with the plan.")
    answer = generator.answer("What did Narongsak Osottanakorn make of Musk's submarine?", [report, quoted])
    assert answer.grounded and "wouldn\u2019t work" in answer.answer and "not practical" in answer.answer
    assert answer.answer.index("wouldn\u2019t work") < answer.answer.index("not practical")
    # asked no speaker, the report alone answers
    plain = generator.answer("Did Musk donate a submarine for the rescue?", [report, quoted])
    assert "not practical" not in plain.answer


def test_asked_no_speaker_only_the_half_holding_the_answer_is_quoted(generator) -> None:  # type: ignore[no-untyped-def]
    told = chunk("dive", 0, "\u201cLast night, we planned to bring oxygen tanks from Chamber 3 to where the children are. "
                 "It took five to six hours for each leg,\u201d Rear Adm. Apakorn Yukongkaew, commander of the Thai Naval "
                 "Special Warfare Command, told reporters outside the cave, located some 900 km north of Bangkok.")
    far = generator.answer("How far is the cave from Bangkok?", [told])
    assert far.grounded and "900 km" in far.answer and "Last night" not in far.answer
    said = generator.answer("Who said it took five to six hours for each leg?", [told])
    assert "Apakorn" in said.answer and "Last night" in said.answer  # asked who said it: the quotation whole


RECYCLING = Passage(doc_id="supply", chunk_id="supply:0:x", title="Diversification", score=0.5, text=(
    "Advanced economies are developing rare earth recycling capabilities to recover materials from end-of-life "
    "products including electronics, vehicles, and wind turbines. These secondary sources could provide 20-30% of "
    "future supply requirements while reducing dependencies on primary extraction and processing."))
SHARES = Passage(doc_id="shares", chunk_id="shares:0:x", title="Processing", score=0.5, text=(
    "Processing Capacity Reality:\n| Supply Chain Stage | Chinese Market Share | Strategic Significance |\n"
    "|---|---|---|\n| Rare Earth Mining | 60-70% | Raw material extraction |\n"
    "| Rare Earth Processing | 85-90% | Converting raw ore into usable compounds |"))


def test_a_sentence_referring_to_the_one_before_means_what_that_one_said(generator) -> None:  # type: ignore[no-untyped-def]
    # (not a quotation: the same reading of a passage in context, measured on the rare-earth articles)
    question = "What share of future rare earth needs could be met by recovering materials from discarded products?"
    answer = generator.answer(question, [SHARES, RECYCLING])
    assert answer.grounded and answer.answer.startswith("These secondary sources could provide 20-30%")


SHORELINE = Passage(doc_id="noaa", chunk_id="noaa:0:x", title="A moment in time", score=0.5, text=(
    "Currents, winds, and tides carried these surface oil slicks to the Gulf states, damaging more than 1,300 miles "
    "of shoreline from eastern Texas to the Florida Panhandle."))
SANK = Passage(doc_id="voa", chunk_id="voa:0:x", title="Fisheries at risk", score=0.5, text=(
    "On April twentieth an oil drilling rig exploded and sank about eighty kilometers from the Louisiana coast."))


def test_a_length_that_places_something_measures_nothing_asked(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.claims.kinds import Value, answers_as

    sank = Value("quantity", "about eighty kilometers", 80000, 80000, "m", start=SANK.text.index("about eighty"),
                 end=SANK.text.index(" from the Louisiana"))
    assert not answers_as(sank, SANK.text, ("quantity", "count"), "How much shoreline was damaged by the oil?")
    assert answers_as(sank, SANK.text, ("quantity",), "How far from the coast did the rig sink?")
    answer = generator.answer("How much shoreline was damaged by the oil?", [SHORELINE, SANK])
    assert "1,300 miles" in answer.answer and not answer.conflicts  # a position is no other side of a length
