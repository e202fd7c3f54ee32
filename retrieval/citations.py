"""Citation markers in model text: splitting, link stripping, support checks, verified answers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from retrieval.answers import Answer, abstention, renumber
from retrieval.chunking import ABBREVIATION_END, as_quoted
from retrieval.keyword import keyword_tokens
from retrieval.search import Passage

# One bracketed marker: [1], [1, 2], [1-3], [1–3], [1; 4].
_MARKER = re.compile(r"\[\s*\d+(?:\s*[-–—,;]\s*\d+)*\s*\]")
_MARKERS_ONLY = re.compile(rf"^(?:\s*{_MARKER.pattern})+\s*$")
# A sentence ends at . ! ? (perhaps closed by a quote or bracket, perhaps followed by its
# markers) before whitespace and something that can start a sentence, or at the end of the text.
_SENTENCE_END = re.compile(
    rf"[.!?]+[\"'”’)]*(?:\s*{_MARKER.pattern})*(?=\s+[\"'“‘(]?[A-Z0-9]|\s*$)"
)
# A range wider than this is a typo or an attack, not a citation: keep its two ends only.
_MAX_RANGE = 20


def _numbers(marker: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"[,;]", marker.strip("[] ")):
        ends = [int(x) for x in re.findall(r"\d+", part)]
        if len(ends) == 2 and 0 <= ends[1] - ends[0] <= _MAX_RANGE:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends)
    return out


def _clean(text: str) -> str:
    """Whitespace collapsed and no space left before punctuation where a marker was removed."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.,;:!?)])", r"\1", text)


def split_cited_sentences(text: str) -> list[tuple[str, list[int]]]:
    """Sentences of model output, each without its markers and with the numbers it cites."""
    pieces: list[str] = []
    for line in text.splitlines():
        start = 0
        for m in _SENTENCE_END.finditer(line):
            before = line[max(0, m.start() - 5) : m.start() + 1]
            if ABBREVIATION_END.search(before):
                continue
            pieces.append(line[start : m.end()])
            start = m.end()
        pieces.append(line[start:])
    out: list[tuple[str, list[int]]] = []
    for piece in pieces:
        if not piece.strip():
            continue
        cited: list[int] = []
        for marker in _MARKER.findall(piece):
            cited.extend(n for n in _numbers(marker) if n not in cited)
        if _MARKERS_ONLY.match(piece):
            # Markers on a line of their own end the sentence before them.
            if out:
                out[-1][1].extend(n for n in cited if n not in out[-1][1])
            continue
        sentence = _clean(_MARKER.sub(" ", piece))
        if re.search(r"\w", sentence):
            out.append((sentence, cited))
    return out


