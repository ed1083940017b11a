"""Whether an article can support an answer to a factoid question at all: it must hold every name and every
figure the question gives.

An on-topic passage that lacks the asked fact is usually worded almost like the question, with one thing
changed: another person ("Robert Harper" for William Rainey Harper), another ordinal or date ("the 22nd
most liveable city" for the 32nd; "as of February 2015" for March 2015), another place or nationality
("the French border" for the Dutch one). Meaning and shared terms score such a passage high, and it holds a
value of the kind asked, so the typed scorer would answer from it. The question's names and figures are
what it is about: when the article (every retrieved passage of it, with its title) does not hold one of
them, none of its sentences is about what the question asks.

- A name is held when each of its words is (case, possessives, endings and the dots of abbreviations aside;
  one typo in a long word allowed; "Chinese" ~ "China"); titles ("Mr", "Dr") are not part of it; an
  acronym is held when the article spells it out ("SP" ~ "Scottish Parliament").
- A figure written in digits (a year, a count, an ordinal: "1995", "22nd", "6,000") is held when the same
  number occurs in the article.

General rules of how questions name things, not of any one data set.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from rag.answer.guessed import guessed
from rag.answer.origin import countries_in, country_key, country_said, names_a_country, same_country
from rag.caches import ARTICLES, ARTICLES_BYTES, QUESTION, lru, lru_bytes
from rag.claims import seats, states
from rag.claims.demonyms import COUNTRY_OF, other_country_words
from rag.claims.extract import CLASS_WORDS
from rag.claims.kinds import ROLES, asked, options
from rag.claims.parse import MONTH, MONTH_NAMES, WEEKDAYS, WORD_NUMBERS, prepare
from rag.claims.parse import names as parse_names
from rag.text import STOPWORDS, content_terms

# A name the question leaves out ("companies outside China") is not what the answer must be about.
_EXCLUDED = re.compile(r"\b(?:outside|except|excluding|besides|beyond|other than|apart from|not in|rather than)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
WORDED_LIKE = 2  # the question's other content words an article must hold for a missing name to rule it out
_TITLES = frozenset("mr mrs ms dr st sir lord lady rev prof gen col sgt capt lt jr sr".split())
# A title-cased question capitalizes what is no name: an award's category opens on a superlative ("Best Director",
# "Best Animated Film"), and the occasion of a named event closes it ("Academy Awards Ceremony", "Met Gala").
_CATEGORY_OPENERS = frozenset("best outstanding".split())
_OCCASIONS = frozenset("ceremony ceremonies event edition gala telecast broadcast".split())
_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th|s|'s)?(?![\w])")
_DEMONYM = re.compile(r"(?:ese|ish|ian|an|ic|i|ch)$")
_ORDINALS = {w: n for n, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                                          "twelfth".split(), start=2)}
# A number that is part of a name ("Diablo 3", "iPhone 11", "Chronicles 2"), not a figure of the question.
_NAMED_NUMBER = re.compile(r"(?:[A-Z]\w*|\b(?!(?:in|on|at|of|by|the|since|until|from|to|for|and|or|than|about|over|"
                           r"under|after|before|during|between|around|nearly|some|past|last|first)\b)[a-z]+) $")
_NAME_RUN = re.compile(r"[A-Z][\w'.-]*(?:\s+(?:of\s+|the\s+|and\s+|for\s+)?[A-Z][\w'.-]*)+")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def names_asked(question: str) -> list[list[str]]:
    """The names the question gives, each as its words (roles, titles and one-letter words left out)."""
    return [list(words) for words in _names_asked(question)]


_WEEKDAYS = frozenset(day.lower() for day in WEEKDAYS)
# things written short in capitals that name no one ("a TV channel", "the GDP figures", "its DNA")
_COMMON_ACRONYMS = frozenset("tv gdp ai dna id ipo vip atm suv gps pc pdf sms cctv".split())


# The question's names, figures and other words, once per question rather than once per article checked.
@lru("names_asked", QUESTION)
def _names_asked(question: str) -> tuple[tuple[str, ...], ...]:
    text = prepare(question)
    out: list[tuple[str, ...]] = []
    for start, _, value in parse_names(text):
        if start == 0 or _EXCLUDED.search(text[:start]):
            continue  # the question's first word is capitalized by its position, not as a name
        words = [w.strip(".") for w in re.sub(r"'s\b", "", value).split()]
        if words and words[0].lower() in _CATEGORY_OPENERS:
            continue  # "Best Director", "Best Animated Film": an award's category, worded apart by each article
        while len(words) > 1 and words[-1].lower() in _OCCASIONS:
            words = words[:-1]  # "the 93rd Academy Awards Ceremony" is held by "the 93rd Academy Awards"
        words = [w for w in words if len(w) > 1 and w.lower() not in ROLES and w.lower() not in _TITLES
                 and not w.islower() and w.lower() not in _WEEKDAYS and w.lower() not in _COMMON_ACRONYMS]
        # ("of", "the" inside a name; "a TV channel": a thing, written short; "On the Monday
        # after the attack": a day the articles say as a date, "this week" or not at all, no name
        if words:
            out.append(tuple(words))
    return tuple(out)


def scattered_name(question: str, sentence: str) -> str:
    """A name of two or more words the question gives, ending on the noun of its class ("the Maxwell Award"), whose every word the sentence holds,
    capitalized but never together: each word belongs to another name ("2019 CFDA Awards winners: Brandon
    Maxwell", "the Dora Maxwell Social Responsibility ... National Awards Committee"). The sentence names other
    things that share its words, not it. "" when no name is so (one word between is allowed: "George W. Bush")."""
    tokens = re.findall(r"[^\W_]+", _fold(prepare(sentence)))
    for words in _names_asked(question):
        if len(words) < 2 or not all(w.isalpha() and len(w) >= 3 for w in words) or words[-1].lower() not in CLASS_WORDS:
            continue  # only a named thing of a class ("the Maxwell Award"): a person's middle names stand between
        keys = [_fold(w.lower()) for w in words]
        # capitalized words only: a name's word written lowercase is a common noun ("the first ever final" for
        # the "World Cup Final" of a title-cased question), not a word of another name
        at = [[i for i, t in enumerate(tokens) if t[0].isupper() and _same_word(t.lower(), k)] for k in keys]
        if not all(at):
            continue  # a word it lacks: whether the article holds the name is ``missing_in``'s to say
        width = len(words)  # together: within one word more than the name has, in any order ("Final | FIFA World Cup")
        if not any(all(any(p <= i <= p + width for i in positions) for positions in at) for p in set().union(*at)):
            return " ".join(words)
    return ""


def _same_word(token: str, word: str) -> bool:
    """A sentence's word is the name's word, endings aside ("awards" for "Award", "Lakers'" for "Lakers")."""
    return token == word or (token.startswith(word) and len(token) - len(word) <= 2) or (
        len(word) > 4 and word.startswith(token) and len(word) - len(token) <= 1)


def figures_asked(question: str) -> list[str]:
    """The numbers the question writes in digits ("22nd" -> "22", "6,000" -> "6000", "1960's" -> "1960"), and
    its ordinals in words past "first" ("the third empire" -> "3": "first" is how a superlative is asked)."""
    return list(_figures_asked(question))


# An ordinal is a figure of the question ("the third empire", "the Second Crusade"), unless it only tells one
# of a kind from another by what it is ("the second psychiatric team"): an article may say that in other words
# ("two new psychiatrists").
_ORDINAL_ASKED = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b(?!\s+[a-z]+(?:al|ic|ive|ous|ful|ary|ian)\s+[a-z])",
                            re.I)


@lru("figures_asked", QUESTION)
def _figures_asked(question: str) -> tuple[str, ...]:
    text = prepare(question)
    found = [m.group(1).replace(",", "") for m in _DIGITS.finditer(text)
             if not (len(m.group(0)) <= 3 and m.group(0).isdigit() and _NAMED_NUMBER.search(text[:m.start()]))]
    found += [str(_ORDINALS[m.group(1).lower()]) for m in _ORDINAL_ASKED.finditer(text)]
    offered = " ".join(options(question)[1])  # a choice's figures are what it asks about, not what it names
    return tuple(f for f in dict.fromkeys(found) if f not in offered)


_MONTHS = "|".join(name.capitalize() for name in MONTH_NAMES)
_A_DATE = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS})|(?P<m2>{_MONTHS})(?:\s+(?P<d2>\d{{1,2}}),?)?)\s+"
                     r"(?P<year>1[5-9]\d\d|20\d\d)\b")


def years_of_dates(question: str) -> dict[str, tuple[str, ...]]:
    """The years that end a date in the question ("on 30 June 2015", "in mid-September 2017"), each with how an
    article of that year writes the date without it ("june 30", "30 june"; "september")."""
    dated: dict[str, tuple[str, ...]] = {}
    for m in _A_DATE.finditer(question):
        day, month = m.group("d1") or m.group("d2"), (m.group("m1") or m.group("m2")).lower()
        # (and shortened, as a dateline writes it: "Rask, Dec. 9" of "the December 2016 revision")
        short = f"{month[:3]}." if len(month) > 4 else ""
        dated[m.group("year")] = ((f"{month} {day}", f"{day} {month}", *((f"{short} {day}",) if short else ()))
                                  if day else (month, *((short,) if short else ())))
    return dated


def dated_month(name: Sequence[str], question: str) -> bool:
    """The name is a month the question writes with its year ("the December 2016 revision"): a date, which
    ``years_of_dates`` reads, not a name an article must give."""
    return len(name) == 1 and any(name[0] in (m.group("m1"), m.group("m2")) for m in _A_DATE.finditer(question))


def held_undated(alternatives: Sequence[str], folded: str) -> bool:
    """The lower-cased text writes one of the dates with no year after it ("on june 30", not "june 30, 2014")."""
    return any(re.search(rf"(?<![a-z\d]){re.escape(a)}(?![a-z\d])(?!,?\s+\d{{4}})", folded) for a in alternatives)


_YEAR_ONLY = re.compile(r"1[5-9]\d\d|20\d\d")  # (a year is an anchor of its own: evidence.anchors_of)


def holds_figures_given(question: str, text: str) -> bool:
    """The text holds a figure of two digits or more the question gives, years aside ("What did he say about the
    figure of 58?"), when it gives any. Where some passage does, the others speak of other figures. (One is enough:
    "from about 200 to over 1,000" may be "200" and "more than 1,200" in the passage.)"""
    flat, asked = text.replace(",", ""), question.replace(",", "")
    # (not a number joined to the word it qualifies: "the 90-day deal article" names the article, it asks no figure)
    given = [f for f in figures_asked(question) if len(f) >= 2 and f.isdigit() and not _YEAR_ONLY.fullmatch(f)
             and re.search(rf"(?<![\d.]){f}(?![\w-])", asked)]  # (nor an ordinal: "in the 19th century")
    return not given or any(re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", flat) is not None for f in given)


def _typo(a: str, b: str) -> bool:
    """One letter changed, added, dropped or swapped (words of five letters or more)."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy\W_]", "", word)


