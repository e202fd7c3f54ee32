"""Whom a question has someone tell, and what about: the names after the speaker."""

from __future__ import annotations

import re

from retrieval.encounters import Encounter
from retrieval.names import CLAUSE_BREAK, Name, asked_names, question_names, without_title

# A name standing where something happened: "killed in Ukraine", "at the Kremlin".
PLACED = re.compile(r"\b(?:in|at|near|from|across|inside|outside)\s+(?:the\s+)?$", re.I)
# Unless it is where what they spoke about happened: "say about the killings in Bucha" (not
# "about the war at the Munich conference" nor "about Taurus in the Bundestag": where they
# said it).
_PLACED_TOPIC = re.compile(
    r"\b(?:about|regarding|concerning)\s+the\s+(?:[\w'’-]+\s+){1,3}in\s+$", re.I
)
# Where what follows a speaker's verb stops saying whom they told and what about: "... when
# they met at the Kremlin", "... after Geneva", "respond to Lula saying he was as responsible
# as Putin" (what Lula said).
_TOLD_ENDS = re.compile(
    r"\b(?:when|while|after|before|during|since|until|as|amid|ahead|following|saying|that"
    r"|who|which|whose)\b",
    re.I,
)


def clause_at(question: str, at: int) -> str:
    """The clause of the question that holds position `at`."""
    start = 0
    for m in CLAUSE_BREAK.finditer(question):
        if m.start() >= at:
            return question[start : m.start()]
        start = m.end()
    return question[start:]


def told_names(question: str, spoke: Name, clause: str) -> list[Name]:
    """The names after the speaker in its clause, before any "when" or "after" and other than
    places: whom they told, and what about."""
    end = question.index(clause) + len(clause)
    after = spoke.start + len(spoke.text)
    cut = _TOLD_ENDS.search(question, after, end)
    end = cut.start() if cut else end
    return [
        without_title(n)
        for n in question_names(question)
        if after <= n.start < end and not _placed(question, after, n.start)
    ]


def _placed(question: str, after: int, at: int) -> bool:
    """Whether the name at `at` says where the speaker spoke or what happened, not what
    about: "killed in Ukraine" is where, "about the killings in Bucha" what."""
    return bool(PLACED.search(question[:at])) and not _PLACED_TOPIC.search(question, after, at)


def talked_about(question: str, encounter: Encounter | None) -> list[Name]:
    """What the question has those who met or called speak of ("what did Putin and the Pope
    say about Ukraine during their call"): the names after the last of them, before "when" or
    "during", other than who met, where, and whom the question cites ("according to the
    Economist": where it was read)."""
    if encounter is None or encounter.kind != "meeting" or not encounter.between:
        return []
    met = {n.start for n in (*encounter.between, *encounter.places)}
    asked = {n.start for n in asked_names(question)}
    last = max(encounter.between, key=lambda n: n.start)
    told = told_names(question, last, clause_at(question, last.start))
    return [n for n in told if n.start not in met and n.start in asked]
