"""Whether a sentence is about what the question asks, beyond sharing its words: the same polarity and not
the opposite relation.

A question is often worded almost exactly like a sentence that does not answer it: "What does *not* explain
the failure of vaccines?" against "These changes may explain the failures of vaccines"; "Which islands
comprise a *larger* number of electors?" against "... comprise a much *smaller* number". Meaning and shared
terms score such a sentence high, so the evidence scorer asks two more things of it:

- polarity: a question that asks about what is *not* the case is answered only by a sentence that says
  something is not (not, never, no, without, fails to...);
- opposites: a sentence that holds the opposite of a word of the question (smaller for larger, severe for
  mild, encrypted for unencrypted) and not the word itself states another relation.

Both are general rules of English, not of any one data set.
"""

from __future__ import annotations

import re

from rag.answer.derived import derived_work
from rag.answer.extremes import NOT_SUPERLATIVE
from rag.answer.support_checks import MOMENT_FRAME, scattered_name
from rag.caches import QUESTION, TEXT, lru
from rag.claims.kinds import FALLING, RISING
from rag.claims.parse import MONTH
from rag.text import STOPWORDS

# A question asks about what is not the case ("What did the treaties not seek...", "Which region didn't...").
# ("What did many members fail to join?" asks what they did not.)
_WHY = re.compile(r"^\W*(?:and\s+|so\s+|but\s+|then\s+)?why\b", re.IGNORECASE)
_ASKS_NOT = re.compile(r"\b(?:not|never|cannot|fail(?:s|ed)? to)\b|n't\b", re.IGNORECASE)
# Negations that do not ask what is not: "not only", "or not"; the asker's own case told beside the question ("I
# cannot get select query to work, what steps should I take?"); a correction of the reading ("That was not my
# question"). A contrast (", not X") is left a negation: "a strategic pause, not a resolution" quotes one.
_NOT_A_NEGATION = re.compile(r"\bnot (?:only|just|merely|simply)\b|\bor not\b|\bif not\b|\bwhy not\b|"
                             r"\bI (?:cannot|can't|can not|do not|don't|did not|didn't|am not)\b|\bI'm not\b|"
                             r"\bnot (?:my question|what I (?:asked|meant|mean))\b", re.IGNORECASE)
# A sentence says something is not: a wider net than the question's (a fact may be worded "failed to").
_SAYS_NOT = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot|without|lacks?|lacking|lacked|fail(?:s|ed)?|"
                       r"refus(?:e|es|ed)|absent|unable|instead of|rather than|except|excluding|other than|yet to|"
                       r"delay(?:s|ed)?|postpon(?:e|es|ed)|stall(?:s|ed)|called\s+off|cancel(?:l)?(?:ed|s)?|scrapped|"
                       r"impassable|impossible|missing|unaccounted)\b|n't\b",  # ("still not chosen": "delayed"; "not
                       # taken": "called off"; "could not be found": "missing")
                       re.IGNORECASE)

