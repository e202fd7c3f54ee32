"""The occasion a question asks about by its day, and the document that is its record."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from retrieval.keyword import keyword_tokens
from retrieval.periods import CALENDAR_TERMS, question_periods, source_day, without_day

if TYPE_CHECKING:
    from retrieval.chunking import Chunk
    from retrieval.search import Passage

# Among this many of the best documents a question's search found, the first dated on the day
# it names is that day's record: the speech, meeting or news conference asked about.
RECORD_AMONG = 5
# Words naming a kind of occasion rather than what was said at it.
_OCCASION_WORDS = frozenset(
    keyword_tokens(
        "speech address remarks interview news press conference briefing statement told reporters"
    )
)


def record_of_the_day(question: str, passages: Sequence[Passage]) -> str:
    """The id of the record of the one day of a known year the question names, or "": of the
    first `RECORD_AMONG` documents search ranked, those dated on that day or the day after (a
    night's events are reported the next day), the first whose title shares a word with the
    question ("Victory Parade on Red Square" for "putin's victory day speech"), else the
    first where the question names a kind of occasion ("speech", "interview"). The day alone
    names no occasion: "what was the weather in Moscow on 9 May 2022?" asks of no parade."""
    periods = question_periods(question)
    if len(periods) != 1 or len(periods[0].days()) != 1 or not periods[0].year:
        return ""
    day = date(periods[0].year, *periods[0].start)
    documents: dict[str, Chunk] = {}  # in the order search ranked them
    for p in passages:
        documents.setdefault(p.chunk.doc_id, p.chunk)
    on_the_day = [
        chunk
        for chunk in list(documents.values())[:RECORD_AMONG]
        if (dated := source_day(chunk.date)) and day <= dated <= day + timedelta(days=1)
    ]
    asked = set(keyword_tokens(question)) - CALENDAR_TERMS
    for chunk in on_the_day:
        if asked & set(keyword_tokens(chunk.title)):
            return chunk.doc_id
    return on_the_day[0].doc_id if on_the_day and asked & _OCCASION_WORDS else ""


def asked_of_the_record(question: str, title: str) -> str:
    """The question without the words naming the occasion (the kind of occasion, the date,
    its record's title's words): what is asked of what was said there ("How
    did Putin justify the war in Ukraine in his Victory Day speech on Red Square on 9 May
    2022?", of "Victory Parade on Red Square": "How did Putin justify the war in Ukraine in
    his Day on"); the question as asked when nothing else is left."""
    words = re.findall(r"\S+", without_day(question))
    # All the title's words: "the five nuclear-weapon states' joint statement" kept picks the
    # preamble naming the five, not what they affirm.
    naming = set(keyword_tokens(title)) | _OCCASION_WORDS | CALENDAR_TERMS
    kept = [w for w in words if not set(keyword_tokens(w)) & naming]
    return " ".join(kept) if keyword_tokens(" ".join(kept)) else question
