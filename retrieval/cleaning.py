"""Cleaning crawled article text of page chrome, and normalising dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

# Zero-width characters, soft hyphens, the BOM and control codes: some pages (France 24's)
# sprinkle them inside words, where they split search terms yet cannot be seen in replies.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
# Tabs, no-break and other Unicode spaces: one plain space, so phrases match as typed.
_SPACES = re.compile(r"[^\S\n]+")
# A Markdown link or image, also in the crawler's broken form `[](https://site/</path/>)`, with
# an optional title. `<...>` parts may hold spaces and parentheses; `<` is kept out of the
# single-character branch so that the pattern never backtracks exponentially.
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?:<[^<>]*>|\\.|[^()\s\\<]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
)
# Screen-reader labels of links the crawler kept inside sentences and captions (Reuters).
_LINK_LABELS = re.compile(r"\s*(\bPurchase Licensing Rights)?,? opens new tab\b", re.IGNORECASE)
_URL = re.compile(r"<?https?:/\S*")
# A footnote's source list: "[12] https://t.me/... ; https://tass dot ru/...".
_FOOTNOTE = re.compile(r"\[(\d+|[ivxlcdm]+)\]\s", re.IGNORECASE)
_WORD = re.compile(r"\w")
# A note mark glued to a word or sentence end ("...injuring six people.[i] Ukrainian officials")
# and Markdown bold ("**Russian drones struck...**"): left in, they hide where a sentence ends,
# so a whole paragraph reads as one overlong sentence, and they show up in replies.
# Lower-case numerals only: "[I] will" is a word. Bold is a run of asterisks at a word's edge
# ("f**k" stays); four or more between two words ("statement****here") stood for a space.
_NOTE_MARK = re.compile(r"(?<=\S)\[(?:\d{1,3}|[ivxlc]{1,7})\](?=[\s\[]|$)")
_BOLD = re.compile(r"(?<!\w)\*\*+|\*\*+(?!\w)")
_BOLD_BETWEEN_WORDS = re.compile(r"(?<=\w)\*{4,}(?=\w)")
# The Guardian glues teasers for other articles into paragraphs: "...in Ukraine. Can anyone stop
# Putin now? | Angus RoxburghRead more Fifteen years earlier...". The teaser runs from the last
# sentence end; one ending a line is left to _BANNERS, which spares long paragraphs.
# With a space before "Read more", the next paragraph's capital shows it is the button, not
# prose ("Putin would Read more of it").
_INLINE_TEASER = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"'”’)]\s))"
    r"[^.!?\n|]{3,160}[?!]?(?:\s*\|[^.!?\n|]{1,60})?"
    r"(?:(?<=\S)Read more\s+(?=\S)|\sRead more\s+(?=[“\"‘A-Z]))"
)
# The Guardian's embedded videos leave their length and title in the text: "...the alliance.
# 04:05'A dangerous neighbour': why Finland and Sweden want to join Nato – video explainer
# Turkey said ...".
_VIDEO_EMBED = re.compile(
    r"(?<!\S)\d{1,2}:\d{2}\s?(?=[“\"‘'A-Z])[^\n]{3,200}? [–-] video(?: report| explainer)?"
    r"(?:\s+(?=[“\"‘'A-Z\d])|$)"
)
# A newsletter plug glued before a paragraph: "Sign up to First Edition, our free daily
# newsletter – every weekday morning at 7am BST Finland and Sweden are ...". It ends at the
# time or handle it gives, where the paragraph's first sentence begins.
_GLUED_PLUG = re.compile(
    r"(?-i:Sign up) (?:to|for) [^.!?\n]{0,120}?"
    r"(?:\bat \d{1,2}(?:am|pm)(?: [A-Z]{3})?|\bevery (?:week)?(?:day|morning)|@\w+)"
    r"\s+(?=(?-i:Sign up)|[“\"‘]?[A-Z])"
)
# Two sentences glued by a crawl that lost the space between them: "...for Ukraine.In December",
# "...Medinsky said.“Freezing talks", "...in their court”.Talks between".
_GLUED_SENTENCES = re.compile(
    r"(?:(?<=[a-z]{2}[.!?])|(?<=[a-z][.!?][”’])|(?<=[a-z][”’][.!?]))(?=[“‘]?[A-Z][a-z])"
)

# Lines that are page chrome wherever they appear. Kept short on purpose: each one was seen in
# the crawled corpus, and a pattern too loose would eat real sentences. Only lines up to
# _BANNER_MAX_WORDS long are checked: chrome is a line of its own, while in a long paragraph the
# phrase is quoted or glued to real text (a live blog entry ending in "...carRead more").
_BANNER_MAX_WORDS = 80
_BANNERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"exclusive news, data and analytics for financial market professionals",  # Reuters
        r"\bsign up here\b",  # newsletter plugs
        r"^sign up (to|for)\b[^.!?]*\b(inbox|newsletter|email)\b",
        r"get instant alerts\b",  # notification prompts (glued to their icon's name)
        r"^click here\b",
        r"^(image|photo|photograph)s?:",  # a picture's caption or credit, not the article's text
        r"^_?(copyright\s*)?©",  # "© 2026 by the Center for ... All rights reserved."
        r"^(also read|read also|see also|read more)\s*:",  # teasers for other articles
        r"(?-i:\SRead more)$",  # the Guardian's teaser glued to its "Read more" button
        r"^your email address will not be published",  # comment form
        r"\b(we|this (web)?site) uses? cookies\b|\baccept (all |only essential )?cookies\b",
        r"\bcookie (policy|settings|preferences|declaration)\b",
        r"\bby (clicking|using this (web)?site)\b.*\b(agree|consent)",  # consent banners
        r"^skip to (main )?(content|navigation)",
        r"^your browser does not support",
        r"^(dark|light)( mode| theme)?$",  # theme toggles
        r"^(by|authors?|advertisement|sponsored)$",  # labels left without their content
        r"^((share|share on|share this( article)?|mail|email|print|facebook|twitter|x|/"
        r"|linkedin|whatsapp|telegram|reddit|copy link)\s*)+$",  # social sharing rows
    )
]

# A consent banner's sentences, glued into a paragraph too long to be checked as a banner:
# "Please state your consent ID ...", "This cookie is used to distinguish between humans and
# bots." Cookies count only beside the web's words: Putin's "handing out cookies on Maidan"
# is news.
_CONSENT = re.compile(
    r"\bconsent id\b|\bwithdraw (?:your|their) consent\b|\bprivacy (?:policy|settings)\b"
    r"|\bterms of (?:service|use)\b|\b(?:this|these|the|necessary|marketing|statistic"
    r"|preference|unclassified) cookies? (?:is|are|help|enable)\b"
    r"|\bcookies?\b[^.]{0,150}\b(?:websites?|site|browser|consent|privacy|http|storage|device"
    r"|advertis\w*|track\w*)\b"
    r"|\b(?:websites?|site|browser|http)\b[^.]{0,150}\bcookies?\b",
    re.IGNORECASE,
)


def is_consent_notice(sentence: str) -> bool:
    """Whether a sentence is a website's cookie or privacy notice, not the article's text."""
    return _CONSENT.search(sentence) is not None


# Headings after which a page has only teasers, comments and footers. They end the article only
# when they come after most of its text, so that a stray one near the top loses nothing.
_END_MARKERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"don'?t miss",
        r"leave a (reply|comment)",
        r"(\d+ )?comments?",
        r"related( articles| stories| posts| content| coverage| news)?",
        r"more (from|on|in) \S+(\s+\S+){0,5}",
        r"(you (may|might) also like|recommended( for you| stories)?|read next)",
        r"(most (read|popular|viewed)|trending( now)?|latest (news|stories))",
        r"our standards: the thomson reuters trust principles.*",  # Reuters' last article line
    )
]
_END_SHARE = 0.5  # a marker ends the article only if at least this share of the text precedes it

# Navigation and teaser lists: at least this many consecutive short lines with no sentence end.
_NAV_RUN = 3
_NAV_MAX_WORDS = 8
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_LIST_MARK = re.compile(r"^(?:[*+•-]|\d+[.)])\s+")
_BLOCK_START = re.compile(r"^(?:#|>|\||[*+•-]\s|\d+[.)]\s)")
# In a text whose paragraphs are separated by blank lines, a single line break in mid-sentence
# after a line at least this long is a hard wrap; shorter lines (menus, labels) stay apart.
_WRAP_MIN = 40


def clean_text(text: str) -> str:
    """Drop crawled page chrome from article text; paragraphs come out separated by blank lines."""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    wrapped = _has_blank_line_paragraphs(raw)
    lines: list[str] = []
    for line in raw:
        if not line:
            lines.append("")
        elif not _is_link_only(line):
            kept = _GLUED_PLUG.sub("", _VIDEO_EMBED.sub("", _strip_links(line)))
            kept = _INLINE_TEASER.sub("", kept).strip()
            kept = _GLUED_SENTENCES.sub(" ", kept)
            if kept and not _is_banner(kept):
                lines.append(kept)
    paragraphs = _drop_repeats(_paragraphs(lines, wrapped))
    return "\n\n".join(_drop_navigation_runs(_truncate_at_end_marker(paragraphs)))


def clean_title(text: str) -> str:
    """One line of title text: NFC, no invisible characters or link syntax, single spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(_strip_links(text).split())


