"""Rendering an answer as plain text for the terminal."""

from __future__ import annotations

import textwrap

from retrieval.answers import Answer, Source


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
