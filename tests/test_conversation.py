"""The conversation core: follow-ups stay bounded however long a chain of them runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.conversation import Conversations, SmallTalk
from bot.engine import Engine, build_engine
from bot.settings import Settings
from retrieval.documents import Document
from tests.conftest import small_corpus_engine, small_corpus_settings
from tests.corpus_factory import write_markdown_corpus


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


def test_thanks_between_a_question_and_its_follow_up_changes_nothing(engine: Engine) -> None:
    chat = Conversations(engine, 5)
    chat.ask_sync("c", "Who mediated the prisoner exchange?")
    for said in ("thanks!", "ok"):
        with pytest.raises(SmallTalk):
            chat.ask_sync("c", said)
    # "ok" was read as a follow-up of its own ("Who mediated the prisoner exchange: ok?").
    follow_up = chat.ask_sync("c", "ok, and the grain corridor?")
    assert follow_up.searched_for == "Who mediated the grain corridor?"
    assert "Turkey" in follow_up.answer.text()


def test_a_possessive_typed_without_its_apostrophe_swaps_the_holder(tmp_path: Path) -> None:
    said = [
        ("russia", "Russia's demands on NATO are clear, and Russia's envoy repeated them."),
        ("ukraine", "Ukraine's hopes of NATO membership remain, Ukraine's envoy said."),
    ]
    docs = [
        Document(
            f"{key}-{i}",
            f"{key} {i}",
            text,
            f"https://news.example/{key}/{i}",
            f"2026-01-0{i + 1}",
            "Alpine Wire",
        )
        for key, text in said
        for i in range(5)
    ]
    write_markdown_corpus(tmp_path / "corpus", docs)
    with small_corpus_settings(tmp_path):
        assert main(["ingest"]) == 0
        chat = Conversations(build_engine(Settings(_env_file=None)), 5)
    chat.ask_sync("c", "what is russias nato position")
    # Read as a name "Ukraines": "What does Ukraines say and demand about NATO?".
    assert chat.ask_sync("c", "and ukraines?").searched_for == (
        "What does Ukraine say and demand about NATO?"
    )