def _has_blank_line_paragraphs(lines: list[str]) -> bool:
    """Whether a blank line separates two non-empty lines, as in Markdown or a pasted article."""
    seen_text = seen_blank = False
    for line in lines:
        if line and seen_text and seen_blank:
            return True
        seen_text = seen_text or bool(line)
        seen_blank = seen_text and not line
    return False


def _is_link_only(line: str) -> bool:
    # A line that reads as nothing once its links and URLs are gone is a link list or a share
    # bar: `[](https://...)`, `* [Home](/) | [News](/news)`. Footnote source lists go too.
    if not _LINK.search(line) and not _URL.search(line):
        return False
    if _FOOTNOTE.match(_strip_links(line)) and _URL.search(line):
        return True
    return not _WORD.search(_URL.sub("", _LINK.sub("", line)))


def _strip_links(line: str) -> str:
    # A link keeps its text, an image goes: alt texts describe pictures, not events.
    stripped = _LINK.sub(lambda m: "" if m.group(1) else m.group(2), line)
    stripped = _BOLD.sub("", _BOLD_BETWEEN_WORDS.sub(" ", _NOTE_MARK.sub("", stripped)))
    return " ".join(_LINK_LABELS.sub("", stripped).split())


def _is_banner(line: str) -> bool:
    return len(line.split()) <= _BANNER_MAX_WORDS and any(p.search(line) for p in _BANNERS)


