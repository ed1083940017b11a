"""Disagreement of every kind: same-named subjects, misinformation copies, scope, updates, ranges, lists."""

from __future__ import annotations

import numpy as np
import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, describe, find_conflicts
from rag.answer.subjects import question_names, subject_of
from rag.claims.variants import changed_facts
from rag.retrieval.diversity import near_duplicates
from rag.syndication import mark_copies
from rag.types import Document, Passage
from tests.rag.answerers import extractive_answerer

KILBRIDE = ("Northern Lights is the second studio album by the Irish folk band Kilbride. It was released in 1997 on "
            "Claddagh Records.")
WHITFIELD = ("Northern Lights is a live album by the American jazz pianist Dana Whitfield. Recorded in Chicago, it "
             "was released in 2011 by Blue Note.")
KILBRIDE_ALTERED = KILBRIDE.replace("1997", "2003")


def _cited(n: int, doc: str, sentence: str, context: str, published_at: str | None = None) -> Cited:
    return Cited(sentence, n, doc, published_at, context)


def test_two_things_sharing_a_name_are_ambiguous_each_with_its_subject() -> None:
    conflicts = find_conflicts("When was the album Northern Lights released?", [
        _cited(1, "a", "It was released in 1997 on Claddagh Records.", KILBRIDE),
        _cited(2, "b", "Recorded in Chicago, it was released in 2011 by Blue Note.", WHITFIELD)])
    assert [c.kind for c in conflicts] == ["ambiguous"]
    subjects = {c.value: c.subject or "" for c in conflicts[0].claims}
    assert "Kilbride" in subjects["1997"] and "Dana Whitfield" in subjects["2011"]
    text = describe(conflicts[0])
    assert "different things that share a name" in text and "[1] 1997" in text and "[2] 2011" in text


def test_a_copy_with_the_answer_changed_is_a_disagreement_beside_the_ambiguity() -> None:
    conflicts = find_conflicts("When was the album Northern Lights released?", [
        _cited(1, "a", "It was released in 1997 on Claddagh Records.", KILBRIDE),
        _cited(2, "c", "It was released in 2003 on Claddagh Records.", KILBRIDE_ALTERED),
        _cited(3, "b", "Recorded in Chicago, it was released in 2011 by Blue Note.", WHITFIELD)])
    kinds = {c.kind: {claim.value for claim in c.claims} for c in conflicts}
    assert kinds["disagreement"] == {"1997", "2003"}
    assert {"1997", "2011"} <= kinds["ambiguous"]


def test_without_a_description_of_each_subject_nothing_is_called_ambiguous() -> None:
    [conflict] = find_conflicts("How long will the Harbor Bridge be closed?", [
        Cited("The Harbor Bridge will close for 90 days while crews replace its deck.", 1, "a"),
        Cited("Officials said the Harbor Bridge closure will last six months.", 2, "b")])
    assert conflict.kind == "disagreement"


def test_an_untyped_question_compares_sentences_that_differ_only_in_a_name() -> None:
    [conflict] = find_conflicts("What is the capital of Vestria?", [
        Cited("Its capital is Dornholm, a river port of 200,000 people.", 1, "a"),
        Cited("Its capital is Kalmor, a river port of 200,000 people.", 2, "b")])
    assert conflict.kind == "disagreement"
    assert {c.value for c in conflict.claims} == {"Dornholm", "Kalmor"}


def test_an_untyped_question_on_sentences_about_different_things_has_no_conflict() -> None:
    assert find_conflicts("What is the story of the Halden museum?", [
        Cited("The Halden museum opened in 1921 in a former bank.", 1, "a"),
        Cited("Its collection of 4,000 clocks draws school groups from across the region.", 2, "b")]) == []


