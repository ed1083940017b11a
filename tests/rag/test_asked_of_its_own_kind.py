"""Answers of the kind the question names, not a nearby one: unanswerable questions of the news dev sets were
answered with a name or a figure of another kind. "Which hospital in Chiang Rai were the rescued boys taken to?"
got "Narongsak Osottanakorn" (no hospital is named); "Which company supplied the fertilizer?" a police service;
"In what year did the WTO issue its ruling?" the year Beijing halted shipments; "How strong were the wind gusts?"
a ship's tonnage; "How much has BP spent on cleaning up the water?" a Clean Water Act penalty; "the name of the diver
who was with Saman Kunan" Saman Kunan himself, under his rank. Each case a test declines or answers differently was
answered otherwise by the code before these checks (this file run against main `e831755`: all 16 tests fail
there)."""

from __future__ import annotations

from rag.answer import events
from rag.claims.kinds import NAME, Value, asked, asked_dimension, fits, in_question
from rag.types import Answer, Passage
from tests.rag.answerers import passage


def _declined_alone(generator, question: str, wrong: Passage, right: Passage, expected: str) -> Answer:  # type: ignore[no-untyped-def]
    """Declined over ``wrong`` alone (the check on), answered with ``expected`` once ``right`` is beside it."""
    assert not generator.answer(question, [wrong]).grounded
    answer = generator.answer(question, [wrong, right])
    assert answer.grounded and expected in answer.answer
    return answer


HOSPITAL = passage("rescue", "The rescued boys were taken to hospital by helicopter, Narongsak Osottanakorn said.")
NAMED_HOSPITAL = passage("hospital", "The boys were taken to Prachanukroh Hospital after the rescue, officials "
                         "said.")


def test_an_institution_asked_for_is_named_as_one(generator) -> None:  # type: ignore[no-untyped-def]
    question = "Which hospital were the rescued boys taken to?"  # (a governor is no hospital)
    answer = _declined_alone(generator, question, HOSPITAL, NAMED_HOSPITAL, "Prachanukroh Hospital")
    assert answer.citations[0].doc_id == "hospital"


def test_an_institution_the_sentence_calls_one_answers(generator) -> None:  # type: ignore[no-untyped-def]
    called = passage("called", "The boys were taken to Prachanukroh, the largest hospital in the province, after "
                     "the rescue, officials said.")
    answer = generator.answer("Which hospital were the rescued boys taken to?", [HOSPITAL, called])
    assert answer.grounded and answer.citations[0].doc_id == "called"


FERTILIZER = passage("report", "The report found that the Norwegian Police Security Service (PST) were aware of "
                     "Anders Behring Breivik purchasing fertilizer that could be used to make a bomb.")
SUPPLIER = passage("supplier", "The fertilizer was bought from Agri Supply Ltd, a farm supply company, in May.")


def test_a_public_body_or_a_person_is_no_company(generator) -> None:  # type: ignore[no-untyped-def]
    _declined_alone(generator, "Which company supplied the fertilizer used to make the bomb?", FERTILIZER, SUPPLIER,
                    "Agri Supply Ltd")


def test_the_noun_a_light_verb_carries_is_the_event_asked() -> None:
    assert events.asked_event("When did the WTO issue its ruling?") == "ruling"
    assert events.carried_event("When did the WTO issue its ruling?")
    assert events.asked_event("When was the appeal filed?") == "appeal"
    assert events.asked_event("When did MP Materials buy the mine?") == "buy"
    assert not events.carried_event("When did MP Materials buy the mine?")


HALT = passage("halt", "In 2010, amid a maritime standoff with Japan, Beijing halted all rare earth shipments to "
               "Tokyo, triggering a trade complaint at the WTO.")
RULED = passage("ruled", "The WTO ruled against China in 2014, finding its export quotas broke trade rules.")


def test_a_date_of_another_event_answers_no_ruling(generator) -> None:  # type: ignore[no-untyped-def]
    answer = _declined_alone(generator, "In what year did the WTO issue its ruling against China?", HALT, RULED, "2014")
    assert answer.citations[0].doc_id == "ruled"


def test_a_record_field_dates_its_label() -> None:
    from rag.claims.extract import analyze

    record = "Court: Oslo District Court; Date Decided: 2012-08-24; Judges: Wenche Elizabeth Arntzen"
    (date,) = [v for v in analyze([record])[0] if v.kind == "date"]
    assert events.dated_event(date, record) == "decided"


WINDS = passage("winds", "The 224,000-ton vessel was buffeted by strong winds on the morning of 23 March and ended "
                "up wedged across the waterway.")
GUSTS = passage("gusts", "Gusts of up to 40 knots pushed the ship against the bank, the canal authority said.")


def test_a_winds_strength_is_its_speed(generator) -> None:  # type: ignore[no-untyped-def]
    question = "How strong were the wind gusts when the ship went aground?"
    assert asked(question) == ("quantity", "count") and asked_dimension(question)[0] == "length/hour"
    assert asked("How strong is China's position?") == ()  # a description, not a measure
    _declined_alone(generator, question, WINDS, GUSTS, "40 knots")  # (a tonnage is no wind)


PENALTY = passage("decree", "Under the consent decree BP will pay a Clean Water Act civil penalty of $5.5 billion, "
                  "the Justice Department said.")


