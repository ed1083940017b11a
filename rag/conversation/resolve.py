"""References resolved to the conversation's most salient fitting entity, and the check that a rewrite reads right.

Salience: every mention in an earlier turn scores recency (0.6 per user turn back) x grammatical role (subject
1.5, object 1.2) x source (user turn 1.0, cited answer 0.8); the same entity mentioned again adds up. A
reference takes the best-scoring mention that fits its kind ("he" a person, "the company" an organisation,
"that deal" an agreement), unless the turn itself names a fitting entity before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rag.answer.origin import names_a_country
from rag.claims.kinds import THING_WORDS, looks_personal
from rag.claims.people import called, is_person_noun
from rag.conversation import gender
from rag.conversation.entities import (
    COLLECTIVE,
    NAMED_BY_CLASS,
    Mention,
    Reference,
    kind_of_noun,
    load_nlp,
    mentions,
    org_class,
    parse,
    references,
)
from rag.text import STOPWORDS, content_terms, stem

RECENCY = 0.6
SUBJECT = 1.5  # the weight of a subject (rag/conversation/entities.py)
ANSWER_WEIGHT = 0.8
ANSWERED = 1.1  # the name answering the last question outweighs that question's subject
ACTED_ON = 3.0  # the weight of an entity the reference's verb was done to in an earlier turn (``object_of``)
TEMPLATE_TERMS = frozenset(content_terms("is it true that what about"))


@dataclass
class Entity:
    mention: Mention
    salience: float
    order: int  # later mentions win ties
    gender: str = ""  # "f" or "m", as the conversation's words say (rag/conversation/gender.py)
    outlet: bool = False  # a newspaper or an agency the conversation credits with a report ("Norlant News gives ...")
    answered: bool = False  # the name an answer gave to what was asked (what the conversation then is about)


@dataclass
class Resolution:
    text: str
    resolved: list[tuple[str, str]] = field(default_factory=list)  # (reference, what it was read as)
    unresolved: list[str] = field(default_factory=list)


def salient(users: Sequence[str], answers: Sequence[str]) -> list[Entity]:
    """The entities of the earlier turns, most salient first."""
    found: dict[str, Entity] = {}
    order = 0
    for age, (user, answer) in enumerate(zip(reversed(users), reversed(answers))):
        recency = RECENCY ** age
        asked = asked_kind(user)
        for text, weight, things in ((user, 1.0, True), (answer, ANSWER_WEIGHT, False)):
            found_here = mentions(text, things=things) if text else []
            answered, named = None, False
            i: int | None = None
            if text is answer and asked:
                found_here = _typed_by_question(found_here, asked, _WHO.match(user) is not None)
                i = _answered(found_here, asked, user, text)
            elif text is answer and _WHICH_UNTYPED.match(user):  # "Which blaze ...?" "The Lunde Fire of 1998
                # [1].": its first name answers, whatever the tagger calls it; "On which line ...?" "The 115-kilovolt
                # Vardex-Holm line [1].": the phrase the answer ends in the noun asked
                # (not where a name opens the answer before it: "The Ever Given, a huge container ship, ...")
                headed = _answer_headed(user, answer)
                i = next((n for n, m in enumerate(found_here) if m.kind != "thing"), None)
                if headed is not None and (i is None or found_here[i].start >= headed.start):
                    found_here = [headed, *found_here]
                    i = 0
            if i is not None:  # (a name, though given by its title: "Thailand's Prime Minister ... did")
                named = not found_here[i].by_head  # (a title may only describe whom the question named)
                answered = found_here[i] = replace(found_here[i], by_head=False)
            for m in found_here:
                order -= 1
                key = m.text.lower().removeprefix("the ")
                sex = (gender.asked_of(user) if m is answered else "") or (
                    gender.said_of(text, m.start, m.start + len(m.text)) if m.kind in ("person", "name") else "")
                # the name answering "Which company runs ...?" is what the question was about: weighed as the
                # user's subject, whatever its role in the answer's words ("Lynas Rare Earths [1].")
                # (and above the question's own subject: it is the newer, "Which firm did Norvale Bank hire? Brightwell.
                # How many errors did that firm's audit turn up?" means Brightwell)
                score = recency * (weight * m.role if m is not answered else
                                   max(m.role, SUBJECT) * (ANSWERED if named else 1.0))
                outlet = m.kind != "thing" and (credited(text, m) or (m is answered and _asks_outlet(user)))
                if key in found:
                    found[key].salience += score
                    found[key].gender = found[key].gender or sex
                    found[key].outlet = found[key].outlet or outlet
                    found[key].answered = found[key].answered or m is answered
                else:
                    found[key] = Entity(m, score, order, sex, outlet, m is answered)
    return sorted(found.values(), key=lambda e: (-e.salience, -e.order))


# A source a turn credits with a report: "Norlant News gives ...", "Lunde Post writes", "told Holm am Sonntag",
# "according to the Vardex Times", "the weekly Holm am Sonntag"
_CREDITED_AFTER = re.compile(r"['\u2019]?\s*(?:\[\d+\]\s*)*(?:gives|gave|writes|wrote|reports|reported|quotes|quoted|"
                             r"cites|cited|puts\s+it|put\s+it|counts|counted)\b")
_CREDITED_BEFORE = re.compile(r"(?:\b(?:according\s+to|(?:in\s+)?an\s+interview\s+with|interviewed\s+by|reported\s+by|"
                              r"quoted\s+by|published\s+(?:by|in)|wrote\s+in|writing\s+in|reported\s+in|told)\s+"
                              r"(?:the\s+)?(?:[A-Z][\w-]+\s+)?|\b(?:weekly|daily|newspaper|paper|magazine|broadcaster|"
                              r"tabloid|news\s+agency|outlet)\s+)$", re.I)
_OUTLET_ASKED = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:newspapers?|magazines?|broadcasters?|tabloids?|outlets?|"
                           r"publications?|news\s+agenc(?:y|ies))\b", re.I)


def credited(text: str, m: Mention) -> bool:
    """The turn credits this name with a report: a source, not a party to what is reported. (A person told something
    is a listener: "told" marks only another kind of name.)"""
    before = text[:m.start]
    found = _CREDITED_BEFORE.search(before)
    if found is not None and not (m.kind == "person" and re.search(r"\btold\s+(?:the\s+)?$", found.group(0), re.I)):
        return True
    return _CREDITED_AFTER.match(text, m.start + len(m.text)) is not None


def _asks_outlet(question: str) -> bool:
    return _OUTLET_ASKED.search(question) is not None


_ASKED = re.compile(r"\b(?:which|what)\s+((?:[A-Za-z\-]+\s+){0,2}[A-Za-z\-]+)")
_WHO = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?who(?:m)?\b", re.I)
_WHO_SEVERAL = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?who\s+(?:are|were)\b", re.I)
_NAMED_KINDS = ("person", "org", "place", "work", "name", "group")


def _answer_headed(question: str, answer: str) -> Mention | None:
    """The answer's phrase ending in the noun an untyped which-question asks ("the 115-kilovolt Vardex-Holm line" of
    "On which line ...?"), as a thing the answer names, or None."""
    noun = _WHICH_NOUN.search(question)
    if noun is None:
        return None
    word = noun.group(1).lower()
    found = re.search(rf"((?:[\w.'\u2019-]+\s+){{1,4}}?{re.escape(word)})\b", answer, re.I)
    if found is None:
        return None
    phrase = found.group(1).strip()
    phrase = "the " + phrase[4:] if phrase.lower().startswith("the ") else phrase
    return Mention(phrase, "thing", word, 1.0, False, found.start(1))


def asked_kind(question: str) -> str | None:
    """The kind of thing a "which/what <noun>" question asks for ("Which company operates ...?": an
    organisation, "Which African countries ...?": places; "Which divers ...?": people), "person" for a
    who-question, "place" for a where-question, or None."""
    noun = _asked_noun(question)
    if noun is None:
        return "person" if _WHO.match(question) else "place" if _WHERE.match(question) else None
    return _noun_kind(noun)


_WHERE = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?where\b", re.I)
_WHICH_NOUN = re.compile(r"\bwhich\s+([a-z]{3,})\b", re.I)  # the noun right after "which" ("line" of "On which line")
_WHICH_UNTYPED = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?(?:(?:on|in|at|from|to|for|with|by|near|under|of|"
                            r"across|along|through)\s+)?which\s+[a-z]", re.I)  # "Which blaze ...?" (no kind known)


def _noun_kind(word: str) -> str | None:
    # (people a which-question asks for, besides the nouns that make a reference: "Which divers ...?" asks people,
    # but "the diver", said later, is no reference to the most salient person: TYPE_NOUNS)
    kind = kind_of_noun(word) or ("person" if is_person_noun(word) else None)
    return kind if kind in ("person", "org", "place", "work") else None


def _asked_noun(question: str) -> str | None:
    """The noun of kind a which/what-question asks for ("divers" of "Which divers were ...?"), or None."""
    match = _ASKED.search(question.lower())
    if match is None:
        return None
    found = None  # the last noun of the run of nouns of a kind: "worker" of "Which port worker was ...?", not "port"
    for w in match.group(1).split():
        if _noun_kind(w):
            found = w
        elif found is not None or w in STOPWORDS:
            break  # ("Which company owns the Holm mine?": the company; "owns" ends its phrase)
    return found


def _asks_several(question: str) -> bool:
    """The question asks for more than one ("Which divers ...?", "Who were ...?")."""
    noun = _asked_noun(question) or ""
    return _WHO_SEVERAL.match(question) is not None or noun in ("people", "men", "women", "children") or (
        noun.endswith("s") and not noun.endswith("ss"))


_TITLE_GAP = 12  # characters between a body and the person it titles ("Circuit Court Judge Michael Hanzman")


def _typed_by_question(found: list[Mention], kind: str, who: bool = False) -> list[Mention]:
    """The answer's first name is of the kind its question asked for: "Lynas Rare Earths", the answer to "Which
    company ...?", is a company, whatever the recognizer guessed (a person), so "that company" means it. A
    who-question may be answered by a person or a body: only a name of no kind, or one the recognizer called a
    body that reads as a person's ("Narongsak Osottanakorn"), is made a person."""
    first = next((i for i, m in enumerate(found) if m.kind in _NAMED_KINDS), None)
    if first is None or found[first].kind == kind:
        return found
    after = found[first + 1] if first + 1 < len(found) else None
    if after is not None and after.kind == kind == "person" and \
            after.start - (found[first].start + len(found[first].text)) <= _TITLE_GAP:
        return found  # a body that is the title of the person named next: "Circuit Court Judge Michael Hanzman"
    if (found[first].kind == "place" or (found[first].kind == "name" and found[first].text.split()[-1].lower()
                                         in THING_WORDS)) and any(m.kind == kind for m in found[first + 1:]):
        return found  # "The inquiry into the Holm Tower fire will be led by judge Karl Lunde": the judge answers
    if who and not (found[first].kind == "name" or (found[first].kind == "org" and looks_personal(found[first].text)
                                                    and not found[first].appositive)):
        return found  # (nor a body the answer's apposition calls one: "Holm Heavy, the ship's manufacturer")
    return [*found[:first], replace(found[first], kind=kind), *found[first + 1:]]


