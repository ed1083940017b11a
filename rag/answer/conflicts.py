"""Disagreement between sources, one mechanism for every kind of answer.

A claim is (scope, typed value, citation, article, the article's date), taken from the sentences an answer
quotes. Two articles disagree when they give values of the kind asked that do not agree (ranges that do
not overlap, different names) for the same thing. Figures of different things (70% of output vs 85-90%
of processing) are a difference of ``scope``, not a contradiction. When the two sides come from articles
published on different dates, the newer plausibly supersedes the older: ``update``. When the two articles
describe different things that share the name asked about (two albums called "Northern Lights"), each value
is given with its own subject: ``ambiguous`` (``rag.answer.subjects``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from rag.answer.counted import harm_unasked, of_the_verb_asked
from rag.answer.events import asked_event, dates_of_other_events, no_beginning_dated, says, says_event
from rag.answer.evidence import body_qualifier, classed, counts_asked, holds, one_clause, place_class, qualified_as
from rag.answer.inventory import listed
from rag.answer.lasting import asked_lasting, of_other_events, shorter_than_asked, term_unasked
from rag.answer.nationals import as_nationals, of_other_nationals, of_the_nationals
from rag.answer.origin import asked_origin, country_key, of_another_country, tied_elsewhere
from rag.answer.positions import asks_subject, beside_the_act
from rag.answer.quotes import speaker_only
from rag.answer.sized import ages_of_other_things, sizes_of_other_things
from rag.answer.stance import disagreement as stance_disagreement
from rag.answer.subjects import Subject, different, question_names, subject_of
from rag.answer.tallies import moment, running
from rag.answer.wording import roots
from rag.caches import TEXT, lru
from rag.claims.extract import amount_owner, analyze
from rag.claims.kinds import (
    FIGURES,
    LABEL,
    NAME,
    NAMES,
    ROLE_OF,
    THING_WORDS,
    TITLE_BEFORE,
    Value,
    answers_as,
    asked,
    asked_person_noun,
    asked_roles,
    asking_terms,
    asks_for_list,
    asks_speaker,
    asks_who_acts,
    described_as,
    fits,
    in_question,
    options,
    other_measure,
    role_fits,
    same,
    scope_head,
    scope_terms,
    show,
    subject_roles,
    title_words,
    titled,
)
from rag.claims.parse import MONTH, name_key, prepare
from rag.claims.records import ClaimCache
from rag.claims.variants import twins
from rag.text import content_terms, stem
from rag.types import Claim, Conflict


@dataclass
class Cited:
    text: str
    citation: int
    doc_id: str
    published_at: str | None = None
    context: str = ""  # the passage it was quoted from (title and text): where its article says what it is about
    similarity: float | None = None  # how close in meaning the sentence is to the question (None: not measured)


# A side that does not hold the question's words says what is asked in other words when its sentence is at least
# this close in meaning to the question (MiniLM cosine), and this share of the closest side's closeness: "lifted the
# trophy in the 2021 women's singles event" (0.52) beside "to win the ladies' singles title" (0.71), asked who won;
# not "Mr Narongsak said the passageway the divers were making ..." (0.35 beside 0.56), asked the name of the diver
# who died. (Swept on the dev sets: 0.50 / 0.85 lost RGB-mixed questions whose two sides were both real.)
SIDE_FLOOR = 0.45
SIDE_WITHIN = 0.8
PARALLEL = 0.5  # an untyped question: two sentences sharing this share of their words (values aside) say one thing
PARALLEL_QUESTION = 0.75  # ... or each holding this share of the question's terms


_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# a figure said to come on top of another ("will pay up to another $1 billion", "an additional 500 troops"): a
# further amount, not another article's value of the one asked
_ADDED = re.compile(r"\b(?:another|additional|further|extra)\s+(?:(?:up to|about|some|nearly|almost|roughly|around|"
                    r"approximately|over|more than)\s+)?$", re.I)

def find_conflicts(question: str, sentences: Sequence[Cited], cache: ClaimCache | None = None,
                   embed: Callable[[list[str]], np.ndarray] | None = None) -> list[Conflict]:
    """The disagreements (and differences of scope, updates, and same-named things) among the quoted
    sentences. For a question whose answer kind is known, the values of that kind; otherwise the values in
    which two near-identical sentences of different articles differ (a figure or name changed). ``embed``: word
    vectors, to tell a duration of another event than the one asked (``rag/answer/lasting.py``)."""
    if listed(question) is not None:
        return []  # "Which companies are mentioned?": each name is one more on the list, not another side
    texts = [s.text for s in sentences]
    typed = [[v for v in found if not _restated(v, text, found)]
             for text, found in zip(texts, cache(texts) if cache is not None else analyze(texts))]
    kinds = asked(question)
    q_terms = set(content_terms(question))
    if kinds:
        listing = asks_for_list(question) or bool(_PLURAL_ASKED.match(question))
        roles = asked_roles(question)
        subject = {w for n in question_names(question) for w in name_key(n).split() if len(w) > 2}
        agent = asks_who_acts(question)
        origin = asked_origin(question)  # "Which American agency": a name the sentence ties to Japan is none
        theirs = subject_roles(question)  # "Which leader did Thailand's prime minister thank?": not the minister
        # the names the question gives (a person, a body, a place): a figure of another of their kind is another's
        typed_question = (cache([question]) if cache is not None else analyze([question]))[0]
        # (and a name of several words the tagger gives no type: "the Lunde Fire", asked how many it destroyed)
        given = [v for v in typed_question if v.kind in NAMES or (v.kind == NAME and len(v.text.split()) >= 2)]
        days = _days(typed_question)  # "Early on May 12, which state ...?": a figure dated another day is none
        # "Who was in charge ...?": not "For Saman, ..." (a place is named after a preposition: "hosted in London")
        doer = asks_subject(question) and not asks_speaker(question) and "place" not in kinds
        beside = {t for s, found in zip(sentences, typed) for v in found if doer and v.kind not in FIGURES
                  and beside_the_act(v, s.text) for t in content_terms(v.text)}
        claims = [(s, v) for s, found in zip(sentences, typed) for v in found
                  if fits(v, kinds, s.text if agent else "") and not in_question(v, question) and answers_as(v, s.text, kinds, question)
                  and not (theirs and v.kind not in FIGURES and v.scope and role_fits(v.scope, theirs))
                  and not (doer and v.kind not in FIGURES and beside_the_act(v, s.text))
                  # asked how many divers went in, "12 boys" is no side (but asked how many Danes, "40 people from
                  # Denmark" is one: rag/answer/nationals.py)
                  and (counts_asked(v, question) or of_the_nationals(question, s.text, v))
                  and not harm_unasked(question, s.text, v)  # asked who was inside, "killed 240 people" is none
                  and not term_unasked(question, s.text, v)  # asked how long he worked: "sentenced to 36 years"
                  # the speaker of a quotation is no side of a who-question that asks no speaker ('"Thai Navy seals
                  # have found all 13," Governor Narongsak Osottanakorn told reporters', asked the diver's name)
                  and not (v.kind not in FIGURES and not asks_speaker(question) and speaker_only(v, s.text)
                           and not (roles and role_fits(v.scope, roles)))
                  and not (v.kind in FIGURES and _ADDED.search(s.text[:v.start]))  # "another $1 billion" is more
                  and not no_beginning_dated(question, s.text, v)  # asked how old: "the strongest since 1996"
                  and not shorter_than_asked(question, v)  # asked how many years: "for 70 days" is none
                  and not (v.kind in FIGURES and days and _dated_otherwise(days, found))
                  and not (v.kind in FIGURES and given and _of_someone_else(v, s.text, found, given))
                  and (v.kind in FIGURES or (_named(v, s, listing, roles)
                                             and not (origin and tied_elsewhere(v, s.text, origin))))]
        # counts of the nationals asked count one thing whatever their nouns ("40 Danes", "41 people from Denmark")
        claims = [(s, as_nationals(question, s.text, v)) for s, v in claims]
        # "a settlement of $540 million" is a settlement's amount, another thing than "pay $900 million" asked of
        claims = [(s, replace(v, scope=amount_owner(s.text, v.start, v.end)) if v.kind == "money" and not v.scope
                   else v) for s, v in claims]
        # a length written onto another noun is that noun's size ("the 1.5-mile bridge", asked how far the ship was
        # from it, or how long the ship is): no side (rag/answer/sized.py)
        # (and an age written onto another noun is that noun's: "the ship's 27-year-old pilot", asked the ship's age)
        other_sizes = sizes_of_other_things(question, [(s.text, v) for s, v in claims]) | ages_of_other_things(
            question, [(s.text, v) for s, v in claims])
        claims = [side for i, side in enumerate(claims) if i not in other_sizes]
        # a name holding the words of the thing asked about is no side ("See Instagram photos"), though an
        # article that says it still says what it holds ("Abigail Johnson Named CEO of Fidelity ...")
        every_named = claims
        claims = _the_names_asked(claims, kinds, q_terms)
        # a sentence saying who did what is asked says only that one ("X winning ..., he and Y, who won before")
        acted = {(s.citation, s.text) for s, v in claims if v.kind not in FIGURES and _agent(v, s.text, q_terms)}
        said = [(s, v) for s, v in every_named if (s.citation, s.text) not in acted or v.kind in FIGURES
                or _agent(v, s.text, q_terms)]
        claims = [(s, v) for s, v in claims if v.kind in FIGURES or not subject & set(v.key.split())]
        if roles:  # a sentence naming someone in the role asked: that name is its answer, not the others
            # (and the role of another body than the one asked is none: ``_the_body_asked``)
            claims = _the_body_asked(claims, roles, q_terms)
            holding = {(s.citation, s.text) for s, v in claims if v.kind not in FIGURES and role_fits(v.scope, roles)}
            claims = [(s, v) for s, v in claims if v.kind in FIGURES or (s.citation, s.text) not in holding
                      or role_fits(v.scope, roles)]
        noun = asked_person_noun(question) if not roles else ""
        if noun:  # "Who is the materials economist quoted?": the names the articles call one are their answers,
            # and a sentence that gives a name with an office instead ("Treasury Secretary Scott Bessent") none
            described = [(s, v) for s, found in zip(sentences, typed) for v in found
                         if v.kind not in FIGURES and described_as(v, s.text, noun)]
            if described:
                officed = {(s.citation, s.text) for s, found in zip(sentences, typed) for v in found
                           if v.kind not in FIGURES and titled(v, s.text)}
                skip = officed | {(s.citation, s.text) for s, _ in described}
                claims = described + [(s, v) for s, v in claims if (s.citation, s.text) not in skip]
        if _HOW_MANY.search(question):  # "killed 8 and injured 209", asked who was injured: 8 is no side
            asked_roots = {r for t in q_terms for r in roots(t)}  # (or a word for it: "unloaded" / "removed")
            other = of_the_verb_asked([(s.text, v) for s, v in claims if v.kind == "count"],
                                      lambda w: any(w[:6] == t[:6] if min(len(w), len(t)) >= 6 else w == t
                                                    for t in q_terms) or not set(roots(w)).isdisjoint(asked_roots))
            claims = [(s, v) for s, v in claims if (s.text, v) not in other]
            # asked how many Danes: "seven Swedes" and "227 passengers" are no sides (rag/answer/nationals.py)
            others = of_other_nationals(question, [(s.text, v) for s, v in claims])
            claims = [side for i, side in enumerate(claims) if i not in others]
        things = [v for v in given if v.text.split()[-1].lower() in THING_WORDS]  # "the Lunde Fire", "the Vardex Bridge"
        if things:  # a figure said of a named event or structure the question gives ("the Lunde Fire ... killed 29
            # people"): another figure whose sentence and passage never name it is of the passage's own subject, not
            # another side ("The blaze has killed 79 people", in an article on the Rask fire). (Not of a person, which
            # an article refers to by its class: "the bank" of Norvale.)
            claims = _figures_of_the_named(claims, things)
        bodies = [v for v in given if v.kind == "organization"]
        if bodies and set(kinds) & {"money", "count", "quantity"}:  # nor of a body, asked how much it paid: where its
            # passage never names it ("The estimated cost of the salvage is $160 million", asked what Norlant would pay)
            claims = _figures_of_the_named(claims, bodies, owned=True)
        objects = [v for v in given if v.kind not in ("person", "place")]  # ("the Holm Chalice", "the Lunde Fire")
        if objects and kinds and set(kinds) <= set(NAMES) | {NAME}:  # asked who announced the Holm Chalice: a
            # sentence naming it (or leaning on an article that does) answers; one that names a minister announcing
            # a contest in an article that never names the chalice is about something else, no other side
            naming_it = {s.citation for s, v in claims if v.kind not in FIGURES and _names_given(s.text, objects)}
            if naming_it:
                claims = [(s, v) for s, v in claims if v.kind in FIGURES or s.citation in naming_it
                          or _names_given(s.context, objects)]
        of_class = place_class(question) if "place" in kinds else ""
        if of_class and any(classed(v, s.text, of_class) for s, found in zip(sentences, typed) for v in found):
            # asked which dam, where some sentence names one ("Holm Dam"): "the Lunde River" or "the fire service" is none
            claims = [(s, v) for s, v in claims if v.kind in FIGURES or classed(v, s.text, of_class)]
        qualifier = body_qualifier(question) if "organization" in kinds else ()
        if qualifier and any(qualified_as(v, s.text, qualifier) for s, found in zip(sentences, typed) for v in found):
            # asked which oil firm, where some sentence calls one so ("oil company Norlant"): "luxury goods
            # group Vardex" is none (a name given with no class is left a side)
            claims = [(s, v) for s, v in claims if v.kind in FIGURES or v.kind not in ("organization", NAME)
                      or qualified_as(v, s.text, qualifier) or not v.scope]
        seen = {(s.citation, v.text) for s, v in claims}
        if not listing:  # and what two near-identical sentences differ in, of the kind asked ("when", asked of
            # two sentences differing in the barrels spilled, is not answered by the barrels)
            groups = {_kind_group(k) for k in kinds}
            claims += [(s, v) for s, v in _parallel_claims(question, sentences, typed, worded_only=True)
                       if (s.citation, v.text) not in seen and _group(v) in groups]
        said += [c for c in claims if c not in said]
    else:
        claims = _parallel_claims(question, sentences, typed)
        said, beside, roles = claims, set(), set()
    subjects = _subjects(question, sentences)
    aliases = _aliases(typed, sentences)
    # what the question asks happened: its words beside the names it gives ("released", "founded")
    events = {t for t in q_terms if t.isalpha() and len(t) >= 4} - {
        stem(w) for n in question_names(question) for w in name_key(n).split()}
    verb = asked_event(question) if kinds and asks_speaker(question) and not asks_for_list(question) else ""
    doing = q_terms | ({"lead"} if _IN_CHARGE.search(question) else set())  # "in charge of": led, headed, ran
    act = asked_event(question) if kinds else ""
    offered = options(question)[1]
    focus = _asked_focus(question, q_terms) if kinds else set()  # what a side must say (``_saying_what_is_asked``)
    lasting = asked_lasting(question) if "duration" in kinds else ""  # the event whose length is asked
    claims = _no_vague(claims)
    conflicts = []
    for kind in dict.fromkeys(_group(v) for _, v in claims):  # names of every type compare with each other
        every = [(s, v) for s, v in claims if _group(v) == kind]
        group = _one_answer_each(every, kinds, q_terms)
        if kind not in FIGURES:  # a sentence saying its name does what is asked or holds the role asked answers;
            # one that only names someone near the topic is no other side ("commission headed by Alexandra Bech
            # Gjorv" / "attacks by Anders Behring Breivik", asked who chaired the commission)
            # (but a sentence that says the act or names the role asked keeps its name: "designed by the architect
            # James Corliss" is a side though only "Nadia Farouk's design" reads as her doing it)
            holders = [(s, v) for s, v in group if _holds_asked(v, s.text, roles, doing)]
            if holders:
                group = [(s, v) for s, v in group if (s, v) in holders or says_event(s.text, act)
                         or _names_role(s.text, roles)]
            elif roles:  # asked which judge, where no name is given as one: a name in a sentence that neither names
                # the role nor says the act asked is nobody's answer ("the appeals court agreed that Holm should be
                # jailed" / "Lunde, the captain of a harbour tug"), so no side
                group = [(s, v) for s, v in group if says_event(s.text, act) or _names_role(s.text, roles)]
            elif kinds:  # no sentence ties its name to what is asked: a name is another side only where its
                # sentence says what the question asks ("Mr Narongsak said the passageway the divers were making ...",
                # asked the name of the diver who died, says nothing of a death: no other answer)
                group = _saying_what_is_asked(focus, group)
        elif kinds and not offered and kind != "duration":  # a figure likewise ("19 divers" went in on Tuesday,
            # asked how many of the divers came from abroad), unless its passage holds some of what is asked: it may
            # say what the sentence leaves to it ("It was released in 1997", of an album). (Not a duration: "the
            # one-year framework" is the other side of a heading's "90-day resumption of shipments", asked how
            # long the export resumption lasts, in a passage that never says exports; nor the figures a question
            # offers to choose between: "for 90 days or for a year?")
            group = _saying_what_is_asked(focus, group, passage=True)
        if kind in FIGURES and kinds:
            group = _of_the_scope_asked(focus, group)
        # asked when he told them, where some side's sentence says the telling, two dates of sentences that do not
        # are of other things ("flying for the airline since 2013", "with the group since 1991"): not compared
        told = {id(s) for s, _ in group if says_event(s.text, act)} if kind == "date" and act else set()
        if kind == "duration" and lasting and embed is not None:  # how long they were trapped is no side of how
            # long the talk lasted (a duration said of no event stays one: "a one-year term, renewable")
            elsewhere = set(of_other_events([(s.text, v) for s, v in group], lasting, embed))
            group = [side for i, side in enumerate(group) if i not in elsewhere]
        if kind in ("count", "money", "quantity") and _FORESEEN_ASKED.search(question):  # how many homes the
            # council would buy: "it had bought 120 homes" is what was done by then, no side of what it planned
            group = group[:1] + [side for side in group[1:] if not _DONE.search(side[0].text[:side[1].start])]
        elif kind in ("duration", "count", "money", "quantity") and _PAST.match(question):  # how long it was blocked:
            # "the queue could be gone in four days" foresees a length, of nothing that took place
            # (unless it is the answer's own); how many homes were bought: "it will have 300 homes by Christmas"
            done = [side for side in group if not _FORESEEN.search(side[0].text[:side[1].start])]
            # (the answer's own, foreseen, gives way to what another side says took place)
            group = done if group and done and group[0] is not done[0] else \
                group[:1] + [side for side in group[1:] if side in done]
        # (every name of the kind is set aside from what a sentence says its subject is, sides or not)
        aside = q_terms | {t for _, v in every for t in content_terms(v.text)} | (
            beside if kind not in FIGURES else set())  # (and the names beside the act: "defeated Novak Djokovic")
        involved: dict[str, dict[tuple[int, str], tuple[Cited, Value]]] = {}
        verdicts: set[str] = set()
        opposed: set[tuple[int, str]] = set()  # the sides of a pair that disagree (or update), not only differ in scope
        for i, (sa, va) in enumerate(group):
            for sb, vb in group[i + 1:]:
                if sa.doc_id == sb.doc_id or same(va, vb) or _also_said(va, sb, said) or _also_said(vb, sa, said) \
                        or frozenset((va.key, vb.key)) in aliases:
                    continue
                if told and id(sa) not in told and id(sb) not in told:
                    continue
                if {va.kind, vb.kind} == {"person", "place"}:
                    continue  # a person and a place are never two answers to one ask (the lawyer named, and the
                    # region another sentence's court sits in: "Eva Dahl" / "Norlant")
                if verb and va.kind not in FIGURES and _speaks(sa.text, verb) != _speaks(sb.text, verb):
                    continue  # asked who said it, only one says anything ("Trump's declaration" / "the U.S. reached")
                verdict = _verdict(va, vb, sa, sb, q_terms)
                if verdict != "scope" and _two_things(subjects.get(sa.citation), subjects.get(sb.citation), aside,
                                                      sa, sb):
                    verdict = "ambiguous"
                elif verdict != "scope" and va.kind in ("date", "time") and (
                        _different_events(sa.text, sb.text, events, dated_verb(question))
                        or dates_of_other_events(va, sa.text, vb, sb.text)):
                    verdict = "scope"
                side = involved.setdefault("ambiguous" if verdict == "ambiguous" else "contested", {})
                side.setdefault((sa.citation, va.text), (sa, va))
                side.setdefault((sb.citation, vb.text), (sb, vb))
                verdicts.add(verdict)
                if verdict in ("disagreement", "update"):
                    opposed.update({(sa.citation, va.text), (sb.citation, vb.text)})
        about = f"{LABEL.get(kind, kind)}: {question.strip().rstrip('?').strip()}"
        for side_name, found in involved.items():
            verdict = ("ambiguous" if side_name == "ambiguous" else "disagreement" if "disagreement" in verdicts
                       else "update" if "update" in verdicts else "scope")
            sides = list(found.values())
            if verdict in ("disagreement", "update"):  # a figure only of another thing ("$3 billion of market value",
                # beside two amounts of stock sold that disagree) is no side of the disagreement
                sides = [(s, v) for s, v in sides if (s.citation, v.text) in opposed]
            if verdict == "update":  # a figure its sentence calls a first estimate goes after the later one
                sides.sort(key=_said_earlier)
            conflicts.append(Conflict(about=about, kind=verdict,  # type: ignore[arg-type]
                                      claims=[Claim(value=show(v), citation=s.citation, doc_id=s.doc_id,
                                                    scope=v.scope or None, published_at=s.published_at,
                                                    as_of=(moment(v, s.text) or None) if verdict == "update" else None,
                                                    subject=_shown(subjects.get(s.citation))
                                                    if verdict == "ambiguous" else None)
                                              for s, v in sides]))
    if not kinds and not conflicts:  # asked whether something was ended: one article says so, another that it stands
        ended = stance_disagreement(question, [(s.text, s.citation, s.doc_id, s.published_at) for s in sentences])
        conflicts += [ended] if ended is not None else []
    return conflicts


_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+({MONTH})(?![a-z])", re.I)


def _days(values: Sequence[Value]) -> set[tuple[str, int]]:
    """The days of the month that dates name ("May 12", "12 May 2021" -> ("may", 12))."""
    found = set()
    for v in values:
        if v.kind == "date":
            for m in _DAY.finditer(v.text):
                month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                if 1 <= int(day) <= 31:
                    found.add((month[:3].lower(), int(day)))
    return found


def _dated_otherwise(days: set[tuple[str, int]], found: Sequence[Value]) -> bool:
    """The sentence dates what it says to other days than the question's ("as of May 15", asked of May 12)."""
    dated = _days(found)
    return bool(dated) and not dated & days


