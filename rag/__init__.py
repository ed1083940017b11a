"""Domain core: types, protocols, storage, retrieval, answering and citations (no web framework)."""
