"""Typed claims of sentences: the figures and names each states, with what each figure is about.

The parser (``rag.claims.parse``) finds figures and capitalized names; spaCy's small English model, when
installed, types the names (person, organization, place) and its dependency parse gives a figure's scope
("70% of global output" -> "global output"). Without spaCy, names stay untyped and scopes come from the
words after "of": the same path, less precise, and ``typed()`` says so.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from rag.caches import lru
from rag.claims.demonyms import COUNTRY_OF
from rag.claims.kinds import NAME, Value, reads_as_place
from rag.claims.parse import WORD_NUMBERS, dateline, figures, name_key, names, prepare
from rag.claims.people import called_a_person
from rag.text import STOPWORDS

_ENTITY = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_ORG_WORDS = frozenset("""inc corp corporation company co ltd plc llc group materials mining resources minerals
industries holdings technologies motors bank agency ministry department commission council university survey
association institute administration authority office committee bureau fund exchange partners capital earths metals
energy mines chemicals systems airlines electric steel petroleum pharmaceuticals labs networks media foods brands
logistics semiconductor semiconductors motor automotive airways limited kaisha gmbh ag sa nv bv spa ab asa oyj se kk
pty bhd pte llp fashions apparel garments textiles knitwear clothing shipping construction engineering enterprises
ventures trading""".split())  # (and the company forms of other countries: "Shoei Kisen Kaisha", "Siemens AG")
# what a business is to something ("the rig's operator, Transocean"; "its owner, Lynas")
_BUSINESS_ROLES = frozenset("""operator operators owner owners company firm contractor contractors manufacturer maker
supplier suppliers partner partners insurer lender investor developer buyer seller parent subsidiary rival competitor
carrier airline startup producer miner refiner processor distributor retailer builder shipper exporter importer
licensee licensor shipbuilder""".split())
# the roles only a business has (not "the miner Pedro Alvarez", "its owner, John Smith")
_COMPANY_WORDS = frozenset("""company firm operator contractor manufacturer maker supplier carrier airline startup
producer refiner processor distributor retailer shipper exporter importer insurer lender subsidiary shipbuilder
conglomerate automaker carmaker chipmaker""".split())
# a class noun written right before a name, after its article ("the state-run shipping company Norlant")
_CLASS_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\s+$")
# ... or right before it without one ("motorway group Norlant"), or the business's owner ("state-controlled Vardex")
_BARE_CLASS_BEFORE = re.compile(r"(?:\b([a-z]+)|\b((?:state|government|publicly|privately|family)[- ](?:controlled|"
                                r"owned|run|backed|held|listed)))\s+$")
# a body's class noun the parser gives one word the tagger calls a person as its role ("the Norwegian club Vardal")
_BODY_ROLES = _COMPANY_WORDS | frozenset("club team party group band union league".split())
_TITLES = frozenset("""president vice secretary minister premier chancellor governor senator representative ceo chief
chairman chairwoman director spokesperson spokesman spokeswoman king queen prince general dr mr mrs ms sir judge
mayor ambassador commissioner gen sen gov rep lt col sgt capt prof adm admiral cmdr rev archbishop
pope rabbi imam reverend monsignor msgr""".split())  # (and a church's: "Rask Archbishop Karl Holm")
# The last word of an event's name ("the Paralympic Games", "the World Cup", "the Super Bowl"): no one who
# acts and no place, so no answer to who, which company or where.
_EVENT_WORDS = frozenset("""games olympics cup championship championships open awards prize prix festival trophy
tournament bowl series marathon expo olympiad award oscar oscars emmy emmys grammy grammys baftas""".split())
# The last word of a named thing that says its class ("Lynas Rare Earths", "the Maxwell Award"), not a person's
CLASS_WORDS = _ORG_WORDS | _EVENT_WORDS
_MONTH_WORDS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()) | \
    frozenset("""utc gmt est edt cst cdt mst mdt pst pdt cet cest bst eet eest wet jst kst ict aest aedt""".split())
# (and the time zones a clock time is given in: "at 15:05 EGY (13:05 UTC)" names no organization)
_NOT_A_SCOPE = STOPWORDS | {"the"}
_MAX_WORDS = 120  # longer "sentences" (flattened tables, lists) are parsed by the regex path only


class _Model:
    """spaCy's small English pipeline, the one copy per process that conversations also use (None without it)."""

    _lock = threading.Lock()
    _nlp: Any = None
    _tried = False

    @classmethod
    def get(cls) -> Any:
        with cls._lock:
            if not cls._tried:
                cls._tried = True
                try:  # imported here: rag.conversation imports retrieval, which imports the answerer, which imports us
                    from rag.conversation.entities import load_nlp

                    cls._nlp = load_nlp()
                except Exception:  # noqa: BLE001 - any failure to load means: no model, the parser's path
                    cls._nlp = None
            return cls._nlp