_GENERIC_LAST = THING_WORDS | {"company", "bank", "group", "party"}


def _own_words(name: Value) -> list[str]:
    """The words that tell a name from others of its class: "Lunde" of "Lunde Fire" (every "fire" names a fire)."""
    words = name.text.split()
    own = [w for w in words if w.lower() not in _GENERIC_LAST] if len(words) > 1 else words
    return own or words


def _figures_of_the_named(claims: list[tuple[Cited, Value]], names: Sequence[Value],
                          owned: bool = False) -> list[tuple[Cited, Value]]:
    """Where some figure's sentence names one of ``names``, the figures whose sentence and passage name none of them
    are dropped; the claims as they are otherwise. ``owned``: a figure its sentence writes onto a noun of its own
    ("a $997 million settlement") stays, a side of another scope to show."""
    naming = {(s.citation, v.text) for s, v in claims if v.kind in FIGURES and _names_given(s.text, names)}
    if not naming:
        return claims
    return [(s, v) for s, v in claims if v.kind not in FIGURES or (s.citation, v.text) in naming
            or _names_given(s.context, names) or (owned and bool(v.scope))]


def _names_given(text: str, given: Sequence[Value]) -> bool:
    """The text names one of the question's names by its own words."""
    return bool(text) and any(holds(text, ([], _own_words(v))) for v in given)


