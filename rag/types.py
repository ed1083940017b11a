"""Value types that cross every boundary: documents, chunks, passages, answers and requests."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from rag.collections import MAX_COLLECTIONS, check_slugs

MAX_QUESTION_CHARS = 2000
MAX_K = 50


class Document(BaseModel):
    doc_id: str
    title: str
    text: str
    source: str | None = None
    published_at: str | None = None
    path: str | None = None
    content_hash: str
    url: str | None = Field(default=None, description="Where the article was fetched from.")
    duplicate_of: str | None = Field(default=None, description="A syndicated copy: the doc_id of the article it "
                                                               "copies (a copy has no passages of its own).")
    fingerprint: str | None = Field(default=None, description="MinHash of the text, to recognize copies.")
    collections: list[str] = Field(default_factory=list, max_length=MAX_COLLECTIONS,
                                   description="Collections to add the document to on a write (rag/collections.py): "
                                               "empty puts a new document in 'default' and keeps a known one's.")
    # What a reader found and the index does not store: where each page starts in ``text`` (PDF), and
    # warnings for the index report (a page date that could not be read, ...).
    page_starts: list[int] | None = Field(default=None, exclude=True)
    warnings: list[str] = Field(default_factory=list, exclude=True)

    @field_validator("collections")
    @classmethod
    def _collections(cls, value: list[str]) -> list[str]:
        return check_slugs(value)


class Chunk(BaseModel):
    chunk_id: str
    doc_id: str
    position: int
    text: str
    page: int | None = None


class Passage(BaseModel):
    doc_id: str
    chunk_id: str
    title: str
    text: str
    score: float = Field(description="The final ranking score (its scale depends on the retrieval mode).")
    published_at: str | None = None
    source: str | None = None
    url: str | None = None
    also_published_by: list[str] = Field(default_factory=list, description="Other sites that ran the same story "
                                                                            "(syndicated copies, not indexed apart).")
    page: int | None = Field(default=None, description="The page the passage starts on (PDF documents).")
    scores: dict[str, float] = Field(default_factory=dict,
                                     description="Per-stage scores: dense (cosine), keyword (BM25), rerank.")


class Filters(BaseModel):
    """Which documents may be searched; applied before ranking. Dates are inclusive (YYYY-MM-DD)."""

    model_config = ConfigDict(extra="forbid")

    doc_ids: list[str] | None = Field(default=None, max_length=1000)
    sources: list[str] | None = Field(default=None, max_length=1000)
    published_after: date | None = Field(default=None, description="On or after this date.")
    published_before: date | None = Field(default=None, description="On or before this date.")
    collections: list[str] | None = Field(default=None, max_length=MAX_COLLECTIONS,
                                          description="Only documents in any of these collections (slugs "
                                                      "[a-z0-9-]{1,64}); unknown ones, or [], match nothing.")

    @field_validator("collections")
    @classmethod
    def _collections(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_slugs(value)

    @model_validator(mode="after")
    def _ordered(self) -> Filters:
        if self.published_after and self.published_before and self.published_after > self.published_before:
            raise ValueError("published_after is later than published_before")
        return self

    def active(self) -> bool:
        return any(v is not None for v in (self.doc_ids, self.sources, self.published_after, self.published_before,
                                           self.collections))


class Citation(BaseModel):
    id: int
    doc_id: str
    title: str
    chunk_id: str
    text: str = Field(description="The sentence of the passage relied on.")
    published_at: str | None = None
    source: str | None = None
    url: str | None = Field(default=None, description="The original article, when it was indexed from a URL.")
    passage: str | None = Field(default=None, description="The whole passage the sentence comes from.")
    also_published_by: list[str] = Field(default_factory=list, description="Other sites that ran the same story.")
    page: int | None = Field(default=None, description="The page of the cited passage (PDF documents).")
    verified: bool = Field(default=True, description="The cited passage supports the sentence (figures and meaning).")
    attributed: bool = Field(default=False, description="Verification placed this citation on a sentence the model "
                                                        "left uncited or cited wrongly (the same checks apply).")


class Claim(BaseModel):
    value: str
    citation: int
    doc_id: str
    scope: str | None = Field(default=None, description="What the figure is of, when the sentence says.")
    published_at: str | None = Field(default=None, description="The article's date, when known.")
    as_of: str | None = Field(default=None, description="update: the moment the sentence gives the figure for "
                                                        "('Sunday night', 'by Oct. 9'), when it says.")
    subject: str | None = Field(default=None, description="ambiguous: the thing this value is about, as its "
                                                          "article describes it.")


class Conflict(BaseModel):
    about: str
    kind: Literal["disagreement", "scope", "update", "ambiguous"] = Field(
        description="disagreement: different values for the same thing; scope: the figures measure different "
                    "things; update: different values from articles of different dates, or counts given as of "
                    "different moments (the later may supersede); "
                    "ambiguous: different things that share a name, each with its own value.")
    claims: list[Claim]


class Dropped(BaseModel):
    sentence: str
    reason: str


class Answer(BaseModel):
    question: str
    answer: str
    grounded: bool
    citations: list[Citation] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    degraded: bool = Field(default=False, description="The model's answer could not be verified (or failed); "
                                                       "this is the extractive fallback.")
    generator: str = "extractive"
    prompt_version: str | None = None
    query: str | None = Field(default=None, description="Chat only: the standalone question actually searched.")
    trace: dict[str, Any] | None = Field(default=None, description="Only with debug=true.")


def has_text(value: str) -> bool:
    """Whether a string holds anything to read: not only whitespace, control characters, unassigned code
    points, surrogates or noncharacters (Unicode categories Z and C)."""
    import unicodedata

    return any(not ch.isspace() and unicodedata.category(ch)[0] not in "CZ" for ch in value)


def _clean_text(value: str, what: str) -> str:
    value = value.strip()
    if not has_text(value):
        raise ValueError(f"{what} must not be empty (or only whitespace and control characters)")
    if len(value) > MAX_QUESTION_CHARS:
        raise ValueError(f"{what} is {len(value)} characters; the limit is {MAX_QUESTION_CHARS}")
    return value


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description=f"1 to {MAX_QUESTION_CHARS} characters.")
    k: StrictInt | None = Field(default=None, ge=1, le=MAX_K, description="Passages to retrieve (1-50).")
    filters: Filters | None = None
    stream: bool = Field(default=False, description="Server-Sent Events: passages, token..., answer, done.")
    debug: bool = Field(default=False, description="Add the trace: passages with scores, what was dropped, timings.")

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return _clean_text(value, "question")


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(description=f"1 to {MAX_QUESTION_CHARS} characters.")
    k: StrictInt | None = Field(default=None, ge=1, le=MAX_K, description="Passages to return (1-50).")
    filters: Filters | None = None

    @field_validator("query")
    @classmethod
    def _query(cls, value: str) -> str:
        return _clean_text(value, "query")


class SearchResponse(BaseModel):
    passages: list[Passage]


MAX_TURNS = 50
MAX_MESSAGE_CHARS = 8000


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(description=f"Up to {MAX_MESSAGE_CHARS} characters.")

    @field_validator("content")
    @classmethod
    def _content(cls, value: str) -> str:
        if len(value) > MAX_MESSAGE_CHARS:
            raise ValueError(f"message is {len(value)} characters; the limit is {MAX_MESSAGE_CHARS}")
        return value


def check_conversation(messages: list[ChatMessage]) -> list[ChatMessage]:
    """At most MAX_TURNS messages, ending with a non-empty user turn that fits a question."""
    if not messages:
        raise ValueError("messages must not be empty")
    if len(messages) > MAX_TURNS:
        raise ValueError(f"{len(messages)} messages; the limit is {MAX_TURNS}")
    if messages[-1].role != "user":
        raise ValueError("the last message must be the user's question")
    _clean_text(messages[-1].content, "the last user message")
    return messages


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    messages: list[ChatMessage] = Field(description=f"The conversation, oldest first, ending with a user turn "
                                                    f"(at most {MAX_TURNS}).")
    k: StrictInt | None = Field(default=None, ge=1, le=MAX_K)
    filters: Filters | None = None
    stream: bool = Field(default=False, description="Server-Sent Events: query, passages, token..., answer, done.")
    debug: bool = False

    @field_validator("messages")
    @classmethod
    def _messages(cls, value: list[ChatMessage]) -> list[ChatMessage]:
        return check_conversation(value)
