"""Turning a follow-up ("and Ukraine's?") into a standalone question, without an LLM."""

from __future__ import annotations

import re

_LEAD = re.compile(r"^\s*(?:and|also|but|so|what about|how about|and what about)\b[\s,]*", re.I)
_PRONOUN = re.compile(
    r"\b(?:they|them|their|it|its|he|him|his|she|her|that|this|those|these)\b", re.I
)
_NAME = re.compile(r"\b([A-Z][\w-]*)(?:['’]s)?")


def _names(text: str) -> list[str]:
    """Capitalised words, the first word of the text excepted (it is capitalised anyway)."""
    words = text.strip().split(maxsplit=1)
    rest = words[1] if len(words) > 1 else ""
    first = words[0] if words else ""
    names = [m.group(1) for m in _NAME.finditer(rest)]
    if first and first.lower() not in _QUESTION_STARTS:
        m = _NAME.match(first)
        if m:
            names.insert(0, m.group(1))
    return list(dict.fromkeys(names))


_QUESTION_STARTS = frozenset(
    [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "did",
        "does",
        "do",
        "can",
        "could",
        "will",
        "would",
        "should",
        "and",
        "also",
        "but",
        "so",
        "tell",
        "give",
    ]
)


def is_follow_up(question: str) -> bool:
    """Whether a question leans on the one before it."""
    q = question.strip()
    if _LEAD.match(q):
        return True
    words = re.findall(r"\w+", q)
    if len(words) <= 3:
        return True
    return bool(_PRONOUN.search(q)) and not _names(q)


def standalone_question(question: str, previous: str | None) -> str:
    """The question to search for: the follow-up rewritten with the previous question's context."""
    if not previous or not is_follow_up(question):
        return question
    core = _LEAD.sub("", question.strip()).rstrip(" ?")
    new = _names(core)
    old = [n for n in _names(previous) if n not in new]
    if new and old:
        # "and Ukraine's?" after "What is Russia's NATO position?": swap the actor.
        return re.sub(rf"\b{re.escape(old[0])}\b", new[0], previous, count=1)
    if _LEAD.match(question) and not new:
        # "and the grain corridor?" after "Who mediated the prisoner exchange?": swap the
        # topic, i.e. what follows the last preposition, or else the question's verb.
        m = _LAST_PREPOSITION.search(previous) or _WH_VERB.match(previous)
        if m:
            return f"{previous[: m.end()].rstrip()} {core}?"
    return f"{previous.rstrip(' ?')}: {core}?"


_LAST_PREPOSITION = re.compile(
    r".*\b(?:about|of|on|for|in|at|to|with|over|regarding|from)\b", re.IGNORECASE
)
_WH_VERB = re.compile(r"^\s*(?:who|what|which)\s+\w+", re.IGNORECASE)
