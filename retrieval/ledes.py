"""A story's lede: the sentence or two of its reports that say what happened."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.chunking import split_sentences
from retrieval.keyword import keyword_tokens
from retrieval.pagekind import NOT_PROSE_START

_MARKUP = re.compile(r"\*\*|__|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)|\[[^\]\s]{1,12}\]")
_ENDS = re.compile(r"[.!?][\"'”’)]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
# A paragraph that speaks to the reader about the page: none of its sentences is a lede
# ("**Click here** to see the map. This map is updated daily.").
_PAGE_TALK = re.compile(
    r"\bclick\b|\bsign up\b|\bsubscribe\b|\bsubscribers?\b|\bnewsletter\b|\bcookies?\b|"
    r"\bI agree\b|\bour website\b|\blog in\b|\bwelcome (?:back )?to\b|\S+@\S+\.\w+|"
    r"\bplease (?:view|see|visit)\b",
    re.IGNORECASE,
)
# The end of a photo's caption glued before the text: a credit ("REUTERS/Name/File Photo",
# "[Name/Agency]"), "Item 1 of 2", "[1/2]", or the caption's "Read more" button.
_CAPTION_END = re.compile(
    r"(?-i:\b[A-Z]{3,}/[\w .]+(?:/File Photo)?)|\[[^\]\n]*\w/\w[^\]\n]*\]|"
    r"\bitem \d+ of \d+\b|\[\d+/\d+\]|\bread more\b",
    re.IGNORECASE,
)
# What a sentence of news never holds: file sizes, links, bylines' "By ...", pointers to
# other pages.
_NOT_NEWS = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:KB|MB|GB)\b|https?://|www\.|^by\s|\bliveblog\b|\blive blog\b|"
    r"\bread more\b",
    re.IGNORECASE,
)
MIN_WORDS = 8
MAX_WORDS = 60
MIN_LOWERCASE_SHARE = 0.4  # "Justin Young, Grace Mappes and Frederick W." is a byline


def plain(sentence: str) -> str:
    """A sentence without Markdown emphasis or footnote marks, on one line."""
    return " ".join(_MARKUP.sub("", sentence).split())


def tells_news(sentence: str) -> bool:
    """Whether a sentence could say what happened: a full sentence of prose, not a list item,
    a byline, a file size, a link label or a call to click."""
    if NOT_PROSE_START.match(sentence) or any(
        pattern.search(sentence) for pattern in (_NOT_NEWS, _PAGE_TALK, _CAPTION_END)
    ):
        return False
    text = plain(sentence)
    words = _WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not _ENDS.search(text):
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower / len(words) >= MIN_LOWERCASE_SHARE


def lede(
    reports: Sequence[tuple[str, str]],
    headline: str,
    sentences: int = 2,
    words: int = 60,
) -> list[tuple[str, str]]:
    """Up to `sentences` (sentence, doc id) pairs within `words` words from the (doc id, opening
    text) of each report: sentences near the top of a report that share the headline's words
    and those of the other reports come first."""
    topic = set(keyword_tokens(headline))
    vocab = [set(keyword_tokens(text)) for _, text in reports]
    candidates: list[tuple[float, int, str, str, set[str]]] = []
    for r, (doc_id, opening) in enumerate(reports):
        seen: set[str] = set()
        position = 0
        for paragraph in opening.split("\n"):
            if _PAGE_TALK.search(paragraph):
                continue
            # Without its markup, so that "...(NPPs).** The Air Force reported" splits.
            for sentence in split_sentences(plain(_after_captions(paragraph))):
                if sentence in seen or not tells_news(sentence):
                    continue
                seen.add(sentence)
                terms = set(keyword_tokens(sentence))
                if not terms:
                    continue
                others = [v for i, v in enumerate(vocab) if i != r]
                support = sum(len(terms & v) / len(terms) for v in others) / max(len(others), 1)
                score = (
                    len(terms & topic) / max(len(topic), 1)
                    + support
                    + 1.0 / (1 + position)  # news puts what happened first
                    + (0.2 if r == 0 else 0.0)  # the lead report speaks first
                )
                candidates.append((score, -position, plain(sentence), doc_id, terms))
                position += 1
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    chosen: list[tuple[str, str, set[str]]] = []
    used = 0
    for _, _, text, doc_id, terms in candidates:
        n = len(_WORD.findall(text))
        if chosen and (used + n > words or any(_repeats(terms, t) for _, _, t in chosen)):
            continue
        chosen.append((text, doc_id, terms))
        used += n
        if len(chosen) == sentences:
            break
    return [(text, doc_id) for text, doc_id, _ in chosen]


def _after_captions(paragraph: str) -> str:
    """The paragraph after the last photo caption glued into it."""
    ends = [m.end() for m in _CAPTION_END.finditer(paragraph)]
    return paragraph[ends[-1] :] if ends else paragraph


def _repeats(a: set[str], b: set[str]) -> bool:
    """Whether one sentence mostly says what another said."""
    return len(a & b) / max(min(len(a), len(b)), 1) > 0.5
