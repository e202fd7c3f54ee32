"""Splitting documents into overlapping passages along paragraph and sentence lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from retrieval.cleaning import is_consent_notice
from retrieval.documents import Document

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (perhaps closed by a quote or bracket, or followed by a footnote
# number as in "in 2026.1 Beijing") before a capital, digit or quote.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?:(?<=[a-z)\"”’][.!?])\d{1,2})?[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
)
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATION_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|St|Jr|Sr|No|vs|etc|e\.g|i\.e"
    r"|U\.S|U\.N|U\.K|E\.U|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)


def estimate_tokens(text: str) -> int:
    """Count words and punctuation marks: close to a WordPiece count for news English."""
    return len(_TOKEN.findall(text))


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, with the metadata needed to cite it."""

    chunk_id: str
    doc_id: str
    title: str
    url: str
    date: str
    publisher: str
    position: int  # 0-based order within the document
    start: int  # character offsets in the document's cleaned text
    end: int
    text: str
    # Who is speaking where it opens, when a transcript's turn began before it.
    speaker: str = ""

    def site(self) -> str:
        """Who published it, as its web address names them: "csis" for www.csis.org (the
        first name of the host: "bbc" for bbc.co.uk, not "uk")."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.").split(".")[0]

    def indexed_text(self) -> str:
        """The text embedded and keyword-indexed: the title gives each passage its context."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class ChunkingConfig:
    """Passage size and overlap, in estimated tokens."""

    max_tokens: int = 200
    overlap_tokens: int = 40

    def fingerprint(self) -> str:
        """A short string that changes whenever chunk boundaries would."""
        return f"c{self.max_tokens}o{self.overlap_tokens}v1"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    tokens: int
    paragraph: int


def _spans(text: str, count: Callable[[str], int], max_tokens: int) -> list[_Span]:
    """Sentence spans (character offsets) of each paragraph; overlong sentences split by words."""
    spans: list[_Span] = []
    para_start = 0
    paragraphs = [*_PARAGRAPH_BREAK.finditer(text), None]
    for para_no, brk in enumerate(paragraphs):
        para_end = brk.start() if brk else len(text)
        sent_start = para_start
        for end in [*_sentence_ends(text, para_start, para_end), para_end]:
            spans.extend(_fit(text, sent_start, end, para_no, count, max_tokens))
            sent_start = end
        para_start = brk.end() if brk else len(text)
    return [s for s in spans if text[s.start : s.end].strip()]


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    ends = []
    for m in _SENTENCE_END.finditer(text, start, end):
        if not ABBREVIATION_END.search(text[max(start, m.start() - 6) : m.start()]):
            ends.append(m.end())
    return ends


