"""Factoid declines on on-topic passages: an article that lacks a name or a figure the question gives (another
person, another ordinal or date, another place) cannot support the answer, however close its wording."""

import pytest

from rag.answer.answerer import Answerer
from rag.answer.support_checks import ArticleText, figures_asked, lacks, missing_in, names_asked
from rag.claims.kinds import asked
from tests.rag.answerers import extractive_answerer
from tests.rag.answerers import passage as _p


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_the_names_and_figures_a_question_gives() -> None:
    assert names_asked("In what year did Mary Okafor become the first director of the Lagos museum?") == [
        ["Mary", "Okafor"], ["Lagos"]]
    assert names_asked("Who was Mr. Patel's deputy?") == [["Patel"]]  # a title is not part of the name
    assert names_asked("Which companies outside China process rare earths?") == []  # excluded, not required
    assert names_asked("When was the bridge opened?") == []  # the first word is capitalized by its position
    assert figures_asked("When was the port ranked 14th, after 6,000 ships in the 1990's?") == ["14", "6000", "1990"]
    assert figures_asked("When was the third Starfall 2 game released in 2012?") == ["2012", "3"]  # "Starfall 2": a name


@pytest.mark.parametrize(("question", "article", "held"), [
    ("When did Mary Okafor open the museum?", "Joy Okafor opened the museum in 1961.", False),  # another person
    ("When did Joy Okafor open the museum?", "Joy Okafor opened the museum in 1961.", True),
    ("When was the port ranked 14th in the world?", "In 2019 the port was ranked 41st in the world.", False),
    ("When was the port ranked 41st in the world?", "In 2019 the port was ranked 41st in the world.", True),
    ("How much water reaches the Swiss border?", "About 900 m3/s reaches the Austrian border.", False),
    ("What do English towns export?", "Towns in England export wool.", True),  # a nationality and its country
    ("What will Kovina's ministry approve?", "The Kovinese ministry will approve batch permits.", True),  # and back
    ("When did the Chinatown bakery open?", "The Chinese bakery opened downtown in 1990.", False),  # not a country
    ("What did the NWC publish?", "The National Water Commission published a report.", True),  # an acronym
    ("What did the USGS find?", "The U.S. Geological Survey found reserves.", True),
    ("What did Saarbrucken build?", "Saarbrücken built a bridge.", True),  # accents aside
    ("What did Okafur build?", "Okafor built a bridge.", True),  # one letter off in a long word
    ("How many ships did 2,400 sailors crew?", "Some 2400 sailors crewed 30 ships.", True),
    # a short snippet about the subject that does not repeat its name is not worded like the question
    ("When was Starfall released?", "The game was launched on May 15, 2012.", True),
])
def test_an_article_holds_the_names_and_figures_of_the_question(question: str, article: str, held: bool) -> None:
    assert (missing_in(question, ArticleText(article)) == "") is held


def test_lacks_reports_per_article_and_nothing_when_the_question_names_nothing() -> None:
    found = lacks("When did Joy Okafor open the museum?", {"a": "Joy Okafor opened the museum in 1961.",
                                                            "b": "Mary Okafor opened the museum in 1961."})
    assert found["a"] == "" and "Okafor" in found["b"]
    assert lacks("When was the museum opened?", {"a": "It opened in 1961."}) == {}


@pytest.mark.parametrize(("asked_for", "changed"), [
    ("When did Joy Okafor open the Lagos museum?", "When did Mary Okafor open the Lagos museum?"),
    ("When was Norland ranked the 41st largest port in the world?",
     "When was Norland ranked the 14th largest port in the world?"),
    ("How many ships did Norland build for Portugal?", "How many ships did Norland build for Spain?"),
])
def test_a_factoid_question_with_one_thing_changed_is_declined_on_the_on_topic_passage(
        answerer: Answerer, asked_for: str, changed: str) -> None:
    passages = [
        _p("museum", "The Lagos museum holds bronzes from Benin. Joy Okafor opened the Lagos museum in 1961, after "
                     "a decade of fundraising. It was extended in 1987."),
        _p("port", "In 2019 Norland was ranked the 41st largest port in the world. Its yards built 30 ships for "
                   "Portugal between 1950 and 1970. The harbour is dredged every year."),
    ]
    assert asked(changed)  # a factoid question: an answer type exists
    assert answerer.answer(asked_for, passages).grounded
    declined = answerer.answer(changed, passages)
    assert not declined.grounded and not declined.citations


@pytest.mark.parametrize(("asked_for", "changed"), [
    ("What was the decisive defeat of the garrison during the Brenton Siege?",
     "What was the decisive defeat of the garrison during the Calder Siege?"),
    ("What stands 1,280 metres above the bay?", "What stands 1,820 metres above the bay?"),
])
def test_a_question_of_no_answer_kind_with_one_thing_changed_is_declined_too(
        answerer: Answerer, asked_for: str, changed: str) -> None:
    # no answer kind: the best sentence is taken on meaning and shared terms, and its article must still hold
    # every name and figure the question gives
    passages = [_p("siege", "The decisive defeat of the garrison during the Brenton Siege by the river troops "
                            "marked the end of the duchy. The old fort stands 1,280 metres above the bay, "
                            "facing the town. The walls were rebuilt in 1890.")]
    assert not asked(changed)
    assert answerer.answer(asked_for, passages).grounded
    declined = answerer.answer(changed, passages)
    assert not declined.grounded and not declined.citations


def test_a_question_asked_again_gets_the_same_checks_whatever_the_last_caller_did_with_them() -> None:
    question = "In what year did Mary Okafor become the first director of the Lagos museum in 1961?"
    articles = {"a": "Joy Okafor became the first director of the Lagos museum in 1961.",
                "b": "Mary Okafor became the first director of the Lagos museum in 1961."}
    first = lacks(question, articles)
    names, figures = names_asked(question), figures_asked(question)
    names[0].append("Smith")
    names.append(["Paris"])
    figures.append("2020")
    assert names_asked(question) == [["Mary", "Okafor"], ["Lagos"]] and figures_asked(question) == ["1961"]
    assert lacks(question, articles) == first and first["a"] and not first["b"]