def _answered(found: list[Mention], kind: str, question: str, answer: str = "") -> int | None:
    """Which of the answer's mentions answers the question: the names it lists, asked for several ("Two cave
    divers, Karl Holm and Tor Lunde"), else its first name of the kind asked (a body too, asked who),
    before which one the answer's apposition calls by the question's verb ("The Holm Post reports that Norlant, the
    bridge's insurer, ...", asked which company insured the bridge)."""
    if _asks_several(question):
        listed = next((i for i, m in enumerate(found) if m.kind == "list"), None)
        if listed is not None:
            return listed
    who = _WHO.match(question) is not None
    typed = [i for i, m in enumerate(found) if m.kind == kind or (who and m.kind == "org")]
    asked = [t[:5] for t in content_terms(question) if len(t) >= 5]
    return next((i for i in typed if (noun := called(answer, found[i].start + len(found[i].text))) and
                 noun[:5] in asked), typed[0] if typed else None)


def resolve(turn: str, entities: Sequence[Entity], history: Sequence[str] = ()) -> Resolution:
    """The turn with each reference (first in its sentence) replaced by the entity it most likely means.
    ``history``: the earlier turns' text. "That commission" after "the report of the 22 July commission (NOU
    2012: 14)" means the commission said there, not another organisation's name: a noun the conversation said
    and no entity holds is left as it is."""
    own = mentions(turn, things=True)
    out = Resolution(turn)
    edits: list[tuple[int, int, str]] = []
    done: set[tuple[int, str]] = set()
    counted = _counted_before(turn, history)
    if counted is not None:  # "How many bitcoins were recovered?" "And how many had they paid?": bitcoins
        edits.append((counted[0], counted[0], " " + counted[1]))
        out.resolved.append(("how many", counted[1]))
    # (a body's phrase first: "What part of it did the company say was worn?" -- "the company" is the one company
    # talked about, and "it" then the line the last answer named, not the company again; a person's phrase keeps its
    # place: "What did he tell the president?")
    for ref in sorted(references(turn), key=lambda r: not (r.noun and r.fits.get("org", 0.0) >= 1.0
                                                            and not r.fits.get("person"))):
        sentence = turn.count(".", 0, ref.start) + turn.count("?", 0, ref.start)
        if any(m.start < ref.start and ((_fit(ref, m) > 0 and _own_antecedent(turn, ref, m))
                                        or _main_subject(turn, ref, m) or _dislocated(turn, ref, m)) for m in own):
            continue  # "Are the Cardinals and the Chiefs the same team? Do they..." : the turn says who
        measured = _measured_before(turn[:ref.start], ref.plural, history) if not ref.noun else ""
        if measured:  # "How much oil escaped? ... How much of it did BP capture?": "it" is the oil measured
            edits.append((ref.start, ref.end, "the " + measured))
            out.resolved.append((ref.text, measured))
            continue
        if ref.noun and not ref.fits:  # "those rules": the noun phrase of the same head said before
            phrase = same_head(ref.noun, history)
            if phrase:
                edits.append((ref.start, ref.end, phrase))
                out.resolved.append((ref.text, phrase))
            else:
                out.unresolved.append(ref.text)
            continue
        if ref.noun and _said_apart(ref.noun, entities, history):
            out.unresolved.append(ref.text)
            continue
        pool = entities
        if ref.noun:  # "that commission": a mention headed by the noun ("the harbour commission") before any other
            headed = [e for e in entities if _headed_by(e.mention.text, ref.noun) and _fit(ref, e.mention) > 0]
            pool = headed or entities
        if not ref.possessive and not ref.subject:  # "When did they find them?": an object is not its subject
            pool = [e for e in pool if (sentence, e.mention.text) not in done]
        # "How quickly did she say it would be rebuilt?" after "... pledged money to rebuild the Holm bridge?": what
        # the same verb was done to before is what "it" now undergoes
        verb = acted_on(turn, ref) if not ref.noun else ""
        undergone = {id(e) for e in pool if verb and _fit(ref, e.mention) > 0 and object_of(verb, e.mention.text, history)}
        if ref.subject and not ref.noun and _AGENT_VERB.match(turn, ref.end) and \
                not _BE_BEFORE.search(turn, 0, ref.start):  # "could they bring out", "did it think" (not "is it expected"):
            # someone who acts, not a thing ("the bodies", "the sinking"), unless the thing names people or a body
            pool = [e for e in pool if e.mention.kind != "thing" or _acting_noun(e.mention.head)]
        sex = gender.of_pronoun(ref.text)  # "she" is no man the conversation named
        pool = [e for e in pool if not (sex and e.gender and e.gender != sex)]
        if ref.noun and org_class(ref.noun) != "outlet":  # "the company" is never the paper that reported on it
            pool = [e for e in pool if not e.outlet]  # ("Norlant News gives 2 million euros", "the weekly Lunde Post")
        elif not ref.noun:  # nor is "it" or "he" a source only credited, never what was asked ("Which paper ...?")
            pool = [e for e in pool if not (e.outlet and not e.answered)]
        best = max(((e, _fit(ref, e.mention) * e.salience * (ACTED_ON if id(e) in undergone else 1.0)) for e in pool),
                   key=lambda p: p[1], default=None)
        if best is None or best[1] <= 0:
            out.unresolved.append(ref.text)
            continue
        entity = best[0].mention
        if (sentence, entity.text) in done:
            continue  # "What did he say about his plan?": his own
        done.add((sentence, entity.text))
        new = entity.text
        if entity.kind == "thing" and "person" in ref.fits and re.match(r"(?:a|an)\s", new, re.I):  # "a French
            new = "the " + new.split(None, 1)[1]  # reporter", referred back to as "he": "the French reporter"
        if ref.text.lower() == "there":  # "hurt there" -> "hurt in Utøya"
            new = "in " + new
        owned = _OWNED.match(turn, ref.end) if ref.possessive and _CLAUSE.search(new) else None
        if owned is not None:  # "his name", of "the diver who died": "the name of the diver who died"
            edits.append((ref.start, owned.end(), f"the {owned.group(1)} of {new}"))
            out.resolved.append((ref.text, entity.text))
            continue
        if ref.possessive:
            new += "'" if new.endswith("s") else "'s"
        if ref.start == 0 or turn[:ref.start].rstrip().endswith((".", "?", "!")):
            new = new[:1].upper() + new[1:]
        edits.append((ref.start, ref.end, new))
        out.resolved.append((ref.text, entity.text))
    text = turn
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    out.text = text
    return out