def _of_someone_else(value: Value, sentence: str, found: Sequence[Value], given: Sequence[Value]) -> bool:
    """A figure of someone else than the names the question gives: its sentence names none of them, and another of
    their kind in the figure's clause ("David Fischer, the 58-year-old ...", asked how old Maria Lopez was), as
    an answer's figure is (rag/answer/evidence.py); not a sentence that refers back to what it is about. A count of
    another country's people ("90,000 U.S. customers", "12 million Americans", asked about the UK's) is
    another's wherever it is said."""
    if of_another_country(value, {country_key(v.text) for v in given if v.kind == "place"} - {""}):
        return True
    if _names_given(sentence, given):
        return False
    text = prepare(sentence)
    if _REFERS_BACK.search(text[:value.start]):
        return False  # "Recorded in Chicago, it was released in 2011": of what "it" is
    kinds = {v.kind for v in given}
    if NAME in kinds:  # an untyped name's other is a name of any type ("the Rask fire" beside "the Lunde Fire")
        kinds |= set(NAMES)
    return any(o.kind in kinds and one_clause(text, o, value) for o in found)


_REFERS_BACK = re.compile(r"\b(?:it|he|she|they|its|his|her|their)\b", re.I)


_CONVERTED = ("quantity", "money")


def _restated(value: Value, sentence: str, found: Sequence[Value]) -> bool:
    """A figure in brackets right after another, the same amount in other units ("about 4.9 million barrels (210
    million US gal; 780,000 m3)", "2,290 m3/s (81,000 cu ft/s)", "$5 million (\u00a33.9 million)"): no claim of its
    own."""
    opened = sentence.rfind("(", 0, value.start)
    if value.kind not in FIGURES or value.kind == "date" or opened < 0 or ")" in sentence[opened:value.start]:
        return False
    return any(o.kind in _CONVERTED and o.end <= opened and _PER.fullmatch(sentence[o.end:opened]) for o in found)


