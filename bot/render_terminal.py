"""Rendering an answer as plain text for the terminal."""

from __future__ import annotations

import textwrap

from retrieval.answers import Answer, Source
from retrieval.digest import Digest


def source_line(source: Source) -> str:
    """'[n] Title — Publisher, date' with the link on its own line."""
    meta = ", ".join(x for x in (source.publisher, source.date or "undated") if x)
    line = f"[{source.n}] {source.title} — {meta}"
    return f"{line}\n    {source.url}" if source.url else line


def render_terminal(answer: Answer, width: int = 90) -> str:
    """The answer wrapped to `width`, then its numbered sources."""
    parts = []
    if answer.note:
        parts.append(f"({answer.note})")
    parts.append(textwrap.fill(answer.text(), width=width))
    if answer.sources:
        parts.append("Sources:\n" + "\n".join(source_line(s) for s in answer.sources))
    return "\n\n".join(parts)


def render_digest_terminal(digest: Digest, width: int = 90) -> str:
    """A dated header, then each story's headline, cited sentences and sources."""
    period = f"{digest.since} to {digest.until}" + (
        f", on {digest.topic!r}" if digest.topic else ""
    )
    if digest.empty:
        return f"Nothing new from {period}."
    parts = [f"Briefing: what is new from {period}"]
    for n, item in enumerate(digest.items, start=1):
        outlets = ", ".join(item.publishers) or f"{len(item.documents)} report(s)"
        parts.append(
            f"{n}. {item.headline}  ({outlets})\n"
            + textwrap.indent(textwrap.fill(item.answer.text(), width=width - 3), "   ")
            + "\n"
            + textwrap.indent("\n".join(source_line(s) for s in item.answer.sources), "   ")
        )
    return "\n\n".join(parts)