def model() -> Any:
    """The loaded spaCy pipeline (None without it), for callers that read a sentence's parse themselves."""
    return _Model.get()


def typed() -> bool:
    """True when names are typed and scopes parsed by spaCy (else: the regex path)."""
    return _Model.get() is not None


def analyze(texts: Sequence[str], use_model: bool = True) -> list[list[Value]]:
    """The typed claims of each text (a sentence), in the order given; ``use_model=False``: the regex path."""
    prepared = [prepare(t) for t in texts]
    nlp = _Model.get() if use_model else None
    docs: list[Any] = [None] * len(prepared)
    if nlp is not None:
        todo = [i for i, t in enumerate(prepared) if len(t.split()) <= _MAX_WORDS and _worth_parsing(t)]
        # A sentence with no name (and not a headline) reads no entity: its figures' scopes need the parse only.
        named = [i for i in todo if _heading(prepared[i]) or names(prepared[i])]
        unnamed = sorted(set(todo) - set(named))
        for group, disable in ((named, _DEFERRED), (unnamed, (*_DEFERRED, "ner"))):
            for i, doc in zip(group, nlp.pipe([prepared[i] for i in group], batch_size=64, disable=disable)):
                docs[i] = doc
    return [_claims(text, doc) for text, doc in zip(prepared, docs)]


# Components run only on the sentences that read their output. The attribute ruler (coarse part of speech from the
# tagger's tags) costs about as much as the tagger and parser together, and only ``_role`` reads a part of speech,
# in a few sentences: it is run on those, on the same doc, when first read (``_pos``). NER and the parser do not
# read it, so every sentence's claims are the full pipeline's (bench/claims_same.py checks that).
_DEFERRED = ("attribute_ruler",)


def _pos(doc: Any, token: Any) -> str:
    """The token's coarse part of speech, running the deferred components on its doc the first time."""
    if not doc.user_data.get("rag_pos"):
        nlp = _Model.get()
        for name in _DEFERRED:
            if name in nlp.pipe_names:
                nlp.get_pipe(name)(doc)
        doc.user_data["rag_pos"] = True
    return str(token.pos_)


def _worth_parsing(text: str) -> bool:
    return bool(re.search(r"\d|[A-Z]", text[1:])) or bool(re.search(r"\d", text))