# a verb only someone (a person or a body) does, right after a subject reference: "did they say", "could they bring
# out", "had they lined up", "does it expect"
_AGENT_VERB = re.compile(r"\s+(?:(?:also|still|then|first|later|now|not|never)\s+)?(?:say|said|think|thought|believe|"
                         r"believed|expect|expected|want|wanted|plan|planned|decide|decided|tell|told|ask|asked|claim|"
                         r"claimed|bring|brought|find|found|collect|collected|line|lined|hope|hoped|fear|feared|argue|"
                         r"argued|announce|announced|admit|admitted|deny|denied|insist|insisted|warn|warned|estimate|"
                         r"estimated|agree|agreed|promise|promised|pay|paid|hire|hired|send|sent|rescue|rescued)\b", re.I)


_BE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being|isn't|wasn't|aren't|weren't)\s+$", re.I)


def _acting_noun(head: str) -> bool:
    """A noun for someone who can act: people ("the divers"), a group ("the crew") or a body ("the company")."""
    return is_person_noun(head) or head in COLLECTIVE or head in _ACTORS or org_class(head) is not None


PERSON_THING_FIT = 0.8  # how well "he" or "she" fits someone named by a noun only ("the reporter"), below a name
_ACTORS = frozenset("authority authorities official officials people family families".split())


