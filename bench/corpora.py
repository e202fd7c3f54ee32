"""Benchmark corpora of a chosen size, cut from or scaled up from the real news corpus."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from retrieval.documents import Document
from retrieval.loading import load_documents


def load_real_corpus(paths: Sequence[Path]) -> list[Document]:
    """Every document of the given files and folders; what cannot be read is named and skipped."""
    result = load_documents(list(paths))
    for failure in result.failures:
        print(f"skipped {failure.source}: {failure.reason}", file=sys.stderr)
    return list(result.documents)


def first_documents(
    docs: Sequence[Document], chunks: int, count: Callable[[Document], int]
) -> list[Document]:
    """The leading documents that together make at least `chunks` chunks."""
    taken, total = [], 0
    for doc in docs:
        if total >= chunks:
            break
        taken.append(doc)
        total += count(doc)
    return taken


def replicated(
    docs: Sequence[Document], chunks: int, count: Callable[[Document], int]
) -> list[Document]:
    """The real documents, then numbered copies of them, until there are `chunks` chunks.

    Copies keep their text (so a copy's passages embed to the same vectors as the original's)
    and get their own id and link, as when a wire story is republished on another site.
    """
    out: list[Document] = []
    total, copy = 0, 0
    while total < chunks:
        for doc in docs:
            if total >= chunks:
                break
            out.append(doc if copy == 0 else _copy(doc, copy))
            total += count(doc)
        copy += 1
    return out


def original_id(doc_id: str) -> str:
    """The real document a copy was made from."""
    return doc_id.split("@copy", 1)[0]


def _copy(doc: Document, n: int) -> Document:
    url = f"{doc.url}#copy{n}" if doc.url else ""
    return replace(doc, doc_id=f"{doc.doc_id}@copy{n}", url=url)
