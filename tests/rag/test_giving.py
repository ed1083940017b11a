"""What was given in return: "What did the US give in return?" is answered by "In exchange, Washington has offered
selective tariff relief ...", which says neither "give" nor "in return". A verb of giving is not asked of the
sentence (rag/answer/evidence.py, ``giving_verbs``), and "in exchange" holds the "in return" asked
(``other_wording``, ``rag.text.CONNECTIVE_WORDINGS``, which the keyword search reads too)."""

from __future__ import annotations

import re

from rag.answer import evidence
from rag.answer.evidence import giving_verbs, other_wording
from tests.rag.answerers import passage

DEAL = passage("deal", "Beijing has agreed to resume rare-earth and magnet shipments for a 90-day period. In exchange, "
               "Washington has offered selective tariff relief and has signaled its readiness to reassess export "
               "restrictions on advanced chip design tools.")
TALKS = passage("talks", "US officials have framed the talks as productive engagement on shared economic priorities, "
                "while analysts said US manufacturers still face customs delays.")
LOANS = passage("loans", "In return for the loans, the banks demanded collateral from US manufacturers.")
QUESTION = "What did the US give in return?"


def test_what_was_given_in_return_is_answered_by_what_was_offered_in_exchange(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer(QUESTION, [TALKS, DEAL])
    assert answer.grounded and answer.answer.startswith("In exchange, Washington has offered selective tariff relief")
    assert answer.citations[0].doc_id == "deal"


def test_without_the_verb_of_giving_read_so_it_is_declined(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(evidence, "_GIVING", re.compile(r"(?!)"))
    assert not generator.answer(QUESTION, [TALKS, DEAL]).grounded  # "give" asked of every sentence: none says it


def test_in_exchange_holds_the_return_asked(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def coverage() -> float:  # the share of the question's terms the "In exchange" sentence holds
        pool = generator.generator.rank(QUESTION, [TALKS, LOANS, DEAL])
        return next(c.coverage for c in pool if c.text.startswith("In exchange"))

    held = coverage()
    monkeypatch.setattr(evidence, "CONNECTIVE_WORDINGS", {})
    assert coverage() < held  # "return" is asked (another sentence says it), and "In exchange" no longer holds it


def test_what_is_a_verb_of_giving() -> None:
    assert giving_verbs(QUESTION) == frozenset({"giv"})
    assert giving_verbs("Which shipping line was running the Ever Given?") == frozenset()  # a name, not a verb
    assert giving_verbs("What is the US giving up in the deal?") == frozenset()  # giving up is what is done
    assert other_wording("In exchange, Washington has offered relief.", frozenset({"return"})) == frozenset({"return"})
    assert other_wording("Washington has offered relief in return.", frozenset({"return"})) == frozenset()
