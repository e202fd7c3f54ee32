"""Rendering an answer as plain text for the terminal."""

from __future__ import annotations

import re
import textwrap

from retrieval.answers import Answer, Section, Source, markers
from retrieval.digest import SHOWN_STORIES, Digest
from retrieval.timeline import Timeline

# C0 and C1 control characters (escape sequences among them) would let a document's text move
# the cursor, recolour or clear the user's terminal; newlines are ours to place.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def printable(text: str) -> str:
    """`text` with control characters replaced by a space."""
    return _CONTROL.sub(" ", text)


def source_line(source: Source) -> str:
    """'[n] Title — Publisher, date' with the link on its own line."""
    meta = ", ".join(x for x in (source.publisher, source.date or "undated") if x)
    line = printable(f"[{source.n}] {source.title} — {meta}")
    return f"{line}\n    {printable(source.url)}" if source.url else line


def render_terminal(answer: Answer, width: int | None = None) -> str:
    """The answer (wrapped to `width` columns when given), then its numbered sources."""
    parts = []
    if answer.note:
        parts.append(_fill(printable(f"({answer.note})"), width))
    if answer.laid_out:
        parts += [_side(section, width) for section in answer.laid_out]
    else:
        parts.append(_fill(printable(answer.display_text()), width))
    if answer.sources:
        parts.append("Sources:\n" + "\n".join(source_line(s) for s in answer.sources))
    return "\n\n".join(parts)


def _side(section: Section, width: int | None) -> str:
    """A side's heading, then one dated, cited line per sentence (or that nothing was found)."""
    lines = [printable(section.actor)] if section.actor else []
    for s in section.sentences:
        line = f"{s.date or 'undated'}  {s.text} {markers(s.citations)}"
        lines.append(_fill(printable(line), width, "  "))
    if not section.sentences:
        lines.append(_fill(printable(section.nothing_found), width, "  "))
    return "\n".join(lines)


def _fill(text: str, width: int | None, indent: str = "") -> str:
    """`text` wrapped to `width` columns, each line indented; one line when `width` is None."""
    if width is None:
        return indent + text
    return textwrap.fill(
        text, width=max(20, width), initial_indent=indent, subsequent_indent=indent
    )


def render_digest_terminal(digest: Digest, width: int | None = None, show_all: bool = False) -> str:
    """A dated header, then each story's headline, coverage, cited sentences and sources; the
    first few stories and "and N more" (--all), or every story."""
    period = f"{digest.since} to {digest.until}" + (
        f", on {digest.topic!r}" if digest.topic else ""
    )
    if digest.empty:
        return f"Nothing new from {period}."
    parts = [f"Briefing: what is new from {period}"]
    items = digest.items if show_all else digest.items[:SHOWN_STORIES]
    for n, item in enumerate(items, start=1):
        parts.append(
            printable(f"{n}. {item.headline}  ({item.coverage})")
            + "\n"
            + _fill(printable(item.answer.display_text()), width, "   ")
            + "\n"
            + textwrap.indent("\n".join(source_line(s) for s in item.answer.sources), "   ")
        )
    if len(items) < len(digest.items):
        parts.append(f"...and {len(digest.items) - len(items)} more: briefbot digest --all")
    return "\n\n".join(parts)


def render_timeline_terminal(timeline: Timeline, width: int | None = None) -> str:
    """A header naming the topic and period, then one dated, cited line per development, newest
    first, each with its sources; or that nothing was found in the period."""
    period = timeline.period
    if not timeline.entries:
        return printable(f"Nothing found on {timeline.topic!r}{period}.")
    parts = [printable(f"What changed on {timeline.topic!r}{period}, newest first:")]
    for entry in timeline.entries:
        sentence = entry.answer.sentences[0]
        line = f"{entry.date}  {sentence.text} {markers(sentence.citations)}"
        sources = "\n".join(source_line(s) for s in entry.answer.sources)
        parts.append(_fill(printable(line), width) + "\n" + textwrap.indent(sources, "   "))
    return "\n\n".join(parts)
