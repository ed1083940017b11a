"""Reading the last user turn in its conversation: the standalone question, and what the conversation is about.

One reading serves every entry point (/v1/chat, /v1/chat/completions, the page, Slack threads):

1. A model generator that can condense writes the standalone question; it must pass the same check as ours.
2. Otherwise, by the turn's shape: "I meant X" (the previous question, clarified), "I heard X" (is it true
   that X?), "what about X?", "are there others?", or the turn with its references resolved.
3. The check: a rewrite that loses a word of the turn or adds one from nowhere is dropped for the turn as typed.

Besides the question, the reading carries the topic (the most salient entities, then key terms of the
previous user turn) and the text the previous answer cited: the search fuses all three.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rag.answer.extremes import superlatives
from rag.claims.kinds import FIGURES, asked
from rag.conversation import rules
from rag.conversation.entities import CLAIMING, PERSON_PRONOUNS, Mention, mentions, references, warm_up
from rag.conversation.resolve import SUBJECT, Entity, Resolution, asked_kind, garbled, resolve, salient
from rag.conversation.turns import Turns, clarification, contrast, read_turns, statement
from rag.errors import GeneratorError
from rag.protocols import Condenser, Embedder
from rag.telemetry import SILENT, Telemetry
from rag.text import STOPWORDS, content_terms, keyword_terms, split_sentences
from rag.types import ChatMessage

log = logging.getLogger("rag.conversation")

MAX_TOPIC_ENTITIES = 3
MAX_TOPIC_TERMS = 4
SHORT_TURN = 3  # content words: a turn this short leans on the conversation
_LEADS = re.compile(r"^(?:and|also|but|so|then|ok|okay|what about|how about)\b", re.I)
_CONJUNCTION = re.compile(r"^(?:(?:and|also|but|so|then|ok|okay|by the (?:way|away)|btw)\b[\s,.!]*|"
                          r"(?:great|thanks|thank you|cool|oh|well|hmm|alright|i see|perfect|nice|got it)\s*[,.!]+\s*)+"
                          r"(?=\S)", re.I)
_EXCLAMATION = re.compile(r"^[^.?!]*!+\s+(?=\S)")  # "Of course I knew it! just teasing. How..." : a reaction, then the turn
_QUESTION = re.compile(r"^(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|"
                       r"should|would|will|has|have)\b", re.I)
_TOPIC_KINDS = ("person", "org", "place", "work", "group", "name")
# "Tell me more", "Can you elaborate?", "Go on": the previous question again, past what its answer said
_MORE = re.compile(r"^(?:please\s+)?(?:(?:can|could|would)\s+you\s+)?(?:tell\s+me\s+more|say\s+more|go\s+on|keep\s+going|"
                   r"elaborate|expand|explain\s+(?:more|further)|(?:give\s+me\s+)?more\s+(?:details?|info(?:rmation)?))"
                   r"(?:\s+(?:about|on)\s+(?:that|this|it))?(?:\s+please)?[\s?.!]*$", re.I)
# A question opening with an adverbial question word and its verb: another such word asks the same of it
_ADVERBIAL = re.compile(r"^\s*(when|where|why|how(?:\s+(?:long|often|soon))?)\s+(?:is|are|was|were|do|does|did|will|would|"
                        r"can|could|should|has|have|had)\b", re.I)
# "Why?", "Since when?", "Instead of what?", "For how long?": a question word (after a preposition or two) and
# nothing of its own; it asks the previous question's further side ("From where to where?": its two ends)
_ELLIPSIS = re.compile(r"^(?:(?:[a-z]+\s+){0,2}(?:what|which|who|whom|when|where|why|how)(?:\s+(?:so|not|come|long|"
                       r"much|many|often|far|soon|exactly))?(?:\s+(?:to|and|until|till)\s+(?:what|which|who|whom|when|"
                       r"where|how))?|such as|like)[\s?.!]*$", re.I)


@dataclass
class Reading:
    query: str  # the standalone question: searched, answered from, shown as `query`
    rule: str  # which reading made it
    leans: bool = False  # the turn depends on the conversation
    entities: list[str] = field(default_factory=list)  # the most salient names of the conversation
    people: list[str] = field(default_factory=list)  # the people it names, most salient first
    topic: list[str] = field(default_factory=list)  # those, then key terms of the previous user turns
    cited: str = ""  # what the previous answer cited
    users: list[str] = field(default_factory=list)  # the earlier user turns that count, oldest first
    answers: list[str] = field(default_factory=list)  # what each answer to them contributes ("" for nothing)
    trace: dict[str, Any] = field(default_factory=dict)


class Reader:
    def __init__(self, embedder: Embedder | None = None, telemetry: Telemetry = SILENT) -> None:
        self.embedder = embedder
        self.telemetry = telemetry
        warm_up()  # once per process, in the background: start-up does not wait, the first follow-up rarely does

    def read(self, messages: Sequence[ChatMessage], condenser: Condenser | None = None) -> Reading:
        with self.telemetry.stage("rewrite"):
            turns = read_turns(messages)
            reading = self._in_context(turns, messages, condenser) if turns.users else self._alone(turns)
            reading.trace.update({"standalone": reading.query, "rule": reading.rule, "notes": turns.notes})
            return reading

    def _alone(self, turns: Turns) -> Reading:
        resolution = resolve(turns.turn, [])
        reading = Reading(turns.turn, "first turn")
        if resolution.unresolved:  # "what did he say?" with nothing before it
            reading.rule = "first turn (nothing earlier for: " + ", ".join(resolution.unresolved) + ")"
        return reading

    def _in_context(self, turns: Turns, messages: Sequence[ChatMessage], condenser: Condenser | None) -> Reading:
        entities = salient(turns.users, turns.answers)
        previous = self._previous(turns)
        reading = self._rule(turns, entities, previous)
        if condenser is not None:
            model = self._condense(condenser, list(messages[:-1]), turns)
            if model is not None:
                reading.query, reading.rule = model, "model"
        reading.leans = reading.leans or len(content_terms(turns.turn)) <= SHORT_TURN or bool(_LEADS.match(turns.turn))
        reading.topic = self._topic(entities, turns, previous, reading.query)
        named = {e.mention.text for e in entities if e.mention.kind != "thing"}
        reading.entities = [t for t in reading.topic if t in named]
        reading.people = [e.mention.text for e in entities if e.mention.kind == "person"][:MAX_TOPIC_ENTITIES]
        reading.cited = turns.answers[-1]
        reading.users, reading.answers = turns.users, turns.answers
        reading.trace["entities"] = [{"text": e.mention.text, "kind": e.mention.kind, "salience": round(e.salience, 2)}
                                     for e in entities[:6]]
        return reading

    def _previous(self, turns: Turns) -> str:
        """The previous user turn, itself read in its own context (one level)."""
        last = turns.users[-1]
        if len(turns.users) == 1:
            return last
        earlier = salient(turns.users[:-1], turns.answers[:-1])
        rewrite = resolve(last, earlier)
        return rewrite.text if garbled(last, rewrite.text, [e.mention.text for e in earlier]) is None else last

    def _rule(self, turns: Turns, entities: list[Entity], previous: str) -> Reading:
        turn = _plain(turns.turn)
        names = [e.mention.text for e in entities]
        meant = clarification(turn)
        asked_then = _then_asked(meant) if meant is not None else None
        if meant is not None and asked_then is not None:  # "No, I meant the diver who died. What was his name?"
            meant, question = asked_then
            reread = resolve(question, [_meant_entity(meant), *entities])
            return self._checked(turn, reread.text, "clarification", [meant, *names], leans=True,
                                 replaced=[*_lead(turn, meant), *(r for r, _ in reread.resolved)],
                                 resolved=reread.resolved)
        if meant is not None:
            wanted, rejected = contrast(meant)  # "I meant the turbines, not cars": "cars" is set aside
            clarified = resolve(wanted, entities).text
            swapped = _swap(previous, rejected, clarified) if rejected else _in_its_slot(previous, clarified)
            if _QUESTION.match(clarified):  # "no, I meant which series was the best?": a question of its own
                query = clarified[:1].upper() + clarified[1:].rstrip(" ?.!") + "?"
            elif swapped:
                query = swapped
            elif previous.rstrip().endswith("?"):
                query = f"{previous.rstrip(' ?.!')}, {clarified}?"
            else:
                query = f"What about {clarified}?"
            return self._checked(turn, query, "clarification", [previous, *names], leans=True,
                                 replaced=[*_lead(turn, meant), *([rejected] if rejected else [])])
        heard = statement(turn)
        scoped = _figure_of(heard, previous) if heard is not None else None
        if heard is not None and scoped is not None:  # "I heard the figure for global output is lower": the previous
            # figure question asked of that ("How much ... does China refine, for global output?")
            return self._checked(turn, f"{previous.rstrip(' ?.!')}, for {scoped}?", "statement", [previous, *names],
                                 leans=True, replaced=[*_lead(turn, heard), heard])
        asked_after = _then_asked(heard, contrasted=False) if heard is not None else None
        if heard is not None and asked_after is not None:  # "I heard one of them was not Irish. Where was he from?":
            # the question asked, of what was heard ("One of them was not Irish, so where was he from?")
            said = resolve(asked_after[0], entities)
            text = said.text[:1].upper() + said.text[1:].rstrip(" ,.;!")
            question = asked_after[1][:1].lower() + asked_after[1][1:]
            return self._checked(turn, f"{text}, so {question}", "statement", names, leans=True,
                                 replaced=[*_lead(turn, heard), *(r for r, _ in said.resolved)], resolved=said.resolved)
        if heard is not None:
            said = resolve(heard, entities)
            first = said.text.split(" ", 1)[0]
            text = said.text[:1].lower() + said.text[1:] if first.lower() in STOPWORDS else said.text
            return self._checked(turn, f"Is it true that {text}?", "statement", names, leans=True,
                                 replaced=[*_lead(turn, heard), *(r for r, _ in said.resolved)], resolved=said.resolved)
        about = rules.WHAT_ABOUT.match(turn)
        if about and re.search(r"[?!.]\s", about.group("x")):
            about = None  # "How about version 6.16? Does it include other changes?": the turn says what it asks
        elif about and _QUESTION.match(about.group("x")):  # "what about why can't I apply a code?": its own question
            turn, about = about.group("x")[:1].upper() + about.group("x")[1:].rstrip(" ?.!") + "?", None
        source = rules.source_of(turn, turns.answers[-1])
        if source is not None:  # "Which article reports that?": that is what the last answer said
            return self._checked(turn, source, "source", [turns.answers[-1]], leans=True, replaced=[turn])
        if rules.agreement(turn) and previous.rstrip().endswith("?"):  # the previous question, asked for agreement
            return self._checked(turn, f"{previous.rstrip(' ?.!')}, and do the articles agree?", "agreement",
                                 [previous, "do the articles agree"], leans=True, replaced=[turn])
        asked_of = rules.wh_phrase(turns.turn, previous)  # "And which people?": the previous question, of people
        if asked_of is not None:
            return self._checked(turn, asked_of, "what about", [previous], leans=True,
                                 replaced=["and", "what about", "how about"])
        timed = rules.at_time(turns.turn, previous)  # "And just before the well was capped?": the question then
        if timed is not None:
            return self._checked(turn, timed, "at time", [previous], leans=True, replaced=["and", "what about"])
        phrase = about.group("x") if about else rules.compared_phrase(turn) or rules.and_phrase(turns.turn)
        if phrase:
            substituted = rules.what_about(previous, phrase, self.embedder)
            if substituted is not None:  # the turn's words before the phrase ("how does that compare with") go
                reading = self._checked(turn, substituted[0], "what about", [previous], leans=True,
                                        replaced=["what about", "how about", *_lead(turn, phrase)])
                if reading.rule == "what about":
                    reading.trace["asked"] = phrase  # what the turn asks of the previous question
                    if substituted[1]:
                        reading.trace["carried"] = substituted[1]  # the replaced phrase's modifiers: a guess, like a resolved "it"
                return reading
        if rules.OTHERS.match(turn):
            return Reading(rules.others(previous, turns.answers[-1]), "others", leans=True)
        if _MORE.match(turn) and turns.answers[-1]:  # answered from what the last answer did not say (engine)
            more = resolve(turn, entities)  # "Tell me more about that.": about what "that" was
            reading = self._checked(turn, more.text, "more", names, leans=True,
                                    replaced=[r for r, _ in more.resolved], resolved=more.resolved)
            return reading if more.resolved and reading.rule == "more" else Reading(previous, "more", leans=True)
        if _ELLIPSIS.match(turn) and previous.rstrip().endswith("?"):
            ask = turn.rstrip(" ?.!")
            adverbial = _ADVERBIAL.match(previous)
            if adverbial and _ADVERBIAL.fullmatch(ask + " is"):  # "When were the talks held?" + "Where?"
                query = ask[:1].upper() + ask[1:].lower() + previous[adverbial.end(1):].rstrip(" ?.!") + "?"
            else:  # "Which materials were suspended, and since when?"
                # "Why?" after "Which sector is called exposed?" / "The defense sector [1].": why of that answer
                short = _short_answer(turns.answers[-1]) if _WHY_SO.match(ask) else ""
                answered = f" ({short})" if short else ""
                query = f"{previous.rstrip(' ?.!')}{answered}, and {ask[:1].lower() + ask[1:]}?"
                if short:
                    return self._checked(turn, query, "ellipsis", [previous, short], leans=True)
            return self._checked(turn, query, "ellipsis", [previous], leans=True)
        led = rules.topic_lead(turn)  # "Going back to her, what does she say ...?": asked of what it names first
        if led is not None:
            lead, topic, asked = led
            # "her" -> "Laura Chen", "those elements" -> "the specific elements"; "the framework" is as the user put it
            named = resolve(topic, entities, [*turns.users, *turns.answers]) if _POINTING.match(topic) else Resolution(topic)
            written = named.text[:1].lower() + named.text[1:] if _ARTICLE.match(named.text) else named.text
            pointed = rules.pointed(asked, written, references(asked))
            if pointed is not None:
                reading = self._checked(turn, pointed[:1].upper() + pointed[1:], "topic", [*names, named.text], leans=True,
                                        replaced=[lead, topic, *(r for r, _ in named.resolved)], resolved=named.resolved)
                if reading.rule == "topic":
                    return reading
        nth = _nth_named(turn, turns.answers[-1])
        if nth is not None:  # "Which party does the second one lead?" after "Anna Berg and Tomas Lind [1]."
            phrase, name = nth
            at = turn.lower().index(phrase.lower())
            reading = self._checked(turn, turn[:at] + name + turn[at + len(phrase):], "resolved", [*names, name],
                                    leans=True, replaced=[phrase], resolved=[(phrase, name)])
            if reading.rule == "resolved":
                return reading
        within = _person_asked_first(turn)
        if within is not None:  # "Who explained the change, and what did she put it down to?": "she" is whom the
            # first part asks for (rag/answer/parts.py reads it in that part's answer), not a person named earlier
            opening = resolve(within[0], entities, [*turns.users, *turns.answers])
            rest = within[1]
            resolution = Resolution(f"{opening.text.rstrip(' ?.!')}, and {rest[:1].lower()}{rest[1:]}",
                                    opening.resolved, opening.unresolved)
        else:
            resolution = resolve(turn, entities, [*turns.users, *turns.answers])
        claim = _what_was_said(turns.answers[-1])
        quoted = _SAID_THAT.search(resolution.text) if claim else None
        if quoted is not None:  # "Who announced that?": that the canal is to receive a tug, as the answer said
            text = f"{resolution.text[:quoted.start(2)]}that {claim}{resolution.text[quoted.end(2):]}"
            return self._checked(turn, text, "resolved", [*names, claim], leans=True,
                                 replaced=[*(r for r, _ in resolution.resolved), quoted.group(2)],
                                 resolved=[*resolution.resolved, (quoted.group(2), claim)])
        if resolution.resolved:
            # what a reference was read as may be a phrase of the user's own ("the final day" for "that day"), not
            # only a name; never an answer's wording
            phrases = [e for _, e in resolution.resolved if any(e.lower() in u.lower() for u in turns.users)]
            return self._checked(turn, resolution.text, "resolved", [*names, *phrases], leans=True,
                                 replaced=[r for r, _ in resolution.resolved], resolved=resolution.resolved)
        if resolution.unresolved:
            return Reading(turn, "as typed (nothing earlier fits: " + ", ".join(resolution.unresolved) + ")", leans=True)
        return Reading(turn, "as typed")

    def _checked(self, turn: str, query: str, rule: str, inserted: list[str], leans: bool,
                 replaced: Sequence[str] = (), resolved: Sequence[tuple[str, str]] = ()) -> Reading:
        problem = garbled(turn, query, inserted, replaced)
        if problem is not None:
            return Reading(turn, f"as typed ({rule} rewrite failed the check: {problem})", leans=leans,
                           trace={"rejected": query})
        return Reading(query, rule, leans=leans, trace={"resolved": [{"reference": r, "read_as": e} for r, e in resolved]})

    def _condense(self, condenser: Condenser, history: list[ChatMessage], turns: Turns) -> str | None:
        try:
            text = condenser.condense(history, turns.turn).strip().strip('"').strip()
        except GeneratorError as exc:
            log.warning("the model could not condense the follow-up (%s); using the deterministic reading", exc.code)
            return None
        context = [m.content for m in history if m.role == "user"] + list(turns.answers)
        problem = garbled(turns.turn, text, context, replaced=_references_in(turns.turn))
        if problem is not None:
            log.warning("the model's condensed question failed the check (%s); using the deterministic reading", problem)
            return None
        return text

    def _topic(self, entities: list[Entity], turns: Turns, previous: str, query: str) -> list[str]:
        """The most salient entities, then key terms of the previous user turns, minus what the query says."""
        said = {t.lower() for t in keyword_terms(query)}
        out: list[str] = []
        for e in entities:
            words = {t.lower() for t in keyword_terms(e.mention.text)}
            if e.mention.kind in _TOPIC_KINDS and words and not words <= said and len(out) < MAX_TOPIC_ENTITIES:
                out.append(e.mention.text)
                said |= words
        extra = [t for t in keyword_terms(previous) if t.lower() not in said][:MAX_TOPIC_TERMS]
        said |= {t.lower() for t in extra}
        if len(turns.users) > 1:
            extra += [t for t in keyword_terms(turns.users[-2]) if t.lower() not in said][:MAX_TOPIC_TERMS // 2]
        return out + extra


_POINTING = re.compile(r"(?:this|that|these|those|he|she|him|her|it|they|them)\b", re.I)
_ARTICLE = re.compile(r"(?:The|A|An)\s")
_WHY_SO = re.compile(r"^\s*(?:and\s+|but\s+)?(?:why|how\s+so|how\s+come)\s*$", re.I)
SHORT_ANSWER = 8  # words at most in an answer that names what was asked and says no more


# one of several names the last answer gave, by its place: "the second one", "the first of them", "the latter"
_NTH = re.compile(r"\bthe\s+(?:(?P<nth>first|second|third|fourth|last)\s+(?:one|of\s+them|of\s+the\s+(?:two|three|four))|"
                  r"(?P<side>former|latter))\b", re.I)
_PLACE = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "former": 0, "latter": -1}


def _nth_named(turn: str, answer: str) -> tuple[str, str] | None:
    """The phrase of the turn that picks a name of the last answer's list by its place ("the second one") and that
    name; None when the turn picks none or the answer's first sentence lists fewer than two names (or more than two
    for "the former" / "the latter")."""
    match = _NTH.search(turn)
    if match is None or not answer:
        return None
    first = split_sentences(answer)[0] if split_sentences(answer) else answer
    named = list(dict.fromkeys(m.text for m in mentions(first, things=False) if m.kind in ("person", "org", "name")))
    place = _PLACE[(match.group("nth") or match.group("side")).lower()]
    if len(named) < 2 or (match.group("side") and len(named) != 2) or place >= len(named):
        return None
    return match.group(0), named[place]


_PERSON_PRONOUN = re.compile(r"\b(?:" + "|".join(sorted(PERSON_PRONOUNS)) + r")\b", re.I)


def _person_asked_first(turn: str) -> tuple[str, str] | None:
    """A turn asking who, then something of that one ("Who explained the change, and what did she put it down
    to?"): its two parts, the second's he or she being the first's answer; None for any other turn."""
    from rag.answer.parts import pieces  # (parts reads references with this package's resolver)

    said = pieces(turn)
    if len(said) != 2 or "person" not in asked(said[0]) or _PERSON_PRONOUN.search(said[0]) \
            or not _PERSON_PRONOUN.search(said[1]):
        return None
    return said[0], said[1]


def _short_answer(answer: str) -> str:
    """The previous answer when it only names what was asked ("The defense sector"), else ""."""
    text = re.sub(r"\s+", " ", answer).strip().rstrip(".")
    if not text or len(text.split()) > SHORT_ANSWER or re.search(r"[.?!]\s", text):
        return ""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else text


# "that" or "this" as the object of a verb of claiming, at the end of the question: what the last answer said
_SAID_THAT = re.compile(r"\b(" + "|".join(sorted(CLAIMING, key=len, reverse=True)) + r")\s+(that|this)(?=[\s?.!]*$)",
                        re.I)
_YES_NO = re.compile(r"^(?:yes|no|indeed|right|correct)\b[,.!;:\s]*", re.I)
_FRAME = re.compile(r"^(?:in|on|at|by|from|since|until|during|after|before|around|about|early|late)\b", re.I)
# "the figure for global output is lower", "the death toll on the island was higher": a figure of another scope
_FIGURE_SAID = re.compile(r"^(?:the\s+|that\s+|their\s+|its\s+)?(?:\w+\s+)?(?:figure|number|share|percentage|rate|"
                          r"estimate|total|count|toll|amount)\s+(?:for|of|on|in)\s+(?P<x>[^,;?!]{2,60}?)\s+(?:is|was|are|"
                          r"were)\s+(?:actually\s+|much\s+|far\s+|a\s+bit\s+)?(?:lower|higher|smaller|bigger|larger|less|"
                          r"more|different)\b", re.I)


def _figure_of(heard: str, previous: str) -> str | None:
    """What a statement says a figure of the kind the previous question asked is for, when it says the figure
    there differs ("the figure for global output is lower" after "How much ... does China refine?"), or None."""
    match = _FIGURE_SAID.match(heard.strip())
    if match is None or not previous.rstrip().endswith("?") or not set(asked(previous)) & set(FIGURES):
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", match.group("x").strip(), flags=re.I)


STATEMENT_WORDS = 30  # a longer answer is no one statement to ask about


def _what_was_said(answer: str) -> str:
    """The previous answer's first sentence as a clause ("the canal is to receive a tug ..."), or "" when there
    is none or it is long."""
    first = next(iter(split_sentences(answer.strip())), "")
    text = _YES_NO.sub("", first).strip().rstrip(".!")
    if not text or len(text.split()) > STATEMENT_WORDS or _FRAME.match(text):
        return ""  # (nor a time or a place the answer gives: "In the week of 12 June [1].", asked when, says nothing)
    word, _, rest = text.partition(" ")
    return f"{word.lower()} {rest}" if word.lower() in STOPWORDS and rest else text


def _plain(turn: str) -> str:
    """The turn without its conversational lead: "And", "By the way,", "Great!", a reaction before a question
    ("Of course I knew it! Just teasing, sorry. How do I script a sprite?"). Its content words are all kept
    when it has no question after the reaction."""
    text = _CONJUNCTION.sub("", turn).strip() or turn
    while "?" in text:
        rest = _EXCLAMATION.sub("", text, count=1)
        if rest == text or "?" not in rest:
            break
        text = rest
    text = re.sub(r"^(?:(?:just\s+)?(?:teasing|kidding|joking)|sorry)[\s,.!]+(?:sorry[\s,.!]+)?(?=\S)", "", text, flags=re.I)
    return text[:1].upper() + text[1:]


def _swap(previous: str, rejected: str, wanted: str) -> str:
    """The previous question with what the clarification sets aside replaced by what it meant ("... goes into
    one electric car?" + "the big offshore wind turbines, not cars" -> "... goes into one big offshore wind
    turbines?"): the words of ``rejected`` in the question, with the modifiers before them; "" when the
    question does not say them."""
    if not previous.rstrip().endswith("?"):
        return ""
    heads = {t[:5] for t in content_terms(rejected)}
    words = previous.rstrip(" ?.!").split(" ")
    hits = [i for i, w in enumerate(words) if any(t[:5] in heads for t in content_terms(w))]
    if not heads or not hits:
        return ""
    start, end = hits[0], hits[-1]
    while start > 0 and words[start - 1].isalpha() and words[start - 1].islower() \
            and words[start - 1].lower() not in STOPWORDS and not _QUESTION.match(words[start - 1]):
        start -= 1  # "electric" of "one electric car"
    wanted = re.sub(r"^(?:the|a|an)\s+", "", wanted, flags=re.I)
    return " ".join([*words[:start], wanted, *words[end + 1:]]) + "?"


# the words that pick one of several, each a slot another of its kind takes: "the oldest" / "the youngest one", "the
# first" / "the second", "in 2019" / "the 2020 one"
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last final next previous "
                      "latest earliest".split())
