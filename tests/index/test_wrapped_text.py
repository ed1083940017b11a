"""Plain text wrapped to a width (a wire story's lines) is rejoined at ingest, so that no sentence is cut at a line
end; lists, code, headlines and bylines keep their lines. The story is written for the tests."""

from __future__ import annotations

from index.readers.base import ReadOptions
from index.readers.text import READER, unwrap

WRAPPED = """* Flooded dam declared safe, minister says
By Eva Dahl and Karl Holm
RASK, May 3 Norlant said its
flooded Lunde dam could hold the river again on Sunday, ending a
week in which thousands left the valley below it, though some
engineers doubted that the walls would last the spring.
The Lunde dam, 90 km (56 miles) upstream of
Holmstad, was damaged on April 20 when heavy rain and
melting snow sent a surge of water over its crest."""


def test_a_paragraph_wrapped_to_a_width_is_one_line_per_line_of_prose() -> None:
    lines = unwrap(WRAPPED).split("\n")
    assert "The Lunde dam, 90 km (56 miles) upstream of Holmstad, was damaged on April 20 when heavy rain and " \
           "melting snow sent a surge of water over its crest." in lines
    assert any(line.startswith("RASK, May 3 Norlant said its flooded Lunde dam could hold") for line in lines)
    # the headline and the byline end where their authors ended them
    assert lines[:2] == ["* Flooded dam declared safe, minister says", "By Eva Dahl and Karl Holm"]


def test_the_text_reader_rejoins_wrapped_lines() -> None:
    parsed = READER.read(WRAPPED.encode(), ReadOptions())
    assert "upstream of Holmstad, was damaged" in parsed.text


def test_lists_code_and_short_paragraphs_keep_their_lines() -> None:
    listed = "What we offer:\nactivities for children\nresources for teachers\nworkshops in the evening\nprograms"
    assert unwrap(listed) == listed
    code = ('{\n"selector": {\n"firstname": "Karl",\n"surname": "Holm"\n},\n"limit": 10\n}')
    assert unwrap(code) == code
    items = ("Steps to take in a storm:\n- close the windows of the house\n- bring in the chairs of the garden\n"
             "- stay inside until the wind has dropped")
    assert unwrap(items) == items
    short = "The dam is safe, the minister said\nafter the flood."  # one break is no sign of a width
    assert unwrap(short) == short