_PER = re.compile(r"\s*(?:/\s?[a-z]+|(?:a|an|per)\s+[a-z]+)?\s*", re.I)  # "2,290 m3/s (81,000 cu ft/s)"


# a which-question whose noun is plural ("Which parties were involved ...?", "Which countries were the tugs from?")
# asks for every one there is: each name is one more of them, not another side
_PLURAL_ASKED = re.compile(r"^\W*(?:which|what)\s+(?:[\w-]+\s+){0,3}?[a-z]+[^\Ws'\u2019]s\s+(?:were|are|did|do|have|"
                           r"has|had|will|would|can|could)\b", re.I)
_IN_BRACKETS = re.compile(r"\s*\(\s*$")


def _no_vague(claims: list[tuple[Cited, Value]]) -> list[tuple[Cited, Value]]:
    """The claims but the figures said without a number ("for years", "a handful of miners"): no side, as they
    neither disagree with a figure nor measure something else worth a note."""
    return [(s, v) for s, v in claims if not v.vague]


def _aliases(typed: Sequence[Sequence[Value]], sentences: Sequence[Cited]) -> set[frozenset[str]]:
    """Names some quoted sentence gives as one: a name and the short name in brackets after it ("the Workers' Youth
    League (AUF)"), whichever of the two another article uses."""
    found: set[frozenset[str]] = set()
    for s, values in zip(sentences, typed):
        text = prepare(s.text)
        named = [v for v in values if v.kind not in FIGURES and v.key]
        for a, b in zip(named, named[1:]):
            if _IN_BRACKETS.fullmatch(text[a.end:b.start]) and text[b.end:b.end + 2].lstrip().startswith(")"):
                found.add(frozenset((a.key, b.key)))
    return found


