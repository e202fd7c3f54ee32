"""Incremental ingestion: documents to chunks to vectors to Chroma, keyword index in step."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from retrieval.chunking import Chunk, ChunkingConfig, chunk_document, quotable_sentences
from retrieval.documents import Document, LoadFailure
from retrieval.embedding import Embedder
from retrieval.index import Index

log = logging.getLogger(__name__)

# Documents are embedded and written in groups of about this many chunks, so a crash loses
# at most one group of work and memory stays flat on large corpora.
_GROUP_CHUNKS = 512


@dataclass
class IngestReport:
    """What an ingestion run did, document by document."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_embedded: int = 0

    def summary(self) -> str:
        """One line of counts for the terminal."""
        return (
            f"documents: {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{len(self.failed)} failed; {self.chunks_embedded} chunks embedded"
        )


def ingest(
    documents: Sequence[Document],
    index: Index,
    embedder: Embedder,
    chunking: ChunkingConfig,
    *,
    prune: bool = False,
    failures: Sequence[LoadFailure] = (),
    on_plan: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Bring the index in line with `documents`; only new or changed documents are embedded.

    `on_plan` receives the number of chunks to embed, `on_progress` each batch's count.
    """
    with index.writing():
        return _ingest(documents, index, embedder, chunking, prune, failures, on_plan, on_progress)


def _ingest(
    documents: Sequence[Document],
    index: Index,
    embedder: Embedder,
    chunking: ChunkingConfig,
    prune: bool,
    failures: Sequence[LoadFailure],
    on_plan: Callable[[int], None] | None,
    on_progress: Callable[[int], None] | None,
) -> IngestReport:
    report = IngestReport(failed=list(failures))
    stored = index.store.indexed_docs()
    todo: list[tuple[Document, str, list[Chunk]]] = []
    for doc in documents:
        version = f"{doc.content_hash()}-{chunking.fingerprint()}"
        held = stored.get(doc.doc_id)
        if held is not None and held.content_hash == version and held.complete:
            report.unchanged.append(doc.doc_id)
            continue
        chunks = chunk_document(doc, chunking)
        if not chunks:
            report.failed.append(LoadFailure(doc.source or doc.doc_id, "no text to index"))
            continue
        todo.append((doc, version, chunks))
        (report.updated if held is not None else report.added).append(doc.doc_id)

    gone = sorted(set(stored) - {d.doc_id for d in documents}) if prune else []
    _add_missing_sentences(index, embedder, set(report.unchanged))
    if not todo and not gone and index.keyword_is_current():
        return report

    # Mark the collection as changing first: a reader that sees this marker before the
    # keyword index is rebuilt knows its keyword index is stale.
    index.store.new_generation()
    if on_plan is not None:
        on_plan(sum(len(c) for _, _, c in todo))
    for group in _groups(todo):
        texts = [c.indexed_text() for _, _, chunks in group for c in chunks]
        vectors = embedder.embed_passages(texts, progress=on_progress)
        sentences = _sentences([c for _, _, chunks in group for c in chunks])
        sentence_vectors = embedder.embed_passages([t for _, t in sentences])
        # Old versions go first; a crash between delete and add leaves the document
        # missing, and the next run adds it again. Sentences go before their passages: a
        # document counts as stored once its passages are, so its sentences must be there.
        index.store.delete_docs([doc.doc_id for doc, _, _ in group if doc.doc_id in stored])
        index.store.add_sentences(sentences, sentence_vectors)
        index.store.add(
            [c for _, _, chunks in group for c in chunks],
            vectors,
            {doc.doc_id: version for doc, version, _ in group},
        )
        report.chunks_embedded += len(texts)
    if gone:
        index.store.delete_docs(gone)
        report.removed.extend(gone)
    index.rebuild_keyword_index()
    return report


def _add_missing_sentences(index: Index, embedder: Embedder, doc_ids: set[str]) -> None:
    """Store the sentences of these documents' passages that have none stored: an index built
    before sentences were stored gets them on its next ingest."""
    if index.store.sentences_complete():
        return  # the usual case: checking every passage would add seconds to every ingest
    have = index.store.chunks_with_sentences()
    missing = [
        c for c in index.store.all_chunks() if c.doc_id in doc_ids and c.chunk_id not in have
    ]
    if missing:
        log.info("storing the sentences of %d passages indexed before", len(missing))
    for lo in range(0, len(missing), _GROUP_CHUNKS):
        sentences = _sentences(missing[lo : lo + _GROUP_CHUNKS])
        index.store.add_sentences(sentences, embedder.embed_passages([t for _, t in sentences]))
    index.store.mark_sentences_complete()


def _sentences(chunks: Sequence[Chunk]) -> list[tuple[Chunk, str]]:
    """Each passage's sentences an answer may quote, as it would quote them, once each."""
    return [(c, text) for c in chunks for text in quotable_sentences(c.text)]


def _groups(
    todo: list[tuple[Document, str, list[Chunk]]],
) -> list[list[tuple[Document, str, list[Chunk]]]]:
    groups: list[list[tuple[Document, str, list[Chunk]]]] = [[]]
    size = 0
    for item in todo:
        if size and size + len(item[2]) > _GROUP_CHUNKS:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item[2])
    return [g for g in groups if g]
