"""Questions for every name of a kind the articles hold: "Which companies are mentioned in the articles?", "Who
is quoted?", "Which US officials are named?", "List the countries the articles mention.".

Such a question asks about the collection, not about one fact: no passage is worded like it ("mentioned" and
"companies" are rare in a sentence that names Lynas), so a search for it finds passages about companies in
general, and the typed path declines or quotes one of them. It is answered from the typed claims stored with
every sentence at index time instead: the passages in scope (the filters' documents; past ``SCANNED`` passages,
the ones nearest the question) are read, every name of the kind asked is gathered, cleaned and merged across
its forms ("Treasury Secretary Scott Bessent", "Secretary Bessent"), and ranked by how many articles name it.
The answer quotes the fewest sentences that name them (at most ``MOST``), each cited, after a lead that lists
the names with the citation of the sentence each is named in.

What the tagger calls a name is not always one, and a list shows every slip, so a name counts only where it is
used as one: not as a heading or a list item's label ("Clean Energy: Evaluate ..."), not as the modifier of a
common noun ("NdFeB magnet production", "EV component makers"), not joined to another by a hyphen ("U.S.-China",
"US-based"). A word before the class noun narrows the list: a country ("US officials", "Australian companies")
must be named in the sentence, another word ("mining companies") in the passage; a role ("presidents") must be the
name's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from rag.answer.bodies import BUSINESSES, public
from rag.answer.evidence import Candidate, SentenceVectors
from rag.answer.origin import country, same_country, tied_elsewhere
from rag.caches import QUESTION, lru
from rag.claims import seats
from rag.claims.kinds import ROLE_OF, ROLES, Value, asked, roles_named
from rag.claims.records import claims_version
from rag.protocols import Store
from rag.text import STOPWORDS, content_terms, stem
from rag.types import Filters, Passage

SCANNED = 2000  # passages read at most: past this, the nearest to the question (the answer says how many)
MOST = 8  # sentences quoted at most
LISTED = 24  # names listed in the lead at most

KINDS = ("person", "organization", "place")
_WRITINGS = r"(?:articles?|sources|reports?|stories|story|documents?|texts?|coverage|news|pieces?|collection)"
_COLLECTION = (r"(?:(?:in|by|across|throughout|from)\s+(?:the|this|these|those|all(?:\s+(?:the|of\s+the|these))?|your|our)"
               r"\s+(?:articles?|sources|reports|stories|documents|texts|coverage|news|pieces|collection))")
_SEEN = (r"(?:mentioned|named|quoted|cited|discussed|referenced|referred\s+to|listed|featured|covered|involved|"
         r"identified|included|interviewed|spoken\s+(?:of|about)|talked\s+about|written\s+about|used|consulted|"
         r"relied\s+(?:on|upon))")
_SEE = (r"(?:mention|name|quote|cite|discuss|reference|refer\s+to|list|feature|cover|involve|identify|include|"
        r"interview|talk\s+about|write\s+about)")
_BE = r"(?:(?:are|is|were|was|get|gets|got|have\s+been|has\s+been|had\s+been|being)\s+)"
_NP = r"(?P<np>[A-Za-z][\w.&'\u2019 -]{0,60}?)"
_END = r"\s*[?.!]*\s*$"
# a verb inside what the question names: it asks of a clause, not of a class ("software had the hole the attackers")
_CLAUSE_IN = re.compile(r"\b(?:had|has|have|did|does|do|is|was|were|are|will|would|could|can|should)\b", re.I)
# a request around the question: "Can you tell me which companies are mentioned?", "I'd like to know who is quoted."
_ASK = (r"(?:(?:(?:can|could|would)\s+you\s+(?:please\s+)?|please\s+)?(?:tell\s+me|say|show\s+me)\s+|"
        r"do\s+you\s+know\s+|i\s*(?:'d|\u2019d|\s+would)\s+like\s+to\s+know\s+|i\s+(?:want|need)\s+to\s+know\s+)?")
_QUESTIONS = [
    # "Which companies are mentioned (in the articles)?", "What organizations get cited?"
    re.compile(rf"^\s*{_ASK}(?:which|what)\s+(?:of\s+the\s+)?{_NP}\s+{_BE}?(?:also\s+)?{_SEEN}(?:\s+{_COLLECTION})?{_END}", re.I),
    # "What companies do the articles mention?"
    re.compile(rf"^\s*{_ASK}(?:which|what)\s+{_NP}\s+(?:do|does|did)\s+(?:the|these|those|all\s+the)\s+(?:articles?|sources|"
               rf"reports|stories|documents|texts)\s+(?:all\s+)?{_SEE}{_END}", re.I),
    # "How many companies are mentioned (in the articles)?", "How many people do the articles quote?": the list
    # answers it, its lead says how many
    re.compile(rf"^\s*{_ASK}how\s+many\s+(?:different\s+)?{_NP}\s+(?:{_BE}?(?:also\s+)?{_SEEN}(?:\s+{_COLLECTION})?|"
               rf"(?:do|does|did)\s+(?:the|these|those)\s+(?:articles?|sources|reports|stories|documents|texts)\s+"
               rf"{_SEE}|(?:appear|are|were)\s+{_COLLECTION}){_END}", re.I),
    # "Which companies appear in the articles?", "What countries are in the articles?"
    re.compile(rf"^\s*{_ASK}(?:which|what)\s+{_NP}\s+(?:appear|feature|show\s+up|come\s+up|are|were)\s+{_COLLECTION}{_END}", re.I),
    # "Who is quoted (in the articles)?", "Who gets mentioned?"
    re.compile(rf"^\s*{_ASK}(?:who|whom)\s+{_BE}?(?:also\s+)?(?P<seen>{_SEEN})(?:\s+{_COLLECTION})?{_END}", re.I),
    # "Who are the people quoted in the articles?", "Who are the officials named?", "What are the sources of the
    # article?"
    re.compile(rf"^\s*{_ASK}(?:who|what)\s+(?:are|were)\s+(?:the|all\s+the)\s+{_NP}\s+(?:(?:(?:that|who)\s+{_BE})?"
               rf"{_SEEN}(?:\s+{_COLLECTION})?|(?:of|behind|for)\s+(?:the|this|these|those)\s+{_WRITINGS}|{_COLLECTION})"
               rf"{_END}", re.I),
    # "List the companies mentioned in the articles.", "Name all the people quoted.", "List the countries in the
    # articles."
    re.compile(rf"^\s*(?:please\s+)?(?:list|name|give\s+me|show\s+me|tell\s+me)\s+(?:all\s+|every\s+|each\s+)?(?:of\s+)?"
               rf"(?:the\s+)?{_NP}\s+(?:(?:that|which|who)\s+{_BE})?(?:{_SEEN}(?:\s+{_COLLECTION})?|{_COLLECTION}){_END}",
               re.I),
]
# words before the class noun that do not narrow it
_PLAIN = frozenset("other different main key major all any specific various named individual particular notable "
                   "important relevant the some several names".split())
_SPEAK = (r"(?:said|says|say|told|tells|added|adds|noted|notes|warned|warns|explained|explains|argued|argues|wrote|"
          r"writes|stated|states|insisted|insists|cautioned|predicted|predicts|claimed|claims|acknowledged|observed|"
          r"remarked|declared|announced|announces|disputed|denied|denies|confirmed|confirms|commented|stressed|"
          r"emphasi[sz]ed|urged|estimated|estimates|reported|reports|described|describes|called)")
_SPOKEN = r"(?:remarks?|statements?|comments?|words|declarations?|testimony|speech|interview|disclosures?|estimates?|data)"
# words that open a sentence and are no part of the name after them ("Though China", "While Beijing")
_OPENERS = frozenset("though while when as and but the a an in on at for from by with after before since if yet "
                     "so also still meanwhile however including like".split())
# titles before a person's name, dropped to merge the forms of one name
_TITLES = ROLES | frozenset("dr mr mrs ms miss prof professor sir dame lord rep sen gen general judge justice pope "
                            "treasury commerce trade state defense defence foreign interior energy prime deputy "
                            "assistant acting former senior under finance economy u.s us".split())


_TRADE = re.compile(r"\b(?:compan(?:y|ies)|firms?|miners?|producers?|makers?|manufacturers?|suppliers?|"
                    r"corp(?:oration)?|inc|ltd|plc|listed|shares?|stock)\b", re.I)
_BODIES = re.compile(r"(?:agenc(?:y|ies)|ministr(?:y|ies)|departments?|regulators?|authorit(?:y|ies)|bodies|"
                     r"institutions?)", re.I)
@dataclass(frozen=True)
class Listing:
    kinds: tuple[str, ...]          # person, organization, place: one, or a person and an organization
    noun: str                       # as asked: "companies", "people"
    narrowed_by: tuple[str, ...] = ()  # "US" officials, "mining" companies
    roles: frozenset[str] = frozenset()  # "presidents" -> {"president"}
    quoted: bool = False            # only names in a sentence that quotes or cites ("Who is quoted?")
    countries: bool = False         # "countries", "nations": no seat of government stands for one here
    businesses: bool = False        # "companies", "firms": no ministry, agency or institute is one
    bodies: bool = False            # "agencies", "ministries": a public body by its name (or an acronym)


@lru("listings", QUESTION)
def listed(question: str) -> Listing | None:
    """What a question for every name of a kind asks (its kind, its narrowing words), or None for another."""
    for pattern in _QUESTIONS:
        match = pattern.match(question)
        if match is None:
            continue
        found = match.groupdict()
        if found.get("np") is None:  # "Who is quoted?"
            seen = (found.get("seen") or "").lower()
            return Listing(("person",), "people", quoted=seen.startswith(("quoted", "cited", "interviewed")))
        words = found["np"].split()
        if not words or _CLAUSE_IN.search(found["np"]):
            continue  # ("Which piece of software had the hole the attackers used?": a clause, no class of names)
        head = words[-1]
        # "Which sources are cited?": whoever a sentence cites, a person or a body ("according to the USGS")
        kinds = ("person", "organization") if head.lower() in ("sources", "source") else asked(f"which {head}")
        if not set(kinds) <= set(KINDS) or len(kinds) != (2 if head.lower() in ("sources", "source") else 1):
            continue  # (a work, "Which albums ...?", is a name the tagger calls either)
        narrowing = tuple(w for w in words[:-1] if w.lower() not in _PLAIN and w.lower() not in STOPWORDS)
        if kinds == ("place",) and any(w[:1].isupper() for w in narrowing):
            return None  # "Which African countries ...?": which places lie in another is no sentence's claim
        return Listing(kinds, head, narrowing, frozenset(roles_named([head.lower()])),
                       quoted=bool(re.search(r"\b(?:quoted|cited|interviewed)\b", question, re.I)) or
                       head.lower() in ("sources", "source"),
                       countries=head.lower() in {"countries", "country", "nations", "nation"},
                       businesses=bool(BUSINESSES.fullmatch(head)), bodies=bool(_BODIES.fullmatch(head)))
    return None


@dataclass(frozen=True)
class Said:
    """A sentence read for names: its article, its passage's text (which narrowing words may be in), its claims."""
    doc_id: str
    passage: str
    text: str
    claims: tuple[Value, ...]
    order: int = 0     # where it came: the passage's rank, then the sentence's place
    chunk_id: str = ""