def _one_answer_each(group: list[tuple[Cited, Value]], kinds: tuple[str, ...],
                     q_terms: set[str]) -> list[tuple[Cited, Value]]:
    """The side a sentence takes: one name. Of several, the one doing what is asked ("Nadal defeated Djokovic
    to win"), else the first of the kind asked first ("Texas A&M quarterback Johnny Manziel", asked who); a
    sentence listing them ("cargo of companies like Ikea, Lenovo and Snugy") takes none: it gives no one answer.
    Figures keep every value: their scopes tell them apart."""
    by_sentence: dict[tuple[int, str], list[Value]] = {}
    for s, v in group:
        if v.kind not in FIGURES:
            values = by_sentence.setdefault((s.citation, s.text), [])
            if not any(same(v, w) for w in values):
                values.append(v)
    chosen: dict[tuple[int, str], Value | None] = {}
    rank = {k: i for i, k in enumerate(kinds)}
    for (citation, text), values in by_sentence.items():
        if _lists(values, text):
            chosen[(citation, text)] = None
            continue
        agents = [v for v in values if _agent(v, text, q_terms)]
        chosen[(citation, text)] = min(agents or values, key=lambda v: (rank.get(v.kind, len(kinds)), v.start))
    return [(s, v) for s, v in group if v.kind in FIGURES or any(
        same(v, w) for w in [chosen[(s.citation, s.text)]] if w is not None)]


# what joins the names of a list: a comma, "and", "or", and a few lowercase words ("and smaller stakeholders like")
_JOINED = re.compile(r"^\s*(?:,|,?\s*(?:and|or)|;)\s*(?:[a-z][\w-]*\s+){0,4}$")
_LAST = re.compile(r"\b(?:and|or)\s+(?:[a-z][\w-]*\s+){0,4}$")


def _lists(values: list[Value], text: str) -> bool:
    """Three or more of the names run as a list, the last after "and" or "or" ("companies like Ikea, Lenovo, and
    ... Snugy"); not names that only follow each other ("in PyeongChang, South Korea, Norway came out on top")."""
    ordered = sorted(values, key=lambda v: v.start)
    run = 1
    for a, b in zip(ordered, ordered[1:]):
        between = text[a.end:b.start]
        if _JOINED.match(between):
            run += 1
            if run >= 3 and _LAST.search(between):
                return True
        else:
            run = 1
    return False


def _the_names_asked(claims: list[tuple[Cited, Value]], kinds: tuple[str, ...],
                     q_terms: set[str]) -> list[tuple[Cited, Value]]:
    """Of the names one sentence gives, those that answer: the ones right after the question's own verb
    ("directed by Priya Nair and shown on Channel 4", "directed by Harold Brenner and stars Jack Mason"), else
    the ones typed as asked rather than capitalized words the tagger could not type."""
    by_sentence: dict[tuple[int, str], list[Value]] = {}
    for s, v in claims:
        if v.kind not in FIGURES:
            by_sentence.setdefault((s.citation, s.text), []).append(v)
    keep: dict[tuple[int, str], list[Value]] = {}
    for (citation, text), names in by_sentence.items():
        after = [v for v in names if _agent(v, text, q_terms)]
        typed = [v for v in names if v.kind in kinds and v.kind in NAMES]
        keep[(citation, text)] = after or typed or names
    return [(s, v) for s, v in claims if v.kind in FIGURES or v in keep[(s.citation, s.text)]]


# a question of what took place ("How long was the canal blocked?", "How many homes did it buy?"), and a figure
# foreseen before it ("could be cleared in", "is expected to take", "will last")
_PAST = re.compile(r"^\W*(?:for\s+)?how\s+(?:long|many\s+\w+|much(?:\s+\w+)?)\s+(?:did|was|were|had)\b", re.I)
_FORESEEN = re.compile(r"\b(?:could|would|will|may|might|should|expected\s+to|likely\s+to|set\s+to)\s+(?:[\w-]+\s+){0,4}"
                       r"(?:in|within|for|take|takes|last|lasts)?\s*(?:about|around|some|roughly|another|at\s+least|"
                       r"up\s+to|more\s+than)?\s*$", re.I)