def _claims(text: str, doc: Any) -> list[Value]:
    out: list[Value] = []
    taken: list[tuple[int, int]] = []
    found = figures(text)
    if found and all(f.kind == "date" for f in found) and not re.search(r"[^\W\d_]{2}", _outside(text, found)):
        return []  # a dateline alone ("Mar 3, 2014 ..."): when a page was written, not what it says
    found = [replace(f, kind="money") if _money_unsaid(text, f) else f for f in found]
    for f in found:
        scope = _table_scope(text) or (_parsed_scope(doc, f.start, f.end) if doc is not None else None) or (
            _moved_thing(doc, f.start, f.end) if doc is not None and f.kind in ("money", "percentage") else None)
        if f.unit == "interval":  # "20 hours after it started": the event it is counted from ("after it started")
            counted_from = _COUNTED_FROM.match(text, f.end)
            scope = counted_from.group(1) if counted_from else ""
        if f.kind == "quantity" and f.unit == "m":  # "Rask, 140 km southwest of Holm": how far a place is from
            # another; a distance between other places is none of it
            between = _DISTANCE_FROM.match(text, f.end)
            if between is not None:
                place = _DISTANT_PLACE.search(text[:f.start])
                scope = f"{place.group(1)} from {between.group(1)}" if place else f"from {between.group(1)}"
        if scope is None:
            scope = _scope_after(text, f.end, of=not (f.kind == "percentage" and _IN_WORDS.search(f.text)))
        out.append(Value(f.kind, f.text, f.low, f.high, f.unit, "", scope, f.start, f.end, f.vague))
        taken.append((f.start, f.end))
    # (no name runs across a list item's colon: "Clean Energy: Evaluate" is a label and an instruction)
    entities = [] if doc is None else [(e.start_char, e.end_char, _ENTITY[e.label_]) for e in doc.ents
                                       if e.label_ in _ENTITY and ":" not in e.text]
    label = _LABEL.match(text)
    other = [] if doc is None else [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in _ENTITY
                                    and not (e.label_ == "NORP" and not nationality_like(e.text))]
    heading = _heading(text)
    filed = dateline(text)  # "CHIANG RAI - A mini-submarine ...": where the story was filed from, a place
    if filed:  # (and no name of the tagger's runs on past it: "HONG KONG - Three", a place to the small model)
        entities = [(s, e, k) for s, e, k in entities if not s < filed < e]
    if heading:  # a headline capitalizes every word, and the small model then calls it an organization:
        out.extend(_people(text, entities))  # only the people the tagger finds in it are kept
    for start, end, value in ([] if heading else _at_titles(names(text), entities, doc is not None)):
        if any(s < end and start < e for s, e in taken) or _not_a_name(value):
            continue
        if label is not None and start >= label.start(1) and end <= label.end(1) and \
                not any(s < end and start < e for s, e, _ in entities):
            continue  # "Technology Sector: Focus on ...": what a list item is about, no one's name
        if end <= filed:  # a place in capitals, which the tagger may call anything or nothing
            out.append(Value("place", value, key=name_key(value), start=start, end=end))
            continue
        lead = _PLURAL_OF.match(value)
        if lead and doc is not None and _capitalized_by_position(text, start, lead.group(1)) and \
                not any(s <= start < e for s, e, _ in entities):  # "Parts of Vardex's message": a sentence's first
            # word, a plural before "of" that the tagger holds in no name, is no part of the name after it
            start, value = start + lead.end(), value[lead.end():]
        if value.startswith("of "):  # "Most of Holm's staff": the name after the opening word's "of"
            start, value = start + 3, value[3:]
        if doc is not None and not any(s < end and start < e for s, e, _ in entities) and not _titled_unquoted(text, start, value) and (
                any(s <= start and (end <= e or label == "NORP") for s, e, label in other if start < e)
                or _capitalized_by_position(text, start, value)):
            continue  # "Chinese", "American Western" (a nationality and what it qualifies), "Historical ..." (a
            # sentence's first word): no one's name; a title and its holder are one whatever the tagger calls them
            # ('... to be," Rear Adm. Apakorn Yukongkaew': a work of art to the small model after a quotation)
        inside = [(s, e, k) for s, e, k in entities if s < end and start < e]
        words = value.split()
        whole = _class_written_small(doc, text, start, end) if doc is not None else None
        if whole is not None:  # "the Great bitter lake", "U.S. Geological survey": the name runs to its class word
            end, value = whole, text[start:whole]
            words = value.split()
        if words[-1].lower() in _EVENT_WORDS:
            continue  # "Paralympic Games", "World Cup", "Heisman Trophy": an event or an award, whatever the tagger says
        title = [w for w in words[:-1] if w.lower().strip(".") in _TITLES]
        if title and words[0].lower().strip(".") in _TITLES and words[-1].lower().strip(".") not in _ORG_WORDS:
            kind = "person"  # "CEO Tim Buckley", the holder's part of "Vanguard CEO Tim Buckley"
        elif words[-1].lower().strip(".") in _ORG_WORDS and len(words) > 1:
            kind = "organization"  # the small model calls "Lynas Rare Earths" a person
        elif title and _HOLDER.search(value):
            kind = "person"  # "Treasury Secretary Bessent": the holder of the title, though the tagger says organization
        elif whole is not None and words[-1].lower() in _PLACE_WORDS:
            kind = "place"
        elif inside:
            kind = max(inside, key=lambda x: x[1] - x[0])[2]
        elif title:
            kind = "person"
        elif _PAIR.fullmatch(value) and re.match(r"\s+[a-z]", text[end:]):
            continue  # "the U.S.-China rare earth deal", "US-China trade": two parties qualifying a noun, no one name
        else:
            kind = NAME
        role = " ".join(w.lower().strip(".") for w in title) or (_role(doc, start, end) if doc is not None and not
                                                       _TITLE_AFTER.match(text[end:]) else "")
        # (a one-word name the tagger calls a person too: "the mining company Enami"; not "the company John Smith
        # founded")
        before = _CLASS_BEFORE.search(text[:start]) if not role and (kind in ("place", NAME) or (
            kind == "person" and not title and len(words) == 1)) else None
        if before is not None and before.group(1) in _COMPANY_WORDS:  # "the state-run shipping company Norlant" (the
            role = before.group(1)  # parser may hang the class noun elsewhere: "After the ... company" as an object)
        elif kind in ("person", "place", NAME) and not title and not role and len(words) == 1:
            # no article: "asked motorway group Norlant to ...", "with state-controlled Vardex": a business's class
            # noun or its owner written right before the one word the tagger calls a person
            unmarked = _BARE_CLASS_BEFORE.search(text[:start])
            if unmarked is not None and ((unmarked.group(1) or "").lower() in _COMPANY_WORDS | {"group"}
                                         or unmarked.group(2)):
                before, role = unmarked, (unmarked.group(1) or "company").lower()
        if kind == "place" and role and role.split()[-1] in _BUSINESS_ROLES | _COMPANY_WORDS or \
                kind == NAME and role and role.split()[-1] in _COMPANY_WORDS or \
                kind == "person" and before is not None and (role in _COMPANY_WORDS or before.re is _BARE_CLASS_BEFORE) or \
                kind == "person" and not title and len(words) == 1 and role in _BODY_ROLES:
            kind = "organization"  # "the rig's operator, Transocean": a business, though the tagger says a place
        elif kind == "person" and not title and role in _SITE_WORDS and re.match(r"(?:['\u2019]s)?\s+(?:[\w-]+\s+){0,3}" + role, text[end:]):
            kind, role = "place", ""  # "the Lunde power plant", "Holm's nuclear plant": the site's name, no one's
        elif kind == "person" and not title and len(words) == 1 and _ACRONYM.fullmatch(value):
            kind = "organization"  # "when did NORLCO expect ...": a body's initials, though the tagger says a person
        elif kind == "person" and not title and reads_as_place(text, start, end):
            kind = "place"  # "the acting governor of Chiang Rai state": a province, though the tagger says a person
        elif kind in ("person", NAME) and not title and len(words) == 1 and out and out[-1].kind == "place" and \
                re.fullmatch(r",\s", text[out[-1].end:start]) and re.match(r"\s*(?:[,.;)]|$)", text[end:]) \
                and not re.match(r",\s+(?:the|a|an|who|whose|aged|\d)\b", text[end:]):
            kind = "place"  # "a court in Holmstad, Norlant, heard": the region a place is written with
        elif kind in ("person", NAME) and not title and _BODY_AFTER.match(text, end) and \
                _ARTICLE_BEFORE.search(text[:start]):
            kind = "organization"  # "the private Saint-Lunde primary school": the school's name
        elif kind in ("place", NAME, "organization") and not title and len(words) > 1 and \
                words[-1].lower().strip(".") not in _ORG_WORDS and not reads_as_place(text, start, end):
            called = called_a_person(text, end)  # "Lena Brandt, the TV personality who ...": a building to the
            if called is not None:  # small model, a person to the text
                kind, role = "person", role or called
        bare = " ".join(w for w in _holder(words, kind) if w.lower().strip(".") not in _TITLES) or value
        out.append(Value(kind, value, key=name_key(bare), scope=role, start=start, end=end))
    out.sort(key=lambda v: v.start)
    return _ends_of_a_move(text, out)


