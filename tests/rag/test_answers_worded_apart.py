"""Answers whose sentence words the question's relation apart from it: a negation in a prefix ("undeveloped") or in
the line introducing a list, the phase of an event in another verb ("halted" for "stop sending"), a unit asked by
name, an island referred to as "The island", a place after "on"; and answers that share the question's words but
not its relation: a count after another verb, a bare count of something else, a name tied to another country. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.focus import negates_a_word_of
from rag.answer.origin import asked_origin, tied_elsewhere, tied_here
from rag.claims.kinds import Value
from tests.rag.answerers import passage


def test_a_negation_said_by_a_prefix_answers_a_question_that_negates(generator: Answerer) -> None:
    answer = generator.answer("Which countries hold large cobalt deposits that have not yet been developed?", [
        passage("survey", "Cobalt Survey. Malawi and Namibia possess significant undeveloped cobalt deposits. "
                          "Kessia refines most of the world's cobalt today."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter."),
    ])
    assert answer.grounded and "Malawi" in answer.answer and "Namibia" in answer.answer


def test_a_list_item_says_what_its_introducing_line_negates(generator: Answerer) -> None:
    answer = generator.answer("What applications of tin are listed among the reasons it cannot easily be substituted?", [
        passage("metals", "Each restricted metal serves functions that cannot be easily substituted:\n"
                          "- Tin: Essential for solder used in circuit boards, food cans and glass making\n"
                          "- Tungsten: Critical for drill bits and lamp filaments"),
        passage("market", "Tin prices rose in March as buyers stocked up ahead of the winter."),
    ])
    assert answer.grounded and "solder" in answer.answer


def test_a_sentence_dates_the_phase_asked_in_its_own_verb(generator: Answerer) -> None:
    passages = [passage("history", "In 2012, amid a border dispute with Norland, Kessia halted all cobalt shipments "
                                   "to Norland without notice."),
                passage("rules", "Kessia's licensing rules for cobalt took effect on March 3, 2024.")]
    stop = generator.answer("In what year did Kessia stop sending cobalt to Norland during the border quarrel?",
                            passages)
    assert stop.grounded and "2012" in stop.answer
    start = generator.answer("When did Kessia start formal licensing for cobalt exports?", passages)
    assert "2012" not in start.answer  # halting is no start


def test_a_quantity_in_the_unit_asked_answers_how_many_kilograms(generator: Answerer) -> None:
    answer = generator.answer("How many kilograms of cobalt does a single EV battery need?", [
        passage("batteries", "Electric vehicle makers depend heavily on cobalt for battery cathodes, with each "
                             "vehicle requiring approximately 5-10 kg of cobalt. Phone makers use far less."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter."),
    ])
    assert answer.grounded and "5-10 kg" in answer.answer


def test_a_place_on_an_island_answers_where(generator: Answerer) -> None:
    answer = generator.answer("Where was Tor Halden arrested?", [
        passage("report", "The police arrested Tor Halden, a 40-year-old local man, on Skarvholm island and "
                          "charged him with arson. The fire had destroyed the harbour office."),
    ])
    assert answer.grounded and "Skarvholm" in answer.answer


def test_the_island_refers_to_the_island_named_before(generator: Answerer) -> None:
    answer = generator.answer("How far off the mainland shore does Lampedusa lie?", [
        passage("island", "Lampedusa is an island in the Pelagie group. The island is 20 square kilometres, "
                          "situated 600 metres off the shore, about 30 km north of Tunisia."),
        passage("port", "Palermo harbour handles most of the region's grain."),
    ])
    assert answer.grounded and "600 metres" in answer.answer


def test_a_count_after_another_verb_is_no_answer_where_one_follows_the_verb_asked(generator: Answerer) -> None:
    answer = generator.answer("How many people were injured in the harbour blast?", [
        passage("news", "Police say the harbour blast on Friday evening killed nine people, most of them dock "
                        "workers."),
        passage("blast", "The explosion killed 9 people and injured at least 140 people, 11 severely."),
    ])
    assert answer.grounded and "140" in answer.answer.split("[1]")[0]
    assert not answer.conflicts or all("9" not in c.value and "nine" not in c.value
                                       for conflict in answer.conflicts for c in conflict.claims)


def test_a_bare_count_is_not_a_count_of_a_noun_its_sentence_never_says(generator: Answerer) -> None:
    answer = generator.answer("How many shots did the gunman fire on Skarvholm?", [
        passage("report", "The gunman took a ferry to Skarvholm and opened fire at the campers, killing 14 and "
                          "injuring 20."),
    ])
    assert not answer.grounded


@pytest.mark.parametrize("sentence, name, tied_away, tied_home", [
    # a member named after its class: the class's country is the member's
    ("The US agency keeps buying, and Japanese strategy units, including JOGMEC, have not slowed.", "JOGMEC",
     True, False),
    ("While Canada-based companies like Halden Cobalt have received backing, and Australia's Varden has grown.",
     "Halden Cobalt", False, True),
    ("While Canada-based companies like Halden Cobalt have received backing, and Australia's Varden has grown.",
     "Varden", True, False),
])
def test_a_name_is_tied_to_the_country_said_just_before_it(sentence: str, name: str, tied_away: bool,
                                                           tied_home: bool) -> None:
    start = sentence.index(name)
    value = Value("organization", name, start=start, end=start + len(name))
    origin = asked_origin("Which Canadian company ...?" if "Canada" in sentence else "Which American agency ...?")
    assert tied_elsewhere(value, sentence, origin) is tied_away
    assert tied_here(value, sentence, origin) is tied_home


def test_a_negation_bears_on_the_words_after_it() -> None:
    question = "What does not depend on the immune system's ability to tell self from others?"
    assert not negates_a_word_of(question, "Both depend on telling self from non-self molecules.")
    assert negates_a_word_of("Which deposits have not yet been developed?", "Its undeveloped deposits are large.")


def test_a_list_item_with_a_rarer_figure_is_another_articles_side(generator: Answerer) -> None:
    # the bullet is a fragment ("One-year duration ..."): judged with the line introducing it, it is the other side
    answer = generator.answer("For how long has Kessia agreed to keep easing its cobalt exports under the deal?", [
        passage("wire", "Kessia Eases Cobalt Curbs. Under the terms of the deal, Kessia has agreed to resume cobalt "
                        "shipments for a 90-day period, giving relief to battery makers."),
        passage("analysis", "What Was Agreed Upon?\nCore Agreement Structure:\n"
                            "• Kessia suspends export licensing requirements\n"
                            "• Norland rolls back specific tariffs\n"
                            "• One-year duration with potential for renewal based on ongoing talks"),
    ])
    assert answer.grounded and "90-day" in answer.answer and "One-year" in answer.answer
    assert any(c.kind == "disagreement" for c in answer.conflicts)
