"""Conversations: the last user turn read in its context, and the history-aware search for it."""

from rag.conversation.reader import Reader, Reading
from rag.conversation.search import search

__all__ = ["Reader", "Reading", "search"]
