"""The country a which-question qualifies its class by ("Which US government departments ...?") is the answer's own,
which a sentence naming a member of the class may leave unsaid ("The Department of Defense and Department of Energy
have identified ..."). When some retrieved article names that country, the answering one need not
(rag/answer/support_checks.py, ``said_qualifier``); when none does, the passages are about another country and the
question is declined as before."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.support_checks import unqualified
from rag.claims.kinds import asked
from tests.rag.answerers import extractive_answerer, passage

DEPARTMENTS = passage("policy", "Domestic processing needs coordinated support. The Department of Defense and Department "
                                "of Energy have identified critical materials as national security priorities, but "
                                "timelines extend beyond the agreement.")
TRADE = passage("trade", "Senior U.S. trade officials have described the arrangement as a technical de-escalation of the "
                         "dispute over critical materials.")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_a_member_named_without_the_country_answers(answerer: Answerer) -> None:
    answer = answerer.answer("Which US government departments have named critical materials a national security "
                             "priority?", [DEPARTMENTS, TRADE])
    assert answer.grounded and "Department of Defense" in answer.answer


def test_a_country_no_passage_names_is_still_lacking(answerer: Answerer) -> None:
    answer = answerer.answer("Which Japanese government departments have named critical materials a national "
                             "security priority?", [DEPARTMENTS, TRADE])
    assert not answer.grounded


def test_a_person_of_a_body_is_a_person() -> None:
    # "navy" names a body; "navy SEAL", "army officer", "party members" name people of it
    assert asked("What was the name of the former navy SEAL who died during the rescue?") == ("person",)
    assert asked("Which army officer led the convoy?") == ("person",)
    assert asked("Which navy sent ships?") == ("organization",)


def test_a_place_keeps_its_country() -> None:
    # "In what Irish city ...?" asks of Irish cities: asked again without "Irish" it would take any city
    irish = ["Huguenots settled in Dublin, Cork and Portarlington in Ireland."]
    assert unqualified("In what Irish city can signs of the Huguenots be seen?", irish) == ""
    assert unqualified("Which Irish agency runs the archive?", irish) == "Which agency runs the archive?"


def test_a_name_written_as_its_acronym_is_held(answerer: Answerer) -> None:
    # "Coast Guard" written "USCG" (the country's letters before the name's)
    story = passage("spill", "The rig sank two days after the blast. On 24 April, USCG Rear Admiral Mary Landry announced "
                             "that the damaged wellhead was leaking.")
    answer = answerer.answer("Which Coast Guard officer announced that the damaged wellhead was leaking?", [story])
    assert answer.grounded and "Mary Landry" in answer.answer
