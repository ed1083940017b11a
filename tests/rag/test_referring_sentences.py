"""A sentence that refers back to what the sentence before it named ("It was released in 1997", "Recorded in
Chicago, it was released in 2011", "His debut album ...") is judged as about that subject: it holds the
answer in encyclopedia-style articles, where the first sentence names the thing and the next ones say "it"."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.evidence import _pool, _subject
from tests.rag.answerers import passage


def test_a_referring_sentence_carries_the_subject_of_the_sentence_before_it() -> None:
    pool = {c.text: c for c in _pool([passage("a", (
        "Northern Lights is the second studio album by the folk band Kilbride. It was released in 1997 on "
        "Claddagh Records. It stars no one. Kilbride toured Ireland in 1998. Recorded at home, it sold well."))])}
    released = pool["It was released in 1997 on Claddagh Records."]
    assert {"northern", "album"} <= released.context
    assert released.antecedent.startswith("Northern Lights")
    # a chain of references keeps the last subject that was named; a sentence naming its own starts anew
    assert pool["It stars no one."].antecedent == released.antecedent
    assert pool["Kilbride toured Ireland in 1998."].antecedent == ""
    assert pool["Recorded at home, it sold well."].antecedent.startswith("Kilbride")


def test_the_subject_is_what_comes_before_the_verb_and_what_a_copula_says_it_is() -> None:
    assert _subject("The Long Road is a 1954 American Western film directed by Harold Brenner.") == \
        "The Long Road a 1954 American Western film"
    assert _subject("Meridian Tower rises 184 metres over Perth.").startswith("Meridian Tower rises")
    assert _subject("Tesla reported revenue of $10 billion.") == "Tesla"


def test_the_date_in_a_sentence_saying_it_answers_when(generator: Answerer) -> None:
    answer = generator.answer("When was the album Northern Lights released?", [
        passage("a", "Northern Lights is the second studio album by the Irish folk band Kilbride. It was released "
                     "in 1997 on Claddagh Records and was produced by Donal Lunny."),
        passage("b", "The northern lights, or aurora borealis, are most often seen near the Arctic Circle during "
                     "the long winter nights."),
    ])
    assert answer.grounded and "1997" in answer.answer


def test_two_things_sharing_a_name_each_answered_from_the_sentence_that_says_it(generator: Answerer) -> None:
    answer = generator.answer("Who directed the film The Long Road?", [
        passage("a", "The Long Road is a 1954 American Western film. It was directed by Harold Brenner and stars "
                     "Jack Mason as a cattle driver."),
        passage("b", "The Long Road is a 2009 British documentary about migrant farm workers in Lincolnshire. It "
                     "was directed by Priya Nair and shown on Channel 4."),
    ])
    assert "Harold Brenner" in answer.answer and "Priya Nair" in answer.answer
    assert [c.kind for c in answer.conflicts] == ["ambiguous"]



def test_a_city_the_tagger_calls_an_organization_answers_where_after_a_locative() -> None:
    from rag.claims.kinds import Value, fits

    sentence = "Founded in 1921, it was based in Dayton until its merger with a regional lender."
    dayton = Value("organization", "Dayton", start=sentence.index("Dayton"), end=sentence.index("Dayton") + 6)
    assert fits(dayton, ("place",), sentence)
    lender = Value("organization", "Acme Bank", start=0, end=9)
    assert not fits(lender, ("place",), "Acme Bank bought the lender.")
    assert not fits(dayton, ("person",), sentence)


def test_a_choice_between_two_figures_is_answered_by_the_articles_stating_either(generator: Answerer) -> None:
    answer = generator.answer("Is the export deal for 90 days or for a year?", [
        passage("a", "Under the terms of the deal, Beijing has agreed to resume magnet shipments for a 90-day period."),
        passage("b", "The suspension of the licensing rules has a one-year duration with potential for renewal."),
    ])
    assert "90-day" in answer.answer and "one-year" in answer.answer
    assert [c.kind for c in answer.conflicts] == ["disagreement"]
