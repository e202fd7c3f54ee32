"""Follow-up questions become standalone questions."""

from __future__ import annotations

import pytest

from retrieval.followup import is_follow_up, standalone_question


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        ("and Ukraine's?", "What is Russia's NATO position?", "What is Ukraine's NATO position?"),
        ("What about the EU?", "What did the US propose?", "What did the EU propose?"),
        (
            "When did they meet?",
            "Who led the talks in Geneva?",
            "Who led the talks in Geneva: When did they meet?",
        ),
        (
            "Who led Russia's team in Abu Dhabi?",
            "What is NATO?",
            "Who led Russia's team in Abu Dhabi?",
        ),
        ("and Kyiv?", None, "and Kyiv?"),
        (
            "and the grain deal?",
            "Who mediated the prisoner exchange?",
            "Who mediated the grain deal?",
        ),
        (
            "and the vote?",
            "What did Zelensky say about elections?",
            "What did Zelensky say about the vote?",
        ),
    ],
)
def test_standalone_question(question: str, previous: str | None, expected: str) -> None:
    assert standalone_question(question, previous) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("and Ukraine's?", True),
        ("what about the EU?", True),
        ("why?", True),
        ("What did Zelensky say about elections in Ukraine?", False),
        ("What did he say about elections?", True),
    ],
)
def test_is_follow_up(question: str, expected: bool) -> None:
    assert is_follow_up(question) is expected