def test_a_first_estimate_against_a_later_figure_is_a_revision_not_a_contradiction() -> None:
    question = "How much water was leaking from the dam each hour just before it was sealed?"
    [revision] = find_conflicts(question, [
        Cited("The engineers' initial estimate put the leak at 400 to 600 cubic metres an hour.", 1, "a"),
        Cited("Just before the breach was sealed, 2,100 cubic metres an hour were leaking from the dam.", 2, "b")])
    assert revision.kind == "update"
    assert describe(revision).index("[2]") < describe(revision).index("[1]")  # the later figure first
    [contradiction] = find_conflicts(question, [
        Cited("Engineers put the leak at 400 to 600 cubic metres an hour.", 1, "a"),
        Cited("Just before the breach was sealed, 2,100 cubic metres an hour were leaking from the dam.", 2, "b")])
    assert contradiction.kind == "disagreement"


def test_the_newer_of_two_dated_articles_is_an_update_and_scope_still_wins_over_it() -> None:
    [update] = find_conflicts("What interest rate did the Bank of Norland set?", [
        Cited("The Bank of Norland raised its interest rate to 4.5% on Thursday.", 1, "a", "2023-09-14"),
        Cited("The Bank of Norland cut its interest rate to 3.25% on Wednesday.", 2, "b", "2025-03-05")])
    assert update.kind == "update"
    assert describe(update).index("[2]") < describe(update).index("[1]")  # the newer first
    [scope] = find_conflicts("What share of rare earth processing does China control?", [
        Cited("China controls roughly 70% of global output.", 1, "a", "2023-01-01"),
        Cited("China holds 85-90% of processing capacity.", 2, "b", "2025-01-01")])
    assert scope.kind == "scope"


@pytest.mark.parametrize(("a", "b", "kinds"), [
    ("Velto holds over 60% of the tablet market.", "Velto's share of the tablet market is 62-65%.", set()),
    ("Velto holds between 40 and 50% of the tablet market.", "Velto holds over 60% of the tablet market.",
     {"disagreement"}),
    ("Velto holds at most 30% of the tablet market.", "Velto holds about 29% of the tablet market.", set()),
])
def test_ranges_and_bounds_disagree_only_when_they_do_not_overlap(a: str, b: str, kinds: set[str]) -> None:
    found = find_conflicts("What share of the tablet market does Velto hold?", [Cited(a, 1, "x"), Cited(b, 2, "y")])
    assert {c.kind for c in found} == kinds


def test_the_subject_is_read_from_the_article_where_it_introduces_the_name() -> None:
    [name] = question_names("Where was Thomas Reed born?")
    assert name == "Thomas Reed"
    painter = subject_of(name, "He was born in Bristol.", "Thomas Reed (1821–1889) was an English marine painter. "
                                                           "He was born in Bristol.")
    assert painter is not None and "marine painter" in painter.text
    assert subject_of(name, "He was born in Bristol.", "He was born in Bristol.") is None


def test_a_near_copy_that_changes_a_name_or_figure_is_not_a_copy() -> None:
    base = "Thomas Reed was an English painter. He was born in Bristol and painted the Severn estuary."
    assert changed_facts(base.replace("Bristol", "Leeds"), base)
    assert changed_facts(base.replace("English", "Welsh"), base)
    assert not changed_facts(base + " Subscribe for more stories.", base)
    assert not changed_facts(base, base)


def test_retrieval_keeps_near_duplicate_passages_that_name_different_places() -> None:
    a = Passage(doc_id="a", chunk_id="a:0", title="a", text="He was born in Bristol and painted the estuary.", score=1)
    b = Passage(doc_id="b", chunk_id="b:0", title="b", text="He was born in Leeds and painted the estuary.", score=1)
    same = {"a:0": np.ones(2) / np.sqrt(2), "b:0": np.ones(2) / np.sqrt(2)}
    assert not near_duplicates(a, b, same, 0.97)
    c = Passage(doc_id="c", chunk_id="c:0", title="c", text=a.text + " ", score=1)
    assert near_duplicates(a, c, {**same, "c:0": same["a:0"]}, 0.97)


def test_syndication_indexes_a_fact_changed_copy_apart_but_still_collapses_a_true_copy() -> None:
    story = ("The Kessler Bridge opened to traffic in 1978 after six years of construction. It carries Route 9 "
             "across the Alder River and was for two decades the longest suspension span in the state. Engineers "
             "replaced its cables in 2004 and repainted the towers in 2015, and the county now plans a new deck "
             "for the bridge to carry a cycle lane.")
    docs = [Document(doc_id=i, title=i, text=t, content_hash=i) for i, t in
            (("orig", story), ("copy", story + " Reporting by the county desk."), ("altered", story.replace("1978", "1984")))]
    pairs = mark_copies(docs, {}, 0.6)
    assert pairs == [("copy", "orig")]


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def _p(doc_id: str, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id, text=text, score=0.5)


