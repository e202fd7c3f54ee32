"""Chroma in server mode (`chroma run` on 127.0.0.1) behaves like the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversations
from bot.engine import build_engine
from bot.settings import Settings
from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import HybridSearcher
from retrieval.store import ChunkStore, StoreUnavailable, open_client
from tests.conftest import SMALL_CHUNKS, free_port, make_index, running_chroma
from tests.corpus_factory import news_documents

QUESTIONS = [
    "How many prisoners were exchanged?",
    "Who brokered the grain corridor?",
    "Why did people lose electricity?",
    "What happened in Geneva on 17 February 2026?",  # a period's passages, sought by id
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


def test_server_mode_gives_the_same_answers_as_embedded(
    chroma_server: str, tmp_path: Path, embedder: BgeEmbedder
) -> None:
    server = build_engine(
        Settings(
            _env_file=None,
            CHROMA_URL=chroma_server,
            CHROMA_COLLECTION="same-answers",
            BRIEFBOT_DATA_DIR=tmp_path / "a",
        )
    )
    local = build_engine(Settings(_env_file=None, BRIEFBOT_DATA_DIR=tmp_path / "b"))
    for engine in (server, local):
        ingest(news_documents(), engine.index, embedder, SMALL_CHUNKS)
    answered = 0
    for q in QUESTIONS:
        via_server = Conversations(server, 5).ask_sync("c", q).answer
        via_local = Conversations(local, 5).ask_sync("c", q).answer
        answered += not via_server.abstained
        assert via_server.text() == via_local.text()
        assert via_server.sources == via_local.sources
    assert answered >= 2


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


def test_answers_resume_when_the_chroma_server_comes_back(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    port = free_port()
    question = "How many prisoners were exchanged?"
    with running_chroma(tmp_path / "server", port, kill=True) as url:
        engine = build_engine(
            Settings(_env_file=None, CHROMA_URL=url, BRIEFBOT_DATA_DIR=tmp_path / "bot")
        )
        ingest(news_documents(), engine.index, embedder, SMALL_CHUNKS)
        chat = Conversations(engine, 5)
        before = chat.ask_sync("c", question).answer.text()
        assert "157" in before
    # The server crashed: the question fails with an error the front ends turn into an apology.
    with pytest.raises(StoreUnavailable, match="cannot reach the passage store"):
        chat.ask_sync("c", question)
    with running_chroma(tmp_path / "server", port):
        assert chat.ask_sync("c", question).answer.text() == before
