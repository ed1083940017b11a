"""The asker's own case carries over a conversation.

The extractive answerer judges a descriptive question about the asker's own case ("How can I update my plan?",
"What risks would I be taking?") by the bar of advice questions, ``answer.descriptive_min_support``: the
passages that answer such questions rarely repeat their words (rag/answer/descriptive.py, ``bar``). A question
about a third party keeps ``answer.min_support``. In a conversation the asker states their case once ("I need
to prepare for my oral argument", "my credit card keeps failing") and then asks on without repeating "I" or
"my": "What are the grounds for lodging an appeal?" is still about the asker's appeal. So a descriptive
follow-up in a conversation whose earlier user turns speak of the asker's own case (or whose answers speak
to the asker: "you can buy them through a brokerage account"), declined under the third-party bar, is judged
once more by the advice bar.

Measured on the MTRAG human subset (README, "Round five").
"""

from __future__ import annotations

import re

from rag.answer.descriptive import descriptive
from rag.claims.kinds import asked
from rag.conversation.reader import Reading
from rag.settings import AnswerSettings

_OWN_CASE = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|our|us)\b", re.I)
_TO_THE_ASKER = re.compile(r"\b(?:you|your|you're|you'll|yourself)\b", re.I)


def own_case(reading: Reading) -> bool:
    """Whether an earlier user turn speaks of the asker's own case, or an earlier answer speaks to the asker
    about it ("You can buy them through a brokerage account"): a help-desk conversation."""
    return any(_OWN_CASE.search(turn) for turn in reading.users) or any(_TO_THE_ASKER.search(a) for a in reading.answers)


def advice_follow_up(reading: Reading) -> bool:
    """A descriptive follow-up (no typed answer) in a conversation about the asker's own case."""
    return bool(reading.users) and own_case(reading) and not asked(reading.query) and descriptive(reading.query)


def advice_settings(settings: AnswerSettings) -> AnswerSettings:
    """The answerer's settings with a descriptive question's bar that of an advice question."""
    return settings.model_copy(update={"min_support": min(settings.min_support, settings.descriptive_min_support)})