# what a place's name is written onto ("the Lunde power plant"): a site, though the tagger says a person
_SITE_WORDS = frozenset("plant plants reactor reactors station mine mines dam airport port harbour harbor refinery "
                        "factory smelter complex site facility".split())
_ACRONYM = re.compile(r"[A-Z]{2,6}")  # a body's initials, written in capitals alone ("NORLCO", "VRDX")


# "from $2 billion the year she took over to $4.5 billion": the two ends of one move
_FROM_TO = re.compile(r"^[^.;:!?]{0,60}?\bto\s+(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+)?$")


# how a nationality, faith or party is written ("Lebanese", "Catholic", "Shiite", "Democrats", "Kurdish", "Basque")
_NATIONALITY_ENDING = re.compile(r"(?:an|ese|ish|i|ic|ch|ist|ite|er|ive|ern|que|ox|al|crat|ies|y|u|h|w|s|it)s?$")


def nationality_like(span: str) -> bool:
    """A span the tagger calls a nationality (NORP) that is written like one: a known country adjective or a word of
    such an ending; "the Vardexpart investigative website" names a website, not a people."""
    words = span.split()
    return len(words) != 1 or words[0].lower().strip(".'\u2019") in COUNTRY_OF or bool(
        _NATIONALITY_ENDING.search(words[0].lower().strip(".'\u2019")))


# millions said with no currency and no noun, in what is paid or pledged ("gave 3 million on a pledge of 20
# million", "donated 5 million to the fund"): sums of money, in the currency the article gives elsewhere
_MILLIONS = re.compile(r"[\d.,]+\s*(?:million|billion|bn|m)$", re.I)
_MONEY_BEFORE = re.compile(r"\b(?:paid|pay|pays|paying|donated|donates|donate|donating|pledged|pledges|pledge|"
                           r"pledging|raised|raising|spent|spend|spending|cost|costs|costing|gave|given|giving|"
                           r"contributed|contribute|contributing|invested|fined|owed|owes|worth|pledge\s+of|"
                           r"donations?\s+of|sum\s+of|total\s+of)\s+(?:(?:about|around|nearly|almost|some|more\s+than|"
                           r"over|roughly|just|another|a\s+further|an\s+additional)\s+)?$", re.I)
_MONEY_AFTER = re.compile(r"\s+(?:on\s+a\s+pledge|in\s+(?:donations|aid|funding|damages|fines|compensation))\b", re.I)


def _money_unsaid(text: str, figure: Any) -> bool:
    """A count of millions with no noun, said as what was paid or pledged: a sum of money."""
    return figure.kind == "count" and not figure.unit and bool(_MILLIONS.search(figure.text)) and bool(
        _MONEY_BEFORE.search(text[max(0, figure.start - 60):figure.start]) or _MONEY_AFTER.match(text, figure.end))


