import pytest

from rag.text import content_terms, normalize, split_sentences


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
    assert content_terms("What share of the U.S. market does China control?") == ["share", "us", "market", "china", "control"]
