"""The asker's own case carries over a conversation: a descriptive follow-up, declined under the bar of a
question about a third party, is judged by the bar of advice questions when an earlier user turn spoke of the
asker's own case."""

from __future__ import annotations

import pytest

from rag.conversation.advice import advice_follow_up, advice_settings, own_case
from rag.conversation.reader import Reading
from rag.settings import AnswerSettings
from tests.rag.conversations import chat, engine_over

APPEALS = ("Appeals\n\nAn appellate court does not hold a new trial or hear new witnesses. In most cases it looks at "
           "two things: whether a legal mistake was made in the trial court, and whether that mistake changed the "
           "final decision. The party who files the appeal is called the appellant.")
GARDEN = "Tomatoes\n\nTomatoes need six hours of sun each day. Water them in the morning, at the roots."


def test_the_asker_s_own_case_is_read_from_earlier_user_turns() -> None:
    mine = Reading("What are the grounds for an appeal?", "as typed", users=["I need to prepare for my hearing."])
    theirs = Reading("What are the grounds for an appeal?", "as typed", users=["How do courts work in California?"])
    assert own_case(mine) and advice_follow_up(mine)
    assert not own_case(theirs) and not advice_follow_up(theirs)
    told = Reading("How are they taxed?", "as typed", users=["Where are preferred stocks traded?"],
                   answers=["You can buy them through a brokerage account."])
    assert own_case(told)  # an answer speaking to the asker: a help-desk conversation
    assert not own_case(Reading("How are they taxed?", "as typed", users=told.users,
                                answers=["Preferred stocks trade on exchanges."]))
    assert not advice_follow_up(Reading("When was the court founded?", "as typed", users=mine.users))  # typed
    assert not advice_follow_up(Reading("What are the grounds for an appeal?", "first turn"))  # no conversation
    settings = AnswerSettings()
    assert advice_settings(settings).min_support == settings.descriptive_min_support < settings.min_support
    assert settings.min_support == AnswerSettings().min_support  # the answerer's own settings are untouched


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    return engine_over({"appeals.txt": APPEALS, "garden.txt": GARDEN}, tmp_path_factory.mktemp("advice-corpus"),
                       tmp_path_factory.mktemp("advice-index"), minilm)


QUESTION = "What are the grounds for lodging an appeal?"


def test_a_follow_up_about_the_asker_s_case_is_answered_where_a_third_party_one_is_not(engine) -> None:  # type: ignore[no-untyped-def]
    mine = chat(engine, "I lost my case and I am preparing for my appeal.", "An appellant files the appeal [1].", QUESTION)
    assert mine.grounded and {c.doc_id for c in mine.citations} == {"appeals"}
    assert "asker's own case" in mine.trace["query"]["support"]
    theirs = chat(engine, "How do the courts of a state work?", "An appellant files the appeal [1].", QUESTION)
    assert not theirs.grounded  # the same question about a third party keeps the higher bar