def _fold(text: str) -> str:
    """Accents dropped ("Saarbrücken" = "Saarbrucken")."""
    if text.isascii():  # nothing to decompose (most articles): skip the per-character pass
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def abbreviated(text: str, words: Sequence[str]) -> bool:
    """The text holds an acronym ending on the initials of capitalized words of the name in a row, two of them at
    least ("USCG" for "Coast Guard", "FBI" for "Federal Bureau of Investigation"), or, of three and more, written
    as a word ("Rab" for "Rapid Action Battalion", as some papers write acronyms) that the text never writes in
    lower case. (``words`` may run several names together: "Rapid Action Battalion" and "Rana".)"""
    capitals = [w for w in words if w[:1].isupper()][:8]
    for i in range(len(capitals) - 1):
        for j in range(i + 2, len(capitals) + 1):
            initials = "".join(w[0] for w in capitals[i:j])
            if re.search(rf"\b[A-Z]{{0,3}}{initials}\b", text) or (
                    len(initials) >= 3 and re.search(rf"\b{initials[0]}{initials[1:].lower()}\b", text)
                    and not re.search(rf"\b{initials.lower()}\b", text)):
                return True
    return False


_NOT_NUMBERS = frozenset({"a", "an", "one"})


class ArticleText:
    """An article's text (its retrieved passages and title), folded once for the checks below. Read-only once
    made: ``article_text`` hands out one per distinct text."""

    def __init__(self, text: str) -> None:
        prepared = prepare(text)
        self.text = prepared
        self.folded = _fold(prepared.lower())
        self.words = set(re.findall(r"[^\W_]+", self.folded.replace(".", "")))
        self.numbers = {n.replace(",", "") for n in _NUMBER.findall(self.folded)}
        self.seats = seats.aliases(prepared)  # "Beijing has agreed" names China (rag/claims/seats.py)
        self.numbers.update(str(n) for w, n in _ORDINALS.items() if w in self.words)
        # (a number written in words: "five years ago" holds the 5 of "the fifth anniversary", "the number three
        # reactor" the 3 of "No. 3"; not "one", which is as often no number: "one of them", "the one that")
        self.numbers.update(str(n) for w, n in WORD_NUMBERS.items() if w in self.words and w not in _NOT_NUMBERS)
        self.initials: set[str] = set()
        for seq in _NAME_RUN.findall(prepared):  # "the U.S. Geological Survey" -> "usgs"
            letters = "".join(w.replace(".", "") if "." in w.rstrip(".") else w[0] for w in seq.split()
                              if w[0].isupper()).lower()
            self.initials.update(letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1))

    def has_word(self, word: str) -> bool:
        w = _fold(word.lower().replace(".", ""))
        if not w or w in self.words:
            return True
        if self.seats and set(content_terms(word)) & self.seats:
            return True
        parts = [p for p in re.split(r"[-'&]", w) if p]
        if len(parts) > 1:  # "Nassau-Saarbrucken", "Anglo-Norman": each part
            # (or the name spelt another way, as romanized names are: "Dae-eun" / "Dae-un", "Koon-sik" /
            # "Kun-sik")
            return all(self.has_word(p) for p in parts) or self.spelt_otherwise(w)
        if len(w) <= 3:
            return False
        if any(v.startswith(w) for v in self.words):  # "Goldbach's", "Huguenots"
            return True
        if w.endswith("s") and w[:-1] in self.words:  # "the Wild Boars", written "the Moo Pa (Wild Boar) academy"
            return True
        if len(w) >= 7 and any(v[:6] == w[:6] for v in self.words):  # "Presidential" ~ "president"
            return True
        if _DEMONYM.search(w) and len(w) > 5 and any(v.startswith(w[:4]) for v in self.words):
            return True  # "Chinese" ~ "China", "English" ~ "England"
        if same_country(w) and country_said(self.text, w):
            return True  # "American" ~ "the US Defense Logistics Agency", "British" ~ "UK"
        if (key := country_key(word)) and w.rstrip("s") != key and key in countries_in(self.text):
            return True  # "Spaniards" ~ "35 Spanish victims"
        if len(w) > 4 and any(v.startswith(w[:-1]) and len(v) > 5 and _DEMONYM.search(v) for v in self.words):
            return True  # and the other way: "China" held by "the Chinese Ministry of Commerce"
        if any(other in self.words for other in other_country_words(w)):
            return True  # a country and its adjective that share no stem: "Denmark" ~ "Danish", "Dutch" ~ "Netherlands"
        return any(_typo(w, v) for v in self.words if abs(len(v) - len(w)) <= 1)

    def has_name(self, words: list[str]) -> bool:
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2 and (
                words[0].lower() in self.initials or self.spells_out(words[0])):
            return True  # an acronym the article spells out
        # ("Coast Guard" as "USCG"; "Florida" as "Fla.": rag/claims/states.py)
        return all(self.has_word(w) for w in words) or abbreviated(self.text, words) or (
            states.names(self.text, " ".join(words)))

    def spelt_otherwise(self, word: str) -> bool:
        """A hyphenated word of the article with as many parts, one of them the same, and the same consonants in the
        same order: one romanization of a name for another ("Dae-un" for "Dae-eun")."""
        parts = word.split("-")
        if len(parts) < 2 or len(word) < 6:
            return False
        key = _consonants(word)
        return any(len(others) == len(parts) and other != word and _consonants(other) == key and set(others) & set(parts)
                   for other, others in self.hyphenated.items())

    @functools.cached_property
    def hyphenated(self) -> dict[str, list[str]]:
        """The article's hyphenated words, each with its parts (read once, when first asked)."""
        return {w: w.split("-") for w in set(_HYPHENATED.findall(self.folded))}

    def spells_out(self, acronym: str) -> bool:
        """Content words in a row whose initials are the acronym, in any case ("EV": "electric vehicle")."""
        letters = [c for c in acronym.lower() if c.isalpha()]
        if not 2 <= len(letters) <= 5:
            return False
        pattern = r"[\s-]+".join(rf"({c}[^\W\d_]{{2,}})" for c in letters)
        return any(not set(m) & STOPWORDS for m in re.findall(rf"(?<!\w){pattern}(?!\w)", self.folded))


