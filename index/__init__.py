"""Building the index: reading article files, chunking them, and writing them to a store."""
