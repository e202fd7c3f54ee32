"""Rendering an answer as Slack Block Kit messages: escaped mrkdwn, linked sources, feedback."""

from __future__ import annotations

from typing import Any, NamedTuple

from bot.links import linkable
from retrieval.answers import Answer, Source, cited_runs
from retrieval.digest import SHOWN_STORIES, Digest
from retrieval.timeline import Timeline

Block = dict[str, Any]

MAX_BLOCKS = 50  # Slack's limit per message
MAX_SECTION_CHARS = 3000  # Slack's limit per section text
MAX_MESSAGE_CHARS = 12_000  # Slack starts refusing around 13k chars across all blocks
MAX_FALLBACK_CHARS = 3000  # notifications show only the start anyway
MAX_TITLE_CHARS = 300

FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"


class SlackMessage(NamedTuple):
    """One chat.postMessage worth: its blocks and the plain-text fallback for notifications."""

    blocks: list[Block]
    text: str


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control sequences (<!channel>, <@U1>, links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """`<url|label>` for http(s) urls from source metadata; just the label otherwise."""
    if not linkable(url):
        return label
    # "|" would end the url inside Slack's link syntax.
    return f"<{escape(url).replace('|', '%7C')}|{label}>"


def source_line(source: Source) -> str:
    """'[n] <url|Title> — Publisher, date' as escaped mrkdwn."""
    title = source.title or source.doc_id
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1] + "…"
    meta = ", ".join(x for x in (source.publisher, source.date or "undated") if x)
    return f"[{source.n}] {link(source.url, escape(title))} — {escape(meta)}"


def render_slack_blocks(
    answer: Answer, answer_id: str, preface: str = "", searched_for: str = ""
) -> list[SlackMessage]:
    """The answer as one or more Slack messages, in posting order (usually exactly one).

    Long answers are split so each message stays within Slack's limits; the sources and the
    👍/👎 buttons (carrying `answer_id`; only under a real answer) come with the last message.
    `preface` is a line of already escaped mrkdwn put first, e.g. who asked; `searched_for`
    is how a follow-up was read.
    """
    body: list[Block] = [_context(preface)] if preface else []
    if searched_for:
        body.append(_context(f"_Searching for: {escape(searched_for[:MAX_TITLE_CHARS])}_"))
    if answer.note:
        body.append(_context(f"_{escape(answer.note)}_"))
    if answer.laid_out:
        body.extend(_side_sections(answer))
    else:
        body.extend(_section(t) for t in _pack(_answer_tokens(answer), MAX_SECTION_CHARS))
    footer = [_context(source_line(s)) for s in answer.sources]
    if answer_id and not answer.abstained:
        footer.append(_feedback_buttons(answer_id))
    messages = _split_messages(body, footer)
    fallback = _fallback(answer)
    return [
        SlackMessage(blocks, fallback if i == 0 else "(continued)")
        for i, blocks in enumerate(messages)
    ]


def _answer_tokens(answer: Answer) -> list[str]:
    """Escaped words and citation links; each is kept whole when sections are cut."""
    if answer.abstained:
        return escape(answer.text()).split()
    by_number = {s.n: s for s in answer.sources}
    tokens: list[str] = []
    for run in cited_runs(answer.sentences):
        for sentence in run:
            tokens.extend(_clip(escape(word)) for word in sentence.text.split())
        # One marker at the end of a run of sentences from the same sources.
        for n in run[-1].citations:
            source = by_number.get(n)
            tokens.append(link(source.url, f"[{n}]") if source else f"[{n}]")
    return tokens


def _side_sections(answer: Answer) -> list[Block]:
    """One section per side: its bold heading, then a dated, cited line per sentence."""
    by_number = {s.n: s for s in answer.sources}
    blocks: list[Block] = []
    for section in answer.laid_out:
        tokens = [f"*{escape(section.actor[:MAX_TITLE_CHARS])}*"] if section.actor else []
        for sentence in section.sentences:
            tokens.append(f"\n• _{escape(sentence.date or 'undated')}_")
            tokens.extend(_clip(escape(word)) for word in sentence.text.split())
            for n in sentence.citations:
                source = by_number.get(n)
                tokens.append(link(source.url, f"[{n}]") if source else f"[{n}]")
        if not section.sentences:
            tokens.append(f"\n_{escape(section.nothing_found)}_")
        # A token starting a line keeps its line break, not the space joining it.
        texts = _pack(tokens, MAX_SECTION_CHARS)
        blocks.extend(_section(t.replace(" \n", "\n").lstrip("\n")) for t in texts)
    return blocks


def _clip(word: str) -> str:
    """A word cut to fit one section, never in the middle of an "&amp;"."""
    if len(word) <= MAX_SECTION_CHARS:
        return word
    cut = word[:MAX_SECTION_CHARS]
    amp = cut.rfind("&", len(cut) - 5)
    return cut[:amp] if amp >= 0 and ";" not in cut[amp:] else cut


