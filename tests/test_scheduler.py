"""Digest scheduling: local times, DST, restarts, catch-up, blocked chats, empty days."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.scheduler import ChatGone, DigestScheduler, PartiallySent, due_day
from bot.settings import Settings
from bot.state import StateStore, Subscription
from retrieval.answers import Answer, Sentence, Source
from retrieval.digest import Digest, DigestItem


def _digest(since: datetime, until: datetime, empty: bool = False) -> Digest:
    source = Source(1, "d1", ("d1#0",), "Talks resume", "Alpine Wire", "2026-02-17", "", "x")
    answer = Answer("Talks resume", (Sentence("Talks resumed in Geneva.", (1,)),), (source,))
    item = DigestItem("Talks resume", answer, ("d1",), ("Alpine Wire",), "2026-02-17")
    return Digest(since.date().isoformat(), until.date().isoformat(), () if empty else (item,))


class Outbox:
    """Records what each chat was sent; chats listed in `gone` have blocked the bot."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.gone: set[str] = set()
        self.broken: set[str] = set()

    async def send(self, chat: str, digest: Digest) -> None:
        if chat in self.gone:
            raise ChatGone(chat)
        if chat in self.broken:
            raise ConnectionError("platform down")
        self.sent.append((chat, digest.until))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _scheduler(
    state: StateStore,
    outbox: Outbox,
    clock: Clock,
    empty: bool = False,
    settings: Settings | None = None,
) -> DigestScheduler:
    async def make(sub: Subscription, since: datetime, until: datetime) -> Digest:
        return _digest(since, until, empty)

    permitted = (settings or Settings(_env_file=None)).chat_allowed
    return DigestScheduler(state, make, {"telegram": outbox.send}, clock, permitted)


@pytest.fixture
def state(tmp_path: Path) -> StateStore:
    return StateStore(tmp_path / "state.sqlite3")


async def test_sends_at_local_time_once_a_day(state: StateStore) -> None:
    state.subscribe(Subscription("telegram", "kyiv", "08:00", "Europe/Kyiv"))
    clock = Clock(datetime(2026, 2, 17, 5, 59, tzinfo=UTC))  # 07:59 in Kyiv
    outbox = Outbox()
    scheduler = _scheduler(state, outbox, clock)
    assert await scheduler.tick() == []
    clock.now = datetime(2026, 2, 17, 6, 0, tzinfo=UTC)  # 08:00 in Kyiv
    await scheduler.tick()
    await scheduler.tick()
    assert outbox.sent == [("kyiv", "2026-02-17")]
    clock.now = datetime(2026, 2, 18, 6, 1, tzinfo=UTC)
    await scheduler.tick()
    assert [day for _, day in outbox.sent] == ["2026-02-17", "2026-02-18"]


