"""Chroma in server mode (`chroma run` on 127.0.0.1) behaves like the embedded store."""

from __future__ import annotations

from pathlib import Path

from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import HybridSearcher
from retrieval.store import ChunkStore, open_client
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import news_documents

QUESTIONS = [
    "How many prisoners were exchanged?",
    "Who brokered the grain corridor?",
    "Why did people lose electricity?",
]


def _server_index(url: str, data_dir: Path, collection: str) -> Index:
    store = ChunkStore(open_client(url=url), collection)
    return Index(store, data_dir / "keyword", recheck_seconds=0.0)


def test_server_mode_gives_the_same_results_as_embedded(
    chroma_server: str, tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = news_documents()
    server = _server_index(chroma_server, tmp_path / "a", "same-results")
    local = make_index(tmp_path / "b")
    ingest(docs, server, embedder, SMALL_CHUNKS)
    ingest(docs, local, embedder, SMALL_CHUNKS)
    for q in QUESTIONS:
        via_server = [p.chunk.chunk_id for p in HybridSearcher(server, embedder).search(q, 5)]
        via_local = [p.chunk.chunk_id for p in HybridSearcher(local, embedder).search(q, 5)]
        assert via_server == via_local


def test_a_second_process_sees_another_process_ingest(
    chroma_server: str, tmp_path: Path, embedder: BgeEmbedder
) -> None:
    writer = _server_index(chroma_server, tmp_path / "writer", "shared-collection")
    reader = _server_index(chroma_server, tmp_path / "reader", "shared-collection")
    searcher = HybridSearcher(reader, embedder)
    assert searcher.search("prisoner exchange", 3) == []
    ingest(news_documents(), writer, embedder, SMALL_CHUNKS)
    # The reader's keyword index was built empty; it notices the writer's marker and rebuilds.
    top = searcher.search("How many prisoners were exchanged?", 3)
    assert top[0].chunk.doc_id == "prisoner-swap"
    assert len(reader.keyword()) == writer.store.count()