# a name written before the lower-case class noun of a body it names, after an article ("the private Saint-Lunde
# primary school", "the Holm memorial hospital")
_BODY_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}(?:schools?|hospitals?|church|churches|cathedral|museum|college|"
                         r"university|academy|clinic|prison|stadium|library|foundation|institute|charity)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}$", re.I)


def _ends_of_a_move(text: str, values: list[Value]) -> list[Value]:
    """The two amounts a move goes from and to are of one thing: the scope one was given is the other's too ("its
    market value swelled from $5 billion to $9 billion")."""
    out = list(values)
    figures_ = [i for i, v in enumerate(out) if v.kind in ("money", "percentage")]
    for i, j in zip(figures_, figures_[1:]):
        a, b = out[i], out[j]
        if a.kind != b.kind or bool(a.scope) == bool(b.scope) or not re.search(r"\bfrom\s+$", text[:a.start]) \
                or not _FROM_TO.match(text[a.end:b.start]):
            continue
        scope = a.scope or b.scope
        out[i], out[j] = replace(a, scope=scope), replace(b, scope=scope)
    return out


# a list item's label: Title Case words opening the sentence, then a colon ("Technology Sector: Focus on ...")
_LABEL = re.compile(r"^\W*([A-Z][\w'&.-]*(?:\s+(?:[A-Z&][\w'&.-]*|and|of|the|for|in|on))*)\s*:(?!\d)")


def _titled_unquoted(text: str, start: int, value: str) -> bool:
    """A title and its holder's name, not opening a quotation ('..." Rear Adm. Apakorn Yukongkaew', not '"The
    President Who Knew"', a title's words)."""
    return _HOLDER.search(value) is not None and not _OPENS_QUOTE.search(text[max(0, start - 6):start])


_OPENS_QUOTE = re.compile(r"[\"'\u201c\u2018](?:(?i:the|an?)\s+)?$")


def _holder(words: list[str], kind: str) -> list[str]:
    """A person's name without the office opening it ("Chief Executive Sam Chisholm" -> "Sam Chisholm", "Foreign
    Minister Jonas Gahr Store" -> "Jonas Gahr Store"): the key is the holder's, as where the office is not said."""
    lead = 0
    while kind == "person" and lead < len(words) - 1 and words[lead].lower().strip(".") in _TITLE_WORDS:
        lead += 1
    return words[lead:] if lead and any(w.lower().strip(".") in _TITLES for w in words[:lead]) else words


# a title and after it the one or two words of its holder's name, and nothing else: "Treasury Secretary Bessent"
_HOLDER = re.compile(r"\b(?i:" + "|".join(sorted(_TITLES)) + r")\.?(?:\s+[A-Z][\w'’.-]*){1,2}$")


# Two capitalized parts joined by a hyphen, each a word or an abbreviation ("U.S.-China", "India-Pakistan").
_PAIR = re.compile(r"[A-Z][\w.]*-[A-Z][\w.]*")


def _outside(text: str, spans: Sequence[Any]) -> str:
    """The text with the given figures' spans blanked (read only for sentences whose figures are all dates)."""
    for f in spans:
        text = text[:f.start] + " " * (f.end - f.start) + text[f.end:]
    return text


_TITLE_AFTER = re.compile(r"(?:'s?)?\s+(?:" + "|".join(sorted(_TITLES)) + r")\b", re.I)  # "Tesla [CEO ...]"


def _people(text: str, entities: list[tuple[int, int, str]]) -> list[Value]:
    """The people the tagger names in a headline, each with the title just before it as role."""
    out = []
    for start, end, kind in entities:
        if kind == "person" and text[start:end].split()[0].lower() not in COUNTRY_OF:  # ("Thai Rescuer Dies in
            # Efforts to ...": a nationality opens no one's name; the small model reads a headline's words as one)
            before = re.findall(r"[A-Za-z]+", text[max(0, start - 30):start])
            role = before[-1].lower() if before and before[-1].lower() in _TITLES else ""
            out.append(Value("person", text[start:end], key=name_key(text[start:end]), scope=role, start=start, end=end))
    return out