# a question of what was foreseen ("How many homes would the council buy?"), and a figure said done before it ("had
# bought 120 homes", "has already spent")
_FORESEEN_ASKED = re.compile(r"\b(?:will|would|plans?\s+to|planned\s+to|going\s+to|expects?\s+to|expected\s+to|"
                             r"aims?\s+to|intends?\s+to|promised\s+to|pledged\s+to)\b", re.I)
_DONE = re.compile(r"\b(?:had|has|have)\s+(?:already\s+|now\s+|so\s+far\s+)?(?:been\s+)?[a-z]+\s+(?:[\w-]+\s+){0,2}$|"
                   r"\balready\s+[a-z]+\s+$", re.I)


# the words that ask who leads without a verb of leading ("in charge of", "the boss of"); "runs", "heads", "chaired"
# are the one act by their stems (``_IRREGULAR_STEMS``)
_IN_CHARGE = re.compile(r"\bin charge\b|\bboss(?:es)?\b", re.I)


def _role_owner(value: Value, sentence: str, roles: set[str]) -> set[str] | None:
    """The terms of the words that qualify a name's role before it ("Foreign ministry" of "Foreign ministry
    spokesman Eva Dahl"); None when no role asked is written before the name."""
    before = TITLE_BEFORE.search(sentence[:value.start]) if value.start <= len(sentence) else None
    words = before.group(1).split() if before else []
    at = next((i for i in range(len(words) - 1, -1, -1) if role_fits(words[i].strip(".,").lower(), roles)), None)
    return None if at is None else set(content_terms(" ".join(words[:at])))


def _the_body_asked(claims: list[tuple[Cited, Value]], roles: set[str], q_terms: set[str]) -> list[tuple[Cited, Value]]:
    """Once a side holds the role asked of the body the question names ("Prosecutors' spokesman X", asked the
    prosecutors' spokesman), a sentence giving the role to another body ("Foreign ministry spokesman Y") has no side."""
    owners = {id(v): _role_owner(v, s.text, roles) for s, v in claims if v.kind not in FIGURES}
    if not any(o and o & q_terms for o in owners.values()):
        return claims
    # (nor any other name of that sentence: it speaks of that body's spokesman, not the one asked)
    other = {(s.citation, s.text) for s, v in claims if (o := owners.get(id(v))) and not o & q_terms}
    return [(s, v) for s, v in claims if v.kind in FIGURES or (s.citation, s.text) not in other]


def _holds_asked(value: Value, sentence: str, roles: set[str], doing: set[str]) -> bool:
    """The sentence says the name does what the question asks ("headed by X", asked who chaired it; "X led the
    rescue", asked who was in charge) or holds the role asked ("President Donald Trump", asked which leader)."""
    if _agent(value, sentence, doing):
        return True
    # "U.S. President Donald Trump", "the Biden administration"; not "the Moo Pa team" (a team is led by many roles)
    return bool(roles) and role_fits(" ".join(w for w in title_words(value, sentence)
                                              if len(ROLE_OF.get(w, ())) <= 1), roles)


def _asked_focus(question: str, q_terms: set[str]) -> set[str]:
    """The question's terms a side's sentence must say: not the words asking the kind, nor the names it gives with
    the noun that says what each is, which a sentence may refer to ("Its capital is Dornholm", "She sank off Cape
    Race" of "the ship Aurora"), nor a date's event."""
    named = question_names(question)
    classes = [m.group(1) for n in named for m in re.finditer(rf"\bthe\s+([a-z]+)\s+{re.escape(n)}", question)]
    # (and a model's number after its name: "Pixel 5a", "Windows 11")
    classes += [m.group(1) for n in named for m in re.finditer(rf"{re.escape(n)}\s+(\w*\d\w*)", question)]
    focus = q_terms - asking_terms(question) - _ASKING_WORDS - set(content_terms(" ".join(named + classes)))
    if "date" in asked(question):  # (the event a date is of was judged by meaning already: "It opened in 1928",
        focus -= set(content_terms(asked_event(question)))  # asked when a school was founded; rag/answer/events.py)
    return focus


def _of_the_scope_asked(focus: set[str], group: list[tuple[Cited, Value]]) -> list[tuple[Cited, Value]]:
    """Where a side's figure is written onto what the question asks ("12 years of free legal advice", asked how long
    the free advice lasts: two or more of the asked terms in its scope), a figure of no scope is a side only if its
    sentence says that scope's head ("advice"): "six free guides a year for seven years" and "five months since the
    deal" are figures of other things."""
    heads = {scope_head(v.scope) for _, v in group if v.scope and len(scope_terms(v.scope) & focus) >= 2}
    heads.discard("")
    if not heads:
        return group
    return [(s, v) for s, v in group if v.scope or any(says_event(s.text, h) for h in heads)]


def _saying_what_is_asked(focus: set[str], group: list[tuple[Cited, Value]],
                          passage: bool = False) -> list[tuple[Cited, Value]]:
    """The sides whose sentence says what the question asks: each of the ``focus`` terms, or in other words, as
    close in meaning to the question as the closest side nearly is. A side whose closeness was not measured is kept:
    words alone set aside what is only said otherwise."""
    close = max((s.similarity for s, _ in group if s.similarity is not None), default=0.0)
    kept = [(s, v) for s, v in group if s.similarity is None or _says_all(focus, s.text)
            or (passage and _says_some(focus, s.context)) or s.similarity >= max(SIDE_FLOOR, SIDE_WITHIN * close)]
    # a name's side whose sentence says three or more of the terms sets the bar: one saying under half as many is
    # near the topic, not about what is asked ("The Meridian Gazette's series argued that the delta ..." beside "...
    # the wetlands could survive only four dry seasons", asked which newspaper predicted that). Not a figure's: one
    # said in other words is a side all the same ("The explosion killed 8 people" beside "The bomb blast in the
    # capital killed seven people", asked how many the blast killed)
    if passage:
        return kept
    said = {id(s): _focus_said(focus, s.text) for s, _ in group}
    most = max(said.values(), default=0)
    if most < FOCUS_BAR:
        return kept
    return [(s, v) for s, v in kept if s.similarity is None or _says_all(focus, s.text) or 2 * said[id(s)] >= most]


FOCUS_BAR = 3


def _focus_said(terms: set[str], text: str) -> int:
    """How many of the terms the text holds (each as ``_says_all`` reads one)."""
    return sum(_says_all({t}, text) for t in terms)