@dataclass
class Named:
    name: str                     # as shown: its longest form
    kind: str
    tokens: tuple[str, ...]       # folded, titles off: what its forms are merged on
    docs: list[str] = field(default_factory=list)
    where: list[Said] = field(default_factory=list)  # each sentence naming it as a name, in order
    titled: set[str] = field(default_factory=set)    # role words it is named with ("president")


def _heading(text: str) -> bool:
    """A heading or a list item's label, not a sentence: it ends on a colon, or every longer word is capitalized."""
    stripped = text.strip()
    if stripped.endswith(":") or re.search(r"\bmenu(?: items?)?\W*$|^show/hide\b", stripped, re.I):
        return True  # (and a page's navigation: "Show/hide Unwanted Calls, Emails, and Texts menu items")
    words = re.findall(r"[A-Za-z][\w'-]*", stripped)
    long = [w for w in words if len(w) > 3 and w.lower() not in STOPWORDS]
    return bool(long) and len(words) <= 10 and all(w[0].isupper() for w in long)


# verbs in the past that do not end in -ed: "Borel Metals bought ..." is the company acting, not a modifier
_IRREGULAR = frozenset("""bought sold won lost made took gave got held kept led left met paid put ran said saw sent
set spent stood told thought became began brought built came cut did drew fell felt found grew hit knew laid lent let
rose sank shut sought struck taught threw understood wrote withdrew upheld oversaw forecast broke chose drove flew
froze hid rode shook spoke stole went bid beat bore dealt fought meant quit read sold slid split spun stuck swung
won wound overtook undertook""".split())
# a name spelled out before its acronym: "the Center for Strategic and International Studies (CSIS)"
_SPELLED = re.compile(r"((?:[A-Z][\w.'\u2019-]*\s+)(?:(?:of|for|and|the|on|&|[A-Z][\w.'\u2019-]*)\s+)*[A-Z][\w.'\u2019-]*)"
                      r"\s+\([A-Z]{2,}\)")