_ORDINAL = re.compile(r"\b(?:" + "|".join(sorted(_ORDINALS)) + r"|\d+(?:st|nd|rd|th))\b", re.I)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_SLOTS: tuple[Callable[[str], list[re.Match[str]]], ...] = (
    superlatives, lambda text: list(_ORDINAL.finditer(text)), lambda text: list(_YEAR.finditer(text)))


def _in_its_slot(previous: str, meant: str) -> str:
    """The previous question with the one word of a kind that picks one of several (a superlative, an ordinal, a
    year) replaced by the clarification's word of that kind ("Which of the trapped miners was the oldest?" + "the
    youngest one" -> "... was the youngest?"); "" when neither, or either, says one such word."""
    if not previous.rstrip().endswith("?"):
        return ""
    for found in _SLOTS:
        new, old = list(found(meant)), list(found(previous))
        if len(new) == 1 and len(old) == 1 and new[0].group(0).lower() != old[0].group(0).lower():
            return previous[:old[0].start()] + new[0].group(0) + previous[old[0].end():]
    return ""


_THEN = re.compile(r"[.!;:\u2014]\s+(?=\S)|\s+[-\u2013]\s+(?=\S)")  # (a colon or a dash too: "the dust: which places ...?")


def _then_asked(meant: str, contrasted: bool = True) -> tuple[str, str] | None:
    """A clarification or a statement followed by a question of its own ("the diver who died. What was his name?"):
    what was meant (with ``contrasted``, what it was set against dropped), and the question, which asks about it;
    None otherwise."""
    parts = _THEN.split(meant, maxsplit=1)
    if len(parts) != 2 or not _QUESTION.match(parts[1]) or not parts[0].strip():
        return None
    first = parts[0].strip()
    return contrast(first)[0] if contrasted else first, parts[1].strip().rstrip(" .!?") + "?"


MEANT_SALIENCE = 10.0  # what a clarification says it meant outweighs everything the conversation said before


def _meant_entity(meant: str) -> Entity:
    """What a clarification meant, as the most salient entity, of the kind its first mention says ("the diver who
    died": a person, by its head noun)."""
    found = mentions(meant, things=True)
    first = found[0] if found else None
    kind = first.kind if first is not None else "thing"
    if kind == "thing" and first is not None:
        kind = asked_kind(f"which {first.head}") or "thing"
    plural = first.plural if first is not None else False
    head = first.head if first is not None else meant.split()[-1].lower()
    return Entity(Mention(meant, kind, head, SUBJECT, plural, 0), MEANT_SALIENCE, 0)


def _lead(turn: str, content: str) -> list[str]:
    """The words of the turn before its content ("I heard that"): dropped from the question on purpose."""
    index = turn.find(content)
    return [turn[:index]] if index > 0 else []


def _references_in(turn: str) -> list[str]:
    return [r.text for r in references(turn)]