def test_words_inside_a_name_hold_nothing_asked(generator) -> None:  # type: ignore[no-untyped-def]
    assert not generator.answer("How much has BP spent on cleaning up the beaches and the water?", [PENALTY]).grounded
    answer = generator.answer("How much will BP pay as a civil penalty?", [PENALTY])
    assert answer.grounded and "$5.5 billion" in answer.answer


def test_a_name_under_its_rank_is_the_questions() -> None:
    question = "What was the name of the diver who was with Saman Kunan when he lost consciousness?"
    ranked = Value("person", "Retired Petty Officer First Class Saman Kunan", 0, 0, "",
                   key="retired petty officer first class saman kunan")
    assert in_question(ranked, question)
    other = Value("person", "Rear Adm. Apakorn Yukongkaew", 0, 0, "", key="rear adm apakorn yukongkaew")
    assert not in_question(other, question)
    # only a rank or a title before it: a headline read as one name ends with the question's words, and is new
    headline = Value("person", "Abigail Johnson Named CEO of Fidelity Investments", 0, 0, "",
                     key="abigail johnson named ceo of fidelity investments")
    assert not in_question(headline, "Who is the new CEO of Fidelity Investments?")


def test_a_title_or_an_acronym_is_no_person() -> None:
    assert not fits(Value(NAME, "Retired Petty Officer", 0, 0, ""), ("person",))
    assert not fits(Value(NAME, "CPR", 0, 0, ""), ("person",))
    assert fits(Value(NAME, "CPR", 0, 0, ""), ("person", "organization"))  # who: a body may be the answer
    assert fits(Value(NAME, "Saman Kunan", 0, 0, ""), ("person",))


def test_a_following_paragraph_naming_what_is_asked_holds_it(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.retrieval.following import FOLLOWS

    question = "Which shipping line was running the Ever Given when it got stuck?"
    headline = passage("aground", "Container ship runs aground, blocks Suez Canal")
    after = headline.model_copy(update={"chunk_id": "aground:1:y", "scores": {FOLLOWS: 1.0}, "text": (
        "The Ever Given container ship, operated by the Taiwanese shipping company Evergreen, ran aground on "
        "Tuesday.")})
    answer = generator.answer(question, [headline, after])
    assert answer.grounded and "Evergreen" in answer.answer
    # a following paragraph that does not name the ship is still held to its article's retrieved text
    other = after.model_copy(update={"text": "The container ship, operated by the Taiwanese shipping company "
                                             "Evergreen, ran aground on Tuesday."})
    assert not generator.answer(question, [headline, other]).grounded


def test_what_figure_asks_a_figure() -> None:
    assert asked("What figure did the canal authority eventually cut its compensation demand to?") == (
        "money", "count", "quantity", "percentage")
    assert asked("What sum did BP agree to pay?")[0] == "money"
    assert asked("Which figures in the government were named?") != ("money", "count", "quantity", "percentage")
    assert asked("What figure of speech is used?") == ()


def test_a_figure_said_initially_is_no_figure_reached_eventually() -> None:
    from rag.answer.focus import opposite_in

    question = "What figure did the canal authority eventually cut its compensation demand to?"
    assert opposite_in(question, "The authority initially sought a $916m compensation package.")
    assert not opposite_in(question, "The authority initially sought $916m and eventually cut it to $550m.")
    assert opposite_in("What did the authority initially demand?", "The claim was later reduced to $550m.")


TRIAL = passage("trial", "The trial of Anders Behring Breivik, the perpetrator of the 2011 Norway attacks, took place "
                "between 16 April and 22 June 2012 in Oslo District Court.")
FRIDAY = passage("friday", "Two separate violent attacks took place on Friday, police said.")


def test_what_took_place_is_the_event_its_date_is_of(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.claims.extract import analyze

    assert events.asked_event("On which day did the twin attacks take place?") == "attacks"
    assert events.asked_event("When did the explosion happen?") == "explosion"
    dates = [v for v in analyze([TRIAL.text])[0] if v.kind == "date" and v.text == "16 April"]
    assert [events.dated_event(v, TRIAL.text) for v in dates] == ["trial"]
    # the trial's dates (and the attacks' year, no day) answer no day of the attacks
    answer = _declined_alone(generator, "On which day did the twin attacks take place?", TRIAL, FRIDAY, "Friday")
    assert answer.citations[0].doc_id == "friday"


def test_a_weekday_answers_only_the_day_asked() -> None:
    from rag.claims.kinds import answers_as

    friday = Value("date", "Friday", 4, 4, "weekday", start=38, end=44, vague=True)
    assert answers_as(friday, FRIDAY.text, ("date",), "On which day did the attacks take place?")
    assert not answers_as(friday, FRIDAY.text, ("date",), "When did the attacks take place?")
    march = Value("date", "23 March", 3, 3, "day-of-year", start=10, end=18)
    assert not answers_as(march, "It ran on 23 March.", ("date",), "On what day of the week did it run aground?")


def test_what_someone_made_of_a_thing_asks_their_view() -> None:
    from rag.answer.quotes import asks_what_was_said, speaker_asked

    assert asks_what_was_said("What did Narongsak make of Musk's submarine?")
    assert speaker_asked("What did Narongsak make of Musk's submarine?") == "Narongsak"
    assert not asks_what_was_said("What did the company make last year?")
