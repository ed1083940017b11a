"""Answers found by their shape where the words differ, and readings that keep what the question names.

Found on the dev sets: "Which future diplomatic disputes could quickly bring back rare earth chokepoints?" was
declined beside "Future diplomatic strains—whether over semiconductors, Taiwan, or global standards-setting—could
reintroduce chokepoints" (the article calls the disputes strains; the series of three is the answer's shape);
"Which Asian ally's tech partnerships with Washington might be widened?" was declined (an ally was no answer
kind), then answered with a disagreement naming Beijing and the U.S. beside South Korea; "When was the restoration
plan made final?" was answered with the draft plan's date; an assistant's numbered list ("4. Radiation 5.
Infection") gave the conversation a topic named "Radiation 5"; "Which government agency was McNutt running?" was
declined beside "U.S. Geological survey Director Marcia McNutt said ...". Each test here fails on the code before
this round (main `4e5194a`: run against it, all nine fail).
"""

from __future__ import annotations

from rag.claims.kinds import Value, asked, asks_which_place, in_question
from rag.conversation.entities import mentions
from tests.rag.answerers import passage

STRAINS = passage("commentary", "Future diplomatic strains—whether over semiconductors, Taiwan, or global "
                  "standards-setting—could reintroduce chokepoints with minimal notice.")
OVERSIGHT = passage("oversight", "The lack of multilateral oversight or legal guarantee leaves the arrangement "
                    "vulnerable to rapid reversal.")


def test_a_plural_class_is_asked_in_the_plural() -> None:
    from rag.answer.kind_named import asked_noun, asks_plural

    question = "Which future diplomatic disputes could quickly bring back rare earth chokepoints?"
    assert asks_plural(question, asked_noun(question))
    singular = "Which dispute could bring back the chokepoints?"
    assert not asks_plural(singular, asked_noun(singular))


def test_a_series_of_things_of_its_own_is_enumerated() -> None:
    from rag.answer.kind_named import enumerates

    question = "Which future diplomatic disputes could quickly bring back rare earth chokepoints?"
    assert enumerates(STRAINS.text, question)
    # the series must be of three things, two at least holding none of the question's words
    assert not enumerates("Disputes over chips and Taiwan could bring back chokepoints.", question)
    assert not enumerates("Future disputes, diplomatic chokepoints, and rare earth quotas could return.", question)


def test_a_sentence_enumerating_answers_a_plural_which_question(generator) -> None:  # type: ignore[no-untyped-def]
    question = "Which future diplomatic disputes could quickly bring back rare earth chokepoints?"
    answer = generator.answer(question, [STRAINS])
    assert answer.grounded and "semiconductors" in answer.answer
    answer = generator.answer(question, [OVERSIGHT, STRAINS])
    assert answer.grounded and answer.citations[0].doc_id == "commentary"


def test_an_ally_or_an_economy_asked_is_a_country() -> None:
    assert asked("Which Asian ally's tech partnerships with Washington might be widened?") == ("place",)
    assert asks_which_place("Which Asian ally's tech partnerships with Washington might be widened?")
    assert asked("Which economy grew fastest last year?") == ("place",)
    # allies in the plural are as often a group written as adjectives ("European and Asian allies"): left untyped
    assert asked("Which US allies are looking for deals with China?") == ()


KOREA = passage("outlook", "Asian governments are watching the talks closely. South Korea's technology partnerships "
                "with the U.S. may expand to include critical materials.")
RELIEF = passage("relief", "A narrow easing in access to critical minerals offers Washington short-term relief, but "
                 "Beijing's licensing framework continues to define global supply chains.")


def test_the_place_owns_what_is_asked_beside_a_name(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("Which Asian ally's tech partnerships with Washington might be widened to cover "
                              "critical minerals?", [RELIEF, KOREA])
    assert answer.grounded and answer.citations[0].doc_id == "outlook"
    assert "South Korea" in answer.answer
    assert not answer.conflicts  # Beijing owns a licensing framework, and the U.S. is the question's Washington


def test_a_country_the_question_names_by_its_seat_is_in_it() -> None:
    question = "Which Asian ally's tech partnerships with Washington might be widened?"
    assert in_question(Value("place", "U.S.", key="us"), question)
    assert not in_question(Value("place", "South Korea", key="south korea"), question)


DRAFT = passage("draft", "On October 5, 2015, the Trustees Council published a draft damage assessment and "
                "restoration plan for public comment.")
FINAL = passage("final", "The trustees made the restoration plan final on April 4, 2016, when the court approved "
                "the settlement.")


def test_a_draft_is_no_final_plan(generator) -> None:  # type: ignore[no-untyped-def]
    question = "When was the restoration plan made final?"
    assert not generator.answer(question, [DRAFT]).grounded
    answer = generator.answer(question, [DRAFT, FINAL])
    assert answer.grounded and "April 4, 2016" in answer.answer and "October 5, 2015" not in answer.answer


LISTED = ("Male infertility can be caused by: 1. Low semen quality 2. Endocrine problems 3. Drugs 4. Radiation "
          "5. Infection 6. Testicular malformations")


def test_an_inline_list_numbers_no_name() -> None:
    from rag.conversation.entities import without_item_numbers

    blanked = without_item_numbers(LISTED)
    assert len(blanked) == len(LISTED) and "Radiation 5" not in blanked and "Radiation" in blanked
    assert not any(m.text == "Radiation 5" for m in mentions(LISTED))
    # a number not in a list of 1, 2, 3 ... stays: "Chapter 5." and "Apollo 13" are names
    assert without_item_numbers("See Chapter 5. The crew of Apollo 13 returned.") == \
        "See Chapter 5. The crew of Apollo 13 returned."


DIRECTOR = passage("usgs", "U.S. Geological Survey Director Marcia McNutt said the team used two different methods "
                   "to study the leak.")
LEAK = passage("leak", "The National Oceanic and Atmospheric Administration said the leak had been studied by several "
               "teams since April.")


def test_the_body_written_onto_the_person_by_their_job_is_theirs(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("Which government agency was McNutt running at the time?", [LEAK, DIRECTOR])
    assert answer.grounded and answer.citations[0].doc_id == "usgs"
    from rag.claims.kinds import works_at

    sentence = DIRECTOR.text
    start = sentence.index("U.S.")
    body = Value("organization", "U.S. Geological Survey", start=start, end=start + len("U.S. Geological Survey"))
    assert works_at(body, sentence, ["McNutt"]) and not works_at(body, sentence, ["Allen"])

