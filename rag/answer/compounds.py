"""Words written apart in the question and together in the passage: "book keeping" and "bookkeeping",
"data base" and "database", "e mail" and "email". Two adjacent content terms of the question are held by a
passage that holds their concatenation, so a reaction such as "That's a complicated book keeping!" covers
the sentence "FIFO simplifies the bookkeeping." as a reader would.

Measured on the MTRAG human subset (README, conversation section, "Round six").
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_JOINED = 6  # characters: shorter concatenations ("a"+"in") join by chance


def joined(terms: Sequence[str], held: set[str]) -> set[str]:
    """The terms of ``terms`` (in the question's order) that ``held`` holds only as halves of one word: a
    held term that is their concatenation, or begins with it, or is it with the second half's ending stemmed
    away, so that the whole of the second half is in it ("container registry" is not "container")."""
    out: set[str] = set()
    for a, b in zip(terms, terms[1:]):
        word = a + b
        # a stemmed ending may be missing, but the held word must reach past the first half ("bessent" is not
        # "bessent" + "go")
        if len(word) >= MIN_JOINED and a != b and any(
                h.startswith(word) or (word.startswith(h) and len(h) >= len(word) - 2 and len(h) > len(a) + 1)
                for h in held):
            out |= {a, b}
    return out
