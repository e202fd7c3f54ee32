"""The parts of a question that asks several things at once."""

from __future__ import annotations

import re

# Where one thing asked ends and the next begins: "... expired - what did Moscow offer vs how
# did the UN react?", "what did Moscow decide in March 2022, and how did Kyiv react?".
_BOUNDARY = re.compile(
    r"\s*(?:\?|;|\s[-—–]\s|\bvs\b\.?|\bversus\b|\bcompared (?:with|to)\b"
    r"|\bdiffer(?:s|ed)? (?:from|with)\b(?!\s+(?:each other|one another|\w+\s+to\b))"
    r"|,?\s+and\s+(?=(?:how|what|which|who|whom|whose|when|where|why|did|does|do|is|are|was"
    r"|were|has|have)\b))\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def crosses_parts(text: str) -> bool:
    """Whether the stretch of a question holds the end of one thing asked and the start of the
    next: "at the Brussels summit vs at the Madrid summit"."""
    return _BOUNDARY.search(text) is not None


def question_parts(question: str) -> list[str]:
    """The question's parts, each of two words or more; the question alone when it asks one
    thing."""
    parts = [p.strip(" ,.:") for p in _BOUNDARY.split(question)]
    parts = [p for p in parts if len(_WORD.findall(p)) >= 2]
    return parts if len(parts) > 1 else [question.strip()]