def _paragraphs(lines: list[str], wrapped: bool) -> list[str]:
    """Lines as paragraphs; with blank-line paragraphs, hard-wrapped lines are joined again."""
    paragraphs: list[str] = []
    previous = ""  # the last line of the current block, "" at a block's start
    for line in lines:
        if not line:
            previous = ""
            continue
        joins = (
            wrapped
            and len(previous) >= _WRAP_MIN
            and not previous.startswith("#")
            and not _SENTENCE_END.search(previous)
            and not _BLOCK_START.match(line)
        )
        if joins:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous = line
    return paragraphs


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    # Crawls repeat standfirsts, captions and teasers verbatim; the first copy is the real one.
    seen: set[str] = set()
    kept: list[str] = []
    for p in paragraphs:
        if p not in seen:
            seen.add(p)
            kept.append(p)
    return kept


def _bare(line: str) -> str:
    """The line without list marks, Markdown emphasis and heading marks, for pattern checks."""
    line = _LIST_MARK.sub("", line).strip("*_#> ").replace("’", "'")
    return line.rstrip(" :.")


def _truncate_at_end_marker(paragraphs: list[str]) -> list[str]:
    total = sum(len(p) for p in paragraphs)
    before = 0
    for i, p in enumerate(paragraphs):
        if before >= _END_SHARE * total and any(m.fullmatch(_bare(p)) for m in _END_MARKERS):
            return paragraphs[:i]
        before += len(p)
    return paragraphs


def _is_nav_like(line: str) -> bool:
    # Headings are structure, not navigation; a short line ending a sentence is prose, and one
    # with a figure is data ("Deaths: 11", "Cases: 6,862" in a live blog's stats box).
    if line.startswith("#") or _DIGIT.search(line):
        return False
    bare = _LIST_MARK.sub("", line).strip("*_ ")
    return len(bare.split()) <= _NAV_MAX_WORDS and not _SENTENCE_END.search(bare)


def _drop_navigation_runs(paragraphs: list[str]) -> list[str]:
    # One or two short lines are often a dateline or a subheading; three or more in a row
    # without a sentence among them are menus, tag lists and teaser headlines.
    kept: list[str] = []
    run: list[str] = []
    for p in [*paragraphs, ""]:
        if p and _is_nav_like(p):
            run.append(p)
            continue
        if len(run) < _NAV_RUN:
            kept.extend(run)
        run = []
        if p:
            kept.append(p)
    return kept


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# The calendar date as the publisher wrote it: an ISO timestamp keeps its own date part rather
# than being shifted to UTC, so "published February 5" stays February 5 in citations.
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?")
_WEEKDAY = r"(?:[a-z]+\.?,?\s+)?"
_MONTH_FIRST = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")


def normalise_date(value: str | None) -> str:
    """An ISO "YYYY-MM-DD" for an ISO, "February 11, 2026" or "11 Feb 2026" date; "" otherwise."""
    text = " ".join((value or "").split()).lower()
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _MONTH_FIRST.fullmatch(text):
        year, month, day = int(m[3]), _MONTHS.get(m[1], 0), int(m[2])
    elif m := _DAY_FIRST.fullmatch(text):
        year, month, day = int(m[3]), _MONTHS.get(m[2], 0), int(m[1])
    else:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


# News sites file a story under its day: /world/2026/feb/04/..., /news/2026/2/18/..., /2022/05/12/
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2}|[a-z]{3,9})/(\d{1,2})(?:/|$)")


def url_date(url: str) -> str:
    """The ISO date a link's path files its page under, or ""; never a day after next year,
    which a path of tile or page numbers (/tiles/2048/10/12/) would give."""
    m = _URL_DATE.search(urlsplit(url).path.lower())
    if not m:
        return ""
    year, month, day = int(m[1]), m[2], int(m[3])
    number = int(month) if month.isdigit() else _MONTHS.get(month, 0)
    if year > date.today().year + 1:
        return ""
    try:
        return date(year, number, day).isoformat()
    except ValueError:
        return ""