_OPPOSITES = [
    ("most", "least"), ("most", "fewest"), ("more", "less"), ("more", "fewer"), ("largest", "smallest"),
    ("larger", "smaller"), ("highest", "lowest"), ("higher", "lower"),
    ("first", "last"), ("increase", "decrease"), ("increased", "decreased"), ("increasing", "decreasing"),
    ("rise", "fall"), ("rose", "fell"), ("gain", "loss"), ("severe", "mild"), ("before", "after"),
    ("earliest", "latest"), ("oldest", "newest"), ("older", "newer"), ("maximum", "minimum"),
    ("longest", "shortest"), ("longer", "shorter"), ("best", "worst"), ("better", "worse"),
    ("strong", "weak"), ("stronger", "weaker"), ("strongest", "weakest"), ("win", "lose"), ("won", "lost"),
    ("accept", "reject"), ("accepted", "rejected"), ("success", "failure"), ("succeeded", "failed"),
    ("major", "minor"), ("majority", "minority"), ("upper", "lower"), ("inner", "outer"),
    ("positive", "negative"), ("true", "false"), ("private", "public"), ("internal", "external"),
    ("male", "female"), ("allowed", "banned"), ("legal", "illegal"), ("lack", "possess"), ("lacks", "possesses"),
    ("civil", "criminal"), ("import", "export"), ("imports", "exports"), ("imported", "exported"),
    ("importer", "exporter"), ("importers", "exporters"), ("buyer", "seller"), ("buyers", "sellers"),
    ("onshore", "offshore"), ("rural", "urban"), ("domestic", "foreign"), ("upstream", "downstream"),
    ("surplus", "deficit"), ("profit", "loss"), ("profits", "losses"), ("convicted", "acquitted"),
    ("plaintiff", "defendant"), ("plaintiffs", "defendants"),
    ("succeed", "fail"), ("succeed", "failed"), ("succeeds", "fails"), ("similar", "different"), ("rising", "falling"),
    ("rising", "decreasing"), ("rising", "declining"), ("increasing", "declining"), ("growing", "shrinking"),
    ("growing", "declining"), ("expand", "shrink"), ("strengthen", "weaken"), ("enhance", "reduce"),
    ("promote", "inhibit"), ("activate", "inhibit"),
    # who lived through it and who did not: "How many residents escaped alive?" is not answered by "70 who died"
    ("alive", "dead"), ("alive", "died"), ("survived", "died"), ("survive", "die"), ("survivors", "dead"),
    ("escaped", "died"), ("escape", "died"), ("living", "dead"),
    # the time of a figure in a story that revised it: "initially sought a $916m compensation package" is no demand
    # it "eventually" cut to
    ("initially", "eventually"), ("initially", "finally"), ("initially", "ultimately"), ("initially", "later"),
    ("originally", "eventually"), ("originally", "finally"), ("originally", "ultimately"), ("originally", "later"),
    ("initial", "final"), ("original", "final"), ("initial", "revised"), ("original", "revised"),
    # a document's stage: "has published a draft damage assessment and restoration plan" is no final plan
    ("draft", "final"), ("preliminary", "final"), ("tentative", "final"), ("draft", "finalized"),
]
# Fixed phrases whose words are not the opposites above ("at least" is a bound, not "least").
_PHRASES = re.compile(r"\bat (?:least|most|first|last)\b|\bmore or less\b|\bfirst and last\b|\bbefore and after\b",
                      re.IGNORECASE)
# Directions: each of the family is the opposite of each of the other.
_DIRECTIONS = {"north": ("north", "northern", "northward", "northerly"), "south": ("south", "southern", "southward",
               "southerly"), "east": ("east", "eastern", "eastward", "easterly"),
               "west": ("west", "western", "westward", "westerly")}
_DIRECTION_OF = {w: d for d, family in _DIRECTIONS.items() for w in family}
_OPPOSITE_DIRECTION = {"north": "south", "south": "north", "east": "west", "west": "east"}

OPPOSITE: dict[str, set[str]] = {}
# (a figure's movement: each word of a fall is the opposite of each word of a rise, "How far did the shares drop?"
# is not answered by "its share price had climbed 150 percent")
for _a, _b in [*_OPPOSITES, *((f, r) for f in FALLING for r in RISING)]:
    OPPOSITE.setdefault(_a, set()).add(_b)
    OPPOSITE.setdefault(_b, set()).add(_a)
for _word, _direction in _DIRECTION_OF.items():
    OPPOSITE.setdefault(_word, set()).update(_DIRECTIONS[_OPPOSITE_DIRECTION[_direction]])

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_PREFIXES = ("un", "non-", "non")


# Cached: the scorer checks one question against every candidate sentence, and sentences recur across questions.
@lru("focus_words", TEXT)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_PHRASES.sub(" ", text.lower().replace("\u2019", "'"))))


@lru("asks_what_is_not", QUESTION)
def asks_about_what_is_not(question: str) -> bool:
    return bool(_ASKS_NOT.search(_NOT_A_NEGATION.sub(" ", question.replace("\u2019", "'"))))


def says_not(sentence: str) -> bool:
    return bool(_SAYS_NOT.search(sentence.replace("\u2019", "'")))


# A word negated by its prefix: "undeveloped", "non-binding", "independent", "irregular".
_NEGATED_WORD = re.compile(r"\b(?:un|non-?|in|im|ir|il)([a-z]{4,})\b")


