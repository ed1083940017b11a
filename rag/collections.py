"""Collections: named sets of documents in one store, so teams and channels each search their own articles.

The interface every Store implements (rag/protocols.py), and its rules:

- A collection's name is a slug, ``[a-z0-9-]{1,64}`` (``check_slug``). ``Filters.collections`` and
  ``Document.collections`` validate it, so a malformed name is a 422 naming the field (or a CLI message).
- Membership is a table beside the documents: a document in several collections is stored and embedded
  once. Every document belongs to at least one collection; one written without any belongs to ``default``.
- ``Document.collections`` on a write is *added* to the document's memberships (re-indexing a document with
  another ``--collection`` adds that one, and keeps the others). Empty: a new document goes to ``default``,
  a known one keeps its memberships. Deleting a document removes its memberships.
- ``Filters.collections``: only documents in ANY of the named collections are searched. A name no document
  belongs to (unknown, or empty) matches nothing, exactly like a collection the caller may not read.
- ``Store.collections()`` maps every collection (created, or holding documents) to its document count;
  ``default`` is always listed.
- ``create_collection(name)``: idempotent. ``add_to_collection(name, doc_ids)`` creates the collection when
  needed; an unknown doc_id is NotFound and nothing changes. ``remove_from_collection(name, doc_ids)``: a
  document left in no collection falls back to ``default``.
- ``delete_collection(name, documents=...)`` when documents still belong to it:
    ``"refuse"`` (the default) raises CollectionNotEmpty (409) and changes nothing;
    ``"delete"`` deletes the documents that belong to no other collection; those shared with another
                 collection only leave this one (another team's articles are never deleted);
    ``"keep"``   keeps every document: each leaves this collection, and one left in none falls back to
                 ``default``.
  Deleting an unknown collection is NotFound; ``default`` cannot be deleted (InvalidInput). Each call is one
  atomic write (all or nothing), like ``Store.write``; it returns the number of documents that belonged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from rag.errors import Conflict, InvalidInput

DEFAULT = "default"
SLUG_PATTERN = r"^[a-z0-9-]{1,64}$"
MAX_COLLECTIONS = 100  # in one filter or on one document
OnDelete = Literal["refuse", "delete", "keep"]
_SLUG = re.compile(SLUG_PATTERN)


class CollectionNotEmpty(Conflict):
    """Deleting a collection that documents still belong to, without saying what happens to them."""

    code = "collection_not_empty"


def is_slug(name: str) -> bool:
    return bool(_SLUG.fullmatch(name))


def check_slug(name: str) -> str:
    """The name, or ValueError (pydantic turns it into a 422 naming the field) saying what a slug is."""
    if not isinstance(name, str) or not is_slug(name):
        raise ValueError(f"{str(name)[:80]!r} is not a collection name: use 1-64 lowercase letters, digits or '-'")
    return name


def check_slugs(names: Iterable[str]) -> list[str]:
    """Distinct slugs in their first order (ValueError on a malformed one)."""
    return list(dict.fromkeys(check_slug(n) for n in names))


def slug_or_invalid(name: str) -> str:
    """check_slug for callers outside pydantic (the CLI, the stores): InvalidInput, a clear message."""
    try:
        return check_slug(name)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