def worded_like(question: str, article: ArticleText) -> bool:
    """The article holds at least ``WORDED_LIKE`` of the question's other content words (those not in its
    names): it is worded like the question, so a name or figure it lacks is one changed, not one left
    unsaid (a short snippet about the subject that does not repeat its name: "The game was launched in 2012")."""
    return sum(any(v.startswith(t) for v in article.words) for t in _other_heads(question)) >= WORDED_LIKE


@lru("other_heads", QUESTION)
def _other_heads(question: str) -> tuple[str, ...]:
    """The first five letters of the question's content words outside its names (``worded_like``)."""
    named = {w.lower() for words in _names_asked(question) for w in words}
    return tuple(t[:5] for t in dict.fromkeys(content_terms(question)) if t not in named and not t.isdigit())


def missing_in(question: str, article: ArticleText, changed_only: bool = False,
               topic: frozenset[str] = frozenset()) -> str:
    """What the question names or writes in digits that the article does not hold; "" when it holds all, or
    when the article is not worded like the question (see ``worded_like``). With ``changed_only``, a name
    counts only when the article holds part of it ("the Six-Day War" for "the Seven-Day War"): a one-word name
    it never gives may be one it leaves unsaid ("Which rivers are navigable in the USA?" of a passage on
    Missouri's rivers)."""
    said = guessed()  # a name the follow-up's rewrite guessed is not the asker's (rag/answer/guessed.py)
    # (nor a country every other retrieved article gives: ``topic_countries``)
    # (nor a month the question dates by its year: "the December 2016 revision" is checked as a date, below)
    names = [words for words in map(list, _names_asked(question)) if not (said and all(w.lower() in said for w in words))
             and " ".join(words).lower() not in topic and not dated_month(words, question)]
    for words in names:  # a country the question places what it asks in ("Where did he train in the United
        # States?"), which the article never names, however unlike the question it is worded
        if names_a_country(" ".join(words)) and not article.has_name(words):
            return f"the article does not name {' '.join(words)!r}, which the question does"
    if not worded_like(question, article):
        return ""
    for words in names:
        if not article.has_name(words) and ((len(words) == 1 and not changed_only)
                                            or any(article.has_word(w) for w in words)):
            return f"the article does not name {' '.join(words)!r}, which the question does"
    dated = years_of_dates(question)  # (a year the article may leave to its date: "on June 30")
    for figure in _figures_asked(question):
        if said and figure in said:
            continue  # "that deal" read as "the 2015 settlement": the year is the reading's, not the asker's
        if figure not in article.numbers and not held_undated(dated.get(figure, ()), article.folded):
            return f"the article does not hold {figure}, which the question gives"
    return ""