def _clean(value: Value, text: str) -> str:
    """The name as it should be listed, or "" when this mention is not used as a name."""
    name = value.text.strip()
    words = name.split()
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    name = " ".join(words).strip(" ,;:")
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", name):
        name += "."  # "U.S" as the tagger cut it
    elif name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1]
    if len(name) < 2 or not name[0].isupper() or re.search(r"[\w.][-\u2013\u2014]\w", name.replace("Co-", "")):
        return ""  # "U.S.-China", "US-based": two names joined, or a name made an adjective
    after = text[value.end:] if 0 <= value.end <= len(text) else ""
    if value.start <= 2 and re.match(r"\s*[:|]", after):
        return ""  # "Clean Energy: Evaluate ...", "NdFeB Magnet Production | ~90%": a label, a row's heading
    if re.search(r"[|:\u2013\u2014-]\s*$", text[:max(0, value.start)]) and re.fullmatch(r"\W*", after):
        return ""  # "Let's talk about spam texts | Consumer Advice": a page title's site or section
    following = re.match(r"\s+([a-z][a-z-]*)", after)
    if following is not None and value.kind != "person":  # "the Biden administration" names a person still
        word = following.group(1)
        if word not in STOPWORDS and word not in _IRREGULAR and not word.endswith(("ed", "s", "ly")):
            return ""  # "NdFeB magnet production", "EV component makers": the modifier of a common noun
    if re.match(r"\s+(?:for|of)\s+[A-Z]", after) or any(
            m.start() <= value.start and value.end <= m.end(1) for m in _SPELLED.finditer(text)):
        return ""  # "Center" of "the Center for Strategic and International Studies (CSIS)": a part of a name
    return name


