"""Documents as loaded from the corpus, before chunking."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One source document: an article, a press release, a page."""

    doc_id: str
    title: str
    text: str
    url: str = ""
    date: str = ""  # ISO "YYYY-MM-DD", or "" when unknown
    publisher: str = ""
    source: str = ""  # where it was read from, for messages

    def content_hash(self) -> str:
        """A fingerprint of everything that ends up in the index for this document."""
        h = hashlib.sha256()
        for part in (self.title, self.url, self.date, self.publisher, self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:16]


@dataclass(frozen=True)
class LoadFailure:
    """A file or line that could not be read, and why."""

    source: str
    reason: str