# the passive after a subject reference ("it would be rebuilt", "it has now been fully reopened"): its participle
_PASSIVE = re.compile(r"\s+(?:(?:will|would|could|can|should|must|may|might|has|have|had|not|never|still|yet|already|"
                      r"now|finally|fully|soon)\s+){0,3}(?:be|been|being|is|was|were|are)\s+(?:[a-z]+ly\s+)?"
                      r"([a-z]{3,}(?:ed|en|t))\b", re.I)
_VERB_BEFORE = re.compile(r"\b([a-z]{3,})\s+$", re.I)  # the verb an object reference follows ("rebuild it")
_DONE_TO = frozenset({"the", "a", "an", "its", "their", "his", "her", "that", "this"})


def _same_verb(a: str, b: str) -> bool:
    """Two stems of one verb: equal, or sharing six letters ("rebuilt" / "rebuild")."""
    return a == b or (min(len(a), len(b)) >= 6 and a[:6] == b[:6])


def acted_on(turn: str, ref: Reference) -> str:
    """The stem of the verb the reference undergoes: the participle of a passive after a subject ("it would be
    rebuilt" -> "rebuilt"), the word before an object ("rebuild it" -> "rebuild"); "" for neither."""
    if ref.possessive:
        return ""
    if ref.subject:
        passive = _PASSIVE.match(turn, ref.end)
        return stem(passive.group(1).lower()) if passive else ""
    before = _VERB_BEFORE.search(turn[:ref.start])
    word = before.group(1).lower() if before else ""
    return stem(word) if word and word not in STOPWORDS else ""


