"""The Chroma collection holding passages, their vectors and their metadata."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import httpx
import numpy as np
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError
from numpy.typing import NDArray

from retrieval.chunking import Chunk, quotable_sentences

log = logging.getLogger(__name__)

# Collection metadata key whose value changes on every write, so readers can tell staleness.
GENERATION_KEY = "briefbot_generation"
# Sentence-collection metadata key: set once the sentences of every stored passage are stored.
SENTENCES_KEY = "briefbot_sentences"
_PAGE = 2000  # rows fetched per `get` call when reading the whole collection


@dataclass(frozen=True)
class IndexedDoc:
    """What the store holds for one document."""

    content_hash: str
    expected_chunks: int
    stored_chunks: int

    @property
    def complete(self) -> bool:
        """True when every chunk of the document's current version is stored."""
        return self.expected_chunks == self.stored_chunks


def date_number(date: str) -> int:
    """'2026-02-11' -> 20260211, so Chroma can compare dates; 0 when unknown."""
    digits = date.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def open_client(data_dir: Path | None = None, url: str | None = None) -> Any:
    """An embedded client in `data_dir/chroma`, or an HTTP client when `url` is given."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    if data_dir is None:
        raise ValueError("either a data directory or a Chroma URL is needed")
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class StoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached (down, restarting, or the network is)."""