def _fit(
    text: str, start: int, end: int, para: int, count: Callable[[str], int], max_tokens: int
) -> list[_Span]:
    """One span for the sentence, or several word-aligned pieces when it exceeds the budget."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    n = count(text[start:end])
    if n <= max_tokens:
        return [_Span(start, end, n, para)] if start < end else []
    pieces: list[_Span] = []
    words = list(re.finditer(r"\S+", text[start:end]))
    piece_start = 0
    while piece_start < len(words):
        piece_end = piece_start
        tokens = 0
        while piece_end < len(words):
            t = count(words[piece_end].group())
            if tokens and tokens + t > max_tokens:
                break
            tokens += t
            piece_end += 1
        a = start + words[piece_start].start()
        b = start + words[piece_end - 1].end()
        pieces.append(_Span(a, b, tokens, para))
        piece_start = piece_end
    return pieces


def chunk_document(
    doc: Document,
    config: ChunkingConfig = ChunkingConfig(),
    count: Callable[[str], int] = estimate_tokens,
) -> list[Chunk]:
    """Pack whole sentences into passages of at most `max_tokens`, overlapping by a sentence or two.

    A passage prefers to end at a paragraph break once it is at least half full.
    """
    text = doc.text
    spans = _spans(text, count, config.max_tokens)
    groups: list[list[_Span]] = []
    i = 0
    while i < len(spans):
        group = [spans[i]]
        tokens = spans[i].tokens
        j = i + 1
        while j < len(spans) and tokens + spans[j].tokens <= config.max_tokens:
            new_paragraph = spans[j].paragraph != spans[j - 1].paragraph
            if new_paragraph and tokens >= config.max_tokens // 2:
                # Adding the next paragraph would not fit entirely: end on the break.
                para_tokens = sum(s.tokens for s in spans[j:] if s.paragraph == spans[j].paragraph)
                if tokens + para_tokens > config.max_tokens:
                    break
            group.append(spans[j])
            tokens += spans[j].tokens
            j += 1
        groups.append(group)
        if j >= len(spans):
            break
        # Step back over trailing sentences that fit in the overlap, but always move forward.
        back = j
        overlap = 0
        while back - 1 > i and overlap + spans[back - 1].tokens <= config.overlap_tokens:
            back -= 1
            overlap += spans[back].tokens
        i = back
    return [
        Chunk(
            chunk_id=f"{doc.doc_id}#{n}",
            doc_id=doc.doc_id,
            title=doc.title,
            url=doc.url,
            date=doc.date,
            publisher=doc.publisher,
            position=n,
            start=g[0].start,
            end=g[-1].end,
            text=text[g[0].start : g[-1].end],
        )
        for n, g in enumerate(groups)
    ]


# A footnote number glued to a sentence's end, as in "...immediately.1"
_GLUED_FOOTNOTE = re.compile(r"(?<=[.!?\"'”’)])\d{1,2}$")
# A news photo's caption ends with where and when it was taken: "... attend the talks in Abu
# Dhabi, United Arab Emirates, February 4, 2026." Quoted, it states what a picture the reader
# can't see shows, often of another day than the one asked about.
_CAPTION_END = re.compile(
    r",\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s+(?:[A-Z][a-z]+day,\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.$"
)
# A caption naming who stands where in a picture: "(From left) Erdoğan, Biden and Johnson ...".
_CAPTION_START = re.compile(r"^\(?(?:from\s+)?(?:left|right|l-r|r-l)(?:\s+to\s+right)?\)", re.I)
# A photo's credit glued before the text it interrupts: "Photograph: Dave Mustaine/EPA",
# "Photograph: MaxarTech/AFP via Getty Images", "Photograph: Alex Brandon/APPsaki wouldn't",
# ".../ReutersNatalia, 57," (the agency runs into the next word).
_CREDIT_LABEL = re.compile(r"(?:Photograph|Photo|Illustration)s?:\s")  # whatever follows
_PHOTO_CREDIT = re.compile(
    rf"^{_CREDIT_LABEL.pattern}\s*(?:[^/\n]{{1,60}}?"
    r"(?:/(?:via\s+)?(?:The\s+)?(?:[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]+[a-z]*)"
    r"(?:\s+(?:via\s+[A-Z]\w*|Images|Press|Agency|Wire|[Pp]ool|Shutterstock|Features))*)+"
    # an agency alone: "Photograph: AP “These troop movements ..."
    r"|(?:AP|AFP|EPA|PA|TASS|Reuters)(?=\s))\s*"
)
# Two sentences a crawl glued together that cleaning left as one, as it parts them only before
# a capitalised word of two letters or more ("... the past weeks.A monument to ..."): a
# caption glued to the article's sentence before it holds that sentence too.
_GLUED_END = re.compile(r"[a-z][.!?][”’\"]?(?=[“‘\"]?[A-Z])")
# Marks a page sets before a sentence: a list's bullet, a quote's or a table's bar, an
# italic's opening underscore, a live blog's time glued to its headline ("10.52Russian").
_PAGE_MARKS = re.compile(r"^(?:[*>|•_]\s*|[-–]\s+|\d{1,2}[.:]\d{2}(?=[A-Z][a-z]))+")
_WORDS = re.compile(r"\w+")
QUOTABLE_WORDS = range(6, 81)  # shorter sentences say too little alone, longer ones too much


def as_quoted(text: str) -> str:
    """The text with the footnote numbers glued to its sentences' ends dropped, as an answer
    quotes its sentences: "...early 2026.8" is quoted "...early 2026."."""
    return " ".join(_GLUED_FOOTNOTE.sub("", s) for s in split_sentences(text))


def quotable_sentences(text: str) -> list[str]:
    """The passage's sentences an answer may quote, as it would quote them, once each."""
    return list(dict.fromkeys(filter(None, map(quotable, split_sentences(text)))))


def photo_captions(sentences: Sequence[str]) -> set[int]:
    """Which of these consecutive sentences are a photo's caption: those a credit follows
    ("The Kremlin at night in November 2021. Photograph: Bloomberg/Getty Images"), unless
    an article's sentence is glued before the caption."""
    return {
        n
        for n, after in enumerate(sentences[1:])
        if _CREDIT_LABEL.match(after) and not _GLUED_END.search(sentences[n])
    }


def as_shown(sentence: str) -> str:
    """The sentence as an answer shows it, without what the page set before it: a photo's
    credit ("Photograph: Dave Mustaine/EPA Preparing for the war ..." is shown "Preparing for
    the war ..."), a list, quote or table mark ("* Russia launched ...", "> In total ..."),
    a live blog's time ("00.23Biden denies ..."), an italic's underscores. (It is judged as
    stored: the caption before a credit, often the sentence most like the question, lends it
    relevance.)"""
    credited = _PHOTO_CREDIT.sub("", sentence)
    marks = _PAGE_MARKS.match(credited)
    shown = credited[marks.end() :] if marks else credited
    if marks and "_" in marks.group():
        shown = shown.replace("_", "", 1)  # the italic's close: "_On 24 February ..._"
    return shown or sentence


def quotable(sentence: str) -> str | None:
    """The sentence as an answer may quote it (glued footnote number dropped), or None when
    it is too short or long to quote, or does not state something: a question in a source
    ("What does Russia want?") asks, it doesn't answer, a photo's caption describes a
    picture, and a cookie notice is the website's."""
    sentence = _GLUED_FOOTNOTE.sub("", sentence)
    if _CAPTION_END.search(sentence) or _CAPTION_START.match(sentence):
        return None
    if is_consent_notice(sentence):
        return None
    if len(_WORDS.findall(sentence)) in QUOTABLE_WORDS and sentence[-1] in ".!\"'”’)":
        return sentence
    return None


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, paragraph breaks respected, surrounding space trimmed."""
    return [sentence for _, sentence in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """`split_sentences`, each with where it starts in the text (a sentence written twice
    is found twice)."""
    big = len(text) + 1  # no sentence is ever split by words here
    return [(s.start, text[s.start : s.end]) for s in _spans(text, estimate_tokens, big)]
