"""What the Telegram bot says: answers as HTML messages (escaped, linked, split to fit)."""

from __future__ import annotations

from html import escape as _escape_attr

from bot.conversation import ASK_EXAMPLE, EXAMPLE_QUESTIONS
from bot.links import linkable
from bot.state import Subscription
from retrieval.answers import ABSTENTION, Answer, Source, cited_runs, cited_sentences
from retrieval.digest import SHOWN_STORIES, Digest
from retrieval.timeline import Timeline

MAX_MESSAGE_CHARS = 4096  # the Bot API's limit for one text message, in UTF-16 code units
_MAX_TITLE_CHARS = 300

EXAMPLES = EXAMPLE_QUESTIONS
ASK_USAGE = f"Usage: /ask QUESTION, e.g. /ask {ASK_EXAMPLE}"
HELP = (
    "Ask me about the news in my corpus; every answer cites its sources.\n\n"
    "In a private chat just type a question. In a group, mention me, reply to one of my "
    "answers (a follow-up), or use /ask.\n\n"
    "/ask QUESTION: ask a question\n"
    "/compare SIDE, SIDE: TOPIC: each side's own position, e.g. "
    "/compare russia, ukraine: security guarantees\n"
    "/timeline TOPIC [since DATE]: what changed, newest first, e.g. "
    "/timeline prisoner swaps since february 1\n"
    "/sources: the last answer's sources with the sentences cited from each\n"
    "/subscribe [HH:MM] [Area/City]: a daily digest, e.g. /subscribe 07:30 Europe/Kyiv\n"
    "/unsubscribe: stop the digest\n"
    "/digest [all]: the digest for this chat (all: every story)\n"
    "/settings: this chat's subscription\n\n"
    "Under each answer, 👍 or 👎 tells me whether it helped."
)
# What Telegram shows in an empty chat with the bot, before /start (at most 512 characters).
DESCRIPTION = (
    "I answer questions about the news in my corpus in a few sentences, each citing its "
    "source, or say plainly that my sources don't answer. I can also send a daily digest."
)
REFUSAL = "Sorry, this bot is private and does not answer in this chat."
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
START = (
    "Hi! I answer questions about the news in my corpus and cite my sources.\n\nTry:\n"
    + "\n".join(f"• {q}" for q in EXAMPLES)
    + "\n\n/help lists the commands."
)

# A block is (separator before it, complete HTML): every tag opens and closes inside one
# block, so cutting between blocks can never break a tag.
Block = tuple[str, str]


def render_telegram_html(
    answer: Answer, limit: int = MAX_MESSAGE_CHARS, searched_for: str = ""
) -> list[str]:
    """The answer as HTML messages: how a follow-up was read, note, text with linked [n]
    markers (one per run of sentences from the same sources), then its sources."""
    blocks: list[Block] = []
    if searched_for:
        reading = f"Searching for: {_clip(searched_for, 300)}"
        blocks += [("\n\n", f"<i>{piece}</i>") for piece in _pieces(reading, limit - 7)]
    if answer.note:
        blocks += [("\n\n", f"<i>{piece}</i>") for piece in _pieces(answer.note, limit - 7)]
    if answer.abstained or not answer.sentences:
        blocks += [("\n\n", piece) for piece in _pieces(ABSTENTION, limit)]
    elif answer.laid_out:
        blocks += _section_blocks(answer, limit)
    else:
        links = {s.n: s for s in answer.sources}
        first = True
        for run in cited_runs(answer.sentences):
            markers = "".join(_marker(n, links.get(n)) for n in run[-1].citations)
            for j, sentence in enumerate(run):
                last = j == len(run) - 1
                pieces = _pieces(sentence.text, limit - (len(markers) + 1 if last else 0))
                if last:
                    pieces[-1] = f"{pieces[-1]} {markers}".strip()
                blocks += [("\n\n" if first else " ", piece) for piece in pieces]
                first = False
    if answer.sources:
        lines = [source_line_html(s) for s in answer.sources]
        heading = f"<b>Sources</b>\n{lines[0]}"
        # The heading travels with the first source so it never ends a message alone.
        if units(heading) <= limit:
            blocks.append(("\n\n", heading))
        else:
            blocks += [("\n\n", "<b>Sources</b>"), ("\n", lines[0])]
        blocks += [("\n", line) for line in lines[1:]]
    return pack(blocks, limit)


def _section_blocks(answer: Answer, limit: int) -> list[Block]:
    """Each side under a bold heading, one dated, cited line per sentence; the heading goes
    with its first line so that it never ends a message alone."""
    links = {s.n: s for s in answer.sources}
    blocks: list[Block] = []
    for section in answer.laid_out:
        heading = f"<b>{escape(_clip(section.actor, _MAX_TITLE_CHARS))}</b>"
        lines: list[str] = []
        for sentence in section.sentences:
            markers = "".join(_marker(n, links.get(n)) for n in sentence.citations)
            date = f"<i>{escape(sentence.date or 'undated')}</i> "
            pieces = _pieces(sentence.text, limit - len(markers) - len(date) - 4)
            pieces[0] = f"• {date}{pieces[0]}"
            pieces[-1] = f"{pieces[-1]} {markers}".strip()
            lines += pieces
        if not section.sentences:
            lines = [f"<i>{escape(section.nothing_found)}</i>"]
        if not section.actor:  # a timeline's lines, under no heading
            blocks += [("\n\n" if i == 0 else "\n", line) for i, line in enumerate(lines)]
        elif units(f"{heading}\n{lines[0]}") <= limit:
            blocks.append(("\n\n", f"{heading}\n{lines[0]}"))
        else:
            blocks += [("\n\n", heading), ("\n", lines[0])]
        blocks += [("\n", line) for line in lines[1:]]
    return blocks