def _at_titles(spans: list[tuple[int, int, str]], entities: list[tuple[int, int, str]],
               tagged: bool) -> list[tuple[int, int, str]]:
    """Split "Vanguard CEO Tim Buckley" and "Chinese Commerce Minister Wang Wentao" at the title: the holder is
    the name after it (with the title as role); the words before are a name of their own only when they are
    an organization or place (by the tagger, or an organization word), else part of the title."""
    out: list[tuple[int, int, str]] = []
    for start, end, value in spans:
        words = value.split()
        titled = [i for i, w in enumerate(words[:-1]) if w.lower().strip(".") in _TITLES]
        if not titled or titled[-1] == 0:
            out.append((start, end, value))
            continue
        first = titled[-1]
        while first > 0 and words[first - 1].lower().strip(".") in _TITLE_WORDS:  # "Prime Minister", "Chief
            first -= 1  # Executive": the office's words before its title word are the office's
        if first == 0:
            out.append((start, end, value))
            continue
        head = " ".join(words[:first])
        tail_start = start + len(head) + 1
        people = [(s, e) for s, e, k in entities if k == "person" and start <= s < end]
        if (tagged and not any(s >= tail_start for s, _ in people)) or any(s < tail_start for s, _ in people) \
                or re.search(r"\s(?:of|de|van|von|da|del|bin)\s", value[tail_start - start:]):
            out.append((start, end, value))  # "Abigail Johnson Named CEO of Fidelity": no one after the title
            continue
        head = re.sub(r"'s?$", "", head)
        head_end = start + len(head)
        if any(start <= s and e <= head_end + 2 and k != "person" for s, e, k in entities) or \
                head.split()[-1].lower() in _ORG_WORDS:
            out.append((start, head_end, head))
        out.append((tail_start, end, value[tail_start - start:]))
    return out


def _heading(text: str) -> bool:
    """A headline or section title: Title Case words and no closing stop ("Washington Offers Targeted Concessions")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if len(w) > 3]
    if len(words) >= 3 and not text.rstrip().endswith((".", "!", "?", '"')) and \
            sum(w[0].isupper() for w in words) >= 0.8 * len(words):
        return True
    # a Title Case headline that a snippet ended with a stop: every word but the small ones capitalized
    every = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if w.lower() not in _SMALL_WORDS]
    return 6 <= len(every) <= 16 and all(w[0].isupper() for w in every) and not re.search(r"[\d;(]", text)


_SMALL_WORDS = frozenset("a an the and or but nor for of in on at to by with from as vs via per".split())


_PLURAL_OF = re.compile(r"([A-Z][a-z]+s) of ")


def _capitalized_by_position(text: str, start: int, value: str) -> bool:
    """One word capitalized only because it opens the sentence, a list item or what follows a colon."""
    if " " in value or value.lower().split()[-1].strip(".") in _ORG_WORDS:
        return False
    before = text[:start].rstrip().rstrip("\"'(\u201c\u2018[").rstrip()  # a quotation opening the sentence
    return not before or before[-1] in ":\u2022-*|"


def _class_written_small(doc: Any, text: str, start: int, end: int) -> int | None:
    """Where a name ends whose class word the source wrote in lower case ("released from the Great bitter lake",
    "U.S. Geological survey Director Marcia McNutt"): the capitalized words, ending in one the tagger reads as an
    adjective, and the one or two lower-case words after them all qualify a noun that names a class of place or body.
    None when they do not."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or span[-1].tag_ not in ("JJ", "JJS") or span[-1].text.lower() in _CLASSES:
        return None  # (a name's own word before a noun is none: "the Biden administration", "the Red Sea port")
    for head in doc[span.end:span.end + 3]:
        if not head.text.isalpha() or not head.text.islower():
            return None
        if head.tag_ in ("NN", "NNS") and head.text in _CLASSES and all(
                t.head.i == head.i for t in doc[span.end - 1:head.i]):
            return head.idx + len(head.text)
    return None


# a class of place a name may end with ("Lake Tahoe", "the Great Bitter Lake")
_PLACE_WORDS = frozenset("""lake lakes river sea bay canal channel island islands mountain mountains gulf strait ocean
desert valley peninsula reef""".split())
# (and of a public body: not "Western industries", "Federal energy", where the words are no name)
_CLASSES = _PLACE_WORDS | frozenset("""survey agency ministry department commission council university institute
authority bureau committee""".split())


def _not_a_name(value: str) -> bool:
    words = [w.strip(".'") for w in value.lower().split()]  # (nor a number opening the sentence: "Thirteen of them",
    # "Thousands gathered", nor an office named without its holder, an office's word at each end: "a Chief Investment
    # Officer", "the Director General")
    return all(w in _MONTH_WORDS or w in STOPWORDS or re.fullmatch(r"q[1-4]|\d+", w) or w in WORD_NUMBERS or w in _MANY
               for w in words) or (len(words) > 1 and all(w in _TITLES or w in _OFFICE_WORDS for w in words[::len(words) - 1]))


# the words of an office beside its titles ("Chief Financial Officer", "Deputy Prime Minister", "Attorney General")
_OFFICE_WORDS = frozenset("""officer executive financial operating technology technical information marketing prime
deputy assistant attorney general foreign interior defence defense finance justice home senior managing editor head
commander minister secretary rear""".split())  # ("Rear Adm. Apakorn Yukongkaew")
_TITLE_WORDS = _TITLES | _OFFICE_WORDS
_MANY = frozenset("dozens scores hundreds thousands millions billions tens".split())


