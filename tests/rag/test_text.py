import pytest

from rag.text import content_terms, normalize, split_sentences, stem


@pytest.mark.parametrize("variant", ["85–90%", "85-90 percent", "85 to 90%", "85%-90%", "85 % - 90 %", "85—90 per cent"])
def test_number_formats_normalize_to_one_form(variant: str) -> None:
    assert normalize(variant) == "85-90%"


def test_normalize_folds_case_thousands_and_spaces() -> None:
    assert normalize("  1,000   Tons ") == "1000 tons"


def test_sentences_split_on_ends_and_lines_but_not_abbreviations() -> None:
    text = ("U.S. Secures Relief\nThe deal helps U.S. manufacturers. Dr. Chen agreed. It lasts 90 days!\n"
            "|---|---|\n| Processing | 85-90% |\n• A bullet point here")
    assert split_sentences(text) == [
        "U.S. Secures Relief", "The deal helps U.S. manufacturers.", "Dr. Chen agreed.", "It lasts 90 days!",
        "Processing | 85-90%", "A bullet point here"]


def test_content_terms_drop_stopwords_and_join_acronyms() -> None:
    assert content_terms("What share of the U.S. market does China control?") == ["shar", "us", "market", "china", "control"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Fifty per cent of the land", "fifty% of the land"),        # the percent word without a digit
    ("over\u00a0 the\u2003line \x1c end ", "over the line end"),  # every kind of whitespace, ends stripped
    ("\u201cQuoted\u201d \u2018it\u2019s\u2019 a\u2014b", "\"quoted\" 'it's' a-b"),  # non-ASCII marks folded
    ("\ufb01nance \u00bd", "finance 1\u20442"),                    # NFKC on non-ASCII text
    ("Stra\u00dfe ISTANBUL", "strasse istanbul"),
])
def test_normalize_without_digits_or_ascii_takes_the_same_rules(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_content_terms_are_a_fresh_list_each_call() -> None:
    first = content_terms("The U.S. well-known mines' output")
    assert first == ["us", "well", "know", "min", "output"]
    first.append("changed")
    assert content_terms("The U.S. well-known mines' output") == ["us", "well", "know", "min", "output"]


@pytest.mark.parametrize(("forms", "root"), [
    (("agree", "agreed", "agrees", "agreeing"), "agree"),  # "What did Beijing agree to?" / "Beijing has agreed"
    (("guarantee", "guaranteed"), "guarantee"),
    (("succeed", "succeeded"), "succeed"),  # an -eed that is the root keeps it
    (("proceed", "proceeded"), "proceed"),
    (("need", "needed"), "need"),
])
def test_the_forms_of_a_verb_in_eed_share_a_stem(forms: tuple[str, ...], root: str) -> None:
    assert {stem(w) for w in forms} == {root}


@pytest.mark.parametrize(("forms", "root"), [
    (("resume", "resumes", "resumed", "resuming"), "resum"),  # "What is being resumed?" / "to resume exports"
    (("price", "prices", "priced", "pricing"), "pric"),
    (("change", "changes", "changed", "changing"), "chang"),
    (("issue", "issues", "issued"), "issu"),
    (("case", "cases"), "cas"),
    (("license", "licensing", "licensed"), "licens"),
])
def test_the_forms_of_a_word_ending_in_a_silent_e_share_a_stem(forms: tuple[str, ...], root: str) -> None:
    assert {stem(w) for w in forms} == {root}


def test_a_short_stem_keeps_its_e_and_a_double_e_stays() -> None:
    assert stem("use") == "use"  # not "us", the country
    assert stem("uses") == "use"
    assert stem("committee") == stem("committees") == "committee"