def _tokens(name: str, kind: str) -> tuple[str, ...]:
    words = [w.lower().strip(".,'\u2019") for w in name.split()]
    words = [w[:-2] if w.endswith(("'s", "\u2019s")) else w for w in words]
    if kind == "person":
        titled = [i for i, w in enumerate(words) if w.replace(".", "") in _TITLES]
        if titled and titled[-1] < len(words) - 1:
            words = words[titled[-1] + 1:]
    if words and words[0] == "the":
        words = words[1:]
    return tuple(w for w in words if w)


def _speaks(value: Value, text: str) -> bool:
    """The sentence gives the name as who says something: "according to the U.S. Geological Survey", "said Dr.
    Laura Chen", "Secretary Bessent publicly disputed", "President Xi's own remarks", "USTR disclosures"."""
    before, after = text[max(0, value.start - 60):value.start], text[value.end:value.end + 60]
    return bool(re.search(r"\baccording to\s+(?:the\s+)?$", before, re.I)
                or re.search(rf"\b{_SPEAK}\s+(?:[\w.]+\s+){{0,3}}$", before, re.I)
                or re.match(rf"\s*(?:,[^,]{{0,50}},\s*)?(?:\w+ly\s+)?(?:has\s+|have\s+|had\s+)?{_SPEAK}\b", after, re.I)
                or re.match(rf"(?:['\u2019]s)?\s+(?:own\s+|\w+\s+)?{_SPOKEN}\b", after, re.I))


def _roles(name: str, scope: str) -> set[str]:
    """The roles a name is given: its title ("President Trump"), its role or office ("the Biden administration")."""
    words = [w.lower().strip(".") for w in f"{name} {scope}".split()]
    return roles_named(words) | {role for w in map(stem, words) for role in ROLE_OF.get(w, set())}


def _merged(claims: Sequence[Value], text: str) -> list[Value]:
    """Names the tagger cut in two rejoined: "U.S." and "Geological Survey" of "the U.S. Geological Survey"."""
    out: list[Value] = []
    for value in sorted((v for v in claims if v.kind in KINDS), key=lambda v: v.start):
        last = out[-1] if out else None
        if last is not None and 0 <= last.end <= value.start <= last.end + 2 and \
                re.fullmatch(r"\.?\s?", text[last.end:value.start]) and value.kind != "person":
            out[-1] = Value(value.kind, text[last.start:value.end], key=f"{last.key} {value.key}", scope=value.scope,
                            start=last.start, end=value.end)
            continue
        out.append(value)
    return out


