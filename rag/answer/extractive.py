"""The default answerer: quotes the sentences that best answer the question, each cited; needs no model."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rag.answer import designation, gather, inventory
from rag.answer.descriptive import describe, descriptive
from rag.answer.events import asked_event
from rag.answer.evidence import Candidate, SentenceVectors, articles_of, candidates, headline, retrieved
from rag.answer.finalize import DECLINE
from rag.answer.groups import group_answer, holds_every_term
from rag.answer.guessed import also_guessed
from rag.answer.kind_named import ENUMERATED, LISTED, NAMED, asked_noun, asks_plural, enumerates, lists_members, members, names_one
from rag.answer.mentions import mentioning, thing_mentioned
from rag.answer.named_article import READ_NAMED
from rag.answer.own_words import own_words
from rag.answer.parts import pieces, read
from rag.answer.quotes import asks_what_was_said
from rag.answer.stance import other_side
from rag.answer.support_checks import holds_figures_given, lacks, unqualified
from rag.citations import cite
from rag.claims.extract import in_words
from rag.claims.kinds import Value, asked, asks_for_list, asks_speaker, other_measure, same
from rag.claims.variants import twins
from rag.protocols import Embedder
from rag.retrieval.following import FOLLOWS, position_of
from rag.retrieval.other_side import PART
from rag.settings import AnswerSettings
from rag.text import content_terms, split_sentences
from rag.types import Passage

PART_QUOTES = 2  # at most this many sentences a part of a two-part question adds (rag/answer/parts.py)


def _adds_nothing(a: Candidate, b: Candidate) -> bool:
    """True when sentence ``a`` says nothing that ``b`` does not (a repeat, or a shorter copy).

    Two near-identical sentences that differ in a name or a figure are not repeats: they disagree.
    """
    return a.terms <= b.terms and a.numbers <= b.numbers


def _passage_best(supported: list[Candidate], pool: list[Candidate]) -> dict[str, float]:
    """The best score of any sentence of each passage that holds a supported candidate."""
    wanted = {c.passage.chunk_id for c in supported}
    best: dict[str, float] = {}
    for c in pool:
        if c.passage.chunk_id in wanted:
            best[c.passage.chunk_id] = max(best.get(c.passage.chunk_id, 0.0), c.score)
    return best


def _twins(chosen: list[Candidate], pool: list[Candidate], limit: int) -> list[Candidate]:
    """Sentences of other articles worded like a quoted one but for a changed figure or name: the other side
    of a disagreement (an article copied with its answer swapped), quoted so that the reader sees both."""
    extra: list[Candidate] = []
    for candidate in pool:
        if len(extra) >= limit:
            break
        if candidate in chosen or candidate in extra:
            continue
        quoted = [c for c in chosen + extra if c.passage.doc_id != candidate.passage.doc_id]
        if any(twins(c.text, candidate.text) for c in quoted) and \
                not any(c.text == candidate.text for c in chosen + extra):
            extra.append(candidate)
    return extra


ITEMS = 6  # list items quoted at most after a quoted line that introduces them
_BULLET = re.compile(r"[ \t]*(?:[\u2022\-*\u2013\u00b7\u25aa\u25e6]|\d{1,2}[.)])[ \t]*")


def _with_items(chosen: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
    """A quoted line that introduces a list ("Strategic partnerships are emerging to coordinate ...:") says what
    follows, not the answer: the list's items are quoted after it (at most ``ITEMS``, past one sub-heading line),
    each cited with the same passage."""
    out: list[Candidate] = []
    for c in chosen:
        out.append(c)
        if c.text.rstrip().endswith(":"):
            out += [item for item in _items_after(c, pool) if item not in chosen and item not in out]
    return out


def _items_after(lead: Candidate, pool: list[Candidate]) -> list[Candidate]:
    text = lead.passage.text
    cursor = text.find(lead.text)
    if cursor < 0:
        return []
    cursor += len(lead.text)
    mine = {c.text: c for c in pool if c.passage.chunk_id == lead.passage.chunk_id}
    if _SAYS_WHAT_FOLLOWS.search(lead.text):  # "..., said:" opens a quotation set as the next paragraph
        if text[cursor:].strip():
            return _quoted_after(text, cursor, mine)
        at = position_of(lead.passage.chunk_id)  # the paragraph is the next chunk's (read after this one)
        after = next((c.passage for c in pool if c.passage.doc_id == lead.passage.doc_id
                      and position_of(c.passage.chunk_id) == at + 1), None) if at >= 0 else None
        return _quoted_after(after.text, 0, {c.text: c for c in pool if c.passage.chunk_id == after.chunk_id}) \
            if after is not None else []
    items: list[Candidate] = []
    for sentence in split_sentences(text[cursor:]):
        at = text.find(sentence, cursor)
        if at < 0:
            break
        cursor = at + len(sentence)
        if not _BULLET.fullmatch(text[text.rfind("\n", 0, at) + 1:at]):  # no bullet or number opens its line
            if sentence.rstrip().endswith(":") and not items:
                continue  # a sub-heading before the items ("Critical Minerals Partnerships:")
            break
        if sentence in mine:
            items.append(mine[sentence])
        if len(items) >= ITEMS:
            break
    return items


# a line ending in a verb of saying and a colon opens a quotation in the paragraph after it (a statement quoted
# whole, "The agency's director said:"), whose sentences are what was said
_SAYS_WHAT_FOLLOWS = re.compile(r"\b(?:said|says|say|stated|states|added|adds|wrote|writes|told\s+[\w\s.'\u2019-]{1,40}?|"
                                r"explained|continued|warned|noted|announced|tweeted|posted)\s*:\s*$", re.I)
QUOTED = 3  # sentences of such a quotation quoted at most


def _quoted_after(text: str, cursor: int, mine: dict[str, Candidate]) -> list[Candidate]:
    """The sentences of the paragraph after ``cursor`` (the one a "said:" line opens), those the pool holds."""
    paragraph = re.split(r"\n\s*\n", text[cursor:].lstrip(), maxsplit=1)[0]
    return [mine[sentence] for sentence in split_sentences(paragraph)[:QUOTED] if sentence in mine]


# Another article's place is quoted as the other side of a where-question only this close to the answer's score:
# nearly every sentence of the news names a country ("exports from China"), so a place in a sentence that only
# shares the topic is no answer ("In which country were the talks held?": Malaysia, not China).
PLACE_SIDE_WITHIN = 0.75  # ... unless it says the event asked ("Born in Dayton" for "Where was Thomas Reed born?")


def _says_event(sentence: str, event: str) -> bool:
    """The sentence holds the question's verb in some form ("born", "Born"; "held", "holds")."""
    return bool(event) and any(w[:4] == event[:4] for w in re.findall(r"[a-z]+", sentence.lower()) if len(w) >= 4)
