"""Dates of the event asked: a birth or a death is said in its own words ("succeeded ... as Great Khan in 1251" dates
no birth), and a when-question asked within a year ("In what month in 1349 ...?") is not answered by a date of
another year (rag/answer/events.py ``no_life_event``; rag/answer/evidence.py). Both came up once older years were
read as dates (claims 25): SQuAD 2.0's unanswerable questions then found a date in every medieval passage."""

from __future__ import annotations

import pytest

from rag.answer import evidence
from rag.answer.answerer import Answerer
from rag.answer.events import no_life_event
from rag.claims.extract import typed
from tests.rag.answerers import passage

pytestmark = pytest.mark.skipif(not typed(), reason="the asked event is read by spaCy")

ACCESSION = passage("khans", "Möngke Khan succeeded Güyük as Great Khan of the Mongol Empire in 1251.")
BIRTH = passage("life", "Möngke Khan was born in 1209, the eldest son of Tolui.")
SPREAD = passage("spread", "The first wave of the plague ended in 1349. The second wave of the plague reached England in "
                           "March 1350, spreading from the Low Countries.")


def test_a_birth_is_said_in_its_own_words() -> None:
    assert no_life_event("born", ACCESSION.text) and not no_life_event("born", BIRTH.text)
    assert not no_life_event("born", "Möngke Khan (1209-1259) ruled the Mongol Empire.")  # a life's span
    assert not no_life_event("acquired", ACCESSION.text)  # only births and deaths


def test_the_date_of_an_accession_is_no_birth_date(generator: Answerer) -> None:
    assert not generator.answer("When was Möngke Khan born?", [ACCESSION]).grounded
    answer = generator.answer("When was Möngke Khan born?", [ACCESSION, BIRTH])
    assert answer.answer.startswith("Möngke Khan was born in 1209") and len(answer.citations) == 1


def test_a_date_of_another_year_does_not_answer_within_a_year(generator: Answerer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    question = "In what month in 1349 did the second wave of the plague reach England?"
    assert not generator.answer(question, [SPREAD]).grounded
    monkeypatch.setattr(evidence, "_IN_YEAR", evidence.re.compile(r"(?!)"))  # the year asked within not read
    assert generator.answer(question, [SPREAD]).grounded