# The words a question's negation bears on: the four after it ("not yet been developed", "cannot easily be
# substituted", "does not depend on the immune")
_NEGATED_SPAN = re.compile(r"(?:\b(?:not|never|cannot)|n't)((?:\s+[a-z'-]+){1,4})", re.IGNORECASE)


def negates_a_word_of(question: str, sentence: str) -> bool:
    """The sentence says a word the question negates with a negating prefix ("have not yet been developed" ->
    "undeveloped deposits"): it says what is not, in one word."""
    heads = {w[:5] for m in _NEGATED_SPAN.finditer(question.replace("\u2019", "'"))
             for w in _words(m.group(1)) if len(w) >= 4}
    return any(m.group(1)[:5] in heads for m in _NEGATED_WORD.finditer(sentence.lower()))


# A word a sentence negates: "had not proven", "has never been elected", "did not yet sign" (not "not until": a
# time bound; nor "not only")
_NEGATES = re.compile(r"(?:\b(?:not|never|cannot|no longer)|n't)\s+(?:(?:yet|been|be|ever|even|fully|formally|"
                      r"officially|actually|always|really)\s+){0,2}([a-z]{4,})\b(?![^.;,]{0,40}\b(?:until|till)\b)")
_WH_QUESTION = re.compile(r"^\W*(?:[\w'-]+,?\s+){0,4}?(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)
# a restriction or a correction: what the negated word holds of is said beside it ("not A but B", "only B")
_ONLY = re.compile(r"\bonly\b|\bbut (?:rather|instead)\b|(?:\bnot|n't)\b[^.;]*?,?\s+but\b|\binstead\b", re.I)
_NOT_NEGATED = frozenset("only just merely simply least quite enough until till".split())


def negated_relation(question: str, sentence: str) -> str:
    """A word of the question that the sentence says only as not the case ("What did the Court say the Commission
    had proven?" against "held the Commission had not proven that ..."): it states the opposite relation. A
    question that asks what is not (``asks_about_what_is_not``) is answered by just such a sentence."""
    if asks_about_what_is_not(question) or not _WH_QUESTION.match(question):
        return ""  # (asked whether it is, "Are rare earths scarce?", a sentence saying they are not answers no)
    lowered = sentence.lower().replace("\u2019", "'")
    if _ONLY.search(question) or _ONLY.search(lowered):
        return ""  # "could not propose what ..., only that there must be some": the relation holds of the rest
    found = [m for m in _NEGATES.finditer(lowered) if m.group(1) not in _NOT_NEGATED]
    negated = {m.group(1)[:5] for m in found}
    spans = [m.span(1) for m in found]
    for word in sorted(w for w in _words(question) if len(w) >= 4 and w[:5] in negated):
        said = [m.start() for m in re.finditer(rf"\b{re.escape(word[:5])}", lowered)]
        if said and all(any(a <= p < b for a, b in spans) for p in said):
            return word
    return ""


def opposite_in(question: str, sentence: str) -> str:
    """A word of the question whose opposite the sentence says instead ("larger" -> "smaller"), or ""."""
    asked, said = _words(question), _words(sentence)
    # an opposite the question names too is a side it asks about ("Western texts about the East")
    extra = said - asked
    if not extra:
        return ""
    # a question that negates says the prefixed form itself: "not yet been developed" is "undeveloped"
    negated = asks_about_what_is_not(question)
    for word, opposites, swaps in _opposites_of(question):
        if word in said:
            continue
        if opposites and not opposites.isdisjoint(extra) and not _converse(question, sentence, word,
                                                                          min(opposites & extra)) \
                and not _from_other_events(question, sentence, word, min(opposites & extra)):
            return f"{word}/{min(opposites & extra)}"
        for other in () if negated else swaps:
            if other in extra:
                return f"{word}/{other}"
    return ""


_CONVERSE = frozenset({"before", "after"})


def _ordered_from(text: str, word: str, limit: int) -> set[str]:
    """The content words (their first five letters) of what ``word`` orders by, up to ``limit`` words after each
    place it is said, to the end of its clause."""
    return {w[:5] for m in re.finditer(rf"\b{word}\b((?:\W+[a-z'-]+){{1,{limit}}})", text)
            for w in _WORD.findall(re.split(r"[,;:?!]", m.group(1))[0]) if w not in STOPWORDS and len(w) >= 3}


def _from_other_events(question: str, sentence: str, word: str, other: str) -> bool:
    """The question's "before" and the sentence's "after" count from two different events, and so say nothing
    opposite ("Before the upgrade to level 7, what rating ...?" and "one week after the quake, the agency declared
    ... a level 5 incident")."""
    if {word, other} != _CONVERSE:
        return False
    asked = _ordered_from(question.lower().replace("\u2019", "'"), word, 5)
    said = _ordered_from(sentence.lower().replace("\u2019", "'"), other, 5)
    return bool(asked) and bool(said) and not asked & said


def _converse(question: str, sentence: str, word: str, other: str) -> bool:
    """The sentence orders the same two things the other way round: "work before she joined the bank" is said by
    "joined the bank in 2005, after 20 years at a paper mill" (what the question's "before" is before, the
    sentence's main clause says; what its "after" is after is something else)."""
    if {word, other} != _CONVERSE:
        return False
    lower_q, lower_s = question.lower().replace("\u2019", "'"), sentence.lower().replace("\u2019", "'")
    asked = re.search(rf"\b{word}\b((?:\W+[a-z'-]+){{1,5}})", lower_q)
    said = re.search(rf"\b{other}\b", lower_s)
    if asked is None or said is None:
        return False
    reference = {w[:5] for w in _WORD.findall(re.split(r"[,;:?!]", asked.group(1))[0])
                 if w not in STOPWORDS and len(w) >= 3}
    main = {w[:5] for w in _WORD.findall(lower_s[:said.start()])}
    ordered = {w[:5] for w in _WORD.findall(" ".join(lower_s[said.end():].split()[:6]))}
    return bool(reference) and reference <= main and not reference & ordered


@lru("question_opposites", QUESTION)  # the question's side, once per question (the rerank asks for every candidate)
def _opposites_of(question: str) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """Each word of the question in sorted order, with its opposites and its forms with a negating prefix added
    or taken off ("unencrypted" / "encrypted"), in the order ``opposite_in`` tries them."""
    out = []
    for word in sorted(_words(question)):
        swaps = []
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 5:
                swaps.append(word[len(prefix):])
            if len(word) >= 5:
                swaps.append(prefix + word)
        out.append((word, frozenset(OPPOSITE.get(word, ())), tuple(swaps)))
    return tuple(out)


# A superlative that ranks something: "the oldest work", "its most famous work", "China's largest port".
_SUPERLATIVE = re.compile(r"\b(?:the|its|their|his|her|our|[a-z]+'s)\s+(?:(?:second|third|fourth|fifth)[- ])?"
                          r"(most \w+|least \w+|\w{3,}est|best|worst)\s+(\w+)")


@lru("superlatives", QUESTION)  # the question's, once per question; read only
def _superlatives(text: str) -> dict[str, str]:
    """Each superlative of the text and the word it ranks ("the oldest work" -> {"work": "oldest"})."""
    found = {}
    for m in _SUPERLATIVE.finditer(text.lower().replace("\u2019", "'")):
        if m.group(1) not in NOT_SUPERLATIVE and m.group(1).split()[-1] not in NOT_SUPERLATIVE:
            found[m.group(2)] = m.group(1)
    return found


# Closed classes: a question naming one member is not answered by a sentence naming only others of its class
# ("sits Tuesdays, Wednesdays and Fridays" against "Tuesdays, Wednesdays and Thursdays").
_CLASSES = [
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
     "december"),
    ("spring", "summer", "autumn", "winter"),
    ("daily", "weekly", "monthly", "quarterly", "annual"),
]
# An ordinal that tells one of a series from the others, after a determiner: "the third German empire" is not "the
# second German Empire". ("finished second" ranks; "was first built" tells when.)
_ORDINAL = re.compile(r"\b(?:the|its|their|his|her|a|an|[a-z]+'s)\s+(first|second|third|fourth|fifth|sixth|seventh|"
                      r"eighth|ninth|tenth|eleventh|twelfth)\b")