_ASKING_WORDS = frozenset(("nam", "name", "called"))  # "What was the name of ...": the kind asked, not what it is of


def _says_all(terms: set[str], sentence: str) -> bool:
    """The sentence holds each of the terms, a word in some form ("sank" for "sink", "launched" for "released"), a
    number as written; one may be missing of four or more."""
    numbers = set(re.findall(r"\d+", sentence))
    missing = [t for t in terms if not (t in numbers if t.isdigit() else says_event(sentence, t))]
    return len(missing) <= (1 if len(terms) >= 4 else 0)


def _says_some(terms: set[str], passage: str) -> bool:
    """The passage holds one of the terms at least (or there are none)."""
    return not terms or any(_says_all({t}, passage) for t in terms)


def _names_role(sentence: str, roles: set[str]) -> bool:
    """The sentence names one of the roles asked, or an office that one role holds ("administration")."""
    return bool(roles) and any(role_fits(w, roles) for w in _stems(sentence) | set(_words(sentence))
                               if len(ROLE_OF.get(w, ())) <= 1)


def _words(sentence: str) -> list[str]:
    return re.findall(r"[a-z]+", sentence.lower())


def _agent(value: Value, sentence: str, q_terms: set[str]) -> bool:
    """The name does what the question asks about, said actively or passively."""
    return _after_asked_word(value, sentence, q_terms) or _does_asked_word(value, sentence, q_terms)


def _after_asked_word(value: Value, sentence: str, q_terms: set[str]) -> bool:
    """The name is the agent of the question's own verb: "directed by X" for "Who directed ...", "founded by
    X" for "Who founded ..."."""
    match = re.search(r"\b([A-Za-z]+) by (?:the )?$", sentence[:value.start])
    return _same_verb(content_terms(match.group(1)) if match else [], q_terms)


# the subject's verb, after an aside and an auxiliary: "Angelique Kerber has won", "Joaquin Phoenix winning"
_VERB_AFTER = re.compile(r"^(?:'s?)?(?:,[^,]{1,80},)?\s+(?:(?:has|have|had|is|was|were|will|would|did|does|do)\s+"
                         r"(?:not\s+|also\s+|already\s+|just\s+)?)?(?:[a-z]+ly\s+)?([A-Za-z]+)")  # ("officially won")
# one act under other verbs ("headed", "chaired", "ran" for "led"), and the stems the light stemmer leaves apart
# ("winning", "beaten"); irregular past forms are their verb's stem already ("won", "bought": rag/text.py, ``stem``)
_IRREGULAR_STEMS = {stem(k): stem(v) for k, v in {"winn": "win", "head": "lead", "chair": "lead", "run": "lead",
                                                  "runn": "lead", "beaten": "beat"}.items()}


def _does_asked_word(value: Value, sentence: str, q_terms: set[str]) -> bool:
    """The name is the subject of the question's own verb: "Kerber has won" for "Who won ..."."""
    match = _VERB_AFTER.match(sentence[value.end:value.end + 120])
    return _same_verb(content_terms(match.group(1)) if match else [], q_terms)


def _same_verb(words: Sequence[str], q_terms: set[str]) -> bool:
    def key(t: str) -> str:
        return _IRREGULAR_STEMS.get(t, t)
    def alike(a: str, b: str) -> bool:  # (one word's forms: "direct"/"director", not "commit"/"commission")
        return a == b if min(len(a), len(b)) < 4 else a[:5] == b[:5] and (a.startswith(b) or b.startswith(a))
    return any(alike(key(t), key(q)) for t in words for q in q_terms if min(len(t), len(q)) >= 3)


def _parallel_claims(question: str, sentences: Sequence[Cited], typed: Sequence[Sequence[Value]],
                     worded_only: bool = False) -> list[tuple[Cited, Value]]:
    """For a question whose answer kind is not known: the values in which two sentences of different
    articles that otherwise say the same thing differ ("Its capital is Dornholm" / "Its capital is Kalmor")."""
    items = []
    for s, found in zip(sentences, typed):
        values = [v for v in found if not in_question(v, question) and answers_as(v, s.text, (), question)
                  and (v.kind in FIGURES or _named(v, s, False, set()))]
        terms = set(content_terms(s.text))
        items.append((s, values, terms - {t for v in found for t in content_terms(v.text)}, terms))
    q_terms = set(content_terms(question))
    out: dict[tuple[int, str], tuple[Cited, Value]] = {}
    for i, (sa, va, ra, ta) in enumerate(items):
        for sb, vb, rb, tb in items[i + 1:]:
            if sa.doc_id == sb.doc_id or not ra or not rb:
                continue
            worded_alike = twins(sa.text, sb.text) if worded_only else len(ra & rb) / len(ra | rb) >= PARALLEL
            # or both sentences hold most of what the question names: then only their figures are compared
            asked_alike = not worded_only and bool(q_terms) and all(len(q_terms & t) >= PARALLEL_QUESTION * len(q_terms) for t in (ta, tb))
            if not worded_alike and not asked_alike:
                continue
            for s, mine, theirs in ((sa, va, vb), (sb, vb, va)):
                for v in mine:
                    if not worded_alike and v.kind not in FIGURES:
                        continue
                    kin = [w for w in theirs if _group(w) == _group(v)]
                    if kin and not any(same(v, w) for w in kin):
                        out.setdefault((s.citation, v.text), (s, v))
    return list(out.values())


def _subjects(question: str, sentences: Sequence[Cited]) -> dict[int, Subject]:
    """What each quoted sentence's article says the thing the question names is (when it says)."""
    named = question_names(question)
    out: dict[int, Subject] = {}
    for s in sentences:
        for name in named:
            found = subject_of(name, s.text, s.context)
            if found is not None:
                out.setdefault(s.citation, found)
                break
    return out


def _two_things(a: Subject | None, b: Subject | None, aside: set[str], sa: Cited, sb: Cited) -> bool:
    return a is not None and b is not None and different(a, b, aside, sa.context or sa.text, sb.context or sb.text)


def _shown(subject: Subject | None) -> str | None:
    return subject.text if subject is not None else None


def _group(value: Value) -> str:
    return _kind_group(value.kind)


def _kind_group(kind: str) -> str:
    return kind if kind in FIGURES else NAME