def _table_scope(text: str) -> str | None:
    """A row of a flattened table: the first cell names what the row's figures are of."""
    if text.count(" | ") < 1:
        return None
    first = text.split(" | ", 1)[0]
    return _phrase(first.split()) if not re.search(r"\d", first) else None


# a share in words ("half the flats": claims/parse.py), its whole after it with or without "of"
_IN_WORDS = re.compile(r"(?:half|thirds?|quarters?)$", re.I)


# the event a time is counted from: up to four words after "after" or "before", to a stop or a comma
_NOT_THE_EVENT = r"(?!(?:and|or|but|while|when|where|as|which|who|that|because|since|with|for)\b)"
_COUNTED_FROM = re.compile(rf"\s+((?:after|before)\s+(?:{_NOT_THE_EVENT}[\w'\u2019-]+\s+){{0,5}}{_NOT_THE_EVENT}"
                           r"[\w'\u2019-]+)")


# the place a distance is measured from: "140 km southwest of Holm", "218 km (135 miles) from Lunde", "90 km upstream
# of Rask"
_DISTANCE_FROM = re.compile(r"\s*(?:\([^)]{0,30}\)\s*)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|"
                            r"(?:away|upstream|downstream|inland|offshore)\s+)?"
                            r"(?:of|from)\s+(?:the\s+)?([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})")
# ... and the place it is the distance of, set off before it: "In Rask, 218 km from Holm", "Lunde, 140 km ..."
_DISTANT_PLACE = re.compile(r"\b(?:(?:In|At|On|Near|From|The)\s+)?((?!(?:In|At|On|Near|From|The)\b)[A-Z][\w'\u2019-]*"
                            r"(?:\s+[A-Z][\w'\u2019-]*){0,2}),\s+(?:about\s+|some\s+|around\s+|nearly\s+|roughly\s+)?$")


def _scope_after(text: str, end: int, of: bool = True) -> str:
    """The regex scope: the words after "of" following a figure ("70% of global output" -> "global output"; "of" may
    be left out after a share in words: "half the flats")."""
    match = re.match(r"\s+of\s+((?:the\s+)?[A-Za-z][A-Za-z'\- ]{2,60})" if of else
                     r"\s+(?:of\s+)?((?:the|its|their|his|her|all|our|those|these)\s+[A-Za-z][A-Za-z.'\- ]{2,60})", text[end:])
    if not match:
        return ""
    return _phrase(re.split(r"\s+(?:and|or|in|by|from|to|with|for|at|as|that|which|while|but)\s+",
                            match.group(1))[0].split()[:4])


def _phrase(words: Iterable[str]) -> str:
    kept = [re.sub(r"'s$", "", w.lower()).strip(",.;:'\"()") for w in words]
    return " ".join(w for w in kept if w and w not in _NOT_A_SCOPE)