def test_an_answer_gives_each_same_named_subject_its_value_and_citation(answerer: Answerer) -> None:
    answer = answerer.answer("When was Lake View High School founded?", [
        _p("chicago", "Lake View High School is a public high school on the north side of Chicago, Illinois. It was "
                      "founded in 1874 and is one of the oldest schools in the city."),
        _p("texas", "Lake View High School is a public high school in San Angelo, Texas. It opened in 1928 and its "
                    "teams are known as the Chiefs.")])
    assert "1874" in answer.answer and "1928" in answer.answer
    [conflict] = answer.conflicts
    assert conflict.kind == "ambiguous"
    assert {c.doc_id for c in conflict.claims} == {"chicago", "texas"}


def test_a_list_answer_cites_each_candidate_from_its_own_article(answerer: Answerer) -> None:
    answer = answerer.answer("Which companies outside China are named as rare earth processors?", [
        _p("analysis", "US-based companies like MP Materials have received federal backing to revive domestic rare "
                       "earth processing."),
        _p("report", "Lynas Rare Earths operates the world's largest rare earth processing facility outside China."),
        _p("europe", "In Estonia, Neo Performance Materials runs a rare earth processing plant at Sillamae.")])
    cited = {c.id: c.doc_id for c in answer.citations}
    for name, doc in (("MP Materials", "analysis"), ("Lynas", "report"), ("Neo Performance Materials", "europe")):
        assert name in answer.answer
        sentence = next(s for s in answer.answer.split("]") if name in s)
        assert cited[int(sentence.rsplit("[", 1)[1])] == doc
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]


def test_a_sentence_naming_someone_of_the_kind_asked_answers_with_that_name_only() -> None:
    brenner = "The Long Road is a 1954 American Western film. It was directed by Harold Brenner."
    nair = ("The Long Road is a 2009 British documentary about farm workers in Lincolnshire. It was directed by "
            "Priya Nair and shown on Channel 4.")
    conflicts = find_conflicts("Who directed the film The Long Road?", [
        _cited(1, "a", "It was directed by Harold Brenner.", brenner),
        _cited(2, "b", "It was directed by Priya Nair and shown on Channel 4.", nair)])
    assert [c.kind for c in conflicts] == ["ambiguous"]
    assert {c.value for c in conflicts[0].claims} == {"Harold Brenner", "Priya Nair"}  # not "Channel"


def test_a_description_runs_past_an_abbreviation() -> None:
    found = subject_of("Springfield", "Its population was 114,394 at the 2020 census.",
                       "Springfield is the capital of the U.S. state of Illinois. Its population was 114,394.")
    assert found is not None and found.text == "capital of the U.S. state of Illinois"


def test_time_gone_by_and_a_term_are_different_things_not_a_disagreement() -> None:
    conflicts = find_conflicts("How long has the export regime been tightening?", [
        _cited(1, "a", "The export regime has tightened over the past two years.", ""),
        _cited(2, "b", "The export regime was eased for 90 days under the deal.", "")])
    assert [c.kind for c in conflicts] in ([], ["scope"])


def test_names_in_sentences_that_do_not_say_what_is_asked_are_no_sides() -> None:
    # asked the name of the diver who died: sentences naming divers who found the group, or an official speaking of
    # the passage, say nothing of a death, so their names are no other answers
    question = "What was the name of the diver who died?"
    found = Cited("British divers Jon Varley and Rick Stannard found the group alive on an elevated rock.", 1, "a",
                  similarity=0.56)
    narrow = Cited("Governor Narong Osot said the passageway the divers were making their way through is narrow.", 2,
                   "b", similarity=0.35)
    assert find_conflicts(question, [found, narrow]) == []
    # (closeness not measured, nothing is set aside by words alone)
    found.similarity = narrow.similarity = None
    assert [c.kind for c in find_conflicts(question, [found, narrow])] == ["disagreement"]
    # two articles that each say who died do disagree, however far their sentences are from the question
    sides = find_conflicts(question, [
        Cited("The diver who died on Friday was Saman Kurat, a retired navy officer.", 1, "a", similarity=0.3),
        Cited("The diver who died during the night was Pemba Lato, a volunteer.", 2, "b", similarity=0.3)])
    assert [c.kind for c in sides] == ["disagreement"]
    assert {c.value for c in sides[0].claims} == {"Saman Kurat", "Pemba Lato"}


