"""What changed on a topic: its developments in a period, newest first, one cited line each."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from retrieval.answers import Answer, Sentence, Source, abstention
from retrieval.chunking import Chunk
from retrieval.digest import Digest, DigestConfig, DigestItem, build_digest
from retrieval.evaluation import citations_json
from retrieval.periods import question_periods, relative_days


@dataclass(frozen=True)
class TimelineEntry:
    """One development: its date, and one sentence citing every report of it."""

    date: str  # the date of the report the sentence is from (YYYY-MM-DD)
    answer: Answer  # one sentence; its sources are every report of the development


@dataclass(frozen=True)
class Timeline:
    """A topic's developments in a period, newest first."""

    topic: str
    since: str  # "" when open
    until: str
    entries: tuple[TimelineEntry, ...] = ()

    @property
    def period(self) -> str:
        """' from 2026-02-01 to 2026-02-08', ' since ...', ' until ...' or '' when open."""
        if self.since and self.until:
            return f" from {self.since} to {self.until}"
        if self.since:
            return f" since {self.since}"
        return f" until {self.until}" if self.until else ""


# Developments told at most: a timeline longer than this is read as a list of headlines.
MAX_ENTRIES = 30


def build_timeline(
    chunks: Sequence[tuple[Chunk, NDArray[np.float32]]],
    topic: str,
    since: str,
    until: str,
    topic_vector: NDArray[np.float32] | None = None,
) -> Timeline:
    """The developments on `topic` among the dated passages given, grouped as the digest
    groups reports of one development, newest first."""
    dated = [(c, v) for c, v in chunks if c.date and (not since or c.date >= since)]
    dated = [(c, v) for c, v in dated if not until or c.date <= until]
    config = DigestConfig(max_items=MAX_ENTRIES, sentences=1)
    digest = build_digest(dated, None, since, until, topic, config, topic_vector)
    entries = []
    for item in digest.items:
        first = item.answer.sentences[0]
        told = next(s for s in item.answer.sources if s.n == first.citations[0])
        # One line, citing every report of the development, not only the one quoted.
        every = tuple(s.n for s in item.answer.sources)
        line = replace(first, citations=every, date=told.date)
        entries.append(TimelineEntry(told.date, replace(item.answer, sentences=(line,))))
    entries.sort(key=lambda e: e.date, reverse=True)
    return Timeline(topic, since, until, tuple(entries))


def timeline_answer(question: str, timeline: Timeline) -> Answer:
    """The timeline as one answer: a dated line per development, newest first, its sources
    numbered across the whole answer; an abstention saying so when the period holds none."""
    if not timeline.entries:
        note = f"Nothing found on “{timeline.topic}”{timeline.period}."
        return abstention(question, note=note)
    numbers: dict[str, int] = {}
    sources: list[Source] = []
    lines: list[Sentence] = []
    for entry in timeline.entries:
        by_number = {s.n: s for s in entry.answer.sources}
        cited: list[int] = []
        for n in entry.answer.sentences[0].citations:
            source = by_number[n]
            if source.doc_id not in numbers:
                numbers[source.doc_id] = len(numbers) + 1
                sources.append(replace(source, n=numbers[source.doc_id]))
            cited.append(numbers[source.doc_id])
        lines.append(Sentence(entry.answer.sentences[0].text, tuple(cited), entry.date))
    return Answer(question, tuple(lines), tuple(sources), composer="timeline")


def as_digest(timeline: Timeline) -> Digest:
    """The timeline as a digest, newest development first, for a subscription that asks for
    "what changed on TOPIC" instead of the most covered stories."""
    items = tuple(
        DigestItem(
            headline=_headline(e.answer),
            answer=e.answer,
            documents=tuple(s.doc_id for s in e.answer.sources),
            publishers=tuple(dict.fromkeys(s.publisher or s.doc_id for s in e.answer.sources)),
            latest=e.date,
        )
        for e in timeline.entries
    )
    return Digest(timeline.since, timeline.until, items, timeline.topic)


def _headline(answer: Answer) -> str:
    """The title of the report the entry quotes."""
    quoted = answer.sentences[0].citations[0]
    return next((s.title for s in answer.sources if s.n == quoted), "")


def timeline_json(timeline: Timeline) -> dict[str, object]:
    """The timeline as `briefbot timeline --json` prints it."""
    return {
        "topic": timeline.topic,
        "since": timeline.since or None,
        "until": timeline.until or None,
        "entries": [
            {
                "date": e.date,
                "text": e.answer.sentences[0].text,
                "citations": citations_json(e.answer),
            }
            for e in timeline.entries
        ],
    }


# "what changed on X", "timeline of X", "latest on X": questions asking for developments.
_ASKS_TIMELINE = re.compile(
    r"^\s*(?:what(?:'s|’s| has| have)?\s+changed|what(?:'s|’s| is)\s+new|(?:the\s+)?latest"
    r"|(?:a\s+|the\s+)?timeline|developments)\s+(?:on|in|about|of|for|with|regarding|over)\s+"
    r"(?P<topic>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\s+(?:since|from|after)\s+(?P<when>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class TimelineRequest:
    """A topic and the period asked about ("" for an open end)."""

    topic: str
    since: str = ""
    until: str = ""


def timeline_request(question: str, today: date) -> TimelineRequest | None:
    """The topic and period of a question asking what changed, or None for other questions."""
    m = _ASKS_TIMELINE.match(question)
    if not m:
        return None
    return read_period(m.group("topic"), today)


def changes_topic(text: str) -> str:
    """The topic of "what changed on TOPIC" (a subscription asking for a timeline), or ""."""
    m = _ASKS_TIMELINE.match(text)
    return m.group("topic").strip() if m else ""


def read_period(text: str, today: date) -> TimelineRequest:
    """A topic with the period written into it taken out: "since february 1", "last week",
    "in march 2022" (relative periods count back from `today`)."""
    topic, since, until = text.strip(), "", ""
    relative = next(iter(relative_days(topic, today)), None)
    if relative:
        topic = (topic[: relative.start] + topic[relative.end :]).strip()
        since, until = relative.first.isoformat(), relative.last.isoformat()
        if relative.preposition in ("since", "from", "after"):
            until = today.isoformat()  # "since last week": up to today
    m = _SINCE.search(topic)
    if m:
        start = _first_day(m.group("when"), today)
        if start is None:
            raise ValueError(
                f"{m.group('when')!r} is not a date; write it like 2026-02-01 or february 1"
            )
        topic = topic[: m.start()].strip()
        since, until = start.isoformat(), until or today.isoformat()
    elif not relative:
        periods = question_periods(topic)
        if periods and periods[0].year:
            first, last = periods[0].spans(range(0))[0]
            since, until = first.isoformat(), last.isoformat()
    return TimelineRequest(topic.rstrip(" ,;:-") or text.strip(), since, until)


def _first_day(text: str, today: date) -> date | None:
    """The first day of a date written as a person would: 2026-02-01, february 1, feb 2026."""
    text = text.strip().rstrip("?.!")
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    periods = question_periods(text)
    if not periods:
        # "february" alone: the latest such month up to today.
        month = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}.get(text.lower())
        if month is None:
            return None
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1)
    period = periods[0]
    years = range(today.year - 1, today.year + 1)
    spans = [first for first, _ in period.spans(years) if first <= today]
    return max(spans) if spans else None
