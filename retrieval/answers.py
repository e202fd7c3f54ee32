"""The platform-neutral cited answer that every renderer takes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from retrieval.search import Passage


@dataclass(frozen=True)
class Source:
    """A numbered source: the document and the exact passage cited from it."""

    n: int
    doc_id: str
    chunk_ids: tuple[str, ...]  # the passages cited, merged into `passage` in text order
    title: str
    publisher: str
    date: str
    url: str
    passage: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer and the numbers of the sources that support it."""

    text: str
    citations: tuple[int, ...]
    date: str = ""  # its source's date (YYYY-MM-DD), set where the answer is laid out by date


@dataclass(frozen=True)
class Section:
    """One side of a comparison: its heading and that side's own cited sentences, newest first."""

    actor: str  # as the question names the side
    sentences: tuple[Sentence, ...]

    @property
    def nothing_found(self) -> str:
        """What stands under the heading when the sources give no position of this side."""
        return f"Nothing found on {self.actor}'s position."


@dataclass(frozen=True)
class Answer:
    """A short answer in which every sentence cites its sources, or an honest abstention."""

    question: str
    sentences: tuple[Sentence, ...]
    sources: tuple[Source, ...]  # only the sources cited, numbered 1..n in order of first use
    abstained: bool = False
    note: str = ""  # e.g. "the language model timed out; this is the extractive answer"
    composer: str = "extractive"
    retrieved: tuple[Passage, ...] = field(default=(), compare=False)
    # Positions side by side: the same sentences as `sentences`, laid out per side.
    sections: tuple[Section, ...] = ()

    def text(self) -> str:
        """Plain text with [n] markers after each sentence; one line per side when the answer
        compares sides ("Russia: ... [1]")."""
        if self.abstained:
            return ABSTENTION
        if self.sections:
            return "\n".join(
                f"{s.actor}: {_cited(s.sentences) or s.nothing_found}" for s in self.sections
            )
        if self.dated:
            return "\n".join(f"{s.date}: {_cited([s])}" for s in self.sentences)
        return _cited(self.sentences)

    def display_text(self) -> str:
        """Plain text with one [n] marker at the end of each run of sentences from the same
        sources, as people read it (`text()` keeps a marker per sentence, for checking)."""
        if self.abstained:
            return ABSTENTION
        if self.sections:
            return "\n".join(
                f"{s.actor}: {_runs_text(s.sentences) or s.nothing_found}" for s in self.sections
            )
        if self.dated:
            return self.text()
        return _runs_text(self.sentences)

    @property
    def dated(self) -> bool:
        """Whether the answer is a timeline: one dated line per sentence, newest first."""
        return not self.sections and bool(self.sentences) and all(s.date for s in self.sentences)

    @property
    def laid_out(self) -> tuple[Section, ...]:
        """The headed groups of dated lines a renderer shows: the sides of a comparison, or a
        timeline's lines under no heading; () for an answer read as a paragraph."""
        if self.abstained:
            return ()
        if self.dated:
            return (Section("", self.sentences),)
        return self.sections

    def word_count(self) -> int:
        """Words in the answer, markers excluded."""
        return words_in(" ".join(s.text for s in self.sentences))


def words_in(text: str) -> int:
    """Words in a text, as an answer's length is counted."""
    return len(_WORD.findall(text))


ABSTENTION = "The sources I have don't answer that question."
_WORD = re.compile(r"\w+")


def _cited(sentences: Sequence[Sentence]) -> str:
    return " ".join(f"{s.text} {markers(s.citations)}".strip() for s in sentences)


def _runs_text(sentences: Sequence[Sentence]) -> str:
    return " ".join(
        " ".join([*(s.text for s in run), markers(run[-1].citations)]).strip()
        for run in cited_runs(sentences)
    )


def cited_runs(sentences: Sequence[Sentence]) -> list[tuple[Sentence, ...]]:
    """Consecutive sentences citing the same sources, grouped, so a renderer can put the
    marker once at the end of each group instead of after every sentence."""
    runs: list[list[Sentence]] = []
    for sentence in sentences:
        if runs and runs[-1][-1].citations == sentence.citations:
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    return [tuple(run) for run in runs]


def cited_sentences(answer: Answer, n: int) -> list[str]:
    """The answer's sentences that cite source `n`, in answer order."""
    return [s.text for s in answer.sentences if n in s.citations]


def markers(citations: Sequence[int]) -> str:
    """'[1][2]' for the sources a sentence cites."""
    return "".join(f"[{n}]" for n in citations)


class Composer(Protocol):
    """Writes a cited answer to a question from retrieved passages."""

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer: ...


def source_from(n: int, passages: Sequence[Passage]) -> Source:
    """One numbered source for the cited passages of a document; links only from its metadata."""
    ordered = sorted(passages, key=lambda p: p.chunk.start)
    c = ordered[0].chunk
    return Source(
        n=n,
        doc_id=c.doc_id,
        chunk_ids=tuple(p.chunk.chunk_id for p in ordered),
        title=c.title,
        publisher=c.publisher,
        date=c.date,
        url=c.url,
        passage=merged_text(ordered),
    )


def merged_text(passages: Sequence[Passage]) -> str:
    """The text of one document's passages, overlaps written once, gaps marked with "…"."""
    text = ""
    end = -1
    for p in sorted(passages, key=lambda p: p.chunk.start):
        c = p.chunk
        if end < 0:
            text = c.text
        elif c.start >= end:
            text += " … " + c.text
        elif c.end > end:
            text += c.text[end - c.start :]
        end = max(end, c.end)
    return text


def abstention(question: str, retrieved: tuple[Passage, ...] = (), note: str = "") -> Answer:
    """The answer when the sources don't say."""
    return Answer(question, (), (), abstained=True, note=note, retrieved=retrieved)


def renumber(
    question: str,
    sentences: list[tuple[str, list[Passage]]],
    retrieved: tuple[Passage, ...],
    composer: str,
    note: str = "",
) -> Answer:
    """An Answer from sentences and the passages each cites; one source per document,
    numbered by first use."""
    numbers: dict[str, int] = {}
    cited: dict[str, dict[str, Passage]] = {}
    out: list[Sentence] = []
    for text, passages in sentences:
        ns: list[int] = []
        for p in passages:
            doc = p.chunk.doc_id
            if doc not in numbers:
                numbers[doc] = len(numbers) + 1
                cited[doc] = {}
            cited[doc][p.chunk.chunk_id] = p
            if numbers[doc] not in ns:
                ns.append(numbers[doc])
        if ns:
            out.append(Sentence(text.strip(), tuple(ns)))
    if not out:
        return abstention(question, retrieved, note)
    sources = tuple(source_from(numbers[d], list(ps.values())) for d, ps in cited.items())
    return Answer(question, tuple(out), sources, False, note, composer, retrieved)
