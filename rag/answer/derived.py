"""A work made from the one asked about: its soundtrack, sequel, remaster or season.

"When was Xenoblade Chronicles: Definitive Edition released?" is not answered by "A second soundtrack album
featuring the remastered tracks used in Xenoblade Chronicles: Definitive Edition was released on 2 August
2023", nor "When was Ocarina of Time released?" by "The Legend of Zelda: Ocarina of Time Re-Arranged Album was
released on December 22nd, 1999". The sentence names the work, but its subject is another thing made from it:
a noun of such things ("soundtrack", "album", "sequel", "season") right after the work's name, or before it
with a word that links the two ("the soundtrack of", "tracks used in"), in the words before the sentence's
main verb. A question that names that kind of thing itself asks about it.
"""

from __future__ import annotations

import re

from rag.answer.subjects import name_pattern, question_names

_DERIVED = (r"soundtracks?|albums?|osts?|scores?|trailers?|sequels?|prequels?|remakes?|remasters?|expansions?|"
            r"dlcs?|demos?|adaptations?|novell?i[sz]ations?|manga|anime|musicals?|tours?|seasons?|episodes?|"
            r"re-releases?|spin-offs?|documentar(?:y|ies)|singles?|remix(?:es)?|covers?|translations?")
_AUX = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would)\b")
_AFTER = re.compile(rf"^(?:[\s:-]+[\w'-]+){{0,2}}?\s+({_DERIVED})\b", re.IGNORECASE)
_BEFORE = re.compile(rf"\b({_DERIVED})\b(?:\s+[\w'-]+){{0,6}}?\s+(?:of|from|for|to|in|featuring|based on|"
                     rf"accompanying)(?:\s+the)?(?-i:(?:\s+[A-Z][\w'.-]*:?){{0,3}})\s*$", re.IGNORECASE)


def derived_work(question: str, sentence: str) -> str:
    """The kind of derived work the sentence's subject is ("album"), or "" when its subject is the work asked
    about (or the question asks about that kind of work too)."""
    aux = _AUX.search(sentence)
    if aux is None:
        return ""
    subject = sentence[:aux.start()]
    asked = question.lower()
    for name in question_names(question):
        pattern = name_pattern(name)
        match = re.search(pattern, subject) if pattern else None
        if match is None:
            continue
        found = _AFTER.match(subject[match.end():]) or _BEFORE.search(subject[:match.start()])
        if found and not re.search(rf"\b{re.escape(found.group(1).lower().rstrip('s'))}", asked):
            return found.group(1).lower()
    return ""