_MEMBER = {w: i for i, members in enumerate(_CLASSES) for w in members}


@lru("members", TEXT)
def _members(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower()) if w.rstrip("s") in _MEMBER)


@lru("ordinals", TEXT)
def _ordinals(text: str) -> frozenset[str]:
    return frozenset(_ORDINAL.findall(text.lower().replace("\u2019", "'")))


# a sentence's own figure up to a month ("As of March 2015, ...")
_OWN_FRAME = re.compile(r"\b(?:by|as\s+of|until|through)\s+(?:the\s+(?:end|middle|start|beginning)\s+of\s+|(?:early|mid|"
                        r"late)[-\s]+)?(?:" + MONTH + r")\b", re.I)


def _dropped_if_by(frame: re.Match[str]) -> str:
    """A frame up to a moment ("by late June", "as of March") asks no sentence to name its month: the count so far may
    be said with the day of the event it counts ("since the April 15 blaze"); "In June, ..." keeps its month."""
    return " " if re.match(r"\W*(?:by|as\s+of|towards?)\b", frame.group(0), re.I) else frame.group(0)


def other_member(question: str, sentence: str) -> str:
    """A day, month or season the question names that the sentence does not, where it names another; or an
    ordinal of a series ("the third empire" against "the second German Empire")."""
    # (unless the sentence gives its own figure up to another month: "As of March 2015, ...", asked as of February)
    framed = MOMENT_FRAME.sub(_dropped_if_by, question) if not _OWN_FRAME.search(sentence) else question
    asked, said = _members(framed), _members(sentence)
    asked_order, said_order = _ordinals(question), _ordinals(sentence)
    for word in sorted(asked_order - said_order):
        if word not in _words(sentence) and said_order - asked_order:
            return f"{word}/{min(said_order - asked_order)}"
    for word in sorted(asked - said):
        others = {w for w in said - asked if _MEMBER[w] == _MEMBER[word]}
        if others:
            return f"{word}/{min(others)}"
    return ""