def _pack(tokens: list[str], limit: int) -> list[str]:
    """Join tokens with spaces into texts of at most `limit` characters."""
    texts: list[str] = []
    current = ""
    for token in tokens:
        if current and len(current) + 1 + len(token) > limit:
            texts.append(current)
            current = ""
        current = f"{current} {token}" if current else token
    if current:
        texts.append(current)
    return texts


def _split_messages(body: list[Block], footer: list[Block]) -> list[list[Block]]:
    """Blocks packed into messages within the block-count and character limits."""
    messages: list[list[Block]] = [[]]
    size = 0
    for block in [*body, *footer]:
        chars = _chars(block)
        if messages[-1] and (len(messages[-1]) >= MAX_BLOCKS or size + chars > MAX_MESSAGE_CHARS):
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += chars
    return messages


def _chars(block: Block) -> int:
    if block["type"] == "section":
        return len(block["text"]["text"])
    if block["type"] == "context":
        return sum(len(e["text"]) for e in block["elements"])
    return 200  # an actions block: two short buttons


def _section(text: str) -> Block:
    # verbatim: Slack must not turn bare names or urls in the news text into links or mentions.
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def _feedback_buttons(answer_id: str) -> Block:
    return {
        "type": "actions",
        "block_id": "feedback",
        "elements": [
            {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": label, "emoji": True},
                "value": answer_id,
            }
            for action_id, label in ((FEEDBACK_UP, "👍 Helpful"), (FEEDBACK_DOWN, "👎 Not helpful"))
        ],
    }


def _fallback(answer: Answer) -> str:
    """Plain text for notifications and screen readers: the answer, then its sources, escaped."""
    lines = [answer.display_text()]
    if answer.sources:
        lines.append("Sources:")
        for s in answer.sources:
            meta = ", ".join(x for x in (s.publisher, s.date or "undated") if x)
            lines.append(f"[{s.n}] {s.title} — {meta}")
    text = escape("\n".join(lines))
    if len(text) > MAX_FALLBACK_CHARS:
        # Cut before a dangling "&am" could be left behind.
        cut = text.rfind(" ", 0, MAX_FALLBACK_CHARS - 1)
        text = text[: cut if cut > 0 else MAX_FALLBACK_CHARS - 1] + "…"
    return text


def render_slack_digest(digest: Digest, show_all: bool = False) -> list[SlackMessage]:
    """A dated header, then each story: bold headline, its coverage, cited sentences, sources;
    the first few stories and "and N more" (`/brief digest all`), or every story."""
    if digest.empty:
        text = f"Nothing new since {escape(digest.since)}."
        return [SlackMessage([_section(text)], text)]
    header = f"*Briefing, {escape(digest.since)} – {escape(digest.until)}*"
    body: list[Block] = [_section(header)]
    items = digest.items if show_all else digest.items[:SHOWN_STORIES]
    for n, item in enumerate(items, start=1):
        title = f"*{n}. {escape(item.headline[:MAX_TITLE_CHARS])}* _({escape(item.coverage)})_"
        body.append(_section(title))
        body.extend(_section(t) for t in _pack(_answer_tokens(item.answer), MAX_SECTION_CHARS))
        body.extend(_context(source_line(s)) for s in item.answer.sources)
    if len(items) < len(digest.items):
        body.append(_context(f"…and {len(digest.items) - len(items)} more: `/brief digest all`"))
    fallback = f"Briefing, {digest.since} – {digest.until}: {len(digest.items)} stories"
    return [
        SlackMessage(blocks, fallback if i == 0 else "(continued)")
        for i, blocks in enumerate(_split_messages(body, []))
    ]


def render_slack_timeline(timeline: Timeline) -> list[SlackMessage]:
    """A bold header naming the topic and period, then a section per development, newest
    first (its date in bold, one sentence, linked markers), its reports in a context line."""
    period = timeline.period
    if not timeline.entries:
        text = escape(f"Nothing found on “{timeline.topic[:MAX_TITLE_CHARS]}”{period}.")
        return [SlackMessage([_section(text)], text)]
    header = f"*What changed on “{escape(timeline.topic[:MAX_TITLE_CHARS])}”{escape(period)}*"
    body: list[Block] = [_section(header)]
    for entry in timeline.entries:
        sentence = entry.answer.sentences[0]
        by_number = {s.n: s for s in entry.answer.sources}
        tokens = [f"*{escape(entry.date)}*"]
        tokens.extend(_clip(escape(word)) for word in sentence.text.split())
        for n in sentence.citations:
            source = by_number.get(n)
            tokens.append(link(source.url, f"[{n}]") if source else f"[{n}]")
        body.extend(_section(t) for t in _pack(tokens, MAX_SECTION_CHARS))
        lines = "\n".join(source_line(s) for s in entry.answer.sources)
        body.append(_context(lines[:MAX_SECTION_CHARS]))
    fallback = f"What changed on {timeline.topic[:MAX_TITLE_CHARS]}{period}: "
    fallback += f"{len(timeline.entries)} developments"
    return [
        SlackMessage(blocks, escape(fallback) if i == 0 else "(continued)")
        for i, blocks in enumerate(_split_messages(body, []))
    ]
