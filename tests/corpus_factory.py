"""A small, made-up news corpus for tests: each document holds one checkable fact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from retrieval.answers import Answer, Section, Sentence, Source
from retrieval.chunking import Chunk
from retrieval.documents import Document
from retrieval.search import Passage

ARTICLES = [
    (
        "talks-geneva",
        "Delegations meet in Geneva for a new round",
        "2026-02-17",
        "Alpine Wire",
        "Negotiators from both countries met in Geneva on Tuesday for a third round of talks. "
        "The head of the delegation said the discussions were difficult but useful. "
        "A further meeting is planned for March.",
    ),
    (
        "grain-corridor",
        "Grain shipments resume through the Black Sea corridor",
        "2022-08-01",
        "Harbour Daily",
        "The first ship carrying grain left the port of Odesa under the new corridor deal. "
        "Turkey and the United Nations brokered the grain corridor deal, which was signed in "
        "Istanbul.",
    ),
    (
        "prisoner-swap",
        "Hundreds of prisoners exchanged after mediation",
        "2026-02-05",
        "Alpine Wire",
        "The two sides exchanged 157 prisoners each on Thursday, the largest swap this year. "
        "The exchange was mediated by the United Arab Emirates.",
    ),
    (
        "codename",
        "Logistics memo leaks",
        "2026-01-20",
        "Metro Ledger",
        "An internal memo refers to the resupply plan only by its codename, Kestrel-9QX. "
        "Officials declined to comment on the document.",
    ),
    (
        "energy-strikes",
        "Power cuts across the country after overnight attacks",
        "2026-01-10",
        "Metro Ledger",
        "Drones and missiles hit power plants overnight, leaving millions without electricity "
        "in freezing temperatures. Rolling blackouts were announced for the capital.",
    ),
    (
        "alliance-membership",
        "Northern countries apply to join the alliance",
        "2022-05-18",
        "Harbour Daily",
        "Finland and Sweden formally handed in their applications to join NATO in Brussels. "
        "Turkey raised objections over the two countries' policies.",
    ),
    (
        "central-bank",
        "Central bank holds interest rates",
        "2026-02-12",
        "Money Review",
        "The central bank left its key rate unchanged at 16 percent, citing persistent "
        "inflation and a weaker currency.",
    ),
    (
        "market-report",
        "Market report",
        "2026-02-13",
        "Money Review",
        "The central bank's currency interventions continued this week as traders weighed "
        "inflation data and bond yields. Analyst Ostapchuk-Lindqvist expects the key rate to stay "
        "high until summer, while exporters complained about the strong currency and weak demand "
        "from abroad.",
    ),
    (
        # A near-namesake of the analyst above: dense vectors confuse the two, BM25 does not.
        "rates-outlook",
        "Rates outlook",
        "2026-02-14",
        "Money Review",
        "Analyst Ostapenko-Lindgren expects the central bank's key rate to stay high until "
        "summer as inflation lingers and the currency stays weak.",
    ),
    (
        "football",
        "Cup final ends in a penalty shoot-out",
        "2026-02-08",
        "Sports Round",
        "The cup final was decided on penalties after a goalless draw in extra time. "
        "The winning goalkeeper saved three spot kicks.",
    ),
]


def news_documents() -> list[Document]:
    """The made-up articles as documents."""
    return [
        Document(
            doc_id=doc_id,
            title=title,
            text=text,
            url=f"https://news.example/{doc_id}",
            date=date,
            publisher=publisher,
        )
        for doc_id, title, date, publisher, text in ARTICLES
    ]


# Near-identical memos that differ only in a codename: a lexical needle for BM25.
MEMO_CODENAMES = ["Kestrel-2LM", "Kestrel-7QA", "Osprey-9QZ", "Harrier-4XT", "Kestrel-5RB"]


def memo_documents() -> list[Document]:
    """Distractor memos that read alike, each with its own codename."""
    return [
        Document(
            doc_id=f"memo-{n}",
            title="Logistics memo leaks",
            text=f"An internal memo refers to a resupply plan only by its codename, {name}. "
            "Officials declined to comment on the document.",
            url=f"https://news.example/memo-{n}",
            date="2026-01-21",
            publisher="Metro Ledger",
        )
        for n, name in enumerate(MEMO_CODENAMES)
    ]


def write_markdown_corpus(folder: Path, documents: list[Document]) -> Path:
    """Write documents as Markdown files with front matter, as a user's corpus folder would hold."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        front = [f"id: {doc.doc_id}", f"title: {doc.title}", f"date: {doc.date}"]
        front += [
            f"{key}: {value}"
            for key, value in (("publisher", doc.publisher), ("url", doc.url))
            if value
        ]
        (folder / f"{doc.doc_id}.md").write_text(
            "---\n" + "\n".join(front) + f"\n---\n\n{doc.text}\n", encoding="utf-8"
        )
    return folder


def passage(doc: str, text: str, title: str = "", date: str = "2024-03-05") -> Passage:
    """A retrieved passage: the whole of a one-chunk document, with citable metadata."""
    chunk = Chunk(
        chunk_id=f"{doc}#0",
        doc_id=doc,
        title=title,
        url=f"https://news.example/{doc}",
        date=date,
        publisher="Example Wire",
        position=0,
        start=0,
        end=len(text),
        text=text,
    )
    return Passage(chunk, 1.0)


def next_passage(first: Passage, text: str) -> Passage:
    """The passage right after `first` in the same document, holding `text`."""
    start = first.chunk.end + 1
    chunk = replace(
        first.chunk,
        chunk_id=f"{first.chunk.doc_id}#{first.chunk.position + 1}",
        position=first.chunk.position + 1,
        start=start,
        end=start + len(text),
        text=text,
    )
    return replace(first, chunk=chunk)


def sides_answer(words: int = 20, per_side: int = 3) -> Answer:
    """A side-by-side answer: the first side with `per_side` dated sentences of `words` words,
    each citing its own source, the second side with none."""
    said = tuple(
        Sentence(" ".join(["guarantees"] * words) + f" <{i}>.", (i,), f"2026-02-1{i}")
        for i in range(1, per_side + 1)
    )
    sources = tuple(
        Source(
            n=i,
            doc_id=f"doc-{i}",
            chunk_ids=(f"doc-{i}#0",),
            title="Positions on guarantees",
            publisher="Alpine Wire",
            date=f"2026-02-1{i}",
            url=f"https://news.example/{i}",
            passage="…",
        )
        for i in range(1, per_side + 1)
    )
    return Answer(
        "compare russia, ukraine: guarantees",
        said,
        sources,
        sections=(Section("Russia", said), Section("Ukraine", ())),
    )
