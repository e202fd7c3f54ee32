"""Builds the retrieval engine from the settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings
from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher
from retrieval.store import ChunkStore, open_client


@dataclass
class Engine:
    """The pieces the commands and chat front ends use."""

    index: Index
    embedder: BgeEmbedder
    searcher: HybridSearcher


def keyword_dir(settings: Settings) -> Path:
    """Where this process keeps the keyword index for the configured collection and store."""
    where = (
        "server-" + re.sub(r"[^A-Za-z0-9]+", "_", settings.chroma_url)
        if settings.chroma_url
        else "local"
    )
    return settings.data_dir / "keyword" / f"{where}-{settings.chroma_collection}"


def build_engine(settings: Settings) -> Engine:
    """Open (or create) the index and load the models."""
    client = open_client(settings.data_dir, settings.chroma_url or None)
    index = Index(ChunkStore(client, settings.chroma_collection), keyword_dir(settings))
    embedder = BgeEmbedder(batch_size=settings.embed_batch_size, threads=settings.onnx_threads)
    config = settings.search()
    reranker = (
        CrossEncoderReranker(threads=settings.onnx_threads) if config.rerank_candidates else None
    )
    return Engine(index, embedder, HybridSearcher(index, embedder, config, reranker))
