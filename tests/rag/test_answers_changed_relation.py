"""Sentences worded like the question with one thing changed, which the extractive answerer must not answer from:
the asked relation negated ("had not proven" for "had proven"), another of a series ("the second empire" for the
third), a count of something else than the noun asked ("two Navy bases" and a city's population, asked how many
Marine bases), and the opposite of a question's "failed to". And the readings under them: a count counts the plural
noun past the names qualifying it, and digits with an ordinal's ending count nothing. Articles here are written for
the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import counted_noun
from rag.answer.focus import mismatch, negated_relation, other_member
from rag.claims.parse import figures
from tests.rag.answerers import passage

DECLINED = "do not answer"


def test_a_sentence_negating_the_asked_relation_does_not_answer(generator: Answerer) -> None:
    passages = [passage("ruling", "The appeals tribunal held that the regulator had not proven that the merger raised "
                                  "prices for Kessian shoppers."),
                passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")]
    answer = generator.answer("What did the appeals tribunal say the regulator had proven?", passages)
    assert DECLINED in answer.answer and not answer.citations
    # asked what was not proven, the same sentence answers
    negated = generator.answer("What did the appeals tribunal say the regulator had not proven?", passages)
    assert negated.grounded and "merger raised prices" in negated.answer


def test_a_time_bound_or_a_word_said_both_ways_is_no_negated_relation() -> None:
    assert negated_relation("When was the ban lifted?", "The ban was not lifted until March 2019.") == ""
    assert negated_relation("Who won the election?", "Smith, who had never won an election, won it in 2010.") == ""
    assert negated_relation("What did Kessia agree to suspend?",
                            "Kessia did not agree to suspend the export controls on gallium.") == "agree"
    assert negated_relation("What did Kessia not agree to suspend?",
                            "Kessia did not agree to suspend the export controls on gallium.") == ""


def test_another_of_a_series_does_not_answer(generator: Answerer) -> None:
    passages = [passage("history", "Norland's second republic was founded in 1871, after the war with Kessia."),
                passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")]
    third = generator.answer("When was the third Norland republic founded?", passages)
    assert "1871" not in third.answer
    second = generator.answer("When was the second Norland republic founded?", passages)
    assert second.grounded and "1871" in second.answer


def test_an_ordinal_tells_a_series_only_after_a_determiner() -> None:
    assert other_member("When was the third empire founded?", "the second German Empire was founded") == "third/second"
    assert other_member("Who finished second?", "Smith finished first, ahead of Jones.") == ""
    assert other_member("When was the second phase signed?", "The first phase was signed in 2020, and the second in "
                                                              "2022.") == ""


def test_failing_to_do_something_is_asked_as_what_is_not() -> None:
    assert mismatch("What have many members failed to join?", "Many members have gone on to join armed groups.")
    assert not mismatch("What have many members failed to join?", "Many members failed to join the new party.")


def test_a_count_of_another_noun_does_not_answer_how_many(generator: Answerer) -> None:
    passages = [passage("city", "With an estimated population of 853,382 in 2014, Port Kessia is the 12th most "
                                "populous city of Norland."),
                passage("harbour", "Its riverine location hosts two Norland Navy bases and the Port of Kessia.")]
    navy = generator.answer("How many Navy bases are located in Port Kessia?", passages)
    assert navy.grounded and "two Norland Navy bases" in navy.answer
    assert "853,382" not in navy.answer and not navy.conflicts


def test_a_count_counts_the_plural_noun_past_the_names_qualifying_it() -> None:
    counts = {f.text: f.unit for f in figures("It hosts two United States Navy bases, and 5 Chinese companies, "
                                              "Three Democrats said no; it is the 12th most populous city.")
              if f.kind == "count"}
    assert counts == {"two United States Navy bases": "bases", "5 Chinese companies": "companies",
                      "Three Democrats": "democrats"}
    assert counted_noun("Marine bases are located".split()) == "bases"
    assert counted_noun("U.S. troops were sent".split()) == "troops"
    assert counted_noun("people died".split()) == "people"
    assert counted_noun("Americans were killed".split()) == "americans"


def test_asked_whether_it_is_a_sentence_saying_it_is_not_answers() -> None:
    assert negated_relation("Are cobalt deposits scarce?", "Cobalt deposits are not scarce in Kessia.") == ""
    assert negated_relation("In Kessia, which deposits are scarce?", "Cobalt deposits are not scarce there.") == "scarce"


def test_a_negation_corrected_beside_it_is_no_negated_relation() -> None:
    assert negated_relation("When did the court rule that the board could only propose that there must be fines?",
                            "In 2007 the court ruled that the board could not propose what the fines could be, only "
                            "that there must be some.") == ""
    assert negated_relation("What did Kessia ban?", "Kessia did not ban cobalt exports, but imports.") == ""


def test_asked_which_town_only_a_place_called_a_town_answers() -> None:
    from rag.answer.evidence import candidates
    from rag.claims.records import ClaimCache
    from rag.types import Passage

    article = ["President Adams is making a third visit to the U.S. Gulf coast to inspect the leak.",
               "After arriving in Louisiana, shortly before he was driven to the town of Port Elm, Adams told "
               "reporters that Kessia Oil should pay all compensation claims."]
    found = candidates("Which town on the Louisiana coast did Adams visit during his third trip?",
                       [Passage(doc_id="visit", chunk_id=f"visit:{i}:x", title="Visit", text=text, score=0.5)
                        for i, text in enumerate(article)], None, None, ClaimCache())
    answers = {c.passage.chunk_id: [v.text for v in c.on_values] for c in found}
    assert answers == {"visit:0:x": [], "visit:1:x": ["Port Elm"]}


def test_a_measure_counts_no_noun_asked(generator: Answerer) -> None:
    answer = generator.answer("How many seabirds had been killed by the oil when the Norland fishing ban began?", [
        passage("spill", "Kessia Spill. Containment ships captured approximately 800,000 barrels of oil before the "
                         "Norland fishing ban began, and the spill released 134 million gallons of oil."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")])
    assert DECLINED in answer.answer and not answer.citations


def test_the_other_of_a_legal_pair_is_another_relation() -> None:
    assert mismatch("How much did Kessia Drilling pay to settle the criminal case?",
                    "January 3, 2013: $1 billion civil settlement with Kessia Drilling.") == \
        "the sentence says the opposite (criminal/civil)"
    assert mismatch("Which countries import cobalt?", "Norland and Kessia export cobalt.") != ""


def test_a_verb_of_declaring_dates_the_state_it_declares() -> None:
    from rag.answer.events import asked_event
    assert asked_event("On what date was the Norland well declared permanently sealed?") == "sealed"
    assert asked_event("When was the state of emergency declared?") == "declared"


@pytest.mark.parametrize("question, sentence, why", [
    ("What were the weekly carriage fees for the channels?", "The deal fixes annual carriage fees of 30m for the "
     "channels.", "the sentence names another of its kind (weekly/annual)"),
    ("Why did the Norland operations succeed in 1755?", "Norland operations in 1755 all failed, due to poor "
     "management.", "the sentence says the opposite (succeed/failed)"),
    ("What did the 2007 report suggest had been decreasing?", "A 2007 study suggested that sea levels have been "
     "rising.", "the sentence says the opposite (decreasing/rising)"),
    ("The speaker seeks a balance between similar viewpoints and whom?", "The speaker seeks a balance between "
     "different viewpoints and parties.", "the sentence says the opposite (similar/different)"),
])
def test_a_period_or_a_direction_changed_is_another_relation(question: str, sentence: str, why: str) -> None:
    assert mismatch(question, sentence) == why


def test_the_same_period_is_no_other() -> None:
    assert mismatch("What were the annual carriage fees for the channels?",
                    "The deal fixes annual carriage fees of 30m for the channels.") == ""
