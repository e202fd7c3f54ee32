"""The platform-neutral cited answer that every renderer takes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from retrieval.search import Passage


@dataclass(frozen=True)
class Source:
    """A numbered source: the document and the exact passage cited."""

    n: int
    doc_id: str
    chunk_id: str
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

    def text(self) -> str:
        """Plain text with [n] markers after each sentence."""
        if self.abstained:
            return ABSTENTION
        return " ".join(
            f"{s.text} {''.join(f'[{n}]' for n in s.citations)}".strip() for s in self.sentences
        )

    def word_count(self) -> int:
        """Words in the answer, markers excluded."""
        return len(re.findall(r"\w+", " ".join(s.text for s in self.sentences)))


ABSTENTION = "The sources I have don't answer that question."


class Composer(Protocol):
    """Writes a cited answer to a question from retrieved passages."""

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer: ...


def source_from(n: int, passage: Passage) -> Source:
    """A numbered source for a retrieved passage; links come only from its metadata."""
    c = passage.chunk
    return Source(
        n=n,
        doc_id=c.doc_id,
        chunk_id=c.chunk_id,
        title=c.title,
        publisher=c.publisher,
        date=c.date,
        url=c.url,
        passage=c.text,
    )


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
    """An Answer from sentences and the passages each cites; sources numbered by first use."""
    numbers: dict[str, int] = {}
    sources: list[Source] = []
    out: list[Sentence] = []
    for text, cited in sentences:
        ns: list[int] = []
        for p in cited:
            cid = p.chunk.chunk_id
            if cid not in numbers:
                numbers[cid] = len(numbers) + 1
                sources.append(source_from(numbers[cid], p))
            if numbers[cid] not in ns:
                ns.append(numbers[cid])
        if ns:
            out.append(Sentence(text.strip(), tuple(ns)))
    if not out:
        return abstention(question, retrieved, note)
    return Answer(question, tuple(out), tuple(sources), False, note, composer, retrieved)