CORROBORATED = 0.05  # how far below the bar an answer may score when other articles answer the same question too
SECOND_WITHIN = 0.85  # ...with their own best answer at least this share of its score


# Kinds rare enough in text that two articles holding one about what is asked corroborate an answer: every
# sentence with a year holds a date, and most hold a name, so those say little.
RARE_KINDS = frozenset({"duration", "percentage", "money", "quantity", "count"})


def _bar(supported: list[Candidate], bar: float) -> float:
    """The typed bar, lowered by ``CORROBORATED`` when articles other than the best one's also hold an answer
    of the kind asked about what is asked, close to it in score, and that kind is a figure rarer than a date
    (``RARE_KINDS``): several sources answering the question (the same value, or sides of a disagreement) is
    evidence that the question is answered, though each is worded apart from it ("How long does the deal
    last?": "the one-year suspension", "a 90-day period")."""
    if not supported or not any(v.kind in RARE_KINDS for v in supported[0].on_values):
        return bar
    best = supported[0]
    if any(c.passage.doc_id != best.passage.doc_id and c.score >= SECOND_WITHIN * best.score
           and any(v.kind in RARE_KINDS for v in c.on_values) for c in supported[1:]):
        return bar - CORROBORATED
    return bar


def _listed(candidate: Candidate) -> bool:
    """A list item under the line that introduces it: a fragment with that line's words as its context."""
    return bool(candidate.context) and not candidate.antecedent and not candidate.header and not candidate.parts