# Slack's <url|label> and its mentions (<@U1>, <#C1>, <!channel>), which would ping people.
_SLACK_LINK = re.compile(
    r"<(?:(?:https?|mailto|ftp|tel):|[@#!])[^<>|\s]*(?:\|([^<>]*))?>", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*)\]\(\s*[^()\s]*(?:\s+\"[^\"]*\")?\s*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[^\s<>\[\]()\"']*[^\s<>\[\]()\"'.,;:!?]",
    re.IGNORECASE,
)
# Chat clients turn a bare domain into a link, so the common top-level domains go too.
_DOMAIN = re.compile(
    r"\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|io|co|ru|ua|uk|us|eu|de|fr|gov|edu|me|ly"
    r"|xyz|app|dev|ai|tv|news|online|site|top|link|click)\b(?:/[^\s<>\[\]()\"']*[\w/])?",
    re.IGNORECASE,
)


def _markdown_label(m: re.Match[str]) -> str:
    label = m.group(1)
    # "[1](https://...)" is a citation marker with a link glued on: keep the marker.
    return f"[{label}]" if _MARKER.fullmatch(f"[{label}]") else label


def strip_links(text: str) -> str:
    """Model text without URLs, markdown links, HTML tags or Slack links; labels are kept."""
    text = _SLACK_LINK.sub(lambda m: m.group(1) or "", text)
    text = _MARKDOWN_LINK.sub(_markdown_label, text)
    text = _HTML_TAG.sub("", text)
    text = _URL.sub("", text)
    text = _EMAIL.sub("", text)
    text = _DOMAIN.sub("", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(re.sub(r" ([.,;:!?])", r"\1", line) for line in lines).strip()


# Attribution verbs: the prompt asks for "X says ...", which the passage need not contain.
_ATTRIBUTION = frozenset(
    keyword_tokens("say says said saying according told stated reported reportedly")
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _terms(text: str) -> tuple[set[str], set[str]]:
    """Stemmed content words (as the keyword index sees them) and numbers (thousands
    separators and leading zeros dropped)."""
    numbers = {
        re.sub(r"(?<=\d),(?=\d{3})", "", n).rstrip(".,").lstrip("0") or "0"
        for n in _NUMBER.findall(text)
    }
    words = {t for t in keyword_tokens(re.sub(r"\d", " ", text)) if t not in _ATTRIBUTION}
    return words, numbers


# Half, because a faithful paraphrase keeps most of its source's names, figures and key nouns
# while the model's own connective words and synonyms miss; a sentence citing the wrong passage
# of the same story shares little beyond the topic words (the names everyone mentions).
SUPPORT_THRESHOLD = 0.5


def supports(sentence: str, passage: str) -> bool:
    """Whether `passage` plausibly supports `sentence`: enough shared words, every number found."""
    words, numbers = _terms(sentence)
    if not words and not numbers:
        return False
    # A number the passage glues a footnote mark to ("2026.8") is quoted without it.
    passage_words, passage_numbers = _terms(as_quoted(passage))
    if not numbers <= passage_numbers:
        # A figure the passage does not contain is the costliest kind of invented detail.
        return False
    found = len(words & passage_words) + len(numbers)
    return found / (len(words) + len(numbers)) >= SUPPORT_THRESHOLD


_DECLINES = re.compile(
    r"^\W*(?:(?:the |these |my )?(?:provided |given |available )?"
    r"(?:sources?|passages?|articles?|documents?)(?: provided| given| I have)?"
    r" (?:do not|don't|does not|doesn't|did not|cannot|can't)"
    r" (?:say|answer|mention|contain|cover|address|provide|include|specify|state|discuss)"
    r"|I (?:cannot|can't|am unable to) answer"
    r"|(?:there is |there's )?no information\b)",
    re.IGNORECASE,
)


def declines(sentences: Sequence[tuple[str, Sequence[int]]]) -> bool:
    """Whether the reply says the sources don't answer: `INSUFFICIENT`, or an uncited refusal."""
    if not sentences:
        return False
    first = sentences[0][0]
    if first.startswith("INSUFFICIENT") or first.strip(" .!:*_`'\"").upper() == "INSUFFICIENT":
        return True
    # "The sources don't say why, but ... [2]" is a partial answer, not a refusal.
    return bool(_DECLINES.match(first)) and not any(numbers for _, numbers in sentences)


def _support_text(passage: Passage) -> str:
    # The title and date are part of what the reader sees as the source.
    c = passage.chunk
    return f"{c.title}\n{c.date.replace('-', ' ')}\n{c.text}"


def check_answer(
    question: str,
    sentences: list[tuple[str, list[int]]],
    passages: Sequence[Passage],
    composer: str,
) -> Answer:
    """Keep only citations that exist and support their sentence; abstain when none remain."""
    retrieved = tuple(passages)
    if declines(sentences):
        return replace(abstention(question, retrieved), composer=composer)
    kept: list[tuple[str, list[Passage]]] = []
    for text, numbers in sentences:
        cited = [
            passages[n - 1]
            for n in dict.fromkeys(numbers)
            if 1 <= n <= len(passages) and supports(text, _support_text(passages[n - 1]))
        ]
        if cited:
            kept.append((text, cited))
    answer = renumber(question, kept, retrieved, composer)
    return replace(answer, composer=composer) if answer.abstained else answer