def _untitled(name: str, tokens: tuple[str, ...]) -> str:
    """A person's name as written, without its title: "Treasury Secretary Scott Bessent" -> "Scott Bessent"."""
    words = name.split()
    return " ".join(words[len(words) - len(tokens):]).removesuffix("'s").removesuffix("\u2019s") or name


def _narrows(listing: Listing, said: Said, value: Value) -> bool:
    """The sentence (a country) or its passage (another word) holds each word narrowing the list, and no other
    country is tied to the name ("US-based companies like MP Materials" for "Australian companies")."""
    for word in listing.narrowed_by:
        if word[:1].isupper():
            wanted = country(word)
            if tied_elsewhere(value, said.text, wanted):
                return False
            if not any(country(w) == wanted for w in re.findall(r"[A-Z][\w.]*", said.text)) and \
                    not seats.names(said.text, word):
                return False
        elif not set(content_terms(word)) <= set(content_terms(said.passage)):
            return False
    return True


def names(listing: Listing, sentences: Iterable[Said]) -> list[Named]:
    """Every name of the kind asked in the sentences, its forms merged, most articles first."""
    found: dict[tuple[str, ...], Named] = {}
    persons: dict[str, str] = {}  # a person's last name -> the longest form of the name: "Bessent" -> "Scott Bessent"
    mentions: list[tuple[Said, Value, str]] = []
    for said in sentences:
        if _heading(said.text):
            continue
        for value in _merged(said.claims, said.text):
            name = _clean(value, said.text)
            if name:
                mentions.append((said, value, name))
                if value.kind == "person" and (tokens := _tokens(name, "person")):
                    shown = _untitled(name, tokens)
                    if len(shown) > len(persons.get(tokens[-1], "")):
                        persons[tokens[-1]] = shown
    for said, value, name in mentions:
        kind = value.kind
        tokens = _tokens(name, kind)
        untitled = _tokens(name, "person")
        if kind != "person" and untitled and untitled[-1] in persons and (len(tokens) == 1 or untitled != tokens):
            kind, tokens = "person", untitled  # "Trump" of "Trump's team", "Treasury Secretary Bessent"
        if kind == "place" and (same := same_country(name)):
            tokens = (same,)  # "U.S.", "US", "United States": one country
        if not tokens or kind not in listing.kinds:
            continue
        if listing.quoted and not _speaks(value, said.text):
            continue
        if listing.countries and seats.is_seat(name):
            continue
        if listing.businesses and (public(name, said.text) or (re.fullmatch(r"[A-Z]{2,8}", name) and
                                                                not _TRADE.search(said.text))):
            continue  # a public body, or an acronym nothing calls a company ("WTO", "USTR")
        if listing.bodies and not (public(name, said.text) or re.fullmatch(r"[A-Z]{3,8}", name)):
            continue
        if not _narrows(listing, said, value):
            continue
        if kind == "person":  # shown by its longest form anywhere, without its title
            longest = persons.get(tokens[-1], "")
            name = longest if _tokens(longest, "person")[-len(tokens):] == tokens else _untitled(name, tokens)
        named = found.setdefault(tokens, Named(name, kind, tokens))
        if len(name) > len(named.name):
            named.name = name
        named.titled |= _roles(name, value.scope)
        if said not in named.where:
            named.where.append(said)
        if said.doc_id not in named.docs:
            named.docs.append(said.doc_id)
    merged = _merge(list(found.values()))
    if listing.roles:
        merged = [n for n in merged if n.titled & listing.roles]
    merged.sort(key=lambda n: (-len(n.docs), -len(n.where), min(s.order for s in n.where)))
    return merged


def _merge(found: list[Named]) -> list[Named]:
    """Forms of one name merged into its longest: a person's last name ("Bessent" into "Scott Bessent"), an
    organization's or a place's first or last words ("Lynas" into "Lynas Rare Earths"), when only one longer
    name has them."""
    longest_first = sorted(found, key=lambda n: -len(n.tokens))
    kept: list[Named] = []
    for named in longest_first:
        n = len(named.tokens)
        into = [k for k in kept if len(k.tokens) > n and (k.tokens[-n:] == named.tokens or
                                                          (named.kind != "person" and k.tokens[:n] == named.tokens))]
        if len(into) != 1:
            kept.append(named)
            continue
        target = into[0]
        target.where += [s for s in named.where if s not in target.where]
        target.docs += [d for d in named.docs if d not in target.docs]
        target.titled |= named.titled
    return kept