def object_of(verb: str, mention: str, history: Sequence[str]) -> bool:
    """An earlier turn does ``verb`` to the mention: the verb, then the mention after at most a determiner and two
    words ("to rebuild the Holm bridge", "rebuilding the old Holm bridge")."""
    first = mention.split()[0].lower() if mention.split() else ""
    if first in _DONE_TO and len(mention.split()) > 1:
        first = mention.split()[1].lower()
    for text in history:
        words = [w.lower() for w in _WORD.findall(text)]
        for i, w in enumerate(words):
            if _same_verb(stem(w), verb):
                after = words[i + 1:i + 5]
                while after and after[0] in _DONE_TO:
                    after.pop(0)
                if first in after[:3]:
                    return True
    return False


_CLAUSE = re.compile(r"\s(?:who|whom|that|which|whose)\s")  # a phrase ending in a clause takes no "'s"
_OWNED = re.compile(r"\s+([A-Za-z][\w-]*)")


# "how much of it", "how many of them": a part of what an earlier question measured or counted
_PART_OF = re.compile(r"\bhow (much|many) of\s*$", re.I)
_AUX = r"(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could|should|of|more|less|longer|money)\b"
_MEASURED = {"much": re.compile(rf"\bhow much (?!{_AUX})([a-z]{{3,}})\b", re.I),
             "many": re.compile(rf"\bhow many (?!{_AUX})([a-z]{{3,}}s|people|men|women|children)\b", re.I)}


