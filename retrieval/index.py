"""The index: Chroma (the source of truth) plus the keyword index derived from it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from retrieval.keyword import KeywordIndex
from retrieval.store import ChunkStore

log = logging.getLogger(__name__)


class Index:
    """Chroma passages and a BM25 index over the same passages, kept in step by a marker.

    Every write to the collection changes its generation marker; the keyword index records
    the marker it was built at, and is rebuilt from Chroma whenever the two differ. So a crash
    mid-ingest, or another process writing to a shared Chroma server, is noticed and repaired.
    """

    def __init__(self, store: ChunkStore, keyword_dir: Path, recheck_seconds: float = 5.0) -> None:
        self.store = store
        self.keyword_dir = keyword_dir
        self.recheck_seconds = recheck_seconds
        self._keyword: KeywordIndex | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._writer = threading.Lock()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held for a whole ingest: the feed poller and an admin's /ingest may overlap."""
        with self._writer:
            yield

    def keyword_is_current(self) -> bool:
        """True when the saved keyword index matches the collection."""
        saved = self._keyword or KeywordIndex.load(self.keyword_dir)
        return saved is not None and saved.generation == self.store.generation()

    def rebuild_keyword_index(self) -> KeywordIndex:
        """Mark the collection and rebuild the keyword index from every stored passage."""
        generation = self.store.new_generation()
        return self._build(generation)

    def keyword(self) -> KeywordIndex:
        """The keyword index, reloaded or rebuilt if the collection changed since."""
        with self._lock:
            now = time.monotonic()
            if self._keyword is not None and now - self._checked_at < self.recheck_seconds:
                return self._keyword
            self._checked_at = now
            current = self.store.generation()
            if self._keyword is not None and self._keyword.generation == current:
                return self._keyword
            saved = KeywordIndex.load(self.keyword_dir)
            if saved is not None and saved.generation == current:
                self._keyword = saved
                return saved
            log.info("keyword index is stale; rebuilding it from the collection")
            return self._build(current)

    def _build(self, generation: str) -> KeywordIndex:
        index = KeywordIndex.build(self.store.all_chunks(), generation)
        self.keyword_dir.parent.mkdir(parents=True, exist_ok=True)
        index.save(self.keyword_dir)
        self._keyword = index
        self._checked_at = time.monotonic()
        return index
