"""Plain text wrapped to a width (a wire story's lines) is rejoined at ingest, so that no sentence is cut at a line
end; lists, code, headlines and bylines keep their lines. The story is written for the tests."""

from __future__ import annotations

from index.readers.base import ReadOptions
from index.readers.text import READER, unwrap

WRAPPED = """* Storm-hit plant is "stable", minister says
By Eva Dahl and Karl Holm
RASK, Dec 16 Norlant declared its
storm-hit Lunde power plant to be safe on Friday, taking a major
step to ending the worst crisis in the region in 25 years but some
critics asked whether the plant was really under control.
The Lunde plant, 240 km (150 miles) northeast of
Holmstad, was wrecked on March 11 by a huge storm and a
towering flood which knocked out its cooling systems."""


def test_a_paragraph_wrapped_to_a_width_is_one_line_per_line_of_prose() -> None:
    lines = unwrap(WRAPPED).split("\n")
    assert "The Lunde plant, 240 km (150 miles) northeast of Holmstad, was wrecked on March 11 by a huge storm and a " \
           "towering flood which knocked out its cooling systems." in lines
    assert any(line.startswith("RASK, Dec 16 Norlant declared its storm-hit Lunde power plant") for line in lines)
    # the headline and the byline end where their authors ended them
    assert lines[:2] == ['* Storm-hit plant is "stable", minister says', "By Eva Dahl and Karl Holm"]


def test_the_text_reader_rejoins_wrapped_lines() -> None:
    parsed = READER.read(WRAPPED.encode(), ReadOptions())
    assert "northeast of Holmstad, was wrecked" in parsed.text


def test_lists_code_and_short_paragraphs_keep_their_lines() -> None:
    listed = "What we offer:\nactivities for children\nresources for teachers\nworkshops in the evening\nprograms"
    assert unwrap(listed) == listed
    code = ('{\n"selector": {\n"firstname": "Karl",\n"surname": "Holm"\n},\n"limit": 10\n}')
    assert unwrap(code) == code
    items = ("Steps to take in a storm:\n- close the windows of the house\n- bring in the chairs of the garden\n"
             "- stay inside until the wind has dropped")
    assert unwrap(items) == items
    short = "The plant is safe, the minister said\nafter the storm."  # one break is no sign of a width
    assert unwrap(short) == short