def _measured_before(before: str, plural: bool, history: Sequence[str]) -> str:
    """What the latest earlier question measured ("How much oil ...?" -> "oil") or counted ("How many workers
    ...?" -> "workers"), when the turn asks for a part of it by a reference ("How much of it ...?"); "" otherwise."""
    part = _PART_OF.search(before)
    if part is None or (part.group(1).lower() == "many") != plural:
        return ""
    asked = _MEASURED[part.group(1).lower()]
    for text in reversed(history):
        found = asked.search(text)
        if found:
            return found.group(1).lower()
    return ""


# "how many" with no noun before its verb ("And how many had they handed over?"): it counts what was counted before
_BARE_COUNT = re.compile(r"\bhow many(?=\s+(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could)\b)", re.I)


def _counted_before(turn: str, history: Sequence[str]) -> tuple[int, str] | None:
    """Where a bare "how many" ends in the turn, and the noun the latest earlier question counted; None when the
    turn counts a noun of its own or no earlier question counted one."""
    bare = _BARE_COUNT.search(turn)
    if bare is None:
        return None
    for text in reversed(history):
        found = _MEASURED["many"].search(text)
        if found:  # (people go without saying: "How many were injured?" counts people, and no fewer of them)
            return (bare.end(), found.group(1).lower()) if found.group(1).lower() not in _UNSAID else None
    return None


_UNSAID = frozenset("people persons men women children".split())  # nouns a bare count leaves unsaid


_LEADING = frozenset("the a an this that these those which what whose how many much".split())


def same_head(noun: str, history: Sequence[str]) -> str:
    """The latest noun phrase of the earlier turns headed by this noun and saying more than it, as it stands in a
    sentence: "China's suspended licensing rules" for "those rules", "the final day" for "that day" (not "How many
    divers" for "those divers"); "" when none."""
    for text in reversed(history):
        doc = parse(text)
        if doc is None:
            return ""
        for chunk in reversed(list(doc.noun_chunks)):
            if stem(chunk.root.lower_) == stem(noun) and len(chunk) > 1 and chunk.root.pos_ == "NOUN":
                start = chunk.start
                while start < chunk.end - 1 and doc[start].lower_ in _LEADING:
                    start += 1
                words = doc[start:chunk.end]
                if len(words) > 1 and not any(t.pos_ == "PRON" for t in words):
                    owned = any(t.tag_ == "POS" for t in words)
                    return str(words.text) if owned else f"the {words.text}"
    return ""


def _headed_by(text: str, noun: str) -> bool:
    """The mention is a phrase headed by the noun that says more than it ("the harbour commission", not "the
    commission")."""
    words = [w for w in text.lower().split() if w not in ("the", "a", "an", "that", "this")]
    return len(words) > 1 and stem(words[-1]) == stem(noun)


