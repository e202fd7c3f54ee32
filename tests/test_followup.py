"""Follow-up questions become standalone questions."""

from __future__ import annotations

import pytest

from retrieval.followup import is_follow_up, standalone_question

ABU_DHABI = "Who mediated the talks in Abu Dhabi?"


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
        # A place of two words is replaced whole, by a name of one word or of two.
        ("and in Geneva?", ABU_DHABI, "Who mediated the talks in Geneva?"),
        ("what about in New York?", ABU_DHABI, "Who mediated the talks in New York?"),
        ("and Geneva?", ABU_DHABI, "Who mediated the talks in Geneva?"),
        # Names typed in lower case are names all the same.
        ("what about sweden?", ABU_DHABI, "Who mediated the talks in Sweden?"),
        ("and in new york?", ABU_DHABI, "Who mediated the talks in New York?"),
        ("and ukraine's?", "What is Russia's NATO position?", "What is Ukraine's NATO position?"),
        # The name after the same preposition is the one replaced.
        (
            "and in Geneva?",
            "Who mediated between Russia and Ukraine in Abu Dhabi?",
            "Who mediated between Russia and Ukraine in Geneva?",
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