def other_ranking(question: str, sentence: str) -> str:
    """The question ranks a thing one way ("the oldest work") and the sentence ranks the same thing another
    way and not the question's ("the most famous work"): the sentence names the top of another list."""
    asked = _superlatives(question)
    if not asked:
        return ""
    said, words = _superlatives(sentence), _words(sentence)
    for noun, rank in asked.items():
        if noun in said and said[noun] != rank and not set(rank.split()[-1:]) <= words:
            return f"{rank}/{said[noun]}"
    return ""


def mismatch(question: str, sentence: str, introduced_as_not: bool = False) -> str:
    """Why the sentence cannot answer the question although it shares its words; "" when nothing says so.
    ``introduced_as_not``: the sentence is a list item whose introducing line says what is not."""
    # (not of a why-question: the cause of what did not happen may be said in plain terms, "Why couldn't the men
    # climb out?" / "The shaft had collapsed behind them")
    if asks_about_what_is_not(question) and not _WHY.match(question) and not (
            introduced_as_not or says_not(sentence) or negates_a_word_of(question, sentence)):
        return "the question asks what is not the case; the sentence says nothing is not"
    derived = derived_work(question, sentence)
    if derived:
        return f"the sentence is about a work made from the one asked about (its {derived})"
    scattered = scattered_name(question, sentence)
    if scattered:
        return f"the sentence holds the words of {scattered!r} only apart, in other names"
    return subject_mismatch(question, sentence)


def subject_mismatch(question: str, subject: str) -> str:
    """Why a sentence about ``subject`` (what it says or, for one that refers back, what it refers to) is
    about something other than what the question asks: the opposite relation, another member of a kind, or
    another ranking."""
    sentence = subject
    opposite = opposite_in(question, sentence)
    if opposite:
        return f"the sentence says the opposite ({opposite})"
    negated = negated_relation(question, sentence)
    if negated:
        return f"the sentence says {negated!r} is not the case"
    member = other_member(question, sentence)
    if member:
        return f"the sentence names another of its kind ({member})"
    ranking = other_ranking(question, sentence)
    if ranking:
        return f"the sentence ranks by something else ({ranking})"
    return ""