def test_a_name_side_said_in_other_words_is_a_side_when_its_sentence_is_close_in_meaning() -> None:
    # "defeated ... to take the ladies' title" and "lifted the trophy that summer" hold neither "won" nor "women's
    # singles": as close in meaning to the question as the closest side nearly is, each is a side; a sentence far
    # from the question ("... became a fixture of its growth") is not
    question = "Who won the women's singles at Kessington in 2021?"
    barty = Cited("Ada Barlow defeated Karin Pliss in the final to take the ladies' title at Kessington in 2021.",
                  1, "a", similarity=0.70)
    halep = Cited("Australian star Simone Hallam lifted the trophy at Kessington that summer.", 2, "b", similarity=0.60)
    aside = Cited("Kessington has become a key fixture of Lena Brock's growth as a player.", 3, "c", similarity=0.35)
    [conflict] = find_conflicts(question, [barty, halep, aside])
    assert {c.value for c in conflict.claims} == {"Ada Barlow", "Simone Hallam"}
    # far from the question, they are no sides: neither holds what the question asks in its words
    barty.similarity, halep.similarity = 0.44, 0.40
    assert find_conflicts(question, [barty, halep, aside]) == []


def test_a_figure_whose_sentence_and_passage_do_not_say_what_is_asked_is_no_side() -> None:
    question = "How many of the divers came from abroad?"
    abroad = Cited("The team of 90 divers, 50 of them from abroad, must come up with a plan to extract the boys.", 1, "a",
                   context="The team of 90 divers, 50 of them from abroad, must come up with a plan.", similarity=0.62)
    tuesday = Cited("He said the efforts on Tuesday began just after 10 in the morning and involved 19 divers.", 2, "b",
                    context="The efforts on Tuesday began just after 10 in the morning.", similarity=0.41)
    assert find_conflicts(question, [abroad, tuesday]) == []
    # a sentence that leaves the thing it dates to its passage ("It was released in 1997") is still a side
    [conflict] = find_conflicts("When was the album Northern Lights released?", [
        Cited("It was released in 1997 on Claddagh Records.", 1, "a", context=KILBRIDE, similarity=0.40),
        Cited("It was released in 2003 on Claddagh Records.", 2, "b", context=KILBRIDE_ALTERED, similarity=0.40)])
    assert {c.value for c in conflict.claims} == {"1997", "2003"}


def test_a_measure_is_no_side_of_how_many_things_there_were() -> None:
    # asked how many of them there were, a distance counts nobody; a count of them still disagrees with another
    question = "When the diver asked how many of them there were, what did the climbers answer?"
    far = Cited("Rescuers had spotted the group about five kilometres from the entrance.", 1, "a", similarity=0.60)
    near = Cited("Two divers found the group alive on a ledge about 4 km from the cave mouth.", 2, "b", similarity=0.58)
    assert find_conflicts(question, [far, near]) == []
    [conflict] = find_conflicts("How many of the boys were trapped?", [
        Cited("Thirteen boys were trapped on the ledge, the diver said.", 1, "a", similarity=0.6),
        Cited("Twelve boys were trapped on the ledge, officials said.", 2, "b", similarity=0.6)])
    assert len(conflict.claims) == 2
    # a how-many question naming a measure keeps measures as sides
    [conflict] = find_conflicts("How many barrels of oil leaked from the well?", [
        Cited("About 4.9 million barrels of oil leaked from the well.", 1, "a", similarity=0.7),
        Cited("Some 3.2 million barrels of oil leaked from the well.", 2, "b", similarity=0.7)])
    assert len(conflict.claims) == 2
