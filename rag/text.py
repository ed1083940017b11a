"""Text utilities shared by answering and evaluation: sentences, terms, and number normalization."""

from __future__ import annotations

import re
import unicodedata

from rag.caches import TEXT, lru

# Pure functions of a sentence's text, called for the same retrieved sentences on every question: their
# results are kept (bounded, least recently used out: rag/caches.py's TEXT; sizes in /metrics).

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just let me more most my
myself no nor not now of off on once only or other our ours ourselves out over own per same she should so
some such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom whose why will with would you your yours
yourself yourselves according said says say tell told does did done many much one ones thing things
kind sort whether wa ha get gets got getting gotten
""".split())

# Latin capitals, the accented ones too ("Chloé Zhao", "Świątek", "Ørsted"): what opens a name when names
# are found by their case. ``[^\W_]`` (a letter or digit of any script) is the matching end of a word.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())

QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())
# Adverbs that hedge or stress what a question asks without changing its form: "What is germanium mainly used for?"
# asks what "What is germanium used for?" does (``without_hedges``; rag/answer/descriptive.py). They stay terms of the
# question: made optional for the sentences that answer, they let through unanswerable questions ("What exactly was he
# criticized for?" answered by another man's statement)
HEDGES = frozenset("""
mainly mostly primarily chiefly largely principally predominantly actually really exactly precisely basically
essentially generally typically usually normally commonly
""".split())
_HEDGE = re.compile(r"\s*\b(?:" + "|".join(sorted(HEDGES)) + r")\b", re.IGNORECASE)
# a connective's other wording: "in return" is written "in exchange", and the reverse ("What did Washington offer in
# return?" is answered by "In exchange, Washington has offered ..."): the keyword search and the answerer read both
CONNECTIVE_WORDINGS = {"return": "exchange", "exchange": "return"}

ABBREVIATIONS = frozenset("""
u.s u.k u.n e.g i.e dr mr mrs ms st jr sr vs inc co corp ltd no fig gen gov sen rep prof mt ft est approx
adm lt col capt sgt cmdr maj cpl rev hon
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# letters each followed by a stop ("H.M. King Maha Vajiralongkorn", "the E.U. Commission"): a name's initials, not a
# sentence's end, as "U.S." is; a time of day's "a.m."/"p.m." ends one more often than not ("at 10 p.m. The ...")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_CLOCK = frozenset({"a.m", "p.m"})
# what goes on with a time of day after its "a.m."/"p.m.": the same time in another zone, its day, its zone
_CLOCK_GOES_ON = re.compile(r"\(|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|GMT|UTC|EDT|EST|CDT|"
                            r"CST|MDT|MST|PDT|PST|BST|CET|CEST|ET|PT|CT|local time)\b")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-\.%]*[A-Za-z0-9%]|[A-Za-z0-9]")
# (or a stop a scraped page lost the space after, between words: "... 600 people.Flames tore up ...")
_BOUNDARY = re.compile(r"([.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|(?<=[a-z]{2})([.!?])(?=[A-Z][a-z]{2,}\b)")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_VALUE_NEXT = re.compile(rf"{_MONTH_WORD} \d{{1,2}}\b|\d{{1,2}} {_MONTH_WORD} \d{{4}}", re.IGNORECASE)  # a date
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\-\*\u2013]|\d+[.)])\s+")


