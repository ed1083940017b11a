"""What the question asks beyond its words: polarity, opposites, whose figure, which holder of a role; and
declines when on-topic passages hold no answer about that focus."""

import pytest

from rag.answer.answerer import Answerer
from rag.answer.focus import asks_about_what_is_not, mismatch, opposite_in, other_member, other_ranking, says_not
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from tests.rag.answerers import passage as _p


def test_a_question_about_what_is_not_needs_a_sentence_that_says_not() -> None:
    assert asks_about_what_is_not("What did the treaties not seek to do?")
    assert asks_about_what_is_not("Which region didn't invent the machine gun?")
    assert not asks_about_what_is_not("Is it not only cheaper but also faster?")
    assert not asks_about_what_is_not("Who won the election?")
    assert says_not("The agency failed to publish its figures.")
    assert mismatch("What does not explain the failure of vaccines?", "These changes explain the failure of vaccines.")
    assert not mismatch("What does not explain the failure?", "Nothing in the trial explains the failure, and "
                                                               "the dose does not explain it either.")


@pytest.mark.parametrize(("question", "sentence", "opposite"), [
    ("Which islands comprise a larger number of electors?", "Orkney comprises a much smaller number of electors.",
     "larger/smaller"),
    ("In what year was there a mild drought?", "In 2010 the forest had another severe drought.", "mild/severe"),
    ("What does a receiver need to view unencrypted content?", "To view encrypted content a receiver needs a card.",
     "unencrypted/encrypted"),
    ("Where did the water flow westward?", "The water joined the easterly flow.", "westward/easterly"),
    ("What do the cells lack?", "The cells possess a simple defence.", "lack/possess"),
])
def test_a_sentence_stating_the_opposite_relation_does_not_answer(question: str, sentence: str, opposite: str) -> None:
    assert opposite_in(question, sentence) == opposite
    assert mismatch(question, sentence)


def test_bounds_and_words_inside_words_are_not_opposites() -> None:
    assert not opposite_in("Which company has the most plants?", "At least three plants belong to Lynas.")
    assert not opposite_in("When did the plants show new information?", "The plants showed capital formation.")
    assert not opposite_in("Which is the larger plant?", "The larger plant is bigger than the smaller one.")


def test_an_opposite_the_question_names_itself_is_a_side_it_asks_about() -> None:
    # "Western texts about the East": a sentence about the East does not say the opposite of "Western"
    assert not opposite_in("Early Western texts referencing the East describe the people as being what?",
                           "Early European studies of the Orient positioned the East as irrational.")
    assert not opposite_in("What separates encrypted from unencrypted content?", "Encrypted content needs a card.")
    assert not mismatch("Did exports rise or fall in May?", "Exports fall sharply in May.")
    # the same sentence still says the opposite of a question that names one side only
    assert opposite_in("What did early Western texts describe?", "Studies positioned the East as backward.") \
        == "western/east"


def test_a_sentence_ranking_the_same_thing_by_something_else_does_not_answer() -> None:
    assert other_ranking("What is the oldest work of Norman art?",
                         "By far the most famous work of Norman art is the Bayeux Tapestry.") == "oldest/most famous"
    assert other_ranking("What is China's largest port?", "Shanghai is China's largest port and busiest hub.") == ""
    assert other_ranking("What is the oldest work of Norman art?", "The oldest and most famous work is X.") == ""
    assert other_ranking("What is the largest city?", "Sydney is a city of interest.") == ""  # no ranking said


def test_a_sentence_naming_another_day_or_month_than_asked_does_not_answer() -> None:
    assert other_member("What sits on Tuesdays and Fridays?", "Parliament sits Tuesdays and Thursdays.") \
        == "friday/thursday"
    assert other_member("What sits on Fridays?", "Parliament sits Tuesdays and Fridays.") == ""
    assert other_member("What happened in March?", "Nothing is said of any month here.") == ""
    assert "another of its kind" in mismatch("What opened in June 2019?", "The plant opened in July 2019.")


def test_a_negated_question_is_declined_on_passages_that_only_say_the_affirmative(generator: Answerer) -> None:
    passages = [_p("eu", "The European Community originally focused on free movement of goods and a customs union. "
                         "Its founding treaties were signed in Rome.")]
    assert generator.answer("What did the European Community originally focus on?", passages).grounded
    assert not generator.answer("What did the European Community not originally focus on?", passages).grounded


def test_the_askers_own_case_or_a_correction_is_not_asking_what_is_not() -> None:
    assert not asks_about_what_is_not("I cannot get the select query to work, what steps should I take?")
    assert asks_about_what_is_not("Who called it a strategic pause, not a resolution?")  # quotes a negation
    assert not asks_about_what_is_not("That was not my question. I meant the continent.")
    assert not asks_about_what_is_not("I'm not understanding this term, what is Kubernetes?")
    assert asks_about_what_is_not("Why can't I apply a feature code?")  # asks why something is not the case
    assert asks_about_what_is_not("Which members did not sign the treaty?")