# a name in a phrase that dates what a question asks by another event ("after Governor Brandt's visit", "before the Pope's
# arrival", "on the day of Lena Brandt's speech")
DATED_BY = re.compile(r"\b(?:after|before|since|until|till|following|ahead\s+of|during|day\s+of|time\s+of|eve\s+of)\s+"
                       r"(?:the\s+)?((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['\u2019]s?\s+(?:[a-z]+\s+)?(?:visit|tour|"
                       r"arrival|departure|speech|address|election|trip|announcement|inauguration|remarks|statement|"
                       r"briefing|appearance|return)\b")


# the moment a question asks a count at, set before what it asks ("By mid-September, how many ...", "In the second
# half of September 2017, what toll ...", "On 30 June 2015, how much ..."): when the figure was reported, which an
# article gives by the day it was written rather than in its words; its month and year are not asked of the article
MOMENT_FRAME = re.compile(r"^\W*(?:by|as\s+of|in|during|at|around|toward|towards|on)\s+(?:the\s+(?:(?:first|second|last|"
                          r"final|latter|early|closing)\s+)?(?:half|part|days?|weeks?|start|end|middle|beginning)\s+of\s+|"
                          r"(?:early|mid|late)[-\s]+|\d{1,2}(?:st|nd|rd|th)?\s+)?" + MONTH + r"\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\s*,"
                          # ... or after it, closing the question or its part ("How much had it raised by the end of
                          # September 2019?", "... by late June, and how many ...?")
                          r"|\b(?:by|as\s+of)\s+(?:(?:the\s+(?:end|middle|start|beginning)\s+of\s+|(?:early|mid|late)[-\s]+)?"
                          + MONTH + r"\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|the\s+(?:end|middle|start|beginning|"
                          r"spring|summer|autumn|fall|winter)\s+of\s+\d{4})(?=\s*(?:[?.!]|,\s*and\b|$))",
                          re.I)