def clean_line(line: str) -> str:
    """A line as a reader would quote it: bullets dropped, table cells joined."""
    line = line.strip()
    if line.startswith("|") and line.endswith("|"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        return " | ".join(c for c in cells if c)
    return _BULLET.sub("", line).strip()


def split_sentences(text: str) -> list[str]:
    """Split into sentences, treating line breaks as boundaries and skipping table rules."""
    sentences: list[str] = []
    for raw in text.splitlines():
        if not raw.strip() or _TABLE_RULE.match(raw.strip()):
            continue
        line = clean_line(raw)
        start = 0
        for match in _BOUNDARY.finditer(line):
            before = line[start:match.start()].split()
            # (a title opening a quotation or an aside is one all the same: "“Mr. President, ...")
            last = before[-1].lower().rstrip(".").lstrip("\"'\u201c\u2018([") if before else ""
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or (_DOTTED.fullmatch(last) and last not in _CLOCK):
                continue
            if last in _CLOCK and _CLOCK_GOES_ON.match(line, match.end()):
                continue  # "at 3 a.m. (0700 GMT), as ...", "near 2:50 a.m. Friday, after ...": one sentence
            if start == 0 and len(before) <= 2 and _VALUE_NEXT.match(line, match.end()):
                continue  # a label and its value, as a page's fact box reads: "Release date. May 29, 2020"
            sentences.append(line[start:match.end(1) if match.group(1) is not None else match.end(2)].strip())
            start = match.end()
        tail = line[start:].strip()
        if tail:
            sentences.append(tail)
    return [s for s in sentences if any(ch.isalnum() for ch in s)]


_EED_ROOTS = frozenset("bleed breed creed deed feed greed heed indeed need reed seed speed steed tweed weed".split())
_EED_ENDS = ("ceed", "feed", "speed")  # succeed, proceed, exceed; overfeed; airspeed


# A verb's irregular past forms, read as the verb: "What did China lose at the WTO?" is answered by "China lost the
# case", "Did the firm sell its stake?" by "it sold its stake". Forms that are as often another word are left out
# ("found", which "founded" stems to; "lay", "bound", "born", "fed", "dealt" beside "deal"), and so is "went": "go"
# says as little as "get" (a stopword) does, and read as "go" it put a sentence about another man first on a SQuAD
# question.
_IRREGULAR_FORMS = {form: verb for verb, forms in (
    ("arise", "arose arisen"), ("become", "became"), ("begin", "began begun"), ("blow", "blew blown"),
    ("break", "broke broken"), ("bring", "brought"), ("build", "built"), ("buy", "bought"), ("catch", "caught"),
    ("choose", "chose chosen"), ("come", "came"), ("dig", "dug"), ("draw", "drew drawn"), ("drive", "drove driven"),
    ("eat", "ate eaten"), ("fall", "fell fallen"), ("feel", "felt"), ("fight", "fought"),
    ("flee", "fled"), ("fly", "flew flown"), ("forbid", "forbade forbidden"), ("forget", "forgot forgotten"),
    ("freeze", "froze frozen"), ("give", "gave given"), ("grow", "grew grown"),
    ("hear", "heard"), ("hide", "hid hidden"), ("hold", "held"), ("keep", "kept"), ("know", "knew known"),
    ("lead", "led"), ("leave", "left"), ("lend", "lent"), ("lose", "lost"), ("make", "made"), ("mean", "meant"),
    ("meet", "met"), ("oversee", "oversaw overseen"), ("overtake", "overtook overtaken"), ("pay", "paid"),
    ("ring", "rang rung"), ("rise", "rose risen"), ("run", "ran"), ("see", "saw seen"), ("seek", "sought"),
    ("sell", "sold"), ("send", "sent"), ("shake", "shook shaken"), ("shoot", "shot"), ("sing", "sang sung"),
    ("sink", "sank sunk"), ("sleep", "slept"), ("speak", "spoke spoken"), ("spend", "spent"), ("spin", "spun"),
    ("stand", "stood"), ("steal", "stole stolen"), ("stick", "stuck"), ("strike", "struck stricken"),
    ("swear", "swore sworn"), ("sweep", "swept"), ("swim", "swam swum"), ("take", "took taken"),
    ("teach", "taught"), ("think", "thought"), ("throw", "threw thrown"), ("undertake", "undertook undertaken"),
    ("understand", "understood"), ("uphold", "upheld"), ("wear", "wore worn"), ("weep", "wept"), ("win", "won"),
    ("withdraw", "withdrew withdrawn"), ("withhold", "withheld"), ("write", "wrote written"),
) for form in forms.split()}


def stem(word: str) -> str:
    """A very light stemmer: enough to match plurals and simple verb forms.

    A silent final e goes too, so that a word's forms share one stem: "resume", "resumes", "resumed" and
    "resuming" are all "resum" ("price"/"pricing", "change"/"changed", "issue"/"issued" likewise); a double e
    stays ("agree", "committee"), and so does a stem of three letters ("use", "one"). An irregular past form is
    its verb's stem ("lost", "lose" and "losing" are all "los"; ``_IRREGULAR_FORMS``).
    """
    base = _suffix_off(_IRREGULAR_FORMS.get(word, word))
    if len(base) > 3 and base[-1] == "e" and base[-2] != "e":
        return base[:-1]
    return base


def _suffix_off(word: str) -> str:
    last = word[-1:]  # each rule needs its own last letter: most words are decided by one comparison
    if last == "s":
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
            return word[:-2]
        if len(word) > 3 and not word.endswith("ss"):
            return word[:-1]
    elif last == "g" and len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    elif last == "d" and len(word) > 4 and word.endswith("ed"):
        # "agreed" is "agree" ("agree", "agrees" and "agreeing" are): an -eed word drops its d only, unless the
        # -eed is its root ("succeed", "proceed": "succeeded" is "succeed")
        if word.endswith("eed"):
            return word if word in _EED_ROOTS or word.endswith(_EED_ENDS) else word[:-1]
        return word[:-2]
    return word


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")
_HYPHEN_APOSTROPHE = re.compile(r"[-']")
_HYPHEN_APOSTROPHE_DOT = re.compile(r"[-'.]")


def _fold_marks(text: str) -> str:
    """Dashes and curly quotes as ASCII; ASCII text has none (and str.translate is slow per character)."""
    return text if text.isascii() else text.translate(_DASHES).translate(_QUOTES)


def words(text: str) -> list[str]:
    text = _fold_marks(text)
    return [w.lower().strip(".'") for w in _WORD.findall(text)]


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords or question words), in order."""
    return list(_content_terms(text))


@lru("content_terms", TEXT)
def _content_terms(text: str) -> tuple[str, ...]:
    terms = []
    for word in words(text):
        if "." in word and _INITIALS.fullmatch(word + "."):  # u.s -> us, u.k -> uk
            word = word.replace(".", "")
        for part in _HYPHEN_APOSTROPHE.split(word) if "-" in word or "'" in word else (word,):
            part = part.strip(".%")
            if part and part not in STOPWORDS and part not in QUESTION_WORDS and len(part) > 1:
                terms.append(stem(part))
    return tuple(terms)


def without_hedges(text: str) -> str:
    """The text with its hedging adverbs taken out ("What is germanium mainly used for?" -> "What is germanium
    used for?")."""
    return _HEDGE.sub("", text) if _HEDGE.search(text) else text


def keyword_terms(text: str) -> list[str]:
    """Unstemmed words worth matching in a keyword index (the index stems them itself), in order, once each."""
    terms = []
    for word in words(text):
        for part in _HYPHEN_APOSTROPHE_DOT.split(word):
            part = part.strip("%")
            if part and part not in STOPWORDS and part not in QUESTION_WORDS and (len(part) > 1 or part.isdigit()):
                terms.append(part)
    return list(dict.fromkeys(terms))


_NORMALIZE = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"(?<=\d),(?=\d{3}\b)", ""),                                     # 1,000 -> 1000
    (r"\s*(?:per ?cent|percent|pct)\b", "%"),                          # 85 percent -> 85%
    (r"(\d)\s+%", r"\1%"),                                             # 85 % -> 85%
    (r"(\d+(?:\.\d+)?)%?\s*(?:-|to)\s*(\d+(?:\.\d+)?)%", r"\1-\2%"),    # ranges
    (r"(\d)\s*-\s*(\d)", r"\1-\2"))]