async def test_a_restart_never_sends_the_same_day_twice(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    first = StateStore(db)
    first.subscribe(Subscription("telegram", "c", "08:00", "UTC"))
    clock = Clock(datetime(2026, 2, 17, 8, 30, tzinfo=UTC))
    outbox = Outbox()
    await _scheduler(first, outbox, clock).tick()
    first.close()
    restarted = StateStore(db)  # the process comes back the same morning
    await _scheduler(restarted, outbox, clock).tick()
    assert outbox.sent == [("c", "2026-02-17")]
    assert restarted.subscription("telegram", "c") is not None  # nothing lost


async def test_a_digest_missed_while_down_goes_out_on_start_the_same_day(
    state: StateStore,
) -> None:
    state.subscribe(Subscription("telegram", "c", "07:00", "UTC"))
    outbox = Outbox()
    # The process was down at 07:00 and starts at 15:00: still the same local day.
    await _scheduler(state, outbox, Clock(datetime(2026, 2, 17, 15, 0, tzinfo=UTC))).tick()
    assert outbox.sent == [("c", "2026-02-17")]


@pytest.mark.parametrize(
    ("utc", "due"),
    [
        # New York, 08:00 local: 13:00 UTC in winter (EST), 12:00 UTC in summer (EDT).
        (datetime(2026, 3, 7, 12, 59, tzinfo=UTC), None),
        (datetime(2026, 3, 7, 13, 0, tzinfo=UTC), "2026-03-07"),
        (datetime(2026, 3, 9, 11, 59, tzinfo=UTC), None),  # after the spring-forward change
        (datetime(2026, 3, 9, 12, 0, tzinfo=UTC), "2026-03-09"),
        (datetime(2026, 11, 2, 12, 59, tzinfo=UTC), None),  # after the autumn change
        (datetime(2026, 11, 2, 13, 0, tzinfo=UTC), "2026-11-02"),
    ],
)
def test_local_time_follows_daylight_saving(utc: datetime, due: str | None) -> None:
    sub = Subscription("telegram", "ny", "08:00", "America/New_York")
    assert due_day(sub, utc) == due


async def test_a_chat_that_blocked_the_bot_loses_its_subscription_and_others_still_get_theirs(
    state: StateStore,
) -> None:
    for chat in ("blocked", "broken", "fine"):
        state.subscribe(Subscription("telegram", chat, "08:00", "UTC"))
    outbox = Outbox()
    outbox.gone.add("blocked")
    outbox.broken.add("broken")
    clock = Clock(datetime(2026, 2, 17, 9, 0, tzinfo=UTC))
    statuses = {
        d.subscription.chat_id: d.status for d in await _scheduler(state, outbox, clock).tick()
    }
    assert statuses == {"blocked": "gone", "broken": "failed", "fine": "sent"}
    assert state.subscription("telegram", "blocked") is None
    assert outbox.sent == [("fine", "2026-02-17")]
    # The failed one is tried again on the next tick, once the platform is back.
    outbox.broken.clear()
    await _scheduler(state, outbox, clock).tick()
    assert ("broken", "2026-02-17") in outbox.sent
    assert outbox.sent.count(("fine", "2026-02-17")) == 1


async def test_an_empty_day_sends_nothing(state: StateStore) -> None:
    state.subscribe(Subscription("telegram", "c", "08:00", "UTC"))
    outbox = Outbox()
    clock = Clock(datetime(2026, 2, 17, 9, 0, tzinfo=UTC))
    [delivery] = await _scheduler(state, outbox, clock, empty=True).tick()
    assert delivery.status == "empty"
    assert outbox.sent == []
    assert state.deliveries("telegram", "c") == [("2026-02-17", "empty")]


async def test_a_subscriber_who_asked_for_it_hears_that_nothing_is_new(state: StateStore) -> None:
    state.subscribe(Subscription("telegram", "c", "08:00", "UTC", notify_empty=True))
    outbox = Outbox()
    clock = Clock(datetime(2026, 2, 17, 9, 0, tzinfo=UTC))
    [delivery] = await _scheduler(state, outbox, clock, empty=True).tick()
    assert delivery.status == "sent"
    assert outbox.sent == [("c", "2026-02-17")]


async def test_a_digest_that_partly_reached_the_chat_is_not_sent_again(state: StateStore) -> None:
    state.subscribe(Subscription("telegram", "c", "08:00", "UTC"))
    sends: list[str] = []

    async def first_page_then_fail(chat: str, digest: Digest) -> None:
        sends.append(chat)
        raise PartiallySent(chat)

    async def make(sub: Subscription, since: datetime, until: datetime) -> Digest:
        return _digest(since, until)

    clock = Clock(datetime(2026, 2, 17, 9, 0, tzinfo=UTC))
    scheduler = DigestScheduler(state, make, {"telegram": first_page_then_fail}, clock)
    [delivery] = await scheduler.tick()
    await scheduler.tick()
    assert delivery.status == "failed"
    assert sends == ["c"]  # once, not every tick


async def test_a_chat_taken_off_the_allowlist_gets_no_digest(state: StateStore) -> None:
    state.subscribe(Subscription("telegram", "-100", "08:00", "UTC"))
    state.subscribe(Subscription("telegram", "-200", "08:00", "UTC"))
    outbox = Outbox()
    clock = Clock(datetime(2026, 2, 17, 8, 0, tzinfo=UTC))
    settings = Settings(_env_file=None, telegram_allowed_chat_ids=[-200])
    await _scheduler(state, outbox, clock, settings=settings).tick()
    assert outbox.sent == [("-200", "2026-02-17")]
    # Still subscribed: put back on the list, the chat gets its digest again.
    assert state.subscription("telegram", "-100") is not None