def render_sources_html(answer: Answer | None, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """The answer's sources, each with the sentences cited from it, as HTML messages."""
    if answer is None:
        return [
            "No answer yet in this chat: ask a question first, then /sources shows its sources."
        ]
    if not answer.sources:
        return ["The last answer cited no sources."]
    blocks: list[Block] = [("", f"Sources for: <i>{escape(_clip(answer.question, 300))}</i>")]
    for source in answer.sources:
        blocks.append(("\n\n", source_line_html(source)))
        for sentence in cited_sentences(answer, source.n):
            for piece in _pieces(sentence, limit - 25):
                blocks.append(("\n", f"<blockquote>{piece}</blockquote>"))
    return pack(blocks, limit)


def source_line_html(source: Source) -> str:
    """'[n] Title — Publisher, date', the title linked to the source when it has a URL."""
    title = escape(_clip(source.title or source.doc_id, _MAX_TITLE_CHARS))
    if linkable(source.url):
        title = f'<a href="{_escape_attr(source.url)}">{title}</a>'
    meta = ", ".join(x for x in (source.publisher, source.date or "undated") if x)
    return f"[{source.n}] {title} — {escape(_clip(meta, 200))}"


def pack(blocks: list[Block], limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Join blocks into as few messages of at most `limit` characters as fit."""
    messages: list[str] = []
    current = ""
    for sep, html in blocks:
        if not current:
            current = html
        elif units(current + sep + html) <= limit:
            current += sep + html
        else:
            messages.append(current)
            current = html
    if current:
        messages.append(current)
    return messages


def describe_subscription(sub: Subscription) -> str:
    """The subscription as 'daily at HH:MM (Zone)', with its topic if it has one."""
    topic = f", about {sub.topic}" if sub.topic else ""
    return f"daily at {sub.local_time} ({sub.timezone}){topic}"


def _marker(n: int, source: Source | None) -> str:
    if source is None or not linkable(source.url):
        return f"[{n}]"
    return f'<a href="{_escape_attr(source.url)}">[{n}]</a>'


def _pieces(text: str, limit: int) -> list[str]:
    """Escaped pieces of plain `text`, each at most `limit` characters, cut between words."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if units(escape(candidate)) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(escape(current))
        current = word
        # A single word longer than the limit is cut between characters, never inside "&amp;".
        while units(escape(current)) > limit:
            cut = limit
            while units(escape(current[:cut])) > limit:
                cut -= 1
            pieces.append(escape(current[:cut]))
            current = current[cut:]
    if current or not pieces:
        pieces.append(escape(current))
    return pieces


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units, so an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Text escaped for Telegram HTML; quotes stay as they are outside attributes."""
    return _escape_attr(text, quote=False)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_digest_telegram(
    digest: Digest, limit: int = MAX_MESSAGE_CHARS, show_all: bool = False
) -> list[str]:
    """A dated header, then each story: bold headline, its coverage, cited sentences, sources.
    One message with the first stories that fit and "and N more" (/digest all), or, with
    `show_all`, every story over as many messages as it takes."""
    period = f"{digest.since} – {digest.until}"
    if digest.empty:
        return [f"Nothing new since {escape(digest.since)}."]
    header: list[Block] = [("", f"<b>Briefing, {escape(period)}</b>")]
    stories: list[list[Block]] = []
    for n, item in enumerate(digest.items, start=1):
        title = f"<b>{n}. {escape(_clip(item.headline, _MAX_TITLE_CHARS))}</b>"
        story: list[Block] = [("\n\n", f"{title} <i>({escape(item.coverage)})</i>")]
        for i, message in enumerate(render_telegram_html(item.answer, limit)):
            story.append(("\n" if i == 0 else "\n\n", message))
        stories.append(story)
    if show_all:
        return pack(header + [b for story in stories for b in story], limit)
    blocks = header + stories[0]
    shown = 1
    for story in stories[1:SHOWN_STORIES]:
        more = _more(len(stories) - shown - 1)
        if len(pack([*blocks, *story, *more], limit)) > 1:
            break
        blocks += story
        shown += 1
    return pack(blocks + _more(len(stories) - shown), limit)


def _more(n: int) -> list[Block]:
    return [("\n\n", f"<i>…and {n} more: /digest all</i>")] if n else []


def render_timeline_telegram(timeline: Timeline, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """A bold header naming the topic and period, then one line per development, newest first:
    its date in bold, one sentence, linked markers of every report of it, then those reports."""
    period = timeline.period
    if not timeline.entries:
        return [escape(f"Nothing found on “{_clip(timeline.topic, 300)}”{period}.")]
    header = f"<b>What changed on “{escape(_clip(timeline.topic, 300))}”{escape(period)}</b>"
    blocks: list[Block] = [("", header)]
    for entry in timeline.entries:
        sentence = entry.answer.sentences[0]
        links = {s.n: s for s in entry.answer.sources}
        markers = "".join(_marker(n, links.get(n)) for n in sentence.citations)
        pieces = _pieces(sentence.text, limit - len(markers) - 40)
        pieces[0] = f"<b>{escape(entry.date)}</b> {pieces[0]}"
        pieces[-1] = f"{pieces[-1]} {markers}"
        blocks += [("\n\n" if i == 0 else " ", p) for i, p in enumerate(pieces)]
        blocks += [("\n", source_line_html(s)) for s in entry.answer.sources]
    return pack(blocks, limit)