# the outlet a question credits ("According to the first BBN report, ...", "In Channel 4's report, ...", "..., according
# to the Lunde Post?"): who published the article, which an article seldom names in its own text
_OUTLET = (r"(?:the\s+)?(?:(?:first|initial|early|earliest|latest|later|last|original|same)\s+)?"
           r"(?:[A-Z][\w.&'\u2019-]*\s+){0,3}[A-Z][\w.&-]*(?:\s+\d{1,2})?")
_REPORT = r"(?:[\w-]+\s+){0,2}?(?:report|reports|article|story|account|coverage|piece|interview|version|bulletin|broadcast|" \
          r"update|dispatch|feature|write-up|column|editorial|obituary)"
# a report of the outlet, closing the question with the report's own time ("..., according to the Lunde Post's update
# of 4 May?") or inside it ("How many were hurt in the Lunde Post's first-day story, and ...?")
_CREDITED = (rf",\s+according\s+to\s+{_OUTLET}['\u2019]s\s+{_REPORT}(?:\s+(?:on|of|from|in)\s+[^?,]{{1,60}})?(?=\s*\?)|"
             rf"\s+in\s+{_OUTLET}['\u2019]s\s+{_REPORT}(?=\s*(?:[?,]|\s+and\b))")
SOURCE_FRAME = re.compile(rf"^\W*(?:(?i:according\s+to|as\s+reported\s+by)\s+{_OUTLET}(?:\s+{_REPORT})?|"
                          rf"(?i:in)\s+{_OUTLET}['\u2019]s\s+{_REPORT}|(?i:in)\s+{_OUTLET}\s+{_REPORT})\s*,(?=\s+[a-z])|"
                          rf",\s+according\s+to\s+{_OUTLET}(?:\s+{_REPORT})?(?=\s*\?)|{_CREDITED}")
