"""The conversation core: follow-ups stay bounded however long a chain of them runs."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations
from bot.engine import Engine
from tests.conftest import small_corpus_engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The made-up news corpus, ingested once for the module."""
    return small_corpus_engine(tmp_path_factory.mktemp("conversation"))


def test_a_chain_of_short_follow_ups_keeps_the_topic_without_growing(engine: Engine) -> None:
    chat = Conversations(engine, 5)
    first = chat.ask_sync("c", "Who mediated the prisoner exchange?")
    assert "United Arab Emirates" in first.answer.text()
    queries = [chat.ask_sync("c", word).searched_for for word in ["why?", "when?", "how?"] * 10]
    assert queries[-1] == "Who mediated the prisoner exchange: how?"
    assert max(len(q) for q in queries) < 60


def test_a_swap_follow_up_becomes_the_new_topic(engine: Engine) -> None:
    chat = Conversations(engine, 5)
    chat.ask_sync("c", "Who mediated the prisoner exchange?")
    assert chat.ask_sync("c", "and the grain corridor?").searched_for == (
        "Who mediated the grain corridor?"
    )
    assert chat.ask_sync("c", "why?").searched_for == "Who mediated the grain corridor: why?"


def test_a_follow_up_to_a_position_typed_as_keywords_swaps_the_holder(engine: Engine) -> None:
    chat = Conversations(engine, 5)
    chat.ask_sync("c", "Turkey NATO position")
    # "Turkey NATO" is one run of capitals: remembered as typed, "and Sweden?" replaced both
    # and was searched as "Sweden position".
    assert chat.ask_sync("c", "and Sweden?").searched_for == (
        "What does Sweden say and demand about NATO?"
    )
