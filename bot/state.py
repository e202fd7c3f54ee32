"""The app's own state in SQLite: subscriptions, answers given, and feedback on them."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    local_time TEXT NOT NULL,          -- "HH:MM" in the subscriber's time zone
    timezone TEXT NOT NULL,            -- IANA name, e.g. "Europe/Kyiv"
    topic TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    notify_empty INTEGER NOT NULL DEFAULT 0,  -- 1: say "nothing new" rather than stay silent
    PRIMARY KEY (platform, chat_id)
);
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    local_day TEXT NOT NULL,           -- the subscriber's date the digest belongs to
    claimed_at REAL NOT NULL,          -- UTC timestamp when sending began
    status TEXT NOT NULL,              -- sending, sent, empty, failed
    PRIMARY KEY (platform, chat_id, local_day)
);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    rating INTEGER NOT NULL,           -- +1 or -1
    created_at REAL NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
"""


@dataclass(frozen=True)
class Subscription:
    """A chat or channel that wants the daily digest."""

    platform: str
    chat_id: str
    local_time: str
    timezone: str
    topic: str = ""
    created_by: str = ""
    notify_empty: bool = False  # send "nothing new since ..." on quiet days


@dataclass(frozen=True)
class Feedback:
    """One person's 👍 (+1) or 👎 (-1) on an answer, with the question and answer it rates."""

    answer_id: str
    user_id: str
    rating: int
    question: str
    answer: str


class StateStore:
    """SQLite in `data_dir/state.sqlite3`; safe to share between threads of one process."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # --- subscriptions -------------------------------------------------------------------

    def subscribe(self, sub: Subscription) -> None:
        """Create or replace the chat's subscription."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO subscriptions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sub.platform,
                    sub.chat_id,
                    sub.local_time,
                    sub.timezone,
                    sub.topic,
                    sub.created_by,
                    time.time(),
                    int(sub.notify_empty),
                ),
            )

    def unsubscribe(self, platform: str, chat_id: str) -> bool:
        """Remove the chat's subscription; False when it had none."""
        with self._lock:
            cur = self._db.execute(
                "DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?", (platform, chat_id)
            )
        return cur.rowcount > 0

    def subscription(self, platform: str, chat_id: str) -> Subscription | None:
        """The chat's subscription, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT platform, chat_id, local_time, timezone, topic, created_by, notify_empty "
                "FROM subscriptions WHERE platform = ? AND chat_id = ?",
                (platform, chat_id),
            ).fetchone()
        return _subscription(row) if row else None

    def subscriptions(self) -> list[Subscription]:
        """Every subscription."""
        with self._lock:
            rows = self._db.execute(
                "SELECT platform, chat_id, local_time, timezone, topic, created_by, notify_empty "
                "FROM subscriptions ORDER BY platform, chat_id"
            ).fetchall()
        return [_subscription(r) for r in rows]

    # --- digest deliveries ---------------------------------------------------------------

    def claim_delivery(self, platform: str, chat_id: str, local_day: str, now: float) -> bool:
        """Claim the day's digest for a chat; False when it was already claimed.

        Claiming before sending makes delivery at-most-once: a crash mid-send never leads to
        a second copy after a restart.
        """
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO deliveries VALUES (?, ?, ?, ?, 'sending')",
                (platform, chat_id, local_day, now),
            )
        return cur.rowcount > 0

    def finish_delivery(self, platform: str, chat_id: str, local_day: str, status: str) -> None:
        """Record how the day's delivery ended: sent, empty or failed."""
        with self._lock:
            self._db.execute(
                "UPDATE deliveries SET status = ? WHERE platform = ? AND chat_id = ? "
                "AND local_day = ?",
                (status, platform, chat_id, local_day),
            )

    def release_delivery(self, platform: str, chat_id: str, local_day: str) -> None:
        """Forget a claim whose send failed before reaching the chat, so it is tried again."""
        with self._lock:
            self._db.execute(
                "DELETE FROM deliveries WHERE platform = ? AND chat_id = ? AND local_day = ?",
                (platform, chat_id, local_day),
            )

    def last_delivery(self, platform: str, chat_id: str) -> float | None:
        """When the chat's last digest was sent (UTC timestamp), if ever."""
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(claimed_at) FROM deliveries WHERE platform = ? AND chat_id = ? "
                "AND status IN ('sent', 'sending')",
                (platform, chat_id),
            ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def deliveries(self, platform: str, chat_id: str) -> list[tuple[str, str]]:
        """(local day, status) of every delivery to a chat, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT local_day, status FROM deliveries WHERE platform = ? AND chat_id = ? "
                "ORDER BY local_day",
                (platform, chat_id),
            ).fetchall()
        return [(str(d), str(s)) for d, s in rows]

    # --- answers and feedback ------------------------------------------------------------

    def record_answer(self, platform: str, chat_id: str, question: str, answer: str) -> str:
        """Keep an answer so feedback on it can be tied to its question; returns its id."""
        answer_id = uuid.uuid4().hex[:12]
        with self._lock:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (answer_id, platform, chat_id, question, answer, time.time()),
            )
        return answer_id

    def record_feedback(self, answer_id: str, user_id: str, rating: int) -> bool:
        """Record (or change) a person's rating of an answer; False for an unknown answer."""
        if rating not in (1, -1):
            raise ValueError("rating must be +1 or -1")
        with self._lock:
            known = self._db.execute(
                "SELECT 1 FROM answers WHERE answer_id = ?", (answer_id,)
            ).fetchone()
            if not known:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?)",
                (answer_id, user_id, rating, time.time()),
            )
        return True

    def feedback(self) -> list[Feedback]:
        """All feedback, with the question and answer each rating is about."""
        with self._lock:
            rows = self._db.execute(
                "SELECT f.answer_id, f.user_id, f.rating, a.question, a.answer "
                "FROM feedback f JOIN answers a USING (answer_id) ORDER BY f.created_at"
            ).fetchall()
        return [Feedback(*r) for r in rows]


def _subscription(row: tuple[object, ...]) -> Subscription:
    platform, chat_id, local_time, timezone, topic, created_by, notify_empty = row
    return Subscription(
        str(platform),
        str(chat_id),
        str(local_time),
        str(timezone),
        str(topic),
        str(created_by),
        bool(notify_empty),
    )