def _named(value: Value, sentence: Cited, listing: bool, roles: set[str]) -> bool:
    """A name that answers a question for one name: typed as asked, and holding the role asked about."""
    short = len(value.key) < 3 and not value.text.replace(".", "").isupper()  # ("U.S.", "EU" are names)
    if listing or short or (value.kind == NAME and (value.start == 0 or len(value.key.split()) < 2)):
        return False  # an untyped name counts when it reads as one: two capitalized words inside a sentence
    return not roles or role_fits(value.scope, roles) or bool(roles & _stems(sentence.text))


@lru("sentence_stems", TEXT)
def _stems(text: str) -> frozenset[str]:
    """The stems of a sentence's words (once per sentence, not once per name in it)."""
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def _also_said(value: Value, other: Cited, group: list[tuple[Cited, Value]]) -> bool:
    """The other article gives this value too (in some quoted sentence): both sides hold it."""
    return any(s.doc_id == other.doc_id and same(value, v) for s, v in group)


def _verdict(a: Value, b: Value, sa: Cited, sb: Cited, q_terms: set[str]) -> str:
    if a.kind in FIGURES and _different_things(a, b, q_terms):
        return "scope"
    if sa.published_at and sb.published_at and sa.published_at[:10] != sb.published_at[:10]:
        return "update"
    if a.kind in FIGURES and bool(_EARLIER.search(sa.text)) != bool(_EARLIER.search(sb.text)):
        return "update"  # "the best initial estimate ... 12,000 and 19,000" against a later figure: a revision
    if running(a, sa.text) and running(b, sb.text):
        return "update"  # "the toll rose to 31 on Sunday night" / "has killed 79 people": counts of two moments
    return "disagreement"


def _said_earlier(side: tuple[Cited, Value]) -> bool:
    return _EARLIER.search(side[0].text) is not None


# a figure its own sentence calls a first estimate: a later one revises it rather than contradicting it
_EARLIER = re.compile(r"\b(?:initial|initially|preliminary|first|early|earlier|original|originally)\s+(?:[\w-]+\s+){0,2}"
                      r"(?:estimates?|estimated|count|counts|figures?|reports?|projections?|forecasts?)\b|\b(?:initially|"
                      r"originally|at first)\s+(?:[\w-]+\s+){0,2}(?:estimated|said|put|reported|counted)\b", re.I)


def _different_things(a: Value, b: Value, q_terms: set[str]) -> bool:
    """Two figures measure different things: their scopes share no term, or one is about what was asked
    and the other is not, or they count different nouns."""
    if other_measure(a, b):
        return True
    ta, tb = scope_terms(a.scope), scope_terms(b.scope)
    if _between_places(a) and _between_places(b):  # two distances ("Rask from Lunde", "from Holm"): of different
        # things when the question names a place of one and not of the other; else both answer how far (off the coast)
        return ta & q_terms != tb & q_terms
    ha, hb = scope_head(a.scope), scope_head(b.scope)
    if ha and hb:
        return ha[:5] != hb[:5]
    return bool(ta and not ta & q_terms) or bool(tb and not tb & q_terms)


def _between_places(value: Value) -> bool:
    """A distance scoped by the places it is between (rag/claims/extract.py: "Rask from Lunde", "from Lunde")."""
    return value.kind == "quantity" and " from " in f" {value.scope}"


def _speaks(sentence: str, verb: str) -> bool:
    """The sentence says someone said something: the question's own verb in some form ("declaration" for
    "declared"), or any verb of saying."""
    return says(sentence, verb) or bool(_SPEECH.search(sentence))


# in running text, lowercase, and not the forms that are also nouns ("these claims", "the United States")
_SPEECH = re.compile(r"\b(?:said|says|told|declared|announced|warned|stated|added|argued|insisted|cautioned|"
                     r"predicted|claimed|acknowledged|noted|wrote|expressed|voiced|suggested|remarked|commented|"
                     r"explained|according to)\b")


def dated_verb(question: str) -> str:
    """The verb a when-question asks the date of ("halt" of "When did China halt exports to Japan?"), or ""."""
    return asked_event(question) if "date" in asked(question) else ""


def _different_events(a: str, b: str, events: set[str], verb: str = "") -> bool:
    """Two dates of different events: one sentence says what the question asks happened ("released") and the
    other does not ("announced in January 2013", "Season 26 ends on August 21"). With the question's own verb
    known, that verb decides: the other words of the question are often the topic of both sentences ("When did
    China halt rare earth exports to Japan?": a halt of shipments in 2010 against export
    licensing rules brought in on a date in 2025)."""
    if verb:
        return says_event(a, verb) != says_event(b, verb)
    held = [any(_same_verb([t], events) for t in content_terms(text)) or any(says_event(text, e) for e in events)
            for text in (a, b)]
    return bool(events) and held[0] != held[1]


def describe(conflict: Conflict) -> str:
    """The sentence the answer ends with, naming each side with its citation (and date, for an update)."""
    claims = conflict.claims
    if conflict.kind == "update":
        claims = sorted(claims, key=lambda c: c.published_at or "", reverse=True)

    def side(c: Claim) -> str:
        dated = f" (published {c.published_at[:10]})" if conflict.kind == "update" and c.published_at else \
            f" ({c.as_of})" if conflict.kind == "update" and c.as_of else ""
        of = f" of {c.scope}" if c.scope and any(ch.isdigit() for ch in c.value) else ""
        if c.scope and c.scope.startswith(("after ", "before ", "from ")):
            of = f" {c.scope}"  # a time counted from an event: "20 hours after it started"; a distance from a place
        elif c.scope and " from " in c.scope and any(ch.isdigit() for ch in c.value):
            of = f" ({c.scope})"  # a distance between two places: "140 km (Rask from Lunde)"
        return f"[{c.citation}] {c.value}{of}{dated}"

    sides = "; ".join(side(c) for c in claims)
    if conflict.kind == "ambiguous":
        return "These answers are about different things that share a name: " + "; ".join(
            side(c) + (f" ({c.subject})" if c.subject else "") for c in claims) + "."
    if conflict.kind == "scope":
        for kind, plural in (("date", "dates"), ("time", "times")):
            if conflict.about.startswith(f"{LABEL[kind]}:"):
                return f"These {plural} are of different events, so they do not contradict each other: {sides}."
        return f"These figures measure different things, so they do not contradict each other: {sides}."
    if conflict.kind == "update" and any(c.published_at for c in claims):
        return f"The sources differ, and the newer one may supersede the older: {sides}."
    if conflict.kind == "update":  # no dates: counts the sentences give as of different moments
        return f"These figures were reported at different moments as the count changed, so the later may supersede " \
               f"the earlier: {sides}."
    return f"The sources disagree on this: {sides}."