_DIGIT = re.compile(r"\d")


@lru("normalized_text", TEXT)
def normalize(text: str) -> str:
    """Fold case, dashes, spacing and number formats so that equal facts compare equal.

    "85–90%", "85-90 percent", "85 to 90%" and "85%-90%" all become "85-90%".
    """
    text = (text if text.isascii() else _fold_marks(unicodedata.normalize("NFKC", text))).casefold()
    # Every rule but the percent word's is about digits: text without any needs only that one.
    for pattern, replacement in _NORMALIZE if _DIGIT.search(text) else _NORMALIZE[1:2]:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())  # runs of whitespace as one space, ends stripped


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(normalize(text))}


_MEASURE = re.compile(r"(\$)?\d+(?:[.,]\d+)*(?:-\d+(?:\.\d+)?)?[\s-]*(%|[a-z]+)?")
_NOT_UNITS = STOPWORDS | {"percent"}


def units_in(text: str) -> set[str]:
    """What the figures in a text measure: '%', '$', or the word after the number ('cubic', 'day')."""
    units = set()
    for match in _MEASURE.finditer(normalize(text)):
        if match.group(1):
            units.add("$")
        unit = match.group(2)
        if unit and (unit == "%" or unit not in _NOT_UNITS):
            units.add(stem(unit))
    return units
