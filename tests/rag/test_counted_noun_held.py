"""A how-many question's noun is held by an answer that counts it in its own word ("11 workers" of "How many people
...?"), so a paraphrase of the rest ("lost their lives" / "the death of") is no decline; a count written after a noun
and "of" ("a crew of 25 Indian nationals") counts that noun. Articles here are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.evidence import candidates
from tests.rag.answerers import passage


def test_a_count_of_people_by_their_trade_holds_the_people_asked(generator: Answerer) -> None:
    rig = passage("epa", "Norland Oil settlement. On 20 April 2010 the drilling rig Sea Lantern exploded and sank, "
                         "resulting in the death of 11 workers on the Sea Lantern and a large spill of oil. The company "
                         "later agreed to pay a fine.")
    answer = generator.answer("How many people on the rig lost their lives in the blast?", [rig])
    assert answer.grounded and "11 workers" in answer.answer, answer.answer
    counted = candidates("How many people on the rig lost their lives in the blast?", [rig], None, None)
    assert counted[0].text.startswith("On 20 April 2010") and counted[0].coverage > 0.3


def test_a_count_written_after_its_noun_and_of_counts_that_noun(generator: Answerer) -> None:
    ship = passage("ap", "Ever Norland held. The Kessia Canal Authority held the ship in a lake. A crew of 25 Indian "
                         "nationals remain on board the vessel. There were 15 ships behind it when it ran aground.")
    answer = generator.answer("How many crew members were on the ship?", [ship])
    assert answer.grounded and answer.answer.startswith("A crew of 25 Indian nationals"), answer.answer
    counted = {c.text[:12]: [v.text for v in c.on_values]
               for c in candidates("How many crew members were on the ship?", [ship], None, None)}
    assert counted["A crew of 25"] == ["25 Indian nationals"] and counted["There were 1"] == []