def _parsed_scope(doc: Any, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for token in [root, *[t for t in span if t is not root]]:
        scope = _of_phrase(token, span.end)
        if scope:
            return scope
    if root.dep_ in ("attr", "dobj", "acomp", "npadvmod", "appos", "pobj"):
        verb = root.head if root.dep_ != "pobj" else root.head.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _of_phrase(child) or None
    return None


def _moved_thing(doc: Any, start: int, end: int) -> str | None:
    """What a figure a movement is measured from, to or by is of: "its market value rose from $5 billion to $9
    billion" -> "market value", "growing the firm's revenue from $2 billion" -> "revenue" (the common noun
    the movement is of: the verb's subject, or the noun the preposition hangs on); None otherwise. Amounts and
    shares only: what a count is of, its noun says."""
    span = doc.char_span(start, end, alignment_mode="expand")
    root = span.root if span is not None else None
    if root is None or root.dep_ != "pobj" or root.head.lower_ not in ("from", "to", "by"):
        return None
    governor = root.head.head
    if governor.tag_ in ("NN", "NNS") and governor.dep_ != "pobj":
        return _noun_phrase(governor)
    if not governor.tag_.startswith("VB"):  # (the tag: the attribute ruler that sets pos_ may be off)
        return None
    # (the object of a verb of change: "growing the firm's revenue from ...", "cut its workforce by 10%")
    deps = ("dobj", "nsubjpass", "nsubj") if governor.lower_.startswith(_CHANGING) else ("nsubjpass", "nsubj")
    moved = next((c for dep in deps for c in governor.children if c.dep_ == dep and c.tag_ in ("NN", "NNS")), None)
    return _noun_phrase(moved) if moved is not None else None


_CHANGING = ("increas", "rais", "cut", "reduc", "boost", "lift", "lower", "grow", "grew", "doubl", "tripl", "expand",
             "slash", "trim", "hik", "shrink", "shrank", "halv")


def _noun_phrase(noun: Any) -> str:
    """The noun with its modifiers; a noun that only measures ("the maximum amount of the credit line") with what it
    measures."""
    phrase = _phrase([t.text for t in noun.lefts if t.dep_ in ("compound", "amod")] + [noun.text])
    if noun.lower_ in _MEASURING:
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        measured = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if measured is not None and measured.tag_ in ("NN", "NNS"):
            phrase = f"{phrase} of {_phrase([t.text for t in measured.lefts if t.dep_ in ('compound', 'amod')] + [measured.text])}"
    return phrase


_MEASURING = frozenset("amount level size value number total sum volume quantity".split())


# nouns an amount is written onto that say it is an amount, of nothing else ("$1.6 million worth of shares")
_AMOUNT_WORDS = frozenset({"worth", "total", "sum", "amount", "sums", "amounts", "totals"})


def amount_owner(text: str, start: int, end: int) -> str:
    """The noun an amount is the amount of, written before it ("a formal settlement of $540 million" ->
    "settlement", "a claim for $916 million" -> "claim") or onto it ("its $80 million land deal"); "" when none or
    without the model. ``start`` and ``end`` index ``prepare(text)``, as every claim does. (Not a claim's scope:
    "revenue of $3 billion" answers "How much money did the canal bring in?", whose words do not say revenue.)"""
    return _amount_owner(prepare(text), start, end) if _Model.get() is not None else ""


@lru("amount_owners", 2048)
def _amount_owner(text: str, start: int, end: int) -> str:
    from rag.conversation.entities import parse  # the process's one cache of parses (imported here, as load_nlp)

    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return ""
    head = span.root.head
    if span.root.dep_ in ("nummod", "compound", "nmod", "amod") and head.i >= span.end and head.tag_ in (
            "NN", "NNS", "NNP") and head.lower_ not in _AMOUNT_WORDS:
        return head.text.lower()  # the noun it is written onto: "its $80 million land deal", "a $400 Million Payout"
    if span.root.dep_ != "pobj" or head.lower_ not in ("of", "for"):
        return ""
    owner = span.root.head.head
    if owner.tag_ not in ("NN", "NNS") or owner.i > span.root.i:
        return ""
    return _phrase([t.text for t in owner.lefts if t.dep_ == "compound"] + [owner.text])


def _of_phrase(token: Any, after: int = 0) -> str:
    """The noun phrase of the "of" the token governs, past token ``after`` (a figure's own "of" is no scope: the
    "of 1998" of "November 21 of 1998", the "of November" of "21st of November")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= after:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words = [t.text for t in obj.subtree if t.i <= obj.i and t.dep_ not in ("det", "punct", "case")]
                    return _phrase(words)
    return ""


def _role(doc: Any, start: int, end: int) -> str:
    """What a name is named as: the noun it modifies ("the Biden administration" -> "administration")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    root = span.root
    if root.dep_ in ("compound", "poss") and root.head.i >= span.end and _pos(doc, root.head) in ("NOUN", "PROPN"):
        return str(root.head.lower_)
    if root.dep_ == "appos" and _pos(doc, root.head) == "NOUN":
        return str(root.head.lower_)
    return ""


# a share stated in words: "a small share of global refining", "the majority of", "two-thirds of", "half of"
_SHARE_IN_WORDS = re.compile(
    r"\b(?:(?:a|an|the)\s+(?:(?:small|smaller|tiny|modest|minor|large|larger|big|bigger|major|significant|"
    r"substantial|sizable|sizeable|growing|shrinking|dominant|lion['\u2019]s|disproportionate|outsized)\s+)+"
    r"(?:share|portion|proportion|fraction|part)|(?:the|a)\s+(?:vast\s+|overwhelming\s+|slim\s+|narrow\s+)?"
    r"(?:majority|minority|bulk)|(?:one|two|a)[\s-](?:half|thirds?|quarters?|fifths?)|three[\s-]quarters|half)"
    r"(?=\s+of\s)", re.I)


def shares_in_words(text: str) -> list[Value]:
    """The shares a sentence states in words, each a percentage of no stated size (0 to 100, so that it never
    disagrees with a figure) with its scope ("accounts for a small share of global refining output")."""
    return [Value("percentage", m.group(0), 0.0, 100.0, "%", scope=_scope_after(text, m.end()), start=m.start(),
                  end=m.end()) for m in _SHARE_IN_WORDS.finditer(text)]


def in_words(value: Value) -> bool:
    """The value is stated in words, of no exact size: a share (``shares_in_words``) or a vague figure ("weeks of
    global supply chain disruptions", "a handful of listed miners": claims 26)."""
    return value.vague or value.kind == "percentage" and (value.low, value.high) == (0.0, 100.0) and "%" not in value.text
