"""Questions news readers ask that a sentence answers only with its context: who said a quotation that runs over
two sentences, which company of the country the question names, and when the event asked about (not another
one the same sentence dates) happened. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, describe, find_conflicts
from rag.answer.events import dated_event, happening_terms
from rag.answer.origin import asked_origin, tied_elsewhere
from rag.answer.quotes import asks_what_was_said, continues, naming_verbs, speaker_asked
from rag.claims.extract import analyze, typed
from rag.claims.kinds import Value, answers_as, asked, asks_speaker, asks_who_acts, fits, in_question
from rag.claims.parse import names
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="the question's verb is read by spaCy")

_QUOTED = ("Shipments resumed on Monday after a month-long halt. “This is a pause, not a settlement,” said Dr. Mara "
           "Okafor, a trade economist at the Lisbon Institute. “Unless buyers find other suppliers, the country "
           "stays exposed to the next halt.” Port officials expect volumes to recover by spring.")



@pytest.mark.parametrize("before, sentence, expected", [
    ("“This is a pause,” said Dr. Mara Okafor, an economist.", "“Buyers stay exposed.”", True),
    ("“This is a pause,” Okafor said.", "“Buyers stay exposed.”", True),
    ("“This is a pause.", "Buyers stay exposed,” Okafor said.", True),  # the quote opened before its speaker
    ("“This is a pause,” said Okafor.", "“Buyers stay exposed,” said Lee.", False),  # a speaker of its own
    ("Okafor is an economist.", "“Buyers stay exposed.”", False),  # no speaker named before
    ("“This is a pause,” said Okafor.", "Port officials expect a recovery.", False),  # not a quotation
])
def test_a_quotation_goes_on_in_the_sentence_after_its_speaker(before: str, sentence: str, expected: bool) -> None:
    assert continues(before, sentence) is expected


def test_a_title_is_not_a_name_of_its_own() -> None:
    assert [value for _, _, value in names("“It is a pause,” said Dr. Mara Okafor, an economist.")] == ["Mara Okafor"]


@pytest.mark.parametrize("question, expected", [
    ("Who warned that the country stays exposed?", True),
    ("Which economist said the halt was a pause?", True),
    ("Who has argued for other suppliers?", True),
    ("Which analysts warned about the halt?", True),  # several of them
    ("Which U.S. officials are quoted?", True),
    ("Which materials economist called the halt a pause?", True),  # called it so: said it
    ("Which agency reported the country's refining share?", True),  # a source giving a figure
    ("According to which agency does the country refine most of the ore?", True),
    ("Which organization estimated the share?", True),
    ("Who won the election?", False),
    ("Who owns the port?", False),
    ("Which agency buys the ore?", False),
])
def test_a_question_asking_who_said_something_asks_for_the_speaker(question: str, expected: bool) -> None:
    assert asks_speaker(question) is expected


@needs_parser
def test_who_warned_is_answered_by_the_speaker_named_in_the_sentence_before_the_warning(generator: Answerer) -> None:
    answer = generator.answer("Who warned that the country stays exposed unless buyers find other suppliers?",
                              [passage("trade", _QUOTED)])
    assert answer.grounded and "Mara Okafor" in answer.answer
    # each sentence of the quotation is quoted with its citation: nothing is attributed after the fact
    assert answer.answer.count("[1]") == 2 and not (answer.trace or {}).get("attributed")


@needs_parser
def test_a_source_a_sentence_is_attributed_to_is_still_no_answer_to_who_did_it(generator: Answerer) -> None:
    answer = generator.answer("Who halted the shipments?", [
        passage("trade", "Shipments were halted for a month, according to Mara Okafor, a trade economist.")])
    assert not answer.grounded


@pytest.mark.parametrize("question, expected", [
    ("Which Australian company runs the largest plant?", "aust"),
    ("What U.S. state hosts the mine?", "us"),
    ("Which French president signed it?", "fran"),
    ("Which company runs the largest plant?", ""),
    ("What Grammy award did she win?", ""),
])
def test_the_country_a_question_asks_about_by_its_adjective(question: str, expected: str) -> None:
    assert asked_origin(question) == expected


def test_a_name_tied_to_another_country_in_its_clause() -> None:
    sentence = "While US-based firms like Borel Metals got federal loans, and Australia's Karinga has grown, output lags."
    at = {name: Value("organization", name, start=sentence.index(name)) for name in ("Borel Metals", "Karinga")}
    assert tied_elsewhere(at["Borel Metals"], sentence, "aust") and not tied_elsewhere(at["Karinga"], sentence, "aust")
    assert not tied_elsewhere(at["Borel Metals"], sentence, "us")  # "US" and "American" are one country
    assert not tied_elsewhere(at["Borel Metals"], sentence, asked_origin("Which American firm got loans?"))


@needs_parser
def test_a_company_of_another_country_is_no_answer_and_no_disagreement(generator: Answerer) -> None:
    answer = generator.answer("Which Australian company runs the largest refinery outside China?", [
        passage("a", "Karinga Resources runs the largest refinery outside China, in Western Australia."),
        passage("b", "While US-based firms like Borel Metals have won federal loans to build refineries, and "
                     "Australia's Karinga has expanded, capacity outside China remains small."),
    ])
    assert answer.grounded and "Karinga Resources" in answer.answer
    assert "Borel Metals" not in answer.answer and not answer.conflicts


def test_the_event_a_sentence_dates() -> None:
    sentence = "The mine operated for decades until competition forced its closure in 2015."
    date = next(v for v in analyze([sentence], use_model=False)[0] if v.kind == "date")
    assert dated_event(date, sentence) == "closure"
    opening = "In 2015, the mine changed hands."
    assert dated_event(next(v for v in analyze([opening], use_model=False)[0] if v.kind == "date"), opening) == ""
    season = "The studio confirmed that the winter season ends on March 21, and a new one starts after it."
    assert dated_event(next(v for v in analyze([season], use_model=False)[0] if v.kind == "date"), season) == "ends"


@needs_parser
def test_the_date_a_season_ends_does_not_answer_when_the_game_was_released(generator: Answerer) -> None:
    update = passage("update", "Emberfall's developers confirmed that the current season ends on August 21.")
    assert not generator.answer("When was Emberfall released?", [update]).grounded
    assert "August 21" in generator.answer("When does the current season of Emberfall end?", [update]).answer


@needs_parser
def test_the_date_of_another_event_does_not_answer_when_something_happened(generator: Answerer) -> None:
    mine = passage("mine", "The Karinga mine operated for decades until low prices forced its closure in 2015. "
                           "Ownership later passed to Borel Metals.")
    assert not generator.answer("When did Borel Metals buy the Karinga mine?", [mine]).grounded
    closed = generator.answer("When did the Karinga mine close?", [mine])
    assert closed.grounded and "2015" in closed.answer
    bought = generator.answer("When did Borel Metals buy the Karinga mine?", [
        passage("deal", "Borel Metals acquired the Karinga mine in 2017 for $50 million.")])
    assert bought.grounded and "2017" in bought.answer  # another word for the event asked is the same event


@needs_parser
def test_when_something_took_place_is_answered_by_a_sentence_that_dates_it_in_other_words(generator: Answerer) -> None:
    talks = passage("talks", "The accord easing cobalt export rules emerged from lengthy talks conducted in Lima "
                             "during March 2024. Dockworkers expect the first vessels to leave on Friday.")
    for question in ("When did the talks take place?", "When did the talks happen?"):
        answer = generator.answer(question, [talks])
        assert answer.grounded and "March 2024" in answer.answer, question
    assert happening_terms("When did the talks take place?", ("date",)) == {"tak", "plac"}
    assert happening_terms("Which team took first place?", ("organization",)) == frozenset()  # what is asked


@needs_parser
def test_a_name_in_a_sentence_that_does_not_say_the_thing_asked_is_no_side_of_a_disagreement() -> None:
    question = "Who declared that the deal includes commitments to supply magnets?"
    conflicts = find_conflicts(question, [
        Cited("Despite President Halvorsen's declaration that the deal includes commitments to supply magnets, "
              "analysts urge caution.", 1, "a"),
        Cited("The United States has reached a short-term deal to resume exports of magnets.", 2, "b"),
    ])
    assert conflicts == []
    # two sentences that both say it, naming different people, still disagree
    assert [c.kind for c in find_conflicts(question, [
        Cited("President Halvorsen declared that the deal includes commitments to supply magnets.", 1, "a"),
        Cited("Minister Ostrova declared that the deal includes commitments to supply magnets.", 2, "b"),
    ])] == ["disagreement"]


def test_a_weight_of_what_a_question_counts_is_no_count(generator: Answerer) -> None:
    turbine = passage("turbine", "Each turbine requires approximately 0.5-1.0 kg of rare minerals, engineers said. "
                                 "The plant in Callao opened last spring.")
    assert not generator.answer("How many rare minerals are there?", [turbine]).grounded
    for question in ("How much rare mineral material does a turbine need?",
                     "How many kilograms of rare minerals does each turbine need?"):  # counted in kilograms
        needed = generator.answer(question, [turbine])
        assert needed.grounded and "0.5-1.0 kg" in needed.answer, question
    plant = "The plant produces 500 megawatts of power."  # counted in the question's own unit: an answer
    value = next(v for v in analyze([plant], use_model=False)[0] if v.kind in ("count", "quantity"))
    assert answers_as(value, plant, asked("How many megawatts of power does the plant produce?"),
                      "How many megawatts of power does the plant produce?")


@needs_parser
def test_dates_of_another_event_on_the_same_topic_are_no_disagreement() -> None:
    question = "When did Kovinia stop cobalt exports to Marland?"
    stopped = Cited("In 2011, amid a border dispute with Marland, Kovinia stopped all cobalt shipments to its "
                    "neighbour without notice.", 1, "a")
    conflicts = find_conflicts(question, [stopped, Cited(
        "Kovinia suspends cobalt export licensing requirements implemented on March 3, 2024.", 2, "b")])
    assert [c.kind for c in conflicts] == ["scope"]  # the requirements' date, not the stop's
    assert "different events" in describe(conflicts[0])
    # two articles dating the stop itself still disagree
    assert [c.kind for c in find_conflicts(question, [stopped, Cited(
        "In 2013, Kovinia stopped all cobalt shipments to Marland, officials said.", 3, "c")])] == ["disagreement"]


@pytest.mark.parametrize("key, question, expected", [
    ("united states", "Who warned that the US stays exposed?", True),
    ("united states", "Who warned that the U.S. stays exposed?", True),
    ("international monetary fund", "What did the IMF say about it?", True),
    ("united states", "Who runs the business?", False),
])
def test_a_name_the_question_writes_by_its_initials_is_in_the_question(key: str, question: str, expected: bool) -> None:
    assert in_question(Value("place", key.title(), key=key), question) is expected


def test_a_country_acting_answers_who_but_not_which_company_or_think_tank() -> None:
    sentence = "Beijing emphasized the stability of material flows."
    beijing = Value("place", "Beijing", start=0, end=7)
    for question, expected in [("Who emphasized the stability of material flows?", True),
                               ("Which team emphasized the stability of material flows?", True),
                               ("Which think tank emphasized the stability of material flows?", False),
                               ("Which company emphasized the stability of material flows?", False)]:
        acting = asks_who_acts(question)
        assert fits(beijing, asked(question), sentence if acting else "") is expected, question


def test_a_possessive_inside_a_capitalized_span_joins_two_names() -> None:
    found = [v for _, _, v in names("and Australia's Karinga has expanded, as has Tesla's Elon Musk.")]
    assert found == ["Australia", "Karinga", "Tesla", "Elon Musk"]
    assert [v for _, _, v in names("and Moody's Investors Service cut it.")] == ["Moody's Investors Service"]


@needs_parser
def test_two_parties_joined_by_a_hyphen_before_a_noun_are_no_name() -> None:
    assert [v.text for v in analyze(["The U.S.-China rare earth deal operates within broader patterns."])[0]] == []
    assert "Rolls-Royce" in [v.text for v in analyze(["Rolls-Royce engines power the jet."])[0]]


@pytest.mark.parametrize("question, expected", [
    ("What did Mara Okafor call the deal?", {"call"}),
    ("How did the analysts describe the pause?", {"describ"}),
    ("What does the ministry call its new rules?", {"call"}),
    ("What is a call option?", set()),  # no one is asked what they called something
    ("Who called the meeting?", set()),
])
def test_the_verb_of_a_question_asking_what_someone_called_a_thing(question: str, expected: set[str]) -> None:
    assert naming_verbs(question) == expected
    assert asks_what_was_said(question) is bool(expected)


def test_a_question_asking_what_someone_said() -> None:
    assert asks_what_was_said("What did Scott Bessent say about the reports?")
    assert not asks_what_was_said("Where did Laura Chen earn her doctorate?")


def test_what_someone_called_a_thing_is_answered_by_their_quotation(generator: Answerer) -> None:
    answer = generator.answer("What did Mara Okafor call the deal?", [passage("trade", _QUOTED)])
    assert answer.grounded and "a pause, not a settlement" in answer.answer


@pytest.mark.parametrize("question, expected", [
    ("What does Trump say about the deal?", "Trump"),
    ("What did Dr. Mara Okafor say about the halt?", "Mara Okafor"),  # the name, without its title
    ("What did Reuters say about the port?", "Reuters"),
    ("What did analysts say about the halt?", ""),  # no one named
    ("What did she call it?", ""),
    ("What did Watt add to the steam engine?", ""),  # what was done, not said
    ("What does 'Pax Mongolica' mean?", ""),  # what a word means
])
def test_whom_a_question_asks_what_they_said(question: str, expected: str) -> None:
    assert speaker_asked(question) == expected


def test_what_someone_said_is_not_answered_by_a_sentence_that_does_not_name_them(generator: Answerer) -> None:
    passages = [passage("trade", "Dr. Mara Okafor toured the harbour on Monday. The port deal is a pause between "
                                 "escalations, the harbour board wrote.")]
    answer = generator.answer("What did Mara Okafor say about the port deal?", passages)
    assert "harbour board" not in answer.answer  # the board's words are not hers
    answer = generator.answer("What did Mara Okafor say about the halt?", [passage("trade", _QUOTED)])
    assert answer.grounded and "Okafor" in answer.answer
