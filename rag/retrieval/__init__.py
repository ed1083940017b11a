"""Finding passages: dense and keyword search, fusion, reranking, diversity."""
