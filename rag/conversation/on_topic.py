"""Only passages about the conversation answer a follow-up.

A follow-up is read in its conversation: "History best?" after turns about a TV series, "How many years,
think about adoption?" after turns about infertility. Its own search may still rank a passage of another
subject (a credit score's payment history, how long to own a house) high enough for the answerer to quote
it, which answers a question the user did not ask. Each passage the conversation search returns is compared,
by its stored vector, with the question read with the conversation's topic (the vector the search already
made: rag/conversation/search.py). An answer that cites only passages below ``FLOOR`` is not given: the turn
is answered again from the other passages, or declined. The passages are not dropped before answering: the
answerer weighs a question's words by how many retrieved passages hold them, and an expected passage now and
then scores below the floor too (it may still be quoted beside an on-topic one). First turns have no topic
and are answered as /v1/ask answers them.

Measured on the MTRAG human subset (README, "Round five"), cited passages of answered follow-ups against the
question with its topic: all 9 below 0.25 were wrong (7 cited another passage, 2 answered an unanswerable
turn); the lowest expected passage cited scored 0.299. On the rare-earth conversations the only cited
passage below 0.25 answered an unanswerable turn; the lowest expected one scored 0.280.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from rag.types import Passage

FLOOR = 0.25  # similarity to the question with its topic below which a passage is about something else


def off_topic(passages: Sequence[Passage], topic_vector: np.ndarray, stored: Mapping[str, np.ndarray],
              floor: float = FLOOR, people: Sequence[str] = ()) -> list[str]:
    """The chunk ids of the passages about something else than the conversation's reading of the turn. A
    passage without a stored vector is not judged, nor one that names a person the conversation is about: a
    quotation of "Dr. Laura Chen" under the heading "Industry Response and Outlook" is far from "What did Laura
    Chen call the deal?" by its vector, yet it is hers."""
    names = [n.lower() for n in people if n.strip()]
    return [p.chunk_id for p in passages
            if p.chunk_id in stored and float(np.dot(topic_vector, stored[p.chunk_id])) < floor
            and not any(n in p.text.lower() for n in names)]


def strays(cited: Sequence[str], off: Sequence[str]) -> bool:
    """Whether an answer rests only on passages about something else (it cites some, all of them off topic)."""
    return bool(cited) and set(cited) <= set(off)


def about_the_conversation(passages: Sequence[Passage], off: Sequence[str]) -> list[Passage]:
    """The passages left to answer from once those about something else are set aside."""
    drop = set(off)
    return [p for p in passages if p.chunk_id not in drop]
