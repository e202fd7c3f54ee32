"""Every example question the bot or the README offers is answered correctly on the bundled
corpus: a new user's first question must not be refused."""

from __future__ import annotations

import re

import pytest

from bot.cli import main
from bot.conversation import ASK_EXAMPLE, EXAMPLE_QUESTIONS, Conversations
from bot.engine import build_engine
from bot.render_telegram import ASK_USAGE, HELP, START
from bot.settings import Settings
from tests.conftest import PROJECT

# What a correct answer from the seed article must say, per offered question.
EXPECTED = {
    "Where did Ukraine and Russia hold their latest talks?": "Abu Dhabi",
    "What security guarantees does Ukraine want?": "binding and enforceable security guarantees",
    "What does Russia demand about NATO?": "Ukraine will not join NATO",
    "Who brokered the talks?": "U.S.-brokered",
    "What is Russia's NATO position?": "Ukraine will not join NATO",
    "what is Russia's NATO position?": "Ukraine will not join NATO",
    # A follow-up to the question before it in the README's example.
    "and Ukraine's?": "binding and enforceable security guarantees",
}


def _readme_examples() -> list[str]:
    """The question in the README's opening line and those typed in its first example."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    opening = re.search(r'\("([^"]+\?)"\)', readme)
    assert opening, "the README's first paragraph quotes an example question"
    example = readme.split("```text", 1)[1].split("```", 1)[0]
    return [opening.group(1), *(line[2:] for line in example.splitlines() if line.startswith("? "))]


@pytest.fixture(scope="module")
def conversations(tmp_path_factory: pytest.TempPathFactory) -> Conversations:
    """The bundled corpus (corpus/, the seed article), ingested as `briefbot ingest` does."""
    data = tmp_path_factory.mktemp("examples")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFBOT_DATA_DIR", str(data))
        assert main(["ingest", str(PROJECT / "corpus")]) == 0
        settings = Settings(_env_file=None)
        return Conversations(build_engine(settings), settings.search_k)


def test_every_offered_question_has_an_expected_answer() -> None:
    offered = [*EXAMPLE_QUESTIONS, ASK_EXAMPLE, *_readme_examples()]
    assert set(offered) == set(EXPECTED)
    for question in EXAMPLE_QUESTIONS:
        assert question in START
    assert ASK_EXAMPLE in ASK_USAGE
    assert "/ask" in HELP


@pytest.mark.parametrize("question", [*EXAMPLE_QUESTIONS, ASK_EXAMPLE])
def test_the_bots_examples_are_answered_from_the_seed_article(
    conversations: Conversations, question: str
) -> None:
    answer = conversations.ask_sync(f"example:{question}", question).answer
    assert not answer.abstained, answer.note
    assert EXPECTED[question] in answer.text()
    assert answer.sources[0].doc_id == "seed-2026-02-11"


def test_the_readme_conversation_is_answered_as_shown(conversations: Conversations) -> None:
    for question in _readme_examples():
        answer = conversations.ask_sync("readme", question).answer
        assert not answer.abstained, (question, answer.note)
        assert EXPECTED[question] in answer.text(), question


def test_a_follow_up_to_a_question_typed_in_lower_case_swaps_its_actor(
    conversations: Conversations,
) -> None:
    conversations.ask_sync("lower", "what is russia's nato position?")
    reply = conversations.ask_sync("lower", "and Ukraine's?")
    assert reply.reading == "What does Ukraine say and demand about NATO?"
    assert EXPECTED["and Ukraine's?"] in reply.answer.text()