class _Reachable:
    """Forwards calls to a Chroma client or collection; connection failures become
    `StoreUnavailable`, one error for callers to report whatever the transport said."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attr(*args, **kwargs)
            except httpx.TransportError as e:
                raise StoreUnavailable(
                    f"cannot reach the passage store (Chroma server): {type(e).__name__}"
                ) from e

        return call


class ChunkStore:
    """Passages in one Chroma collection (cosine distance, vectors computed by us)."""

    def __init__(self, client: Any, collection: str) -> None:
        self.client = _Reachable(client)
        self.collection = _Reachable(
            self.client.get_or_create_collection(
                collection,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        )
        # Each passage's sentences with their own vectors: which sentences of a passage are
        # like the question decides which ones the answer composer judges closely.
        self.sentences = _Reachable(
            self.client.get_or_create_collection(
                f"{collection}.sentences",
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        )
        self.max_batch = int(self.client.get_max_batch_size())

    # --- bookkeeping -------------------------------------------------------------------

    def generation(self) -> str:
        """The marker of the collection's last write."""
        meta = self.client.get_collection(self.collection.name).metadata or {}
        return str(meta.get(GENERATION_KEY, ""))

    def new_generation(self) -> str:
        """Record that the collection changed; returns the new marker."""
        marker = uuid.uuid4().hex
        self.collection.modify(metadata={GENERATION_KEY: marker})
        return marker

    def count(self) -> int:
        """Number of stored passages."""
        return int(self.collection.count())

    def indexed_docs(self) -> dict[str, IndexedDoc]:
        """Per document: its stored version and whether all its chunks are present."""
        seen: dict[str, tuple[str, int, int]] = {}
        for _, meta in self._iter_rows(include=["metadatas"]):
            doc_id = str(meta["doc_id"])
            h, _expected, stored = seen.get(doc_id, (str(meta["doc_hash"]), 0, 0))
            if h != meta["doc_hash"]:
                h = "mixed"  # two versions present: treat as incomplete
            seen[doc_id] = (h, int(meta["n_chunks"]), stored + 1)
        return {
            d: IndexedDoc(h, expected if h != "mixed" else -1, stored)
            for d, (h, expected, stored) in seen.items()
        }

    # --- writes ------------------------------------------------------------------------

    def add(
        self, chunks: Sequence[Chunk], vectors: NDArray[np.float32], doc_hashes: dict[str, str]
    ) -> None:
        """Store chunks with their vectors; `doc_hashes` gives each chunk's document version."""
        per_doc: dict[str, int] = {}
        now = int(time.time())
        for c in chunks:
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
        for lo in range(0, len(chunks), self.max_batch):
            part = chunks[lo : lo + self.max_batch]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[lo : lo + len(part)],
                documents=[c.text for c in part],
                metadatas=[
                    _metadata(c, doc_hashes[c.doc_id], per_doc[c.doc_id], now) for c in part
                ],
            )

    def add_sentences(
        self, sentences: Sequence[tuple[Chunk, str]], vectors: NDArray[np.float32]
    ) -> None:
        """Store sentences of passages with their vectors; give all of a passage's sentences
        in one call (they are numbered within it)."""
        numbered: dict[str, int] = {}
        ids = []
        for c, _ in sentences:
            numbered[c.chunk_id] = numbered.get(c.chunk_id, -1) + 1
            ids.append(f"{c.chunk_id}:{numbered[c.chunk_id]}")
        for lo in range(0, len(sentences), self.max_batch):
            part = sentences[lo : lo + self.max_batch]
            self.sentences.upsert(
                ids=ids[lo : lo + len(part)],
                embeddings=vectors[lo : lo + len(part)],
                documents=[text for _, text in part],
                metadatas=[{"chunk_id": c.chunk_id, "doc_id": c.doc_id} for c, _ in part],
            )

    def delete_docs(self, doc_ids: Sequence[str]) -> None:
        """Remove every chunk of these documents, and their sentences."""
        for lo in range(0, len(doc_ids), 500):
            where = {"doc_id": {"$in": list(doc_ids[lo : lo + 500])}}
            self.collection.delete(where=where)
            self.sentences.delete(where=where)

    # --- reads -------------------------------------------------------------------------

    def all_chunks(self) -> Iterator[Chunk]:
        """Every stored passage, in no particular order."""
        for (chunk_id, text), meta in self._iter_rows(include=["documents", "metadatas"]):
            yield _chunk(chunk_id, text, meta)

    def nearest(
        self, vector: NDArray[np.float32], n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[Chunk, float]]:
        """The `n` passages closest to `vector`, with cosine similarity."""
        # No count() first: it took 5 ms a search, and an empty collection answers with none.
        if n <= 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector],
            n_results=n,
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(
            result["ids"][0],
            result["documents"][0],
            result["metadatas"][0],
            result["distances"][0],
            strict=True,
        )
        return [(_chunk(i, t, m), 1.0 - float(d)) for i, t, m, d in rows]

    def nearest_ids(
        self,
        vector: NDArray[np.float32],
        n: int,
        where: dict[str, Any] | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[tuple[str, float]]:
        """The ids of the `n` passages closest to `vector` (only among `ids`, when given),
        with cosine similarity: a third of the time of `nearest`, which reads every passage's
        text and metadata too."""
        if n <= 0 or (ids is not None and not ids):
            return []
        try:
            result = self.collection.query(
                query_embeddings=[vector],
                n_results=n if ids is None else min(n, len(ids)),
                where=where or None,
                ids=list(ids) if ids is not None else None,
                include=["distances"],
            )
        except ChromaError:
            if ids is None:
                raise
            # One of the ids was deleted since the caller read it (an ingest is running):
            # asked again among those still stored.
            held = self.collection.get(ids=list(ids), include=[])["ids"]
            if len(held) == len(ids):
                raise
            return self.nearest_ids(vector, n, where, held)
        return [
            (i, 1.0 - float(d))
            for i, d in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def sentence_vectors(self, chunks: Sequence[Chunk]) -> dict[str, NDArray[np.float32]]:
        """The stored vectors of these passages' sentences, by sentence text (none for an
        index built before sentences were stored)."""
        if not chunks:
            return {}
        # A passage's sentences are numbered within it, so they are fetched by id (3 ms; a
        # `where` on their passage took 30).
        quoted = {c.chunk_id: quotable_sentences(c.text) for c in chunks}
        ids = [f"{cid}:{i}" for cid, texts in quoted.items() for i in range(len(texts))]
        if not ids:
            return {}
        page = self.sentences.get(ids=ids, include=["documents", "embeddings"])
        if set(page["documents"] or []) != {t for texts in quoted.values() for t in texts}:
            # Stored by an older version, which numbered them across passages or quoted
            # differently: the ids do not say which sentence is which.
            page = self.sentences.get(
                where={"chunk_id": {"$in": list(quoted)}}, include=["documents", "embeddings"]
            )
        # A sentence in two overlapping passages was embedded twice, in different batches, to
        # slightly different vectors: the first by id is taken, whatever order Chroma returns.
        rows = sorted(zip(page["ids"], page["documents"], page["embeddings"], strict=True))
        found: dict[str, NDArray[np.float32]] = {}
        for _, text, vector in rows:
            found.setdefault(text, np.asarray(vector, dtype=np.float32))
        return found

    def sentences_complete(self) -> bool:
        """Whether every stored passage's sentences are stored too (false for an index built
        before sentences were, until they are added)."""
        meta = self.client.get_collection(self.sentences.name).metadata or {}
        return meta.get(SENTENCES_KEY) == "complete"

    def mark_sentences_complete(self) -> None:
        """Record that every stored passage's sentences are stored."""
        self.sentences.modify(metadata={SENTENCES_KEY: "complete"})

    def chunks_with_sentences(self) -> set[str]:
        """The passages whose sentences are stored."""
        return {str(m["chunk_id"]) for _, m in self._iter_rows(["metadatas"], self.sentences)}

    def _iter_rows(self, include: list[str], collection: Any = None) -> Iterator[Any]:
        collection = collection or self.collection
        offset = 0
        while True:
            page = collection.get(include=include, limit=_PAGE, offset=offset)
            ids = page["ids"]
            if not ids:
                return
            metas = page["metadatas"]
            if "documents" in include:
                yield from zip(zip(ids, page["documents"], strict=True), metas, strict=True)
            else:
                yield from zip(ids, metas, strict=True)
            offset += len(ids)


def _metadata(chunk: Chunk, doc_hash: str, n_chunks: int, now: int) -> dict[str, str | int]:
    return {
        "ingested_at": now,  # for "what is new" when a document has no date
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "url": chunk.url,
        "date": chunk.date,
        "date_num": date_number(chunk.date),
        "publisher": chunk.publisher,
        "position": chunk.position,
        "start": chunk.start,
        "end": chunk.end,
        "doc_hash": doc_hash,
        "n_chunks": n_chunks,
    }


def _chunk(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        title=str(meta.get("title", "")),
        url=str(meta.get("url", "")),
        date=str(meta.get("date", "")),
        publisher=str(meta.get("publisher", "")),
        position=int(meta.get("position", 0)),
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        text=text,
    )


def chunks_by_id(store: ChunkStore, ids: Sequence[str]) -> dict[str, Chunk]:
    """Fetch specific passages by id."""
    if not ids:
        return {}
    page = store.collection.get(ids=list(ids), include=["documents", "metadatas"])
    return {
        i: _chunk(i, t, m)
        for i, t, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True)
    }


def new_chunks(
    store: ChunkStore,
    since_date: str,
    since_time: float,
    until_date: str = "",
    until_time: float | None = None,
    late_days: int = -1,
) -> list[tuple[Chunk, NDArray[np.float32]]]:
    """Passages, with their vectors, of the documents in a period: dated ones by their date,
    undated ones by when they were ingested. With `late_days` >= 0, also those ingested in the
    period and dated up to that many days before it (a feed's entry that arrived late)."""
    until_ingested = {"ingested_at": {"$lte": int(until_time)}} if until_time is not None else {}
    # A report dated on the `since` day itself counts only if it arrived after `since`: the
    # previous digest, sent that morning, already carried the ones that were there.
    dated: dict[str, Any] = {
        "$or": [
            {"date_num": {"$gt": date_number(since_date)}},
            {
                "$and": [
                    {"date_num": date_number(since_date)},
                    {"ingested_at": {"$gte": int(since_time)}},
                ]
            },
        ]
    }
    if until_date:
        dated = {"$and": [dated, {"date_num": {"$lte": date_number(until_date)}}]}
    arrived = [
        {"ingested_at": {"$gte": int(since_time)}},
        *([until_ingested] if until_ingested else []),
    ]
    undated = {"$and": [{"date_num": 0}, *arrived]}
    wheres: list[dict[str, Any]] = [dated, undated]
    if late_days >= 0:
        earliest = (date.fromisoformat(since_date) - timedelta(days=late_days)).isoformat()
        late = [
            {"date_num": {"$gte": date_number(earliest)}},
            {"date_num": {"$lt": date_number(since_date)}},
        ]
        wheres.append({"$and": [*late, *arrived]})
    out: list[tuple[Chunk, NDArray[np.float32]]] = []
    for where in wheres:
        page = store.collection.get(where=where, include=["documents", "metadatas", "embeddings"])
        for i, t, m, v in zip(
            page["ids"], page["documents"], page["metadatas"], page["embeddings"], strict=True
        ):
            out.append((_chunk(i, t, m), np.asarray(v, dtype=np.float32)))
    return out
