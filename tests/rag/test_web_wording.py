"""Names and questions as web pages and news write them: accented letters and initials inside a name, a page's
calls to action, a team's plural verb, a question typed by its head noun ("What was Acme's revenue …", "What
is the release date of …"), and a bracketed year that tells two works of one name apart."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import anchors_of
from rag.claims.extract import analyze, typed
from rag.claims.kinds import Value, acts, asked
from rag.claims.parse import figures, names
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")



def _names(sentence: str) -> list[str]:
    return [value for _, _, value in names(sentence)]


def test_a_name_keeps_its_accented_letters() -> None:
    assert "Chloé Zhao" in _names("At the ceremony Chloé Zhao took home best director.")
    assert "Iga Świątek" in _names("In Paris, Iga Świątek won in straight sets.")
    assert "Ørsted" in _names("The wind farm is run by Ørsted and its partners.")


def test_an_initial_stays_inside_the_name_it_belongs_to() -> None:
    assert _names("It was the office of Niels B. Christiansen, head of the group.")[0] == "Niels B. Christiansen"
    assert "J. K. Rowling" in _names("The book by J. K. Rowling sold well.")
    assert "Michael J. Fox" in _names("That night Michael J. Fox spoke.")
    assert _names("He moved to the U.S. in 1990.") == ["U.S"]  # an abbreviation at the end is no initial


def test_lowercase_particles_belong_to_the_name() -> None:
    assert _names("Ursula von der Leyen met Bashar al-Assad in Damascus.") == [
        "Ursula von der Leyen", "Bashar al-Assad", "Damascus"]
    assert _names("Leonardo da Vinci painted it.") == ["Leonardo da Vinci"]


@pytest.mark.parametrize("sentence, found", [
    ("Unemployment rose 0.3 percentage points to 4.1% in May.", [(0.3, 0.3), (4.1, 4.1)]),
    ("Tariffs went from 10% to 25% overnight.", [(10, 10), (25, 25)]),
    ("Revenue fell $2 billion to $10 billion.", [(2e9, 2e9), (10e9, 10e9)]),
    ("Estimates range from 85% to 90% of supply.", [(85, 90)]),  # a range
    ("China refines 85 to 90 percent of the world's supply.", [(85, 90)]),
])
def test_a_change_and_where_it_ended_are_two_figures_not_a_range(sentence: str, found: list[tuple[float, float]]) -> None:
    assert [(f.low, f.high) for f in figures(sentence) if f.kind in ("percentage", "money")] == found


def test_a_call_to_action_opening_a_name_is_left_out() -> None:
    found = _names("905 Followers - See Instagram photos and videos from the club.")
    assert "Instagram" in found and "See Instagram" not in found


@needs_parser
def test_the_parsed_claims_hold_the_whole_name() -> None:
    people = [v for v in analyze(["Later that year George W. Bush met Chloé Zhao in Paris."])[0] if v.kind != "place"]
    assert [v.key for v in people] == ["george w bush", "chloé zhao"]


def test_a_team_takes_a_plural_verb_right_after_its_name_only() -> None:
    spain = Value("place", "Spain", key="spain", start=16, end=21)
    assert acts(spain, "World Cup 2010: Spain survive brutal final to become champions")
    east = Value("place", "Middle East", key="middle east", start=4, end=15)
    # after an auxiliary every subject takes the bare form: no sign that the place did anything
    assert not acts(east, "The Middle East could become another confrontation.")
    assert not acts(Value("place", "Spain", key="spain", start=0, end=5), "Spain survival rates rose.")


@pytest.mark.parametrize("question, kinds", [
    ("What was Acme's revenue in Q2 2023?", ("money",)),
    ("What is the price of the new console?", ("money",)),
    ("What was the company's profit last year?", ("money",)),  # "last year" is when, not what is asked
    ("What did the firm earn in Q3?", ("money",)),
    ("What's the deadline for the deal?", ("date",)),
    ("What is the release date of Rift Runner?", ("date",)),
    ("What is the deal's end date?", ("date",)),
    ("What was the premiere date of the show's third season?", ("date",)),
    ("What is women's year-end No 1 in tennis?", ("person", "organization")),  # a rank someone holds
    ("What was the 2019 champion of the league?", ("person", "organization")),
    ("What was the year-end total?", ()),  # "year-end" is no date asked
])
def test_a_question_is_typed_by_its_head_noun(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


def test_a_bracketed_year_is_part_of_the_title_not_a_year_the_passage_must_hold() -> None:
    assert anchors_of("What is the release date of Rift Runner (2018)?")[0] == []
    assert anchors_of("When was Rift Runner released in 2018?")[0] == ["2018"]


def test_two_revenues_for_the_same_quarter_are_a_disagreement(generator: Answerer) -> None:
    answer = generator.answer("What was Acme's revenue in Q2 2023?", [
        passage("a", "Acme reported $4.1 billion in revenue in Q2 2023, up 8% from a year earlier."),
        passage("b", "Acme's revenue in Q2 2023 came to $2.9 billion, the company said in its filing."),
    ])
    assert answer.grounded and [c.kind for c in answer.conflicts] == ["disagreement"]
    assert "$4.1 billion" in answer.answer and "$2.9 billion" in answer.answer


def test_a_copy_dating_a_titled_work_otherwise_disagrees(generator: Answerer) -> None:
    answer = generator.answer("What is the release date of Rift Runner (2018)?", [
        passage("a", "Rift Runner was released worldwide on April 20, 2018, for consoles and for PC a year later."),
        passage("b", "Rift Runner was released worldwide on April 2, 2011, for consoles and for PC a year later."),
    ])
    assert answer.grounded and "disagreement" in [c.kind for c in answer.conflicts]
    assert "April 20, 2018" in answer.answer and "April 2, 2011" in answer.answer



@needs_parser
def test_the_one_who_did_what_is_asked_is_the_answer_not_the_others_the_sentence_names() -> None:
    conflicts = find_conflicts("Which actor won Best Actor at the 2020 ceremony?", [
        Cited("As a result of Michael Reyes winning Best Actor for his role in the film Harbor, he and Heath "
              "Lanning, who previously won for the same role, are the only actors to win.", 1, "a"),
        Cited("Heath Lanning wins Best Actor at the 2020 ceremony.", 2, "b"),
    ])
    # the first sentence's winner is Michael Reyes (Heath Lanning won before): the second says otherwise
    assert [(c.kind, sorted((x.value, x.citation) for x in c.claims)) for c in conflicts] == [
        ("disagreement", [("Heath Lanning", 2), ("Michael Reyes", 1)])]


def test_a_fact_box_label_stays_with_its_date() -> None:
    from rag.text import split_sentences
    assert split_sentences("Release date. May 29, 2020 ; Publisher. Nintendo.")[0].startswith("Release date. May 29")
    assert split_sentences("Duration. 29 December 2018 to 24 November 2019.") == [
        "Duration. 29 December 2018 to 24 November 2019."]
    assert split_sentences("He won. 2019 was a good year.") == ["He won.", "2019 was a good year."]  # no date


def test_a_date_written_with_of_before_its_year_is_one_date() -> None:
    assert [(f.kind, f.text) for f in figures("It was released on November 21 of 1998 in Japan.")] == [
        ("date", "November 21 of 1998")]


def _date(text: str) -> Value:
    return next(v for v in analyze([text], use_model=False)[0] if v.kind == "date")


def test_a_year_holds_its_december_and_a_date_without_its_year_agrees_with_the_dated_one() -> None:
    from rag.claims.kinds import same
    assert same(_date("It was founded in December 2015."), _date("It was founded in 2015."))
    assert not same(_date("It was founded in January 2016."), _date("It was founded in 2015."))
    assert same(_date("It premiered on August 22, 2021."), _date("It premiered on August 22nd."))
    assert not same(_date("It premiered on October 16."), _date("It premiered on November 18, 2020."))
    # by day too, where both give one
    assert not same(_date("It was released on June 19, 2020."), _date("It was released on June 9, 2020."))
    assert not same(_date("It arrives on August 26."), _date("It was announced on August 17, 2021."))


def test_a_dateline_alone_claims_nothing() -> None:
    assert analyze(["Mar 3, 2014 ..."])[0] == []
    assert [v.text for v in analyze(["Mar 3, 2014 ... It rose 5% in 2014."])[0] if v.kind == "percentage"] == ["5%"]


def test_dates_of_different_events_are_a_difference_of_scope_not_a_disagreement() -> None:
    def kinds(sentences: list[str]) -> list[str]:
        return [c.kind for c in find_conflicts("When was Rift Runner released?",
                                               [Cited(t, i + 1, f"d{i}") for i, t in enumerate(sentences)])]
    assert kinds(["Rift Runner was officially announced on January 23, 2013.",
                  "Rift Runner was released on the console on March 3, 2017."]) == ["scope"]
    assert kinds(["Rift Runner was released on March 3, 2017.",
                  "Rift Runner was released on March 3, 2016."]) == ["disagreement"]
