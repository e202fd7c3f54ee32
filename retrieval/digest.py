"""The daily digest: what is new, grouped into stories, ranked, each told in cited sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from retrieval.answers import Answer, Composer, renumber
from retrieval.chunking import Chunk, split_sentences
from retrieval.evaluation import citations_json
from retrieval.keyword import keyword_tokens
from retrieval.search import Passage


@dataclass(frozen=True)
class DigestItem:
    """One story: a headline, a cited sentence or two, and how widely it was covered."""

    headline: str
    answer: Answer
    documents: tuple[str, ...]  # doc ids reporting the story
    publishers: tuple[str, ...]
    latest: str  # the newest publication date among them ("" when undated)


@dataclass(frozen=True)
class Digest:
    """What is new since a date, best story first."""

    since: str
    until: str
    items: tuple[DigestItem, ...] = field(default=())
    topic: str = ""

    @property
    def empty(self) -> bool:
        """True when there is nothing new to report."""
        return not self.items


@dataclass(frozen=True)
class DigestConfig:
    """Knobs of the digest builder."""

    max_items: int = 5
    same_story: float = (
        0.82  # cosine of two documents' lead passages above which they are one story
    )
    sentences: int = 2
    words: int = 70


@dataclass
class _Doc:
    doc_id: str
    chunks: list[Chunk]
    lead_vector: NDArray[np.float32]

    @property
    def lead(self) -> Chunk:
        return self.chunks[0]


def build_digest(
    new: Sequence[tuple[Chunk, NDArray[np.float32]]],
    composer: Composer,
    since: str,
    until: str,
    topic: str = "",
    config: DigestConfig = DigestConfig(),
) -> Digest:
    """Group new passages into stories, rank them, and tell each with `composer` (which
    should be configured for a sentence or two)."""
    docs = _documents(new)
    if topic:
        wanted = set(keyword_tokens(topic))
        docs = [d for d in docs if wanted & set(keyword_tokens(_doc_text(d)))]
    stories = _stories(docs, config.same_story)
    stories.sort(key=lambda s: _rank(s, until), reverse=True)
    items = []
    for story in stories[: config.max_items]:
        item = _item(story, composer)
        if item is not None:
            items.append(item)
    return Digest(since, until, tuple(items), topic)


def _documents(new: Sequence[tuple[Chunk, NDArray[np.float32]]]) -> list[_Doc]:
    """Passages gathered by document, newest document first; a document's lead is its first."""
    chunks: dict[str, list[tuple[Chunk, NDArray[np.float32]]]] = {}
    for chunk, vector in new:
        chunks.setdefault(chunk.doc_id, []).append((chunk, vector))
    docs = []
    for doc_id, pairs in chunks.items():
        pairs.sort(key=lambda pair: pair[0].position)
        docs.append(_Doc(doc_id, [c for c, _ in pairs], pairs[0][1]))
    return sorted(docs, key=lambda d: (d.lead.date, d.doc_id), reverse=True)


def _doc_text(doc: _Doc) -> str:
    return doc.lead.title + "\n" + "\n".join(c.text for c in doc.chunks)


def _stories(docs: list[_Doc], threshold: float) -> list[list[_Doc]]:
    """Greedy grouping: a document joins the first story whose first document it resembles."""
    stories: list[list[_Doc]] = []
    for doc in docs:
        for story in stories:
            if float(np.dot(story[0].lead_vector, doc.lead_vector)) >= threshold:
                story.append(doc)
                break
        else:
            stories.append([doc])
    return stories


def _rank(story: list[_Doc], until: str) -> tuple[int, int, float]:
    """More outlets first, then more reports, then the more recent."""
    publishers = {d.lead.publisher or d.doc_id for d in story}
    newest = max((d.lead.date for d in story), default="")
    age = (_days(until) - _days(newest)) if newest and until else 0
    return (len(publishers), len(story), -float(age))


def _days(iso: str) -> int:
    try:
        return date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


def _item(story: list[_Doc], composer: Composer) -> DigestItem | None:
    """The story told by the composer, with the lead headline as its question."""
    headline = story[0].lead.title or story[0].lead.text[:80]
    passages = [Passage(c, 1.0) for d in story[:3] for c in d.chunks[:2]]
    answer = composer.compose(headline, passages)
    if answer.abstained:
        # A headline is not always a good question: fall back to the report's opening sentence.
        lead = split_sentences(story[0].lead.text)[:1]
        if not lead:
            return None
        answer = renumber(headline, [(lead[0], [passages[0]])], tuple(passages), "extractive")
    return DigestItem(
        headline=headline,
        answer=answer,
        documents=tuple(d.doc_id for d in story),
        publishers=tuple(sorted({d.lead.publisher for d in story if d.lead.publisher})),
        latest=max((d.lead.date for d in story), default=""),
    )


def parse_since(value: str, now: float) -> tuple[str, float]:
    """'24h', '3d' or 'YYYY-MM-DD' -> (the first date included, the same instant as a timestamp)."""
    m = re.fullmatch(r"\s*(\d+)\s*([hd])\s*", value)
    if m:
        hours = int(m.group(1)) * (24 if m.group(2) == "d" else 1)
        start = datetime.fromtimestamp(now, UTC) - timedelta(hours=hours)
        return start.date().isoformat(), start.timestamp()
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"--since {value!r}: use 24h, 3d or a date like 2026-02-01") from None
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return day.isoformat(), start.timestamp()


def digest_json(digest: Digest) -> dict[str, object]:
    """The digest as JSON: its period and each story with its answer fields."""
    return {
        "since": digest.since,
        "until": digest.until,
        "topic": digest.topic,
        "items": [
            {
                "headline": item.headline,
                "documents": list(item.documents),
                "publishers": list(item.publishers),
                "latest": item.latest,
                "answer": item.answer.text(),
                "citations": citations_json(item.answer),
            }
            for item in digest.items
        ],
    }