def _said_apart(noun: str, entities: Sequence[Entity], history: Sequence[str]) -> bool:
    """The conversation said the noun ("the 22 July commission") and no entity's name holds it."""
    word = re.compile(rf"\b{re.escape(noun[:-1] if noun.endswith('s') else noun)}s?\b", re.I)
    # (not the class a question asked for: "Which company ...?" is answered by the company's name)
    asked = re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}{word.pattern}", re.I)
    return any(word.search(asked.sub(" ", text)) for text in history) \
        and not any(word.search(e.mention.text) for e in entities)


_ASKED_HERE = re.compile(r"(?:how\s+(?:much|many)|what|which)\s", re.I)
_ASKED_BEFORE = re.compile(r"\b(?:how\s+(?:much|many)|what|which)\s+$", re.I)


def _own_antecedent(turn: str, ref: Reference, m: Mention) -> bool:
    """Whether a phrase of the turn itself is what the reference means: any name before it; a plain noun phrase
    only in the same sentence, when the reference is the subject of its own clause or plural ("update my credit
    card, but it keeps failing", "people report a scam they were affected by"), not "the price of it"."""
    if m.kind != "thing":
        return True
    if _ASKED_HERE.match(turn[m.start:]) or _ASKED_BEFORE.search(turn[:m.start]):
        return False  # "How much oil would it catch?": what the turn asks is not what "it" means
    same_sentence = not re.search(r"[.?!]\s", turn[m.start:ref.start])
    return same_sentence and m.plural == ref.plural and (ref.subject or ref.plural)


# a clause that a subordinating word opens, after the main clause of the same sentence: "what does she say the US
# needs so it stops being vulnerable?", "what would America need so it's no longer exposed?"
_SUBORDINATE = re.compile(r"\b(?:so(?:\s+that)?|because|until|unless|once|if|when|whenever|while|before|after)\s*$",
                          re.I)


def _main_subject(turn: str, ref: Reference, m: Mention) -> bool:
    """The reference is the subject of a subordinate clause whose main clause, in the same sentence, has a
    subject of a kind it fits (a country too, which "it" rarely means across turns): that subject is what it
    means."""
    between = turn[m.start + len(m.text):ref.start]
    return (ref.subject and m.role >= 1.5 and ref.fits.get(m.kind, 0.0) > 0 and not re.search(r"[.?!]\s", between)
            and _SUBORDINATE.search(turn[:ref.start]) is not None)


# "And South Korea, what is it putting money into?": a name set before the question, which then points at it
_THEN_ASKED = re.compile(r"^\s*,\s*(?:what|which|who|where|when|how|why|is|are|was|were|does|do|did|has|have|can|"
                         r"could|will|would)\b[^.?!]*$", re.I)


def _dislocated(turn: str, ref: Reference, m: Mention) -> bool:
    """The mention opens the sentence and a question after a comma refers back to it ("And South Korea, what is it
    putting money into?"): the reference means it, whatever its kind."""
    before = turn[:m.start]
    opens = not before.strip() or re.search(r"(?:[.?!]|^)\s*(?:and|but|so|ok|okay|now|then|what about)?\s*$", before,
                                            re.I) is not None
    return opens and ref.fits.get(m.kind, 0.0) > 0 and _THEN_ASKED.match(turn[m.start + len(m.text):ref.start]) is not None


TITLE_FIT = 0.5  # a name typed by its head ("the Treasury Secretary") fits less than a recognized one ("Scott Bessent")


