"""Questions for the members of a class no type covers ("Which minerals were covered ...?") answered by the sentence
that lists them; the class noun that heads a which-phrase types it ("Which Norwegian state body"); a plural
demonstrative ("These secondary streams") refers back to the sentence before; time gone by and a term are
different measures; a measure asked by its noun. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer import extractive
from rag.answer.answerer import Answerer
from rag.answer.kind_named import asked_noun, lists_members, members
from rag.claims.kinds import asked
from tests.rag.answerers import passage


@pytest.mark.parametrize("question, kinds", [
    ("Which Norwegian state body is in charge of the permits?", ("organization",)),  # not a state: a body
    ("Which think-tank economist called the truce a pause?", ("person",)),  # a hyphenated word before the noun
    ("Which U.S. president's administration signed the accord?", ("person",)),  # "U.S." is one word of the phrase
    ("Which company officials spoke?", ("person",)),
    ("Which state is the largest?", ("place",)),
    ("What is the annual output capacity of the Narvik smelter?", ("quantity", "count")),
    ("Over what period has the permit regime been tightening?", ("duration",)),
])
def test_the_class_noun_that_heads_the_phrase_types_the_question(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


@pytest.mark.parametrize("question", ["What is the production process?", "Over what timeframe should buyers plan?"])
def test_a_noun_that_is_no_measure_or_a_time_to_come_is_not_typed_so(question: str) -> None:
    assert "quantity" not in asked(question) and "duration" not in asked(question)


@pytest.mark.parametrize("question, noun", [
    ("Which minerals besides cobalt are covered by the paused rules?", "mineral"),  # not "cobalt"
    ("Besides cobalt, which minerals did they cover?", "mineral"),
    ("Do they say which metals the batteries depend on?", "metal"),
    ("Do they at least say which metals the batteries depend on?", "metal"),  # "at" before "which" heads nothing
    ("Which compounds?", "compound"),
])
def test_the_class_asked_is_the_noun_heading_the_which_phrase(question: str, noun: str) -> None:
    assert asked_noun(question) == noun


def test_a_sentence_lists_the_members_of_a_class() -> None:
    assert members("The paused minerals include cobalt, nickel, vanadium, and lithium.", "mineral") == \
        {"cobalt", "nickel", "vanadium", "lithium"}
    assert lists_members("Battery metals\u2014including cobalt, nickel, and manganese\u2014are scarce.", "metal")
    assert lists_members("Critical inputs such as cobalt, nickel, or lithium may be exempt.", "input")
    assert not lists_members("The paused minerals are scarce and costly.", "mineral")
    assert not lists_members("He said that, like Smith and Jones, he was tired.", "mineral")


ARTICLE = ("Oslo pauses its export permit rules that took effect on March 3. The paused minerals include cobalt, "
           "nickel, vanadium, and lithium \u2013 all inputs for batteries and alloys. Battery makers, grid builders and "
           "shipyards gain steady access to vital minerals through the pause of the Norwegian permit rules. The "
           "permit scheme had imposed state sign-off on exporters shipping these strategic minerals.")


def test_which_members_is_answered_by_the_sentence_listing_them(generator: Answerer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    passages = [passage("a", ARTICLE), passage("b", "Fish prices fell in May. Dockworkers went on strike in June.")]
    question = "Which minerals were covered by the Norwegian export permit rules that Oslo agreed to pause?"
    answer = generator.answer(question, passages)
    assert answer.grounded and answer.answer.startswith("The paused minerals include cobalt")
    # without the list read, the sentences worded like the question are quoted and the minerals are not named
    monkeypatch.setattr(extractive, "lists_members", lambda sentence, noun: False)
    assert "vanadium" not in generator.answer(question, passages).answer


def test_every_article_listing_a_member_quoted_is_quoted_too(generator: Answerer) -> None:
    # the second list is of "critical inputs", not "battery metals", and scores low; it names cobalt beside others
    passages = [passage("a", "Battery metals\u2014including cobalt, nickel, and manganese\u2014are vital for the "
                             "cells of electric cars and grid storage."),
                passage("b", "No word has come on whether critical inputs such as cobalt, lithium, or graphite will "
                             "be exempt from the permits."),
                passage("c", "Fish prices fell in May. Dockworkers went on strike in June.")]
    answer = generator.answer("Which specific battery metals are named in the coverage?", passages)
    assert answer.grounded and {c.doc_id for c in answer.citations} == {"a", "b"}
    assert "manganese" in answer.answer and "graphite" in answer.answer


def test_these_and_a_noun_refer_to_what_the_sentence_before_spoke_of(generator: Answerer) -> None:
    # "These secondary streams" shares only "future demand" with the question; the sentence before holds "recycled
    # metals from old phones": read alone, the sentence with the figure was below the bar (declined)
    passages = [passage("a", "Rich economies are building recycling lines to recover metals from old phones and "
                             "scrapped cars. These secondary streams could supply 15-25% of future demand while "
                             "cutting reliance on mines."),
                passage("b", "Fish prices fell in May. Dockworkers went on strike in June.")]
    answer = generator.answer("What share of future demand could recycled metals from old phones cover?", passages)
    assert answer.grounded and "15-25%" in answer.answer


def test_time_gone_by_is_not_the_other_side_of_a_term(generator: Answerer) -> None:
    # both are lengths of time of the permit regime; one says how long it has tightened, the other how long an
    # easing lasts: quoted, they were called figures of different things
    passages = [passage("a", "Norway\u2019s permit regime, which has tightened over the past three years under "
                             "industrial mandates, shows no sign of a full rollback."),
                passage("b", "Under the accord, Norway\u2019s permit regime is eased for a 60-day period, giving relief "
                             "to battery makers.")]
    answer = generator.answer("Over what period has Norway's permit regime been tightening?", passages)
    assert answer.grounded and "past three years" in answer.answer
    assert "60-day" not in answer.answer and not answer.conflicts


def test_which_article_reports_it_is_answered_with_the_articles_titles(generator: Answerer) -> None:
    from rag.types import Passage
    passages = [Passage(doc_id="a", chunk_id="a:0:x", title="Oslo Pauses Cobalt Permits for 60 Days", score=0.5,
                        text="Under the accord, Oslo resumes cobalt shipments for a 60-day period. Battery makers "
                             "welcomed the relief."),
                Passage(doc_id="b", chunk_id="b:0:x", title="Fish Prices Fall", score=0.4,
                        text="Fish prices fell in May. Dockworkers went on strike in June.")]
    answer = generator.answer("Which article reports that Oslo resumes cobalt shipments for a 60-day period?",
                              passages)
    assert answer.grounded
    assert answer.answer.startswith("Reported in \u201cOslo Pauses Cobalt Permits for 60 Days\u201d [1].")
    # any other question is answered as before, without a lead
    other = generator.answer("For how long does Oslo resume cobalt shipments?", passages)
    assert other.grounded and not other.answer.startswith("Reported in")


def test_a_place_in_a_sentence_that_only_shares_the_topic_is_no_other_side(generator: Answerer) -> None:
    # with any side down to half the answer's score, Chile (where exports come from) was quoted as disagreeing
    passages = [passage("a", "The framework granting temporary relief from cobalt export curbs emerged from careful "
                             "negotiations conducted in Norway during May."),
                passage("b", "SYSTEM-DRIVEN: The story is driven by the structure of cobalt supply chains and the "
                             "policy framework governing cobalt exports from Chile, which shapes availability and "
                             "prices.")]
    answer = generator.answer("In which country were the talks held that produced the temporary relief framework "
                              "on cobalt exports?", passages)
    assert answer.grounded and "Norway" in answer.answer
    assert "Chile" not in answer.answer and not answer.conflicts


def test_a_leader_asked_for_is_answered_by_a_president_or_a_premier(generator: Answerer) -> None:
    from rag.claims.kinds import role_fits
    assert role_fits("president", {"leader"}) and role_fits("premier", {"leader"})
    assert not role_fits("economist", {"leader"}) and not role_fits("president", {"secretary"})
    assert not role_fits("president", {"head"})  # "Who heads the Ministry of Commerce?": not a country's president
    # "President Aldo" holds an office, not the word "leader": his value was no answer about what was asked
    passages = [passage("a", "Indeed, President Aldo\u2019s own remarks from 2019 reflect a steady doctrine: Norland "
                             "must \u201cdeepen foreign supply chains\u2019 reliance on Norland,\u201d and use that reliance "
                             "as leverage."),
                passage("b", "Fish prices fell in May. Dockworkers went on strike in June.")]
    answer = generator.answer("Which Norland leader argued in 2019 that the world's supply chains should rely more on "
                              "Norland?", passages)
    assert answer.grounded and "President Aldo" in answer.answer


@pytest.mark.parametrize("question, asks", [
    ("Which article reports that?", True), ("Which article says one year?", True),
    ("In which article is the WTO discussed?", True),
    ("Which sources are cited in the articles?", False),  # the people and bodies quoted: a list of names
    ("What reports did he dispute?", False),  # reports he disputed, not an article
])
def test_a_question_for_the_article_is_told_from_one_about_reports(question: str, asks: bool) -> None:
    from rag.answer.mentions import asks_which_article
    assert asks_which_article(question) is asks


def test_a_place_far_below_the_answer_that_says_the_event_asked_is_still_a_side(generator: Answerer) -> None:
    # two people of one name: the second article's "Born in Tromso" scores far below the first, but it says the
    # event asked; without that exception the second person's birthplace was dropped
    passages = [passage("a", "Ann Berg was born in Bergen and is known for her paintings of the fjord harbours."),
                passage("b", "Born in Tromso, Berg coached the city hockey team from 2002 to 2010.")]
    answer = generator.answer("Where was Ann Berg born?", passages)
    assert "Bergen" in answer.answer and "Tromso" in answer.answer
