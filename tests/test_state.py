"""The SQLite state: subscriptions and feedback survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import SubscriptionError, parse_subscription
from bot.ratelimit import RateLimiter
from bot.state import StateStore, Subscription


def test_subscriptions_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    store = StateStore(db)
    store.subscribe(Subscription("telegram", "42", "08:00", "Europe/Kyiv", "", "user 7"))
    store.subscribe(Subscription("slack", "C1", "07:30", "UTC", notify_empty=True))
    store.close()
    reopened = StateStore(db)
    assert reopened.subscription("telegram", "42") == Subscription(
        "telegram", "42", "08:00", "Europe/Kyiv", "", "user 7"
    )
    assert [s.chat_id for s in reopened.subscriptions()] == ["C1", "42"]
    assert reopened.subscription("slack", "C1").notify_empty is True  # type: ignore[union-attr]
    assert reopened.unsubscribe("telegram", "42") is True
    assert reopened.unsubscribe("telegram", "42") is False
    assert reopened.subscription("telegram", "42") is None


def test_resubscribing_replaces_the_time(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.db")
    store.subscribe(Subscription("telegram", "1", "08:00", "UTC"))
    store.subscribe(Subscription("telegram", "1", "09:15", "Asia/Tokyo"))
    assert store.subscriptions() == [Subscription("telegram", "1", "09:15", "Asia/Tokyo")]


def test_feedback_is_tied_to_the_question_and_answer(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.db")
    answer_id = store.record_answer("slack", "C1", "Who mediated?", "The UAE did. [1]")
    assert store.record_feedback(answer_id, "U1", 1)
    assert store.record_feedback(answer_id, "U1", -1)  # a change of mind replaces the vote
    assert not store.record_feedback("no-such-answer", "U1", 1)
    [fb] = store.feedback()
    assert (fb.user_id, fb.rating, fb.question, fb.answer) == (
        "U1",
        -1,
        "Who mediated?",
        "The UAE did. [1]",
    )
    with pytest.raises(ValueError, match="rating"):
        store.record_feedback(answer_id, "U1", 5)


def test_rate_limiter_allows_a_burst_then_refuses_until_the_window_passes() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=3, window=60.0, clock=lambda: now[0])
    assert [limiter.allow("chat") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("other chat")  # limits are per chat
    assert limiter.retry_after("chat") == pytest.approx(60.0)
    now[0] = 60.5
    assert limiter.allow("chat")


def test_rate_limiter_forgets_chats_that_went_quiet() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=3, window=60.0, clock=lambda: now[0])
    for n in range(5000):
        limiter.allow(f"chat {n}")
    now[0] = 61.0
    assert limiter.allow("new chat")
    assert len(limiter) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", ("08:00", "UTC", "")),
        ("7:30", ("07:30", "UTC", "")),
        ("07:30 Europe/Kyiv", ("07:30", "Europe/Kyiv", "")),
        (
            "America/New_York 18:05 ceasefire talks",
            ("18:05", "America/New_York", "ceasefire talks"),
        ),
    ],
)
def test_parse_subscription(args: str, expected: tuple[str, str, str]) -> None:
    sub = parse_subscription("telegram", "1", args, "u")
    assert (sub.local_time, sub.timezone, sub.topic) == expected
    assert sub.notify_empty is args.endswith("always")


@pytest.mark.parametrize(
    ("args", "message"),
    [("25:00", "not a time"), ("08:00 Mars/Olympus", "Unknown time zone")],
)
def test_parse_subscription_explains_mistakes(args: str, message: str) -> None:
    with pytest.raises(SubscriptionError, match=message):
        parse_subscription("telegram", "1", args)
