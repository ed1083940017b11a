"""Plain text: the file is the article, with lines that were broken only to fit a width (a wire story's hard-wrapped
paragraphs, a saved e-mail) joined again, so that no sentence is cut at a line end."""

from __future__ import annotations

import re

from index.readers.base import Parsed, Reader, ReadOptions, decode_text, normalize_newlines

# A line that starts a list item, a table row, a heading or a quoted block keeps its own line.
_ITEM = re.compile(r"^\s*(?:[-*\u2022\u2023\u25e6>#|+]|\d{1,3}[.)]\s|[a-z][.)]\s)")
_ENDS = re.compile(r"[.!?:;\"\u201d'\u2019)\]]$")  # a line that ends as a sentence or a clause may
# a break in mid-sentence: the next line goes on in lower case, or the line ends on a word no sentence ends with
_GOES_ON = re.compile(r"^[a-z0-9(\u201c\"'$\u00a3\u20ac%]")
_OPEN_END = re.compile(r"(?:,|\b(?:of|the|a|an|and|or|but|to|in|on|at|by|for|with|from|its|their|his|her|that|which|"
                       r"who|is|are|was|were|has|have|had|will|would|as|than))$", re.I)
_CODE = re.compile(r"[{}\[\]=<>`\\]|^\s*(?:SELECT|FROM|WHERE|WITH|def|class|import|return)\b|--\s")  # code and data keep their lines
MIN_WORDS = 4  # a line of fewer words is a list's or a label's, however it ends
MIN_BREAKS = 3  # mid-sentence breaks that show a paragraph was wrapped to a width
MAX_WIDTH = 100  # longer lines were not wrapped to fit anything
SHORT = 0.75  # a line shorter than this share of its block's width ended where its author ended it, unless the
# next goes on in lower case ("RASK, Dec 16 Vardex declared its" + "storm-hit plant to be ...")


def _prose(line: str) -> bool:
    return len(line.split()) >= MIN_WORDS and not _CODE.search(line)


def _wrapped(lines: list[str]) -> bool:
    """The block's lines were broken to a width: they are no longer than ``MAX_WIDTH``, and at least
    ``MIN_BREAKS`` of its breaks fall in mid-sentence."""
    if len(lines) < MIN_BREAKS + 1 or max(len(line) for line in lines) > MAX_WIDTH:
        return False
    breaks = sum(1 for line, after in zip(lines, lines[1:])
                 if _prose(line) and not _ENDS.search(line) and not _ITEM.match(after)
                 and (_GOES_ON.match(after.lstrip()) or _OPEN_END.search(line)))
    return breaks >= MIN_BREAKS


def unwrap(text: str) -> str:
    """Each paragraph (lines between blank lines) wrapped to a width is rejoined: a line that does not end a sentence
    runs on into the next when it is as long as its neighbours ("240 km northeast of" + "Lunde, was wrecked") or the
    next goes on in lower case."""
    out: list[str] = []
    for block in re.split(r"(\n\s*\n)", text):
        lines = block.split("\n")
        if block.strip() == "" or not _wrapped([line.rstrip() for line in lines]):
            out.append(block)
            continue
        width = sorted(len(line.rstrip()) for line in lines)[len(lines) * 3 // 4]
        joined = [lines[0].rstrip()]
        for last, line in zip(lines, lines[1:]):  # (each line is judged by itself, not by what it was joined to)
            last, goes_on = last.rstrip(), bool(_GOES_ON.match(line.lstrip()))
            # (a list item runs on only into a line that goes on in lower case)
            if (goes_on or (len(last) >= SHORT * width and not _ITEM.match(last))) and not _ENDS.search(last) \
                    and _prose(last) and not _CODE.search(line) and not _ITEM.match(line) and line.strip():
                joined[-1] = f"{joined[-1]} {line.strip()}"
            else:
                joined.append(line.rstrip())
        out.append("\n".join(joined))
    return "".join(out)


def read(data: bytes, options: ReadOptions) -> Parsed:
    return Parsed(unwrap(normalize_newlines(decode_text(data, options.charset))))


READER = Reader("text", (".txt",), ("text/plain",), read)
