"""Claims 26, vague figures: a figure said without a number answers what no exact figure answers. "How many listed
companies saw share gains?" was declined though "Equity gains were limited to a handful of listed miners" answers
it; "When did the halt happen?" though "The temporary export halt by China earlier this year ..." does. A vague
figure disagrees with no figure (``kinds.other_measure``), and yields to an exact one about what is asked
(rag/answer/evidence.py, ``VAGUE``)."""

from __future__ import annotations

from rag.answer import evidence
from rag.claims.kinds import Value, answers_as, other_measure
from rag.claims.parse import figures
from tests.rag.answerers import passage


def _vague(text: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.text, f.unit) for f in figures(text) if f.vague]


def test_spans_of_time_said_without_a_number() -> None:
    assert _vague("Chinese producers benefit from decades of accumulated expertise.") == [("duration", "decades", "day")]
    assert _vague("It took several months to build.") == [("duration", "several months", "day")]
    assert _vague("The talks lasted for weeks.") == [("duration", "weeks", "day")]
    assert _vague("Commercial-scale alternatives remain years from maturity.") == [("duration", "years", "day")]
    # time over which something has come to be so, as "over the past two years" is: only "how long has" asks it
    assert _vague("China has built a licensing regime over several years.") == [("duration", "several years", "elapsed")]
    for gone_by in ("In recent years, the U.S. has invested.", "Over the years it grew.", "He died many years ago.",
                    "Years later, she returned.", "In the coming decades, demand will rise."):
        assert _vague(gone_by) == [], gone_by  # time gone by, or counted from an event: no span anything lasted


def test_counts_and_dates_said_without_a_number() -> None:
    assert _vague("Equity gains were limited to a handful of listed miners.") == [
        ("count", "a handful of listed miners", "miners")]
    assert _vague("Dozens of protesters gathered.") == [("count", "Dozens of protesters", "protesters")]
    assert _vague("The halt earlier this year raised alarm.") == [("date", "earlier this year", "relative")]
    assert _vague("Exports fell 5% last month.") == [("date", "last month", "relative")]
    exact = figures("Exports fell 5% in March 2025 and three mines closed.")
    assert exact and not any(f.vague for f in exact)  # exact figures stay exact


def test_a_vague_figure_disagrees_with_none() -> None:
    (some,) = figures("The talks lasted for weeks.")
    (exact,) = figures("The talks lasted 90 days.")
    vague = Value("duration", some.text, some.low, some.high, some.unit, vague=True)
    assert other_measure(vague, Value("duration", exact.text, exact.low, exact.high, exact.unit))
    assert not other_measure(Value("duration", "90 days", 90, 90, "day"), Value("duration", "a year", 365, 365, "day"))


def test_a_relative_date_says_when_but_not_the_year() -> None:
    sentence = "The halt earlier this year raised alarm."
    (f,) = figures(sentence)
    when = Value(f.kind, f.text, f.low, f.high, f.unit, start=f.start, end=f.end, vague=True)
    assert answers_as(when, sentence, ("date",), "When did the halt happen?")
    assert not answers_as(when, sentence, ("date",), "In what year did the halt happen?")


GAINS = passage("markets", "Market response has been muted. Equity gains were limited to a handful of listed miners "
                "and EV component makers.")
DEAL = passage("deal", "The agreement covers rare earth compounds. Officials welcomed the clarity.")


def test_how_many_is_answered_by_a_handful(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("How many listed companies saw equity gains?", [DEAL, GAINS])
    assert answer.grounded and "a handful of listed miners" in answer.answer
    assert answer.citations[0].doc_id == "markets"


SHUT = passage("shut", "The plant was shut for weeks after the fire, workers said.")
SHUT_EXACT = passage("shut-exact", "The plant was shut for 45 days after the fire, the operator said.")


def test_an_exact_figure_answers_before_a_vague_one(generator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    question = "How long was the plant shut after the fire?"
    answer = generator.answer(question, [SHUT, SHUT_EXACT])
    assert answer.grounded and answer.answer.startswith("The plant was shut for 45 days")
    assert not answer.conflicts  # "for weeks" does not disagree with 45 days

    def score(doc_id: str) -> float:
        pool = generator.generator.rank(question, [SHUT, SHUT_EXACT])
        return next(c.score for c in pool if c.passage.doc_id == doc_id)

    vague = score("shut")
    monkeypatch.setattr(evidence, "VAGUE", 0.0)
    assert score("shut") > vague  # yielding to the exact figure is the mechanism's doing


def test_an_amount_of_no_scope_is_about_the_question_only_where_its_sentence_holds_what_is_asked() -> None:
    # (rag/answer/evidence.py, ``_about``: "$1 billion to resolve similar claims" was quoted as what BP poured
    # into its TV advertising campaign, which no article says)
    from rag.answer.evidence import _about
    from rag.text import content_terms

    sentence = "In other, related agreements, BP also will pay up to another $1 billion to resolve similar claims."
    (f,) = figures(sentence)
    amount = Value(f.kind, f.text, f.low, f.high, f.unit, start=f.start, end=f.end)
    held = set(content_terms(sentence))
    ads = set(content_terms("How much money did BP pour into its TV advertising campaign?")) - {"bp", "tv"}
    assert not _about(amount, ads, "", set(), sentence, "", held, ads)
    assert _about(amount, ads, "", set(), sentence)  # (unchecked, a figure of no scope was about anything)
    claims = set(content_terms("How much will BP pay to resolve the related claims?")) - {"bp"}
    assert _about(amount, claims, "", set(), sentence, "", held, claims)


SETTLED = passage("settled", "Taken together, this global resolution of civil claims is worth $20.8 billion, the largest "
                  "with a single company.")
OTHER = passage("other", "The company also will pay up to another $1 billion to resolve similar claims it faces.")


def test_topic_words_count_as_what_is_asked(generator) -> None:  # type: ignore[no-untyped-def]
    answer = generator.answer("What is the combined value of the civil settlement with the company?", [OTHER, SETTLED])
    assert answer.grounded and answer.answer.startswith("Taken together, this global resolution of civil claims")


def test_a_vague_figure_is_no_side_of_a_conflict(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rag.answer import conflicts
    from rag.answer.conflicts import Cited, find_conflicts

    question = "How long had supply chains been disrupted before the deal?"
    quoted = [Cited("The deal offered a temporary resolution to weeks of global supply chain disruptions.", 1, "a"),
              Cited("The one-year suspension framework disrupted supply chains less than feared.", 2, "b")]
    assert find_conflicts(question, quoted) == []  # neither a disagreement nor a note of different things
    monkeypatch.setattr(conflicts, "_no_vague", lambda claims: claims)
    assert find_conflicts(question, quoted)  # ("weeks" was a side: "[1] weeks; [2] 1 year" noted)


def test_a_date_counted_from_another_event_is_no_relative_date() -> None:
    assert _vague("Later that year he met her in Paris.") == []  # "that year" is another sentence's year
    assert _vague("Later this year he will meet her.") == [("date", "Later this year", "relative")]
