"""Digests delivered by the scheduler through the real Telegram and Slack clients to fakes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from telegram import Bot

from bot.conversation import Conversations, parse_subscription
from bot.scheduler import DigestScheduler, Sender
from bot.slack import digest_sender as slack_sender
from bot.state import StateStore, Subscription
from bot.telegram_app import digest_sender as telegram_sender
from retrieval.digest import Digest
from tests.conftest import small_corpus_engine
from tests.fake_slack import FakeSlack
from tests.fake_telegram import FakeTelegram

# 08:00 in Kyiv on the morning after the test corpus's last report.
MORNING = datetime(2026, 2, 18, 6, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def conversations(tmp_path_factory: pytest.TempPathFactory) -> Conversations:
    root = tmp_path_factory.mktemp("delivery")
    engine = small_corpus_engine(root)
    return Conversations(engine, 5, StateStore(root / "data" / "state.sqlite3"))


def _scheduler(conversations: Conversations, senders: dict[str, Sender]) -> DigestScheduler:
    assert conversations.state is not None

    async def make(sub: Subscription, since: datetime, until: datetime) -> Digest:
        # Look back a week: the test corpus has a week of reports before MORNING.
        week = datetime(2026, 2, 11, tzinfo=UTC)
        return await conversations.digest(sub.platform, sub.chat_id, week, until)

    return DigestScheduler(conversations.state, make, senders, clock=lambda: MORNING)


async def test_telegram_subscribers_get_the_digest_and_a_blocked_chat_is_unsubscribed(
    conversations: Conversations,
) -> None:
    state = conversations.state
    assert state is not None
    state.subscribe(Subscription("telegram", "501", "08:00", "Europe/Kyiv"))
    state.subscribe(Subscription("telegram", "502", "08:00", "Europe/Kyiv"))
    async with FakeTelegram() as fake:
        fake.blocked.add(502)
        bot = Bot(fake.token, base_url=fake.base_url)
        async with bot:
            scheduler = _scheduler(conversations, {"telegram": telegram_sender(bot)})
            statuses = {d.subscription.chat_id: d.status for d in await scheduler.tick()}
            await scheduler.tick()  # a second tick the same morning sends nothing more
    assert statuses == {"501": "sent", "502": "gone"}
    [digest] = fake.texts(501)
    assert digest.startswith("<b>Briefing, 2026-02-11 – 2026-02-18</b>")
    assert "Delegations meet in Geneva" in digest
    assert '<a href="https://news.example/' in digest
    assert state.subscription("telegram", "502") is None
    assert state.subscription("telegram", "501") is not None


async def test_slack_channels_get_the_digest_and_a_deleted_channel_is_unsubscribed(
    conversations: Conversations,
) -> None:
    state = conversations.state
    assert state is not None
    state.subscribe(Subscription("slack", "C-NEWS", "08:00", "Europe/Kyiv"))
    state.subscribe(Subscription("slack", "C-GONE", "08:00", "Europe/Kyiv"))
    async with FakeSlack() as fake:
        fake.deleted_channels.add("C-GONE")
        client = AsyncWebClient(token="xoxb-test", base_url=fake.url)
        scheduler = _scheduler(conversations, {"slack": slack_sender(client)})
        statuses = {d.subscription.chat_id: d.status for d in await scheduler.tick()}
    assert statuses == {"C-NEWS": "sent", "C-GONE": "gone"}
    [post] = [c for c in fake.posted() if c.body.get("channel") == "C-NEWS"]
    assert "Briefing, 2026-02-11 – 2026-02-18" in post.text()
    assert "Delegations meet in Geneva" in post.text()
    assert state.subscription("slack", "C-GONE") is None


async def test_since_the_last_digest_takes_reports_that_arrived_late(
    conversations: Conversations,
) -> None:
    """A feed entry dated the day before the last digest but ingested after it reaches the
    next scheduled digest; a preview of the same period by date does not show it."""
    last_digest = datetime(2026, 2, 18, 6, 0, tzinfo=UTC)  # the corpus is ingested after it
    now = datetime.now(UTC)
    scheduled = await conversations.digest("telegram", "601", last_digest, now, arrivals=True)
    assert [item.documents for item in scheduled.items] == [("talks-geneva",)]  # 2026-02-17
    preview = await conversations.digest("telegram", "601", last_digest, now)
    assert preview.empty


def test_nothing_is_lost_when_the_state_is_reopened(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    StateStore(db).subscribe(Subscription("slack", "C1", "09:00", "UTC", "ceasefire"))
    assert StateStore(db).subscriptions() == [
        Subscription("slack", "C1", "09:00", "UTC", "ceasefire")
    ]


async def test_a_subscription_asking_what_changed_gets_the_topics_developments_newest_first(
    conversations: Conversations,
) -> None:
    state = conversations.state
    assert state is not None
    sub = parse_subscription("telegram", "701", "08:00 Europe/Kyiv what changed on interest rates")
    assert sub.topic == "what changed on interest rates"
    state.subscribe(sub)
    async with FakeTelegram() as fake:
        bot = Bot(fake.token, base_url=fake.base_url)
        async with bot:
            scheduler = _scheduler(conversations, {"telegram": telegram_sender(bot)})
            statuses = {d.subscription.chat_id: d.status for d in await scheduler.tick()}
    assert statuses["701"] == "sent"
    [digest] = fake.texts(701)
    assert "Delegations meet in Geneva" not in digest  # another topic
    dates = re.findall(r"\(\d+ reports?, (\d{4}-\d\d-\d\d)\)", digest)
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)  # newest first, not most covered first
    assert all("2026-02-11" <= d <= "2026-02-18" for d in dates)
    state.unsubscribe("telegram", "701")
