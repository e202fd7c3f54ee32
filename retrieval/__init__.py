"""The retrieval engine: corpus loading, chunking, indexing, hybrid search, evaluation."""
