"""A country every other retrieved article gives is the collection's topic, not what one passage must repeat; a
place the question names by its adjective is no answer to it; the size of a sum asks for money. Articles here are
written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.kinds import asked
from tests.rag.answerers import passage

TOPIC = [passage("b", "Norway and Chile signed a cobalt accord. Norway will ship more cobalt to Chile's refiners."),
         passage("c", "Chile welcomed the accord with Norway, though Norway keeps its permit scheme.")]



def test_a_country_every_other_article_gives_need_not_be_in_the_answering_passage(generator: Answerer) -> None:
    # the passage that answers never writes Chile or Norway: the other articles do, so they are the topic; the
    # question was declined ("the article does not name 'Chilean'")
    passages = [passage("a", "The framework granting temporary relief from cobalt export curbs emerged from careful "
                             "negotiations conducted in Portugal during May."), *TOPIC]
    answer = generator.answer("In which country did the Norwegian and Chilean negotiators hammer out the cobalt "
                              "framework?", passages)
    assert answer.grounded and "Portugal" in answer.answer


def test_a_country_no_other_article_gives_is_still_required(generator: Answerer) -> None:
    # "Japanese" is in no retrieved article: the question asks of something the articles do not cover
    passages = [passage("a", "Lynas Minerals runs the largest cobalt refinery outside Norway."), *TOPIC]
    answer = generator.answer("Which Japanese company refines cobalt outside Norway?", passages)
    assert not answer.grounded


def test_a_description_need_not_repeat_the_topic_country_either(generator: Answerer) -> None:
    # the passage names neither China ("Chinese" is not "China") nor the U.S.; both are in every other article:
    # declined as not holding the names the question gives
    passages = [passage("a", "Rather than granting blanket permits, the Chinese trade ministry will run fast-track "
                             "batch clearance for each shipment."),
                passage("b", "China and the U.S. agreed on rare earth shipments. China will send more magnets to "
                             "U.S. plants."),
                passage("c", "The U.S. welcomed the accord with China, though China keeps its permit scheme.")]
    answer = generator.answer("Rather than granting blanket permits, what procedure will China's trade ministry use "
                              "to speed rare earth shipments to the U.S.?", passages)
    assert answer.grounded and "batch clearance" in answer.answer


def test_a_place_the_question_names_by_its_adjective_is_no_answer(generator: Answerer) -> None:
    # "Chilean" names Chile: "exports from Chile" was quoted as where the talks were held
    passages = [passage("a", "The story is driven by the structure of cobalt supply chains and the policy framework "
                             "governing cobalt exports from Chile, which shapes prices worldwide."),
                passage("b", "Fish prices fell in May. Dockworkers went on strike in June.")]
    answer = generator.answer("In which country did the Norwegian and Chilean negotiators hammer out the cobalt "
                              "framework?", passages)
    assert "Chile" not in answer.answer


@pytest.mark.parametrize("question", ["How large was the federal funding package the refiner received?",
                                      "How much investment did the refiner receive?"])
def test_the_size_of_a_sum_asks_for_money(question: str) -> None:
    assert asked(question) == ("money",)


def test_how_many_of_a_unit_asks_a_quantity_not_a_sum_or_a_share(generator: Answerer) -> None:
    assert asked("How many tonnes does the refinery process per year?") == ("quantity",)
    passages = [passage("a", "Building a refinery takes multi-billion dollar investments and 5-10 years. Norway holds "
                             "roughly 70% of cobalt refining."),
                passage("b", "Nordkobolt runs the largest cobalt refinery outside Chile.")]
    assert not generator.answer("How many tonnes does Nordkobolt's refinery process per year?", passages).grounded


def test_a_country_in_a_question_for_a_body_still_says_which_answers_count(generator: Answerer) -> None:
    # "in Norway" qualifies the agency asked for: an agency of a passage that names no Norway is another's
    passages = [passage("a", "The Nordic Stockpile Agency keeps buying cobalt in Norway for its strategic reserve."),
                passage("d", "The Lisbon Metals Agency also holds some cobalt stocks."), *TOPIC]
    answer = generator.answer("Which agency is buying cobalt for a strategic reserve in Norway?", passages)
    assert answer.grounded and "Nordic Stockpile Agency" in answer.answer
    assert "Lisbon" not in answer.answer and not answer.conflicts
