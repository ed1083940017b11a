"""Loading eval datasets (JSONL, one question or conversation a line), refusing bad lines before anything is asked."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rag.collections import check_slugs
from rag.errors import InvalidInput
from rag.types import ChatMessage


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    question: str = ""
    messages: list[ChatMessage] | None = Field(
        default=None, description="A conversation ending with a user turn; the last turn is the question scored.")
    facts: list[list[str]] = Field(default_factory=list,
                                   description="Groups; the answer must contain one alternative of every group.")
    sources: list[str] = Field(default_factory=list, description="Doc ids; at least one must be cited.")
    answerable: bool = True
    conflict: bool = False
    tags: list[str] = Field(default_factory=list)
    note: str | None = Field(default=None, description="For people (e.g. the answer a user rated down); not scored.")
    collections: list[str] | None = Field(default=None, description="Ask within these collections only (as "
                                                                   "filters.collections); figures per collection.")

    @field_validator("collections")
    @classmethod
    def _collections(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_slugs(value)

    @model_validator(mode="after")
    def _question_or_conversation(self) -> EvalItem:
        if self.messages:
            if self.messages[-1].role != "user" or not self.messages[-1].content.strip():
                raise ValueError("messages must end with a non-empty user turn")
            self.question = self.messages[-1].content.strip()
        if not self.question.strip():
            raise ValueError("question must not be empty (or give messages ending with a user turn)")
        self.question = self.question.strip()
        return self

    @property
    def follow_up(self) -> bool:
        """A conversation's later turn: some user turn came before the one scored."""
        return bool(self.messages) and any(m.role == "user" for m in (self.messages or [])[:-1])


def load_dataset(path: Path) -> list[EvalItem]:
    if not path.is_file():
        raise InvalidInput(f"dataset not found: {path}")
    items: list[EvalItem] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise InvalidInput(f"{path}:{number}: expected a JSON object")
        if "id" not in raw:
            raw["id"] = f"line{number}"
        try:
            item = EvalItem(**raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" if e["loc"] else e["msg"]
                                 for e in exc.errors())
            raise InvalidInput(f"{path}:{number}: {problems}") from None
        if item.id in seen:
            raise InvalidInput(f"{path}:{number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise InvalidInput(f"{path}: the dataset is empty")
    return items