def _holding(question: str, pool: list[Candidate]) -> list[Candidate]:
    """The candidates of the articles that hold the figures the question gives and no changed form of a name it
    gives (``lacks``: "the Six-Day War" for "the Seven-Day War", "37° 9' 58.23"" for "37° 8' 59.23""). A
    question of no answer kind is answered by its best sentence on meaning and shared terms, and one worded
    like the question but for one changed name or figure scores high (SQuAD 2.0's unanswerable questions are
    made that way); the typed path has the same check (``evidence._type``)."""
    lacking = lacks(question, articles_of(pool), changed_only=True)
    return [c for c in pool if not lacking.get(c.passage.doc_id)]


def _other_lists(noun: str, pool: list[Candidate], chosen: list[Candidate], limit: int) -> list[Candidate]:
    """For a question answered by a list of the class's members: each other article's sentence that lists a
    member already quoted beside others (a list of three metals in
    one article after another article's list sharing two of them), so that every member the articles give
    is quoted, each cited; ``limit`` at most."""
    known = set().union(*(members(c.text, noun) for c in chosen))
    docs = {c.passage.doc_id for c in chosen}
    extra: list[Candidate] = []
    for c in pool:
        if len(extra) >= limit:
            break
        listed = members(c.text)
        if c in chosen or c.mismatch or c.passage.doc_id in docs or not listed & known or listed <= known:
            continue
        extra.append(c)
        docs.add(c.passage.doc_id)
        known |= listed
    return extra


_BOUNDED = frozenset({"count", "quantity", "money", "percentage"})  # figures "at least ..." bounds (not dates: another
# date is more often another event's)


def _contradicts(value: Value, answer: Sequence[Value], given: Sequence[Value]) -> bool:
    """An exact figure that differs from an exact figure of the same measure the answer gives ("8 people" against
    "seven people"), though a bound quoted beside them admits both ("at least seven people"), and that no exact
    figure quoted already gives."""
    def exact(values: Sequence[Value]) -> list[Value]:
        return [g for g in values if g.kind == value.kind and g.unit == value.unit and g.low == g.high]

    return value.kind in _BOUNDED and value.low == value.high and not any(same(value, g) for g in exact(given)) and any(
        g.low != value.low and not other_measure(value, g) for g in exact(answer))


def _quoted_parts(question: str, candidate: Candidate) -> tuple[str, ...]:
    """The sentences of a candidate to quote. A quotation and its speaker are weighed as one (rag/answer/quotes.py)
    and both quoted when the question asks who said it or what someone said; asked anything else, only the
    sentences holding the values that answer it ("... 900 km north of Bangkok,” Rear Adm. Apakorn told reporters",
    not the quotation's first sentence before it), or both when no value says which."""
    if not candidate.parts or asks_what_was_said(question) or asks_speaker(question):
        return candidate.parts or (candidate.text,)
    held = candidate.on_values or candidate.answers
    kept, offset = [], 0
    for part in candidate.parts:
        if any(offset <= v.start < offset + len(part) for v in held):
            kept.append(part)
        offset += len(part) + 1
    return tuple(kept) or candidate.parts


_NEAR_TIE = 0.9  # a part's sentence scoring this near its best, already quoted, answers it as well


def _holding_part(part: str, candidate: Candidate, passages: Sequence[Passage]) -> Passage:
    """The passage a sentence of a candidate is cited on: its own, or, for the first half of a quotation that began
    in the chunk before (rag/answer/evidence.py, ``_sentences_of``), the passage of its article that holds it."""
    def flat(text: str) -> str:
        return " ".join(text.split())
    said = flat(part)
    if said in flat(candidate.passage.text):
        return candidate.passage
    return next((p for p in passages if p.doc_id == candidate.passage.doc_id and said in flat(p.text)),
                candidate.passage)