# ... the report alone, not a person's word ("According to Karl Holm, ..."), which says whose claim is asked: what is
# read off the question before it is searched and answered (rag/answer/collection_talk.py)
CREDITED_REPORT = re.compile(_CREDITED)


def lacks(question: str, articles: dict[str, str], changed_only: bool = False, topic: bool = True) -> dict[str, str]:
    """For each article (doc id -> its retrieved text and title): what of the question it lacks, or "".

    Only what no retrieved article holds counts: when another article names it, the passages are about it,
    and a short one that leans on the name without repeating it ("The game was released in 2012") may
    still answer. (A name that only dates what is asked is not asked of them: "by the Monday after Governor Brandt's visit".)"""
    question = MOMENT_FRAME.sub(" ", DATED_BY.sub(" ", SOURCE_FRAME.sub(" ", question)))
    if not _names_asked(question) and not _figures_asked(question):
        return {}
    texts = {doc: article_text(text) for doc, text in articles.items()}
    found = {doc: missing_in(question, text, changed_only,
                             topic_countries(question, [t for d, t in texts.items() if d != doc]) if topic
                             else frozenset())
             for doc, text in texts.items()}
    return {doc: "" if why and tied_elsewhere(question, texts[doc], [t for d, t in texts.items() if d != doc])
            else why for doc, why in found.items()}


