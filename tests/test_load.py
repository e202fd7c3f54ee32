"""Load: 200 questions from 20 chats at once on each platform, through the fake servers.

Every question gets exactly one reply: an answer, or, past the per-chat limit, a request to
wait. Memory stays steady from one platform's burst to the next.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.conversation import Conversations
from bot.engine import Engine
from bot.state import StateStore
from tests.conftest import small_corpus_engine
from tests.fake_slack import FakeSlack
from tests.test_slack import _serve
from tests.test_telegram import telegram_bot

CHATS = 20
PER_CHAT = 10
LIMIT = 8  # questions a chat may ask per minute: the last two of each chat must wait
QUESTIONS = [
    "How many prisoners were exchanged?",
    "Who brokered the grain corridor?",
    "Which power plants were hit?",
    "What did the central bank decide about rates?",
    "Which country asked to join the alliance?",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The made-up news corpus, ingested once."""
    built = small_corpus_engine(tmp_path_factory.mktemp("load"))
    built.searcher.search(QUESTIONS[0], 5)
    return built


def _resident_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


async def _telegram_burst(conversations: Conversations) -> None:
    async with telegram_bot(conversations, rate_limit_per_minute=LIMIT) as fake:
        for n in range(PER_CHAT):
            for chat in range(1, CHATS + 1):
                fake.send_text(1000 + chat, QUESTIONS[(chat + n) % len(QUESTIONS)])
        chats = [1000 + c for c in range(1, CHATS + 1)]
        await fake.wait_for(lambda: all(len(fake.texts(c)) >= PER_CHAT for c in chats), 240)
        await asyncio.sleep(1.0)  # anything extra would arrive now
        for chat in chats:
            texts = fake.texts(chat)
            assert len(texts) == PER_CHAT, texts  # one reply per question, none twice
            waits = [t for t in texts if "please wait" in t]
            assert len(waits) == PER_CHAT - LIMIT
            assert all("[1]" in t for t in texts if t not in waits)  # cited answers


async def _slack_burst(conversations: Conversations) -> None:
    async with (
        FakeSlack() as fake,
        _serve(fake, conversations, BRIEFBOT_RATE_LIMIT_PER_MINUTE=LIMIT) as slack,
    ):
        channels = [f"C{c:03d}" for c in range(1, CHATS + 1)]
        await asyncio.gather(
            *(
                slack.mention(QUESTIONS[(c + n) % len(QUESTIONS)], channel)
                for n in range(PER_CHAT)
                for c, channel in enumerate(channels)
            )
        )
        # The same generous deadline as the Telegram burst: 160 answers on 2 busy cores.
        posts = await fake.wait_posts(CHATS * PER_CHAT, seconds=240)
        await asyncio.sleep(1.0)  # anything extra would arrive now
        assert len(fake.posted("chat.postMessage")) == CHATS * PER_CHAT
        # Each mention gets one reply, in its own thread: an answer or, past the limit, a wait.
        threads = Counter((p.body["channel"], p.body["thread_ts"]) for p in posts)
        assert len(threads) == CHATS * PER_CHAT
        answers = [p for p in posts if "feedback_up" in p.text()]
        waits = [p for p in posts if "a lot of questions" in p.body["text"]]
        assert Counter(a.body["channel"] for a in answers) == dict.fromkeys(channels, LIMIT)
        assert len(waits) == CHATS * (PER_CHAT - LIMIT)


async def test_200_questions_from_20_chats_on_each_platform(engine: Engine, tmp_path: Path) -> None:
    state = StateStore(tmp_path / "state.sqlite3")
    await _telegram_burst(Conversations(engine, 5, state))
    after_telegram = _resident_mb()
    await _slack_burst(Conversations(engine, 5, state))
    after_slack = _resident_mb()
    # The same work again must not need much more memory: nothing piles up per question.
    assert after_slack - after_telegram < 150, (after_telegram, after_slack)
    state.close()
