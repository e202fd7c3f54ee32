"""Turning a follow-up ("and Ukraine's?") into a standalone question, without an LLM."""

from __future__ import annotations

import re

_LEAD = re.compile(r"^\s*(?:and|also|but|so|what about|how about|and what about)\b[\s,]*", re.I)
_PRONOUN = re.compile(
    r"\b(?:they|them|their|it|its|he|him|his|she|her|that|this|those|these)\b", re.I
)
# A name is a run of capitalised words ("Abu Dhabi", "New York"), without a possessive 's.
_NAME = re.compile(r"\b([A-Z][\w.-]*(?:[ ]+[A-Z][\w.-]*)*)(?:['’]s)?")


def _names(text: str) -> list[str]:
    """Names in the text; a question word opening it ("What", "Who") is not one."""
    text = text.strip()
    first = re.match(r"\w+", text)
    if first and first.group().lower() in _QUESTION_STARTS:
        text = text[first.end() :]
    return list(dict.fromkeys(m.group(1).rstrip(".") for m in _NAME.finditer(text)))


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
    new = _names(core) or _lower_case_name(core)
    old = [n for n in _names(previous) if n not in new]
    if new and old:
        # "and Ukraine's?" after "What is Russia's NATO position?": swap the actor; "and in
        # New York?" after "... in Abu Dhabi?": swap the whole place, not its first word.
        return re.sub(
            rf"\b{re.escape(_replaced(core, old, previous))}\b", new[0], previous, count=1
        )
    if _LEAD.match(question) and not new:
        # "and the grain corridor?" after "Who mediated the prisoner exchange?": swap the
        # topic, i.e. what follows the last preposition, or else the question's verb.
        m = _LAST_PREPOSITION.search(previous) or _WH_VERB.match(previous)
        if m:
            return f"{previous[: m.end()].rstrip()} {core}?"
    return f"{previous.rstrip(' ?')}: {core}?"


def _replaced(core: str, old: list[str], previous: str) -> str:
    """Which name of the previous question a follow-up's name replaces: the one after the same
    preposition ("and in Geneva?" replaces what followed "in"), else the first."""
    lead = core.split(maxsplit=1)[0].lower() if core.split() else ""
    if lead in _PREPOSITIONS:
        for name in old:
            if re.search(rf"\b{lead}\s+{re.escape(name)}\b", previous, re.IGNORECASE):
                return name
    return old[0]


def _lower_case_name(core: str) -> list[str]:
    """A follow-up typed in lower case that can only be a name ("sweden", "in new york"),
    capitalised; nothing when it reads as a topic ("the grain deal") or a question."""
    words = re.sub(r"['’]s$", "", core).split()
    if words and words[0].lower() in _PREPOSITIONS:
        words = words[1:]
    if not 1 <= len(words) <= 3 or any(w.lower() in _NOT_IN_NAMES for w in words):
        return []
    if not all(re.fullmatch(r"[^\W\d_][\w.-]*", w) for w in words):
        return []
    return [" ".join(w[:1].upper() + w[1:] for w in words)]


_PREPOSITIONS = frozenset(["in", "at", "on", "for", "from", "of", "about", "with", "to"])
# Words that make a follow-up a topic or a question rather than a name.
_NOT_IN_NAMES = (
    _QUESTION_STARTS
    | _PREPOSITIONS
    | frozenset(["the", "a", "an", "this", "that", "these", "those", "it", "they", "them"])
    | frozenset(["its", "their", "his", "her", "then", "now", "there", "here", "why", "else"])
)


_LAST_PREPOSITION = re.compile(
    r".*\b(?:about|of|on|for|in|at|to|with|over|regarding|from)\b", re.IGNORECASE
)
_WH_VERB = re.compile(r"^\s*(?:who|what|which)\s+\w+", re.IGNORECASE)
