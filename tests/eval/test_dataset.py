import json
from pathlib import Path

import pytest

from eval import thresholds
from eval.dataset import load_dataset
from rag.errors import InvalidInput


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text(text)
    return path


def test_a_valid_dataset_loads_with_defaults(tmp_path: Path) -> None:
    items = load_dataset(_write(tmp_path, '{"id": "q1", "question": "How long?", "facts": [["90 days"]]}\n\n'
                                          '{"question": "Who?", "answerable": false}\n'))
    assert [i.id for i in items] == ["q1", "line3"]
    assert items[1].answerable is False and items[0].sources == []


def test_a_conversation_item_is_scored_on_its_last_user_turn(tmp_path: Path) -> None:
    items = load_dataset(_write(tmp_path, json.dumps({"id": "c", "messages": [
        {"role": "user", "content": "Who is Laura Chen?"}, {"role": "assistant", "content": "An economist [1]."},
        {"role": "user", "content": " Where does she work? "}], "sources": ["004"]}) + "\n" +
        json.dumps({"id": "f", "messages": [{"role": "user", "content": "Who is Laura Chen?"}]}) + "\n"))
    assert items[0].question == "Where does she work?" and items[0].follow_up
    assert items[1].question == "Who is Laura Chen?" and not items[1].follow_up


@pytest.mark.parametrize("text, message", [
    ('{"id": "a", "question": "ok"}\n{"id": "b", "question": \n', "set.jsonl:2: not valid JSON"),
    ('{"id": "a", "facts": []}\n', "set.jsonl:1: Value error, question must not be empty"),
    ('{"id": "a", "question": "  "}\n', "set.jsonl:1: Value error, question must not be empty"),
    ('{"id": "a", "messages": [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "x"}]}\n',
     "set.jsonl:1: Value error, messages must end with a non-empty user turn"),
    ('{"id": "a", "messages": [{"role": "system", "content": "Hi?"}]}\n', "set.jsonl:1: messages.0.role"),
    ('{"id": "a", "question": "x", "colour": 1}\n', "set.jsonl:1: colour: Extra inputs are not permitted"),
    ('[1, 2]\n', "set.jsonl:1: expected a JSON object"),
    ('{"id": "a", "question": "x"}\n{"id": "a", "question": "y"}\n', "set.jsonl:2: duplicate id 'a'"),
    ("\n\n", "the dataset is empty"),
])
def test_bad_lines_are_reported_with_their_line_number(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        load_dataset(_write(tmp_path, text))


def test_thresholds_parse_and_report_what_was_missed() -> None:
    limits = thresholds.parse(["--min-fact-accuracy", "0.8", "--max-false-refusal-rate", "0.1", "--min-hit@5", "1"])
    assert limits == [("fact_accuracy", "min", 0.8), ("false_refusal_rate", "max", 0.1), ("hit@5", "min", 1.0)]
    summary = {"fact_accuracy": 0.9, "false_refusal_rate": 0.2, "hit@5": 1.0}
    assert thresholds.missed(summary, limits) == ["false_refusal_rate = 0.200, above the maximum 0.1"]
    with pytest.raises(InvalidInput, match="unknown metric 'recall'"):
        thresholds.parse(["--min-recall", "1"])
