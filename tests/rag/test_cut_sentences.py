"""A sentence cut off mid-clause (a stored page that ends on "over his handling of", a chunk's last words) states
nothing whole: it is no evidence, so a question only it touches is declined; the same sentence whole still answers,
a cut sentence keeps a figure or date it gives before the cut, and one that a line break cut is joined to the words
that go on with it. Articles here are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.evidence import candidates, cut_short
from tests.rag.answerers import passage


def test_a_sentence_stopping_on_a_word_no_sentence_ends_with_is_cut() -> None:
    assert cut_short("Norland chief executive Tom Wade has been sharply criticized over his handling of")
    assert cut_short("Create an encrypted image so that people without the")
    assert not cut_short("Tom Wade has been criticized over his handling of the leak.")
    assert not cut_short("Tom Wade has been criticized over his handling of.")  # a stop: the writer ended it
    assert not cut_short("Focus on companies")  # a heading or a bullet, whole as it is
    assert not cut_short("Open the console and log in") and not cut_short("Choose the plan you want to sign up for")
    # a date or figure before the cut is still said
    assert not cut_short("On 24 August, Wade was convicted as charged and sentenced to")


CUT = passage("voa", "Norland Oil leak. President Hale visited the coast for the third time on Friday. Norland chief "
                     "executive Tom Wade has been sharply criticized over his handling of")


def test_a_cut_sentence_is_no_evidence() -> None:
    found = [c.text for c in candidates("What was Tom Wade criticized for?", [CUT], None, None)]
    assert found and not any("criticized" in t for t in found)


def test_a_question_only_a_cut_sentence_touches_is_declined(generator: Answerer) -> None:
    answer = generator.answer("What exactly was Tom Wade criticized for?", [CUT])
    assert not answer.grounded and not answer.citations, answer.answer


def test_the_sentence_whole_still_answers(generator: Answerer) -> None:
    whole = passage("voa", CUT.text + " the leak, which went on for weeks.")
    answer = generator.answer("What was Tom Wade criticized for?", [whole])
    assert answer.grounded and "handling of the leak" in answer.answer, answer.answer


def test_a_sentence_a_line_break_cut_is_joined_to_its_rest(generator: Answerer) -> None:
    broken = passage("docs", "Encrypting images. Create an encrypted image so that people without the\n\nprivate key "
                             "can't read the content. Use an RSA key pair to encrypt the image.")
    found = [c.text for c in candidates("Who can read an encrypted image?", [broken], None, None)]
    assert "Create an encrypted image so that people without the private key can't read the content." in found
    answer = generator.answer("Why would I create an encrypted image?", [broken])
    assert answer.grounded and "without the private key can't read" in answer.answer, answer.answer

