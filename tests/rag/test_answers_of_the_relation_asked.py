"""Answers that hold the relation asked, and kinds asked in other words.

Found on the dev sets: "What was the name of the diver who died?" was answered with the two divers who found the
boys (the sentence naming the diver who died says "fell unconscious"; the sentence before it says he died);
"How soon will those alternatives be ready?" and "How far are commercial-scale alternatives from maturity?" were
declined beside "commercial-scale alternatives remain years from maturity" (untyped, and typed as a distance);
"What did Narongsak Osottanakorn make of Musk's submarine?" set aside "... not practical for our mission,"
Narongsak said" as naming someone else; "What is the shortest time Breivik has to serve?" was answered with the
21 years beside a line giving "a minimum term of 10 years". Each test here fails on the code before this round
(main `9f9a582`).
"""

from __future__ import annotations

from rag.claims.kinds import Value, asked, other_measure
from tests.rag.answerers import passage

FOUND = passage("found", "On 2 July, British divers John Volanthen and Rick Stanton found the group alive on a rock "
                "about 4 km from the cave mouth.")
DIED = passage("died", "An ex-Thai Navy SEAL died Friday while laying oxygen tanks inside the flooded cave, officials "
               "said. Retired Petty Officer Saman Kunan, 38, fell unconscious while diving back from the chamber.")


def test_a_relative_clause_restricts_the_name_asked() -> None:
    from rag.answer.restrictive import restricting_verbs, says_relation

    assert restricting_verbs("What was the name of the diver who died?") == ("died",)
    assert restricting_verbs("Who is the boss of the salvage company that freed the ship?") == ("freed",)
    # no clause, a light verb, or a clause without its pronoun: nothing restricts
    assert restricting_verbs("Which company owns the Ever Given?") == ()
    assert restricting_verbs("Who is the official who was in charge?") == ()
    assert restricting_verbs("What did the rescue chief think of the submarine Musk brought?") == ()
    assert says_relation(("died",), ["death"]) and says_relation(("died",), ["dead"])
    assert not says_relation(("died",), ["found", "group"])


def test_the_name_whose_paragraph_says_the_relation_answers(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("What was the name of the diver who died?", [FOUND, DIED])
    assert answer.grounded and "Saman Kunan" in answer.answer
    assert "Volanthen" not in answer.answer  # divers who found the boys are no other side of who died


MATURITY = passage("maturity", "However, commercial-scale alternatives remain years from maturity.")


def test_how_soon_and_how_far_ask_a_time_too(generator) -> None:  # type: ignore[no-untyped-def]
    assert asked("How soon will those alternatives be ready?") == ("duration", "date")
    assert "duration" in asked("How far are commercial-scale alternatives from maturity?")
    assert asked("How far is the cave from Bangkok?")[0] == "quantity"
    for question in ("How soon will those alternatives be ready?",
                     "How far are commercial-scale alternatives from maturity?"):
        answer = generator.answer(question, [MATURITY])
        assert answer.grounded and "years from maturity" in answer.answer
    # a distance and a time both answer how far: neither contradicts the other
    km = Value("quantity", "38 km", 38000, 38000, "m")
    years = Value("duration", "21 years", 7665, 7665, "day")
    assert other_measure(km, years) and other_measure(years, km)


QUOTED = passage("quoted", "\u201cThe equipment he gave us is not practical for our mission,\u201d Narongsak said "
                 "Tuesday morning.")
TRIP = passage("trip", "Elon Musk flew to Chiang Rai to donate a child-sized submarine for the rescue.")


def test_a_speaker_may_be_called_by_the_first_name(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.answer.quotes import short_forms, speaker_asked

    question = "What did Narongsak Osottanakorn make of Musk's submarine?"
    assert speaker_asked(question) == "Narongsak Osottanakorn"
    assert short_forms(speaker_asked(question)) == {"narongsak", "osottanakorn"}
    assert speaker_asked("What did Dr. Laura Chen say about the deal?") == "Laura Chen"  # no title
    quoted, trip = sorted(generator.generator.rank(question, [TRIP, QUOTED]), key=lambda c: c.passage.doc_id)
    assert not quoted.mismatch  # "Narongsak said" names him
    assert trip.mismatch  # a sentence on the submarine that does not name him is no answer


SENTENCED = passage("sentenced", "Breivik was sentenced to 21 years of preventive detention on 24 August 2012.")
TERM = passage("term", "Subsequent actions: Breivik sentenced to 21 years in preventive detention with a minimum term "
               "of 10 years.")


def test_an_extreme_asked_is_said_in_other_words(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.answer.extremes import asked_extreme, says_extreme

    question = "What is the shortest time Breivik has to serve under his sentence?"
    assert asked_extreme(question) == "low"
    assert asked_extreme("Who runs the biggest rare earth refinery outside China?") == "high"
    assert asked_extreme("Do they at least say which rare earths the magnets depend on?") == ""
    assert says_extreme(TERM.text, "low") and not says_extreme(SENTENCED.text, "low")
    answer = generator.answer(question, [SENTENCED, TERM])
    assert answer.grounded and answer.citations[0].doc_id == "term"



OFFICIALS = passage("officials", "Senior administration officials have emphasized that the 90-day accord is strictly "
                    "transactional and should not be interpreted as a broader thaw in bilateral relations.")
BESSENT = passage("bessent", "Secretary Bessent publicly dismissed reports that Beijing planned new restrictions.")


def test_a_group_said_it_by_another_verb_of_saying(generator) -> None:  # type: ignore[no-untyped-def]
    question = "Who said the accord should not be interpreted as a broader thaw in bilateral relations?"
    answer = generator.answer(question, [BESSENT, OFFICIALS])
    assert answer.grounded and answer.citations[0].doc_id == "officials" and "officials" in answer.answer
    # every term of the question must still be held: "the deal ... seen" is not "the accord ... interpreted"
    assert not generator.answer("Who said the deal should not be seen as a broader thaw?", [OFFICIALS]).grounded


def test_a_list_of_shared_members_read_after_a_passage_is_quoted_too(generator) -> None:  # type: ignore[no-untyped-def]
    from rag.retrieval.following import FOLLOWS

    listed = passage("magnets", "Rare earth elements—including neodymium, dysprosium, and terbium—are indispensable "
                     "for the manufacture of permanent magnets.")
    chip = passage("bargaining", "Rare earth elements remain a high-stakes bargaining chip in the trade talks.")
    after = passage("bargaining", "No details have emerged on whether critical materials such as neodymium, "
                    "praseodymium, or dysprosium will be exempt from strategic licensing.")
    after = after.model_copy(update={"chunk_id": "bargaining:1:x", "scores": {FOLLOWS: 2.0}})
    answer = generator.answer("Which specific rare earth elements are named in the coverage of the deal?",
                              [listed, chip, after])
    assert answer.grounded and "terbium" in answer.answer and "praseodymium" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"magnets", "bargaining"}