def _fit(ref: Reference, m: Mention) -> float:
    fit = ref.fits.get(m.kind, 0.0) * (TITLE_FIT if m.by_head else 1.0)
    asked = org_class(ref.noun) if ref.noun is not None and m.kind != "thing" else None
    if asked is not None:  # "the court" is not "MOEX Offshore 2007 LLC", nor "BP": a court's name says it is one
        named = org_class(m.text)
        if named != asked and (named is not None or asked in NAMED_BY_CLASS):
            return 0.0
    if ref.noun in _FEATURE_NOUNS and ref.noun not in m.text.lower():
        return 0.0  # "found along the coast" is no place named before ("Norlant"), unless its name says so ("the
        # Lunde coast")
    if m.kind == "place" and ref.noun is not None and ref.noun not in _EITHER_PLACE and \
            (ref.noun in _COUNTRY_NOUNS) != names_a_country(m.text):
        return 0.0  # "the country" is no town ("Rask"), nor "the town" a country
    if m.kind == "name" and "person" in ref.fits and load_nlp() is None:
        return 0.6  # untyped names (no spaCy): "he" may mean any of them
    if m.kind == "thing" and "person" in ref.fits and ref.noun is None and not m.plural and is_person_noun(m.head) \
            and re.match(r"(?:a|an)\s", m.text, re.I):  # "What did a French reporter say ...?" "Which paper did he
        return PERSON_THING_FIT  # work for?": the reporter brought in (not "Who was the first climber?": the unknown)
    if m.kind == "thing":
        if ref.noun is not None:  # "the deal" is "the short-term agreement", not "the economist"
            same = m.head.rstrip("s") == ref.noun.rstrip("s")
            fit = 1.0 if same else fit if kind_of_noun(m.head) == kind_of_noun(ref.noun) is not None else 0.0
        if ref.plural != m.plural and not (ref.plural and ref.noun is None and m.head in COLLECTIVE):
            return 0.0  # ("Where were they from?" after "the crew")
    elif ref.plural and m.kind in ("person",):
        return 0.0
    elif ref.noun is not None and ref.plural and not m.plural:
        return 0.0  # "those games" is not one named work
    elif m.kind == "place" and ref.noun is None and m.acts:
        return 0.0  # "What did China agree to? How long does it last?": a country acting is rarely "it" (a place
        # described is: "How big is Utøya? And how far is it from Oslo?")
    return fit


_COUNTRY_NOUNS = frozenset({"country", "nation"})  # what a country's name fills ("the country": Norlant)
_EITHER_PLACE = frozenset({"state", "place", "location"})  # what any place may be
# a stretch of land or water a place lies on or in, which the conversation's places are not unless named so
_FEATURE_NOUNS = frozenset("coast coastline shore shoreline sea ocean border area region zone beach".split())
_MARKERS = re.compile(r"\(about:|\[\d+\]|Sources:")
_WORD = re.compile(r"[\w'\-]+")


def garbled(turn: str, rewrite: str, inserted: Sequence[str], replaced: Sequence[str] = ()) -> str | None:
    """Why the rewrite does not read as the turn said standalone, or None when it does.

    Every content word of the turn (but the references replaced) must be kept; every content word of the
    rewrite must come from the turn or from what was inserted; no markers, no stuttering, no wall of text.
    """
    if not rewrite.strip() or "\n" in rewrite.strip():
        return "empty or several lines"
    if _MARKERS.search(rewrite) and not _MARKERS.search(turn):
        return "a fragment of an earlier answer"
    if len(rewrite) > len(turn) + sum(len(t) for t in inserted) + 40 or len(rewrite) > 600:
        return "longer than the turn and what was inserted"
    gone = set(content_terms(" ".join(replaced)))
    kept = set(content_terms(rewrite))
    lost = [t for t in content_terms(turn) if t not in gone and not _near(t, kept)]
    if lost:
        return f"lost the word(s) {', '.join(lost[:3])}"
    allowed = set(content_terms(turn)) | set(content_terms(" ".join(inserted))) | TEMPLATE_TERMS
    stray = [t for t in content_terms(rewrite) if not _near(t, allowed)]
    if stray:
        return f"added the word(s) {', '.join(stray[:3])}"
    words = [w.lower() for w in _WORD.findall(rewrite)]
    original = [w.lower() for w in _WORD.findall(turn)]
    for n in (1, 2, 3):  # "Scott Bessent Scott Bessent"
        for i in range(len(words) - 2 * n + 1):
            phrase = " ".join(words[i:i + n])
            if words[i:i + n] == words[i + n:i + 2 * n] and phrase.replace(" ", "").isalpha() and \
                    f"{phrase} {phrase}" not in " ".join(original):
                return f"repeats {phrase!r}"
    return None


def _near(term: str, pool: set[str]) -> bool:
    return term in pool or any(len(term) > 4 and len(p) > 4 and term[:5] == p[:5] for p in pool)