def quoting(found: Sequence[Named], most: int = MOST) -> list[Said]:
    """The fewest sentences naming the names (best ranked first), at most ``most``: each time, the sentence of
    the next name not yet named that names the most names not yet named."""
    named_in: dict[int, set[int]] = {}
    for i, n in enumerate(found):
        for said in n.where:
            named_in.setdefault(id(said), set()).add(i)
    chosen: list[Said] = []
    covered: set[int] = set()
    for i, n in enumerate(found):
        if len(chosen) >= most:
            break
        if i in covered:
            continue
        best = max(n.where, key=lambda s: (len(named_in[id(s)] - covered), -s.order))
        chosen.append(best)
        covered |= named_in[id(best)]
    return chosen


def read(store: Store, vectors: SentenceVectors, query_vector: np.ndarray, filters: Filters | None,
         listing: Listing) -> tuple[list[Passage], bool]:
    """The passages to answer from: those of the sentences ``quoting`` picks among every passage in scope (the
    ``SCANNED`` nearest the question when there are more), best named first; and whether the scope was cut."""
    chunks = store.count()[1]
    if not chunks:
        return [], False
    scope = store.search(query_vector, min(chunks, SCANNED), filters)
    rows = store.sentences([p.chunk_id for p in scope])  # the claims stored at index time (not their vectors' cache)
    version = claims_version()
    sentences = []
    for rank, passage in enumerate(scope):
        records = rows.get(passage.chunk_id) or []
        if not records or any(r.claims_version != version for r in records):
            records = vectors.claims.records(passage.chunk_id, passage.text)  # none stored, or of another version
        for record in records:
            sentences.append(Said(passage.doc_id, passage.text, record.text, record.claims, rank * 1000 + record.n,
                                  passage.chunk_id))
    picked = quoting(names(listing, sentences))
    by_chunk = {p.chunk_id: p for p in scope}
    chosen = list(dict.fromkeys(s.chunk_id for s in picked))
    return [by_chunk[c] for c in chosen], chunks > SCANNED


def select(listing: Listing, pool: Sequence[Candidate], vectors: SentenceVectors) -> list[Candidate]:
    """The sentences to quote for a list of names: ``quoting`` over the pool's sentences, each typed as at
    index time (the pool's own typing is the question's: the full parser for its best sentences only)."""
    ordered = sorted(pool, key=lambda c: c.rank)
    claims = vectors.claims([c.text for c in ordered])
    said = {Said(c.passage.doc_id, c.passage.text, c.text, found, c.rank * 1000 + i, c.passage.chunk_id): c
            for i, (c, found) in enumerate(zip(ordered, claims))}
    return [said[s] for s in quoting(names(listing, said))]


def lead_for(listing: Listing, quoted: Sequence[tuple[str, int, Passage]], vectors: SentenceVectors) -> str:
    """The lead of an answer quoting these sentences (text, citation number, passage): the names they hold."""
    claims = vectors.claims([text for text, _, _ in quoted])
    sentences = [Said(p.doc_id, p.text, text, c, i, p.chunk_id) for i, ((text, _, p), c) in enumerate(zip(quoted, claims))]
    return lead(listing, names(listing, sentences), {text: n for text, n, _ in quoted})


def lead(listing: Listing, found: Sequence[Named], cited: dict[str, int]) -> str:
    """The names, each with the citation of a quoted sentence naming it ("Lynas [1]"), most articles first;
    names no quoted sentence holds are left out."""
    shown = []
    for n in found:
        ids = sorted({cited[s.text] for s in n.where if s.text in cited})
        if ids:
            shown.append(f"{n.name} [{ids[0]}]")
    if not shown:
        return ""
    more = len(shown) - LISTED
    listed_names = ", ".join(shown[:LISTED]) + (f", and {more} more" if more > 0 else "")
    # which places are countries (or cities, or states) is no claim of a sentence: they are listed as places
    noun = "places" if listing.kinds == ("place",) else listing.noun.lower()
    noun = noun if len(shown) > 1 else _singular(noun)
    return f"The articles name {len(shown)} {noun}: {listed_names}."


def _singular(noun: str) -> str:
    if noun in ("people", "persons"):
        return "person"
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
