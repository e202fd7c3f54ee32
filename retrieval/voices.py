"""Who speaks a sentence its own words don't name: its transcript turn's speaker, or whoever a
quote running over several sentences is attributed to."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.chunking import Chunk

# "Vladimir Putin: Mr Shoigu, ...", "President of Russia Vladimir Putin: ...": a transcript's
# turn, opening the text or a sentence. A one-word label ("Question:", "Photograph:") is
# nobody's name and ends the turn before it.
_TURN = re.compile(
    r"(?:^|(?<=[.!?\"”’]\s))(?P<label>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|and)){0,7})"
    r":\s+(?=[\"“‘A-Z])"
)
_OPEN = '"“'
_CLOSE = {'"': '"', "“": "”"}
# A quote's end followed by who said it: '," Volodymyr Zelenskyy stressed.'
_AFTER = re.compile(r"[\s,]*(?P<said>[^.!?\"“”]{3,80}?[.!?])")
# Who said it, before a quote's opening: 'Andriy Yermak said: "'.
_BEFORE = re.compile(r"(?P<said>[^.!?\"“”]{3,80}?)[:,]\s*$")
# Inside a quote, a sentence ends and the next begins: the quote runs over several sentences.
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[\"“‘A-Z]")


@dataclass(frozen=True)
class Voices:
    """The words naming who speaks, for spans of a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    said: tuple[str, ...]

    def at(self, offset: int) -> str:
        """Who speaks at `offset` of the text ("Vladimir Putin said"), or ""."""
        i = bisect_right(self.starts, offset) - 1
        return self.said[i] if i >= 0 and offset < self.ends[i] else ""


def voices(text: str, speaker: str = "") -> Voices:
    """The speakers of the text's transcript turns (the first being `speaker`'s, when the text
    opens in the middle of one) and of its quotes of several sentences; a quote's own speaker
    is named for it over its turn's."""
    spans: list[tuple[int, int, str]] = []
    turns = list(_TURN.finditer(text))
    if speaker:
        spans.append((0, turns[0].start() if turns else len(text), f"{speaker} said."))
    for turn, after in zip(turns, [*turns[1:], None], strict=False):
        label = turn["label"]
        if " " in label:  # "Question:" ends a turn but opens none
            spans.append((turn.start(), after.start() if after else len(text), f"{label} said."))
    quoted = _quotes(text)
    for start, end in quoted:
        said = _attribution(text, start, end)
        if said:
            # Quotes are cut out of any turn they interrupt.
            spans = [piece for s in spans for piece in _without(s, start, end)]
            spans.append((start, end, said))
    spans.sort()
    return Voices(
        tuple(s for s, _, _ in spans), tuple(e for _, e, _ in spans), tuple(w for *_, w in spans)
    )


def opening_speakers(chunks: Iterable[Chunk]) -> dict[str, str]:
    """For each passage opening inside a transcript turn begun before it, the turn's speaker
    ("Vladimir Putin"), by passage id."""
    by_doc: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        by_doc[chunk.doc_id].append(chunk)
    found: dict[str, str] = {}
    for doc in by_doc.values():
        doc.sort(key=lambda c: c.start)
        # Every turn's opening in the document, where the overlapping passages show it.
        opened = sorted(
            {(c.start + t.start(), t["label"]) for c in doc for t in _TURN.finditer(c.text)}
        )
        for chunk in doc:
            before = [label for at, label in opened if at < chunk.start]
            if before and " " in before[-1]:
                found[chunk.chunk_id] = before[-1]
    return found


def _quotes(text: str) -> list[tuple[int, int]]:
    """The spans of quotes holding more than one sentence, opening to closing mark."""
    found: list[tuple[int, int]] = []
    at = 0
    while True:
        opens = [i for i in (text.find(q, at) for q in _OPEN) if i >= 0]
        if not opens:
            return found
        start = min(opens)
        end = text.find(_CLOSE[text[start]], start + 1)
        if end < 0:
            return found
        if _SENTENCE_BREAK.search(text, start, end):
            found.append((start, end + 1))
        at = end + 1


def _attribution(text: str, start: int, end: int) -> str:
    """The words after or before a quote that say who said it, or ""."""
    after = _AFTER.match(text, end)
    if after and text[end - 2 : end - 1] in ",!?":  # '...guarantees," he said.'
        return after["said"].strip()
    head = text[max(0, start - 80) : start]
    before = _BEFORE.search(head)
    return before["said"].strip() if before else ""


def _without(span: tuple[int, int, str], start: int, end: int) -> list[tuple[int, int, str]]:
    """A span less the part from `start` to `end`."""
    s, e, said = span
    if e <= start or s >= end:
        return [span]
    return [piece for piece in ((s, start, said), (end, e, said)) if piece[0] < piece[1]]