def test_a_question_told_with_the_askers_own_failure_is_answered_by_the_steps(generator: Answerer) -> None:
    passages = [_p("editor", "Query editor. With the query editor, you can run SQL queries on a host and database. "
                             "To run a query, type the SQL select statement in the editor and click Run.")]
    assert generator.answer("I cannot get my select query to run, how do I run a query in the editor?",
                            passages).grounded


def test_a_nearby_figure_of_another_subject_or_measure_is_not_an_answer(generator: Answerer) -> None:
    passages = [_p("analysis", "Today, China remains the dominant force in refined rare earths, controlling roughly "
                               "70% of global output. Australia's Lynas has expanded its mining operations."),
                _p("usgs", "China dominates global production, refining over 85% of the world's rare earths, "
                           "according to the U.S. Geological Survey.")]
    answer = generator.answer("How much of the world's rare earths does China refine?", passages)
    assert answer.grounded and "85%" in answer.answer
    assert not generator.answer("What share of rare earth mining does Australia control?", passages).grounded
    assert not generator.answer("What percentage of US rare earth demand does domestic production meet?",
                                passages).grounded


def test_the_holder_of_a_role_elsewhere_is_not_the_one_asked_about(generator: Answerer) -> None:
    passages = [_p("doctrine", "Indeed, President Xi's own remarks reflect a consistent doctrine: China must tighten "
                               "international production chains' dependence on China."),
                _p("deal", "Despite President Trump's declaration that the latest U.S.-China trade agreement "
                           "includes commitments on magnets, analysts urge caution.")]
    answer = generator.answer("Who is the U.S. president mentioned in the articles?", passages)
    assert "Xi" not in answer.answer
    if answer.grounded:
        assert "Trump" in answer.answer


def test_number_words_are_whole_words() -> None:
    (claims,) = analyze(["Xi's remarks reflect a consistent doctrine to tighten chains."], use_model=False)
    assert not [v for v in claims if v.kind in ("quantity", "count")]


def test_a_list_item_is_read_with_the_line_that_introduces_it(generator: Answerer) -> None:
    passages = [_p("guide", "Building competitive processing capacity outside China requires:\n"
                            "• Multi-billion dollar capital investments in specialised facilities\n"
                            "• 5-10 year development timelines from planning to production\n"
                            "• Extensive technical expertise in rare earth chemistry")]
    answer = generator.answer("How long does it take to develop a processing plant outside China?", passages)
    assert answer.grounded and "5-10 year" in answer.answer


def test_a_word_capitalized_by_its_position_is_no_ones_name(generator: Answerer) -> None:
    passages = [_p("history", "Historical precedent shows the challenges: Mountain Pass in California closed in 2015. "
                              "Consider contractors investing in domestic capabilities.")]
    assert not generator.answer("Which company now runs the Mountain Pass mine?", passages).grounded


@pytest.mark.parametrize(("question", "kinds"), [
    ("When rich countries trade with poor countries, whose wages increase?", ("person", "organization")),
    ("How many US presidents are alumni of the school?", ("count", "quantity")),
    ("For how many days will Beijing resume magnet shipments?", ("duration",)),
    ("In which country did the US and China negotiate the framework?", ("place",)),
    ("¿Cuántos imanes importó Tesla?", ()),
    # a follow-up's bare question word joined to the previous question asks what it asks, not the first one
    ("Who disputed the reports, and when?", ("date",)),
    ("Which materials were suspended from licensing, and since when?", ("date",)),
    ("Who disputed the reports, and why?", ()),
    # where someone works or studies: an employer or a school as often as a town
    ("Where does Laura Chen work?", ("organization", "place")),
    ("Where did she study?", ("organization", "place")),
    ("Where were the talks held?", ("place",)),
])
def test_answer_type_of_questions_worded_as_people_ask(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


@pytest.mark.parametrize("text", [
    "no entities here at all, only words and more words about nothing in particular",
    "Продажи выросли на 85 процентов в 2025 году, сообщила компания.",
    "| Stage | Share | Note |\n|---|---|---|\n| Processing | 85 per cent | Q3 2025 |\n| Magnets | 1.2bn | ~90% |",
    "The plant " + "and the other plant " * 400 + "closed in 2015.",
])
def test_bad_input_goes_through_the_answerer_without_error(generator: Answerer, text: str) -> None:
    for question in ("How many plants did not close?", "Which company has the larger share?",
                     "¿Cuántos imanes importó Tesla?", "What happened?"):
        answer = generator.answer(question, [_p("odd", text)], debug=True)
        assert answer.trace is not None and "asks_what_is_not" in answer.trace["question"]


def test_a_light_verb_and_a_verb_of_opinion_are_not_asked_of_the_sentence() -> None:
    from rag.answer.quotes import naming_verbs
    from rag.text import content_terms
    assert content_terms("What does antimony get used for?") == ["antimony", "used"]
    # what analysts think is what they said of it, rarely in the question's words: optional, as "call" is
    assert naming_verbs("What do analysts think of the deal?") == {"think"}

