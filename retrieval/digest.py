"""The daily digest: the period's developments, one story each, most covered first, cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from retrieval.answers import Answer, Composer, merged_text, renumber, source_from
from retrieval.chunking import Chunk
from retrieval.evaluation import citations_json
from retrieval.headlines import clean_headline, outlet
from retrieval.keyword import keyword_tokens
from retrieval.ledes import lede
from retrieval.pagekind import page_kind, tells_event
from retrieval.search import Passage


@dataclass(frozen=True)
class DigestItem:
    """One story: a headline, a cited sentence or two, and how widely it was covered."""

    headline: str
    answer: Answer  # the sentences cite their reports; every report of the story is a source
    documents: tuple[str, ...]  # doc ids reporting the story
    publishers: tuple[str, ...]  # the distinct outlets reporting it (publisher, else web site)
    latest: str  # the newest publication date among them ("" when undated)

    @property
    def coverage(self) -> str:
        """'3 reports, 2026-02-05': how widely and when the story was reported."""
        return f"{self.reports}, {self.latest or 'undated'}"

    @property
    def reports(self) -> str:
        """How widely the story was covered: '3 reports', '1 report' (distinct outlets)."""
        n = max(len(self.publishers), 1)
        return f"{n} report" if n == 1 else f"{n} reports"


# Stories a digest shows before "and N more": a briefing read in a minute, in one message.
SHOWN_STORIES = 5


@dataclass(frozen=True)
class Digest:
    """What is new in a period, the most covered story first."""

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

    max_items: int = 20  # stories told; the renderers show what fits and say how many more
    # Cosine of two reports' document vectors above which they tell one development.
    same_story: float = 0.90
    same_story_days: int = 2  # reports of one development are published within this many days
    # Cosine of a topic (as a query) and a passage above which the passage is on the topic.
    on_topic: float = 0.55
    on_topic_margin: float = 0.06  # ...and within this of the period's closest report
    sentences: int = 2
    words: int = 60


# The opening passages say what a report is about; its tail wanders (live blogs, teasers).
OPENING_PASSAGES = 3


@dataclass
class _Doc:
    doc_id: str
    chunks: list[Chunk]
    vectors: list[NDArray[np.float32]]
    vector: NDArray[np.float32]  # the mean of the opening passages' vectors, normalised
    outlet: str

    @property
    def lead(self) -> Chunk:
        return self.chunks[0]

    @property
    def text(self) -> str:
        return merged_text([Passage(c, 1.0) for c in self.chunks])


def build_digest(
    new: Sequence[tuple[Chunk, NDArray[np.float32]]],
    composer: Composer | None,
    since: str,
    until: str,
    topic: str = "",
    config: DigestConfig = DigestConfig(),
    topic_vector: NDArray[np.float32] | None = None,
) -> Digest:
    """Group new reports into stories, rank them by coverage then recency, and tell each in a
    sentence or two: with `composer` (a language model) when given, else from the reports' own
    sentences."""
    docs = [
        d for d in _documents(new) if page_kind(d.text, d.lead.title, bool(d.lead.date)).is_story
    ]
    if topic:
        docs = _on_topic(docs, topic, topic_vector, config)
    stories = _stories(docs, config)
    stories.sort(key=_rank, reverse=True)
    items = []
    for story in stories[: config.max_items]:
        item = _item(story, composer, config)
        if item is not None:
            items.append(item)
    return Digest(since, until, tuple(items), topic)


def _documents(new: Sequence[tuple[Chunk, NDArray[np.float32]]]) -> list[_Doc]:
    """Passages gathered by document, newest document first."""
    chunks: dict[str, list[tuple[Chunk, NDArray[np.float32]]]] = {}
    for chunk, vector in new:
        chunks.setdefault(chunk.doc_id, []).append((chunk, vector))
    docs = []
    for doc_id, pairs in chunks.items():
        pairs.sort(key=lambda pair: pair[0].position)
        vectors = [v for _, v in pairs]
        mean = np.mean(np.stack(vectors[:OPENING_PASSAGES]), axis=0)
        lead = pairs[0][0]
        docs.append(
            _Doc(
                doc_id,
                [c for c, _ in pairs],
                vectors,
                (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32),
                outlet(lead.url, lead.publisher) or doc_id,
            )
        )
    return sorted(docs, key=lambda d: (d.lead.date, d.doc_id), reverse=True)


def _on_topic(
    docs: list[_Doc], topic: str, vector: NDArray[np.float32] | None, config: DigestConfig
) -> list[_Doc]:
    """The reports on a topic: those with a passage holding all the topic's words, or one close
    to it in meaning. Closeness is both absolute and relative to the period's closest report,
    as on a corpus about one war every passage is somewhat close to "prisoner exchange"."""
    wanted = set(keyword_tokens(topic))

    def worded(doc: _Doc) -> bool:
        title = set(keyword_tokens(doc.lead.title))
        return bool(wanted) and any(
            wanted <= title | set(keyword_tokens(c.text)) for c in doc.chunks
        )

    closeness = {
        d.doc_id: max(float(np.dot(vector, v)) for v in d.vectors) if vector is not None else 0.0
        for d in docs
    }
    floor = max(config.on_topic, max(closeness.values(), default=0.0) - config.on_topic_margin)
    return [d for d in docs if worded(d) or (vector is not None and closeness[d.doc_id] >= floor)]


def _stories(docs: list[_Doc], config: DigestConfig) -> list[list[_Doc]]:
    """Reports grouped into developments: a report joins the story it resembles most on
    average, among those published within a few days and with no report of its outlet's from
    another day."""
    stories: list[list[_Doc]] = []
    for doc in docs:
        best, best_score = None, config.same_story
        for story in stories:
            # An outlet's report of another day (a daily update) is another development.
            if any(d.outlet == doc.outlet and d.lead.date != doc.lead.date for d in story):
                continue
            if not all(_close_in_time(d, doc, config.same_story_days) for d in story):
                continue
            score = float(np.mean([np.dot(d.vector, doc.vector) for d in story]))
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            stories.append([doc])
        else:
            best.append(doc)
    return stories


def _close_in_time(a: _Doc, b: _Doc, days: int) -> bool:
    if not a.lead.date or not b.lead.date:
        return True
    return abs(_days(a.lead.date) - _days(b.lead.date)) <= days


def _rank(story: list[_Doc]) -> tuple[int, str]:
    """More outlets first, then the more recent."""
    return (len({d.outlet for d in story}), max(d.lead.date for d in story))


def _days(iso: str) -> int:
    try:
        return date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


def _item(story: list[_Doc], composer: Composer | None, config: DigestConfig) -> DigestItem | None:
    """The story told in a sentence or two, every report of it cited."""
    # The report closest to the others leads: its headline speaks for the whole story.
    # Ties (two reports are equally close to each other) go to the same report every time.
    lead = max(
        story,
        key=lambda d: (round(sum(float(np.dot(d.vector, o.vector)) for o in story), 4), d.doc_id),
    )
    ordered = [lead, *(d for d in story if d is not lead)]
    headline = clean_headline(lead.lead.title, lead.lead.publisher) or lead.lead.text[:80]
    answer = None
    if composer is not None:
        passages = [Passage(c, 1.0) for d in ordered[:3] for c in d.chunks[:2]]
        answer = composer.compose(headline, passages)
        if answer.abstained:
            answer = None
    if answer is None:
        openings = [(d.doc_id, _opening(d)) for d in ordered]
        told = lede(openings, headline, config.sentences, config.words)
        if not told:
            return None
        by_id = {d.doc_id: d for d in ordered}
        answer = renumber(
            headline,
            [(text, [_passage_with(by_id[doc_id], text)]) for text, doc_id in told],
            (),
            "extractive",
        )
    latest = max((d.lead.date for d in story), default="")
    if not tells_event(" ".join(x.text for x in answer.sentences), latest[:4]):
        return None  # an analysis or opinion piece, not a development
    answer = _cite_every_report(answer, ordered)
    return DigestItem(
        headline=headline,
        answer=answer,
        documents=tuple(d.doc_id for d in ordered),
        publishers=tuple(dict.fromkeys(d.outlet for d in ordered)),
        latest=latest,
    )


def _opening(doc: _Doc) -> str:
    """The top of a report, where news says what happened, overlaps written once."""
    text, end = "", -1
    for c in doc.chunks[:OPENING_PASSAGES]:
        if end < 0:
            text = c.text
        elif c.start >= end:
            text += "\n" + c.text  # passages end at sentence ends: a break, not a gap
        elif c.end > end:
            text += c.text[end - c.start :]
        end = max(end, c.end)
    return text


def _passage_with(doc: _Doc, sentence: str) -> Passage:
    """The report's passage that holds a sentence (markup aside), else its first."""
    words = sentence.split()[:6]
    for chunk in doc.chunks:
        if all(w in chunk.text for w in words):
            return Passage(chunk, 1.0)
    return Passage(doc.lead, 1.0)


def _cite_every_report(answer: Answer, reports: list[_Doc]) -> Answer:
    """The answer with every report of the story among its sources, the uncited ones last."""
    cited = {s.doc_id for s in answer.sources}
    extra = [
        source_from(len(answer.sources) + i, [Passage(d.lead, 1.0)])
        for i, d in enumerate((d for d in reports if d.doc_id not in cited), start=1)
    ]
    # Name each source's outlet, so that the reader sees who reported it.
    outlets = {d.doc_id: d.outlet for d in reports}
    sources = tuple(
        replace(s, publisher=s.publisher or outlets.get(s.doc_id, ""))
        for s in (*answer.sources, *extra)
    )
    return replace(answer, sources=sources)


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
                "reports": item.reports,
                "latest": item.latest,
                "answer": item.answer.text(),
                "citations": citations_json(item.answer),
            }
            for item in digest.items
        ],
    }