# the country a which-question qualifies its class by ("Which U.S. agency", "Which Japanese company"): not the topic,
# whatever the other articles give (as rag/answer/origin.py reads it)
_ORIGIN = re.compile(r"\b(?i:which|what)\s+([A-Z][a-z]+(?:an|ese|ish|ch|i)|[A-Z]\.?[A-Z]\.?)\s+(?=[a-z])")
TOPIC_ARTICLES = 2  # other retrieved articles that must all give a country for it to be the collection's topic
_COUNTRIES = frozenset(w.lower() for w in (*COUNTRY_OF, *COUNTRY_OF.values())) | {"us", "u.s", "uk", "u.k", "usa"}


def unqualified(question: str, articles: Iterable[str]) -> str:
    """The question without the country it qualifies its class by ("Which US government departments ...?" ->
    "Which government departments ...?"), when some retrieved article (its text) names that country: the passages
    speak of it, and a member of the class may be named without it ("The Department of Defense and Department of
    Energy have identified ..."). "" when the question has no such country or no article names it (then the
    passages are about another country: "Which Japanese agency ...?" over U.S. news)."""
    origin = _ORIGIN.search(question)
    if not origin or not is_country(origin.group(1)) or "place" in asked(question):
        return ""  # (a place's country is what is asked of it: "In what Irish city ...?" is not asking of any city)
    if not any(_gives_country(article_text(a), [origin.group(1).rstrip(".")]) for a in articles):
        return ""
    return question[:origin.start(1)] + question[origin.end(1):].lstrip()


def topic_countries(question: str, others: list[ArticleText]) -> frozenset[str]:
    """The countries the question names (or qualifies by: "Chinese negotiators") that every other retrieved
    article gives, when there are ``TOPIC_ARTICLES`` of them at least: over news all about U.S.-China trade, an
    article's passage that does not repeat "U.S." or "China" is not about another country ("In which country did
    the U.S. and Chinese negotiators hammer out the framework?": "negotiations conducted in Malaysia ...")."""
    if len(others) < TOPIC_ARTICLES:
        return frozenset()
    origin = _ORIGIN.search(question)  # "Which U.S. agency ...?": the country that says which answers count
    return frozenset(" ".join(words).lower() for words in map(list, _names_asked(question))
                     if is_country(" ".join(words)) and all(_gives_country(o, words) for o in others)
                     and not (origin and " ".join(words).lower().rstrip(".") == origin.group(1).lower().rstrip(".")))


def _gives_country(article: ArticleText, words: list[str]) -> bool:
    """The article names the country, as the question writes it or by its name ("Chilean" -> "Chile")."""
    country = COUNTRY_OF.get(" ".join(words).lower())
    return article.has_name(words) or (country is not None and article.has_name(country.split()))


def is_country(name: str) -> bool:
    """A country's name or adjective ("China", "Chinese", "U.S.")."""
    return name.lower().rstrip(".") in _COUNTRIES


def tied_elsewhere(question: str, article: ArticleText, others: list[ArticleText]) -> bool:
    """The names of the question the article lacks are tied by another article to the full name it holds: it
    holds every figure the question gives, a name of two words or more the question gives ("Billy Batson") and no
    word of the names it lacks, and another retrieved article holds that name and the ones it lacks together ("Billy Batson" ... "Shazam!"). Then
    it is about the same thing, named without its context ("Asher Angel was cast as ... Billy Batson" for "Who
    plays Billy Batson in Shazam!?"), not about a changed one."""
    if any(figure not in article.numbers for figure in _figures_asked(question)):
        return False
    asked = [list(words) for words in _names_asked(question)]
    held = [words for words in asked if article.has_name(words)]
    if not any(len(words) > 1 for words in held) or len(held) == len(asked):
        return False
    if any(article.has_word(w) for words in asked if words not in held for w in words):
        return False  # a name it holds part of is a changed one ("Britain" for "Great Britain"), not one left unsaid
    return any(all(other.has_name(words) for words in asked) for other in others)


def _article_bytes(article: object) -> int:
    """What an ``ArticleText`` holds, about 11.5 bytes per character of its text (tracemalloc: 8.8-64 on the
    rare-earth articles' passages, the most on the shortest), plus a fixed part."""
    return 1024 + 12 * len(getattr(article, "text", ""))


@lru_bytes("article_texts", ARTICLES_BYTES, _article_bytes, ARTICLES)  # by bytes: an article's size varies
def article_text(text: str) -> ArticleText:
    """One ``ArticleText`` per distinct text: the same passages come back question after question."""
    return ArticleText(text)