def _with_other_side(question: str, chosen: list[Candidate], pool: list[Candidate], limit: int) -> list[Candidate]:
    """Asked whether something was ended, the side the quoted sentences leave out, where another article of
    those read takes it (rag/answer/stance.py): after the first article's sentences, before the others'."""
    sides = other_side(question, chosen, pool, limit)
    if not sides:
        return chosen
    head = next((i for i, c in enumerate(chosen) if c.passage.doc_id != chosen[0].passage.doc_id), len(chosen))
    return chosen[:head] + sides + chosen[head:]


CONTINUED_WITHIN = 0.7  # the next sentence's score against the best one's, for it to be quoted as its continuation
CONTINUED_TERMS = 3  # ... holding at least this many of the question's words the best one lacks (two let through
# sentences that only share the topic: "However, the rainforest still managed to thrive ..." of a SQuAD question)


def _continued(question: str, chosen: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
    """The sentence after the best one in its passage, when it says what the question asks that the best one leaves
    out: ``CONTINUED_TERMS`` of the question's words or more that the best one lacks, and a score of at least
    ``CONTINUED_WITHIN`` of its ("Glazing tiles depends on careful chemistry ..." then "The process relies on feldspar
    and iron oxide to colour individual tiles evenly", asked what is used to colour individual tiles evenly). The best
    sentence is the answer's ground, the next one its detail."""
    best = chosen[0]
    text = best.passage.text
    at = text.find(best.text)
    if at < 0:
        return []
    after = [(text.find(c.text, at + len(best.text)), c) for c in pool
             if c.passage.chunk_id == best.passage.chunk_id and c is not best]
    after = [(i, c) for i, c in after if i >= 0]
    if not after:
        return []
    start, following = min(after, key=lambda pair: pair[0])
    if re.search(r"[A-Za-z]{3,}", text[at + len(best.text):start]):
        return []  # a sentence between them that is no candidate: the nearest candidate does not continue it
    unsaid = set(content_terms(question)) - best.terms
    if following in chosen or following.mismatch or following.score < CONTINUED_WITHIN * best.score \
            or len(unsaid & following.terms) < CONTINUED_TERMS:
        return []
    return [following]


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, embedder: Embedder, settings: AnswerSettings, vectors: SentenceVectors | None = None) -> None:
        self.embedder = embedder
        self.settings = settings
        self._vectors = vectors or SentenceVectors(embedder)

    def rank(self, question: str, passages: Sequence[Passage]) -> list[Candidate]:
        return candidates(question, passages, self._vectors, self.embedder.embed_query(question))

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        """A draft citing passages by number: each quoted sentence followed by its passage's [n]. Passages a part's
        own search found (``PART``) are read only for a part the others leave unanswered."""
        if any(READ_NAMED in p.scores for p in passages):  # the rest of the article the question names is read only
            # where the passages the search found (and the paragraphs after them) answer nothing
            # (rag/answer/named_article.py: those chunks come last, so the others keep their numbers)
            draft = list(self.stream(question, [p for p in passages if READ_NAMED not in p.scores]))
            if draft != [DECLINE]:
                yield from draft
                return
        searched = [p for p in passages if PART not in p.scores]
        pool = self.rank(question, searched)
        chosen = _with_items(self.select(question, pool), pool)
        relaxed = "" if chosen else unqualified(question, [p.text for p in searched])
        if relaxed:  # "Which US government departments ...?": "The Department of Defense ..." leaves the US unsaid
            pool = self.rank(relaxed, searched)
            chosen = _with_items(self.select(relaxed, pool), pool)
        added, parts = self._for_each_part(question, passages, chosen)
        chosen += added
        # asked what someone said: the quotation after the report (of a two-part question, asked by a later part:
        # "Whom did the minister blame, and how did he put it?")
        chosen[1:1] = next((words for part in (question, *parts[1:]) if (words := own_words(part, chosen, pool))), [])
        if not chosen:
            yield DECLINE
            return
        number = {p.chunk_id: i for i, p in enumerate(passages, start=1)}
        for i, candidate in enumerate(chosen):  # a quotation and its speaker: each sentence cited (quotes.py)
            yield (" " if i else "") + " ".join(cite(part, number[_holding_part(part, candidate, passages).chunk_id])
                                                for part in _quoted_parts(question, candidate))

    def _for_each_part(self, question: str, passages: Sequence[Passage],
                       chosen: list[Candidate]) -> tuple[list[Candidate], list[str]]:
        """For a question that asks two things (rag/answer/parts.py): what each part's own answer quotes that the
        whole question's reading left out (``PART_QUOTES`` sentences a part at most), and the parts as asked, each
        standalone (none for a question of one part)."""
        said = pieces(question)
        if len(said) < 2:
            return [], []
        quoted = {c.text for c in chosen}
        added: list[Candidate] = []
        asked: list[str] = []
        answers: list[str] = []  # (a later part's reference may be to what an earlier one was answered)
        searched = [p for p in passages if PART not in p.scores]
        for piece in said:
            part, inserted = read(piece, asked, answers) if asked else (piece, [])
            # (what a reference was read as is the part's topic, not what it asks: "he" of "in what area of law had
            # he specialised?" read as the judge; "Sir Karl, who practised shipping law" answers it)
            with also_guessed(inserted):
                own = self.select(part, self.rank(part, searched))
                if not own and len(searched) < len(passages):  # what the part's own search found (other_side.by_part)
                    own = self.select(part, self.rank(part, passages))
            asked.append(part)
            answers.append(own[0].text if own else "")
            if not own:
                continue  # unanswered
            new = [c for c in own if c.text not in quoted][:PART_QUOTES]
            if own[0].text in quoted and not descriptive(part):
                # its best sentence already quoted (a window's others still say more): another it scores nearly as
                # well still answers it ("What did they blame?": the sentence on the investigation scores best for
                # both parts, the one saying what was blamed next to it)
                new = [c for c in new[:1] if c.score >= _NEAR_TIE * own[0].score]
            quoted.update(c.text for c in new)
            added += new
        return added, asked

    def select(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        """The sentences to quote, best first; none when nothing supports an answer. A paragraph read after one
        of the best passages (rag/retrieval/following.py) is quoted only when its sentence answers best: then it
        leads, and the rest are the retrieved passages' sentences; otherwise the answer is the retrieved
        passages' alone."""
        return _with_other_side(question, self._chosen(question, pool), pool, self.settings.max_conflicting)

    def _chosen(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        chosen = self._select(question, pool)
        if len(retrieved(pool)) == len(pool):
            return chosen
        if chosen and FOLLOWS in chosen[0].passage.scores:
            return [chosen[0], *(c for c in chosen[1:] if FOLLOWS not in c.passage.scores)]
        again = self._select(question, retrieved(pool))
        noun = asked_noun(question)
        if again and noun and lists_members(again[0].text, noun):
            # a list of the same members in a paragraph read after them is another article's list all the same
            # (another article's metals, two of them named before): members shared are the evidence
            after = [c for c in pool if FOLLOWS in c.passage.scores]
            again += _other_lists(noun, after, again, self.settings.max_conflicting)
        return again

    def _select(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        """The sentences to quote, best first; none when nothing supports an answer.

        A question whose answer kind is known (who, which companies, when, how many, what share...) is
        answered only by sentences that hold a value of that kind about what it asks; otherwise by the
        best-scoring sentence (today's scorer).
        """
        thing = thing_mentioned(question)
        if thing is not None:  # "Which articles mention Lynas?": each article that does, by a sentence of its own
            return mentioning(thing, pool)
        listing = inventory.listed(question)
        if listing is not None:  # "Which companies are mentioned?": the fewest sentences naming every one
            return inventory.select(listing, pool, self._vectors)
        kinds = asked(question)
        if kinds:
            supported = [c for c in pool if c.shape_ok and c.on_scope]
            group = group_answer(question, pool)  # a group doing all that is asked, over a name that does less
            if group and supported and not holds_every_term(question, supported[0]):
                return group
            held = gather.holders(question, supported)  # who holds the role asked: its typed claim is the evidence
            if not supported or supported[0].score < _bar(supported, self.settings.typed_min_support):
                if not held or held[0].score < gather.ROLE_MIN_SUPPORT:
                    return group  # "Who is urging caution?": "analysts ... are urging caution"
                supported = held
            chosen = self._around(question, supported[0], pool)
            chosen += self._other_answers(question, supported, chosen, asks_for_list(question), pool)
            chosen += gather.other_holders(question, held, chosen, self.settings.max_conflicting)
            if not asks_for_list(question):
                chosen += gather.unanchored_sides(question, pool, chosen, self.settings.max_conflicting)
            return chosen + _twins(chosen, pool, self.settings.max_conflicting)
        if designation.asks_designation(question):  # "What nickname did the rescue get?": a sentence giving a
            # name answers ("dubbed "Mission Impossible""); one that gives none does not, however close its topic
            pool = [c for c in _holding(question, pool) if designation.gives_designation(c.text) and not headline(c)]
            if not pool or pool[0].score < self.settings.typed_min_support:  # (its shape checked, as a typed one's)
                return []
            chosen = self._around(question, pool[0], pool)
            return chosen + _twins(chosen, pool, self.settings.max_conflicting)
        named = designation.name_of(question)
        if named:  # "What was the name of the tug that led the tow?": a sentence naming a tug answers; "towed by tug
            # boats" names none, however close its topic
            pool = [c for c in pool if designation.names_the(c.text, named, question)]
            if not pool:
                return []
        noun = asked_noun(question)  # "Which tools ...?": a sentence naming tools of its own has an answer
        # (a yes/no question whether the articles say which members of a class ...: a list of them answers it)
        members_listed = bool(noun) and any(lists_members(c.text, noun) for c in pool)
        if descriptive(question) and not members_listed:  # how, why, yes/no, "what is X", requests: judged a passage at a time
            return describe(question, pool, self._vectors, self.embedder.embed_query(question), self.settings)
        # an article's title line names its story ("Elon Musk Sub 'Impractical,' Won't Be Used"), it states no
        # answer to a factoid question: it shares the question's names, not what is asked of them
        pool = [c for c in _holding(question, pool) if not headline(c)]
        # (a figure the question gives: "What did he say about the figure of 58?" is of a passage holding 58)
        pool = [c for c in pool if holds_figures_given(question, c.passage.text)] or pool
        if noun:
            # a sentence listing the class's members is judged with its passage: it is mostly names, and its
            # neighbours say what they are members of ("China suspends export licensing requirements ..." before
            # "The suspended materials include ...")
            passage_best: dict[str, float] = {}
            plural = asks_plural(question, noun)
            for c in pool:
                passage_best[c.passage.chunk_id] = max(passage_best.get(c.passage.chunk_id, c.score), c.score)
            for c in pool:
                if lists_members(c.text, noun) and not c.mismatch:  # (not one set aside: "Tell me more" of it)
                    c.score = passage_best[c.passage.chunk_id] + LISTED
                elif names_one(c.text, noun, question):
                    c.score += NAMED
                elif plural and enumerates(c.text, question) and not c.mismatch:
                    c.score += ENUMERATED
            pool.sort(key=lambda c: -c.score)
        if not pool or pool[0].score < self.settings.min_support:
            return []
        chosen = self._around(question, pool[0], pool)
        chosen[1:1] = _continued(question, chosen, pool)
        chosen += self._other_figures(pool, chosen)
        if noun and lists_members(pool[0].text, noun):
            chosen += _other_lists(noun, pool, chosen, self.settings.max_conflicting)
        return chosen + _twins(chosen, pool, self.settings.max_conflicting)

    def _around(self, question: str, best: Candidate, pool: list[Candidate]) -> list[Candidate]:
        """The best sentence, then the next best that add something, preferring other articles."""
        floor = max(self.settings.min_support, self.settings.keep_within * best.score)
        chosen = [best]
        unsaid = set(content_terms(question)) - best.terms  # what the question asks that the best sentence leaves out
        # (nor a sentence whose values of the kind asked were all ruled out: a date of another event, the figure
        # of someone else: it holds the kind asked, but no answer)
        rest = [c for c in pool if c is not best and c.score >= floor and c.shape_ok is not False
                and not (c.shape_ok and not c.answers)]
        while rest and len(chosen) < self.settings.max_sentences:
            docs = {c.passage.doc_id for c in chosen}
            pick = max(rest, key=lambda c: c.score - (0.1 if c.passage.doc_id in docs else 0.0))
            rest.remove(pick)
            if any(_adds_nothing(pick, c) for c in chosen):
                continue
            if best.numbers and pick.passage.doc_id in docs and not (pick.numbers - best.numbers) \
                    and not unsaid & pick.terms:
                continue  # same article, no new figure, none of the question's words the best one lacks ("lost" of
                # "What did China lose ...?" after a sentence dated 2010): adds length, not information
            if best.units and pick.units and not (pick.units & best.units):
                continue  # a figure of another measure (the cost, when the volume was asked)
            if best.numbers and (pick.on_values or pick.answers) and \
                    all(in_words(v) for v in pick.on_values or pick.answers):
                continue  # a share in words ("a small share of") beside a figure of it: the figure says more
            chosen.append(pick)
        return chosen

    def _other_answers(self, question: str, supported: list[Candidate], chosen: list[Candidate],
                       listing: bool, pool: list[Candidate]) -> list[Candidate]:
        """Sentences giving an answer not yet quoted: for a list question every candidate of the kind asked
        (each cited), else the best of each other article that gives a different value, so that when
        articles disagree (90 days vs one year; Trump vs Biden) the reader sees each side."""
        best = chosen[0]
        floor = self.settings.conflict_within * best.score
        limit = self.settings.max_sentences + 2 if listing else self.settings.max_conflicting
        given = [v for c in chosen for v in c.on_values]
        docs = {c.passage.doc_id for c in chosen}
        context = _passage_best(supported, pool)
        event = asked_event(question) if "place" in asked(question) else ""  # "Where was he born?": "born"
        extra: list[Candidate] = []
        for candidate in supported:
            if candidate in chosen:
                continue
            if len(extra) >= limit:
                break
            # A sentence that leans on the one before ("It opened in 1928") is judged with its passage: the
            # passage names what was asked about even when the sentence does not.
            # ... and an item of a list, worded as a fragment, is judged with the line introducing it (a heading
            # ending in a colon, then "a one-year term, renewable"), when it gives a figure
            # rarer than a date, as another article's side
            if candidate.unrelated:  # "the diver who died": divers who found the boys are no other side
                continue
            if candidate.score < floor and not (candidate.score >= floor / 2 and (
                    context.get(candidate.passage.chunk_id, 0.0) >= best.score
                    or (_listed(candidate) and any(v.kind in RARE_KINDS for v in candidate.on_values)))):
                continue
            new = [v for v in candidate.on_values if not any(same(v, g) for g in given)
                   or (candidate.score >= self.settings.typed_min_support and _contradicts(v, best.on_values, given))]
            if not new or (not listing and candidate.passage.doc_id in docs):
                continue
            if best.on_values and all(other_measure(v, b) for v in new for b in best.on_values):
                continue  # another measure than the answer's ("a 90-day period" after "over the past two years")
            if not listing and all(v.kind == "place" for v in new) and candidate.score < PLACE_SIDE_WITHIN * best.score \
                    and not _says_event(candidate.text, event):
                continue  # most sentences name a place: another article's, far below the answer, is no other side
            extra.append(candidate)
            docs.add(candidate.passage.doc_id)
            given += new
        return extra

    def _other_figures(self, pool: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
        """For a question that cannot be typed but is answered by a figure: the best sentence of each other
        article giving a different figure of the same measure (the same unit)."""
        best = chosen[0]
        if not best.numbers:
            return []
        floor = max(self.settings.min_support, self.settings.conflict_within * best.score)
        docs = {c.passage.doc_id for c in chosen}
        figures = set().union(*(c.numbers for c in chosen))
        extra: list[Candidate] = []
        for candidate in pool:
            if len(extra) >= self.settings.max_conflicting or candidate.score < floor:
                break
            if (candidate.passage.doc_id in docs or not candidate.numbers or not (candidate.numbers - figures)
                    or not candidate.units & best.units):
                continue
            extra.append(candidate)
            docs.add(candidate.passage.doc_id)
            figures |= candidate.numbers
        return extra
