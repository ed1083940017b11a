"""A government's seat stands for its country ("Beijing has agreed" is China agreeing): held as the country by the
answerer's checks and scores. Articles here are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.evidence import holds
from rag.answer.support_checks import article_text, missing_in
from rag.claims.seats import aliases
from tests.rag.answerers import passage

AGREED = ("Under the terms of the deal, Beijing has agreed to resume magnet shipments for a 90-day period, providing "
          "relief to manufacturers.")


def test_a_seat_standing_alone_names_its_country() -> None:
    assert "china" in aliases(AGREED)
    assert {"us", "america"} <= aliases("In exchange, Washington has offered tariff relief.")
    assert "china" in aliases("While Beijing continues to manage its exports, buyers wait.")  # a sentence's first word
    assert {"us", "china"} <= aliases("Tensions between Washington and Beijing grew.")  # beside another government
    assert "washington" in aliases("US officials welcomed it.")  # and the country its seat


def test_a_seat_inside_a_longer_name_or_as_a_city_names_no_country() -> None:
    for text in ("George Washington crossed the river.", "The Washington Post reported it.",
                 "She studied at the University of Washington.", "Washington state grows apples.",
                 "The talks were held in Beijing last week.", "Paris Hilton attended.",
                 "It drains parts of six states: Utah, Oregon, and Washington, with most in Idaho."):
        assert not aliases(text), text


def test_an_adjective_of_the_country_is_not_its_seat() -> None:
    assert "japanese" not in aliases("Beijing halted all shipments to Tokyo.")  # "Japanese agency" is no Tokyo


def test_an_article_naming_the_seat_holds_the_country_asked_about() -> None:
    assert holds(AGREED, ([], ["China"]))
    assert not holds("The talks were held in Beijing.", ([], ["China"]))  # the city, not the government
    assert not holds("Tokyo has agreed to resume shipments.", ([], ["China"]))
    assert missing_in("How long has China agreed to resume magnet shipments?", article_text(AGREED)) == ""
    assert missing_in("How long has Japan agreed to resume magnet shipments?", article_text(AGREED))



def test_a_figure_the_seat_agreed_to_is_the_countrys(generator: Answerer) -> None:
    # without the seat read as the country, the article lacked "China" and the question was declined
    answer = generator.answer("How long has China agreed to resume magnet shipments?",
                              [passage("a", AGREED),
                               passage("b", "Industry groups in Europe welcomed the news of the agreement.")])
    assert answer.grounded and "90-day" in answer.answer

