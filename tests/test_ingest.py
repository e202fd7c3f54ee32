"""Incremental ingestion into a real Chroma, with the keyword index kept in step."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import pytest
from numpy.typing import NDArray

from retrieval.chunking import quotable, split_sentences
from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import HybridSearcher
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import news_documents


class CountingEmbedder:
    """The real embedder, counting passages; optionally failing after a number of batches."""

    dimension = 384

    def __init__(self, inner: BgeEmbedder, fail_after: int | None = None) -> None:
        self.inner = inner
        self.fail_after = fail_after
        self.passages = 0
        self.batches = 0

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]:
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise RuntimeError("simulated crash during embedding")
        self.passages += len(texts)
        self.batches += 1
        return self.inner.embed_passages(texts, progress)

    def embed_query(self, text: str) -> NDArray[np.float32]:
        return self.inner.embed_query(text)


def _expected_chunks(index: Index) -> int:
    return sum(d.expected_chunks for d in index.store.indexed_docs().values())


def _assert_consistent(index: Index, docs: Sequence[Document]) -> None:
    held = index.store.indexed_docs()
    assert set(held) == {d.doc_id for d in docs}
    assert all(d.complete for d in held.values())
    assert len(index.keyword()) == index.store.count() == _expected_chunks(index)


def test_first_ingest_adds_every_document(tmp_path: Path, embedder: BgeEmbedder) -> None:
    index = make_index(tmp_path)
    docs = news_documents()
    report = ingest(docs, index, embedder, SMALL_CHUNKS)
    assert sorted(report.added) == sorted(d.doc_id for d in docs)
    assert report.chunks_embedded == index.store.count() > 0
    _assert_consistent(index, docs)


def test_unchanged_corpus_embeds_nothing(tmp_path: Path, embedder: BgeEmbedder) -> None:
    index = make_index(tmp_path)
    docs = news_documents()
    ingest(docs, index, embedder, SMALL_CHUNKS)
    counting = CountingEmbedder(embedder)
    report = ingest(docs, make_index(tmp_path), counting, SMALL_CHUNKS)  # a new process
    assert counting.passages == 0
    assert len(report.unchanged) == len(docs)
    assert not (report.added)
    assert not (report.updated)


def test_changed_document_is_replaced(tmp_path: Path, embedder: BgeEmbedder) -> None:
    index = make_index(tmp_path)
    docs = news_documents()
    ingest(docs, index, embedder, SMALL_CHUNKS)
    swap = next(d for d in docs if d.doc_id == "prisoner-swap")
    changed = dataclasses.replace(swap, text="The two sides exchanged 300 prisoners on Friday.")
    docs = [changed if d.doc_id == "prisoner-swap" else d for d in docs]
    counting = CountingEmbedder(embedder)
    report = ingest(docs, index, counting, SMALL_CHUNKS)
    assert report.updated == ["prisoner-swap"]
    assert counting.passages == 2  # its one passage, and that passage's one sentence
    top = HybridSearcher(index, embedder).search("How many prisoners were exchanged?", 1)[0]
    assert "300 prisoners" in top.chunk.text
    _assert_consistent(index, docs)


def test_prune_removes_documents_that_are_gone(tmp_path: Path, embedder: BgeEmbedder) -> None:
    index = make_index(tmp_path)
    docs = news_documents()
    ingest(docs, index, embedder, SMALL_CHUNKS)
    kept = [d for d in docs if d.doc_id != "football"]
    assert ingest(kept, index, embedder, SMALL_CHUNKS).removed == []  # only with --prune
    report = ingest(kept, index, embedder, SMALL_CHUNKS, prune=True)
    assert report.removed == ["football"]
    _assert_consistent(index, kept)
    results = HybridSearcher(index, embedder).search("cup final penalty shoot-out", 5)
    assert "football" not in {p.chunk.doc_id for p in results}


def test_a_crash_mid_ingest_is_completed_by_the_next_run(
    tmp_path: Path, embedder: BgeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("retrieval.ingest._GROUP_CHUNKS", 3)  # several write groups
    index = make_index(tmp_path)
    docs = news_documents()
    with pytest.raises(RuntimeError, match="simulated crash"):
        # The third call embeds the second group's passages.
        ingest(docs, index, CountingEmbedder(embedder, fail_after=2), SMALL_CHUNKS)
    partial = index.store.count()
    assert 0 < partial < len(docs)
    # A reader opened now sees a keyword index that matches what Chroma holds.
    assert len(make_index(tmp_path).keyword()) == partial

    counting = CountingEmbedder(embedder)
    report = ingest(docs, make_index(tmp_path), counting, SMALL_CHUNKS)
    assert report.chunks_embedded == index.store.count() - partial  # finished work is kept
    assert len(report.unchanged) + len(report.added) == len(docs)
    _assert_consistent(make_index(tmp_path), docs)
    # Every passage kept from before the crash has its sentences' vectors too.
    chunks = list(index.store.all_chunks())
    stored = index.store.sentence_vectors(chunks)
    for c in chunks:
        assert all(q in stored for s in split_sentences(c.text) if (q := quotable(s)))


def test_keyword_index_is_rebuilt_when_missing(tmp_path: Path, embedder: BgeEmbedder) -> None:
    index = make_index(tmp_path)
    ingest(news_documents(), index, embedder, SMALL_CHUNKS)
    for f in sorted(index.keyword_dir.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()
    fresh = make_index(tmp_path)
    assert len(fresh.keyword()) == fresh.store.count()
    assert not ingest(news_documents(), fresh, CountingEmbedder(embedder), SMALL_CHUNKS).added


def test_a_document_with_no_text_is_reported(tmp_path: Path, embedder: BgeEmbedder) -> None:
    blank = Document("blank", "Nothing here", "   ", source="blank.md")
    report = ingest([blank, *news_documents()], make_index(tmp_path), embedder, SMALL_CHUNKS)
    assert [(f.source, f.reason) for f in report.failed] == [("blank.md", "no text to index")]
    assert "blank" not in report.added


@pytest.mark.parametrize("shared_index", [True, False], ids=["one-process", "two-processes"])
def test_overlapping_ingests_leave_a_consistent_index(
    tmp_path: Path, embedder: BgeEmbedder, shared_index: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The feed poller and an admin's /ingest (one process), or `briefbot ingest` beside a
    # running bot (two indexes over the same files), writing the same and different documents.
    docs = news_documents()
    first, second = docs[: len(docs) // 2 + 1], docs[len(docs) // 2 :]
    one = make_index(tmp_path)
    other = one if shared_index else make_index(tmp_path)
    start = threading.Barrier(2)
    # Both writers reach the keyword index's save together, when they can.
    saving = threading.Barrier(2, timeout=2)
    save = bm25s.BM25.save

    def save_together(self: bm25s.BM25, path: str) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            saving.wait()
        save(self, path)

    monkeypatch.setattr(bm25s.BM25, "save", save_together)
    errors: list[BaseException] = []

    def run(index: Index, part: list[Document]) -> None:
        start.wait()
        try:
            ingest(part, index, CountingEmbedder(embedder), SMALL_CHUNKS)
        except BaseException as e:
            errors.append(e)

    threads = [
        threading.Thread(target=run, args=(one, first)),
        threading.Thread(target=run, args=(other, second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    _assert_consistent(make_index(tmp_path), docs)
    leftovers = [p.name for p in one.keyword_dir.parent.iterdir() if ".tmp" in p.name]
    assert leftovers == []


def test_an_index_built_before_sentence_vectors_gets_them_on_the_next_ingest(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    index = make_index(tmp_path)
    docs = news_documents()
    ingest(docs, index, embedder, SMALL_CHUNKS)
    chunks = list(index.store.all_chunks())
    stored = index.store.sentence_vectors(chunks)
    # An older version kept no sentences at all.
    index.store.client.delete_collection(index.store.sentences.name)
    assert not make_index(tmp_path).store.sentence_vectors(chunks)

    counting = CountingEmbedder(embedder)
    report = ingest(docs, make_index(tmp_path), counting, SMALL_CHUNKS)
    assert report.chunks_embedded == 0  # no passage is embedded again
    assert counting.passages == len(stored)
    again = make_index(tmp_path).store.sentence_vectors(chunks)
    assert again.keys() == stored.keys()
    assert all(np.allclose(again[s], stored[s], atol=1e-5) for s in stored)


def test_sentences_numbered_across_passages_by_an_older_version_are_still_found(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    index = make_index(tmp_path)
    ingest(news_documents(), index, embedder, SMALL_CHUNKS)
    chunks = list(index.store.all_chunks())
    stored = index.store.sentence_vectors(chunks)
    assert stored
    # An older version numbered sentences across the passages stored in one call: the first
    # passage's ids are the same either way, the others' are not.
    page = index.store.sentences.get(include=["documents", "embeddings", "metadatas"])
    index.store.sentences.delete(ids=page["ids"])
    index.store.sentences.add(
        ids=[f"{m['chunk_id']}:{n}" for n, m in enumerate(page["metadatas"])],
        documents=page["documents"],
        embeddings=page["embeddings"],
        metadatas=page["metadatas"],
    )
    assert index.store.sentence_vectors(chunks).keys() == stored.keys()


def _vectors(index: Index) -> dict[str, NDArray[np.float32]]:
    rows = index.store.collection.get(include=["embeddings"])
    return dict(zip(rows["ids"], np.asarray(rows["embeddings"]), strict=True))


def test_a_document_ingested_later_gets_the_vectors_a_fresh_build_gives(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = news_documents()
    fresh = make_index(tmp_path / "fresh")
    ingest(docs, fresh, embedder, SMALL_CHUNKS)
    grown = make_index(tmp_path / "grown")
    ingest(docs[:2], grown, embedder, SMALL_CHUNKS)
    ingest(docs, grown, embedder, SMALL_CHUNKS)
    # The INT8 model quantizes each call by its own range: embedded with other company, a
    # passage would get a slightly different vector, and search a slightly different answer.
    expected, got = _vectors(fresh), _vectors(grown)
    assert expected.keys() == got.keys()
    assert all(np.array_equal(expected[i], got[i]) for i in expected)
