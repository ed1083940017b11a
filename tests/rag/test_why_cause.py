"""Asked why, a passage's window is built on its sentence that gives a cause (rag/answer/descriptive.py,
``REASON``): "Why did the flow rate fall?" is answered by "as a result of depletion of the reservoir, the daily flow
rate decreased", not by the passage's sentence sharing more words ("62,000 barrels of oil per day were flowing at
the start")."""

from __future__ import annotations

from rag.answer import descriptive
from rag.answer.descriptive import states_cause
from tests.rag.answerers import passage

FLOW = passage("flow", "The teams estimate that 53,000 barrels of oil per day were leaking from the well just before "
               "it was capped. Recent measurements also show that, as a result of depletion of the hydrocarbon "
               "reservoir, the daily flow rate decreased over the 87 days. The estimate is uncertain by 10%.")
OTHER = passage("other", "Tourism in the region recovered within two years. Hotels reported record bookings.")
QUESTION = "Why did less oil leak per day towards the end than at the start?"


def test_the_window_asked_why_is_built_on_the_cause(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer(QUESTION, [FLOW, OTHER])
    assert answer.grounded and answer.answer.startswith("Recent measurements also show that, as a result of depletion")
    assert answer.citations[0].doc_id == "flow"


def test_without_the_cause_read_the_window_is_built_on_the_closest_words(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(descriptive, "REASON", 0.0)
    answer = generator.answer(QUESTION, [FLOW, OTHER])
    assert not answer.answer.startswith("Recent measurements")


def test_what_states_a_cause() -> None:
    assert states_cause("As a result of depletion of the reservoir, the rate fell.")
    assert states_cause("The plant closed because demand collapsed.")
    assert states_cause("Delays were due to customs checks.")
    assert not states_cause("The rate fell over the 87 days.")
    assert not states_cause("The plant closed in 2015.")
