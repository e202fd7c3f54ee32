"""Daily digest delivery: each subscription at its local time, once a day, surviving restarts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.state import StateStore, Subscription
from retrieval.digest import Digest

log = logging.getLogger(__name__)


class ChatGone(Exception):
    """The chat blocked the bot, or the channel no longer exists: its subscription ends."""


class PartiallySent(Exception):
    """Some of a digest's messages reached the chat before a failure: do not send it again."""


# (chat id, digest) -> delivered; raises ChatGone when the chat is gone for good.
Sender = Callable[[str, Digest], Awaitable[None]]
# (subscription, since as UTC datetime, until as UTC datetime) -> the digest to send.
DigestMaker = Callable[[Subscription, datetime, datetime], Awaitable[Digest]]


@dataclass(frozen=True)
class Delivery:
    """What happened to one subscription on one tick."""

    subscription: Subscription
    local_day: str
    status: str  # sent, empty, gone, failed


def due_day(sub: Subscription, now: datetime) -> str | None:
    """The subscriber's local date if its digest time has passed today, else None."""
    local = now.astimezone(ZoneInfo(sub.timezone))
    hour, minute = (int(x) for x in sub.local_time.split(":"))
    if (local.hour, local.minute) < (hour, minute):
        return None
    return local.date().isoformat()


class DigestScheduler:
    """Sends each subscription its digest once per local day, at or after its local time.

    A digest missed while the process was down goes out on start when it is still the same
    local day; a day already claimed is never sent again, even after a crash mid-send.
    """

    def __init__(
        self,
        state: StateStore,
        make_digest: DigestMaker,
        senders: dict[str, Sender],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        permitted: Callable[[str, str], bool] = lambda platform, chat: True,
    ) -> None:
        self.state = state
        self.make_digest = make_digest
        self.senders = senders
        self.clock = clock
        # The allowlists: a chat taken off one keeps its subscription but gets no digest.
        self.permitted = permitted

    async def tick(self) -> list[Delivery]:
        """Deliver every digest that is due now; one failing subscriber never stops the rest."""
        now = self.clock()
        jobs = []
        for sub in await asyncio.to_thread(self.state.subscriptions):
            try:
                day = due_day(sub, now)
            except (ValueError, KeyError):  # a stored zone or time that no longer loads
                log.warning("skipping %s chat %s: bad time or zone", sub.platform, sub.chat_id)
                continue
            if day is None or sub.platform not in self.senders:
                continue
            if not self.permitted(sub.platform, sub.chat_id):
                log.info("no digest for %s chat %s: not allowed", sub.platform, sub.chat_id)
                continue
            jobs.append(self._deliver(sub, day, now))
        return list(await asyncio.gather(*jobs))

    async def run(self, stop: asyncio.Event, every_seconds: float = 30.0) -> None:
        """Tick until `stop` is set."""
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("digest tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every_seconds)

    async def _deliver(self, sub: Subscription, day: str, now: datetime) -> Delivery:
        last = await asyncio.to_thread(self.state.last_delivery, sub.platform, sub.chat_id)
        if not await asyncio.to_thread(
            self.state.claim_delivery, sub.platform, sub.chat_id, day, now.timestamp()
        ):
            return Delivery(sub, day, "already")
        since = datetime.fromtimestamp(last, UTC) if last else now - timedelta(days=1)
        try:
            digest = await self.make_digest(sub, since, now)
            if digest.empty and not sub.notify_empty:
                status = "empty"
            else:
                await self.senders[sub.platform](sub.chat_id, digest)
                status = "sent"
        except PartiallySent as exc:
            # Resending would repeat what the chat already has; keep the day as failed.
            log.warning(
                "digest for %s chat %s only partly sent: %s",
                sub.platform,
                sub.chat_id,
                type(exc.__cause__).__name__,
            )
            status = "failed"
        except ChatGone:
            log.warning("%s chat %s is gone; ending its subscription", sub.platform, sub.chat_id)
            await asyncio.to_thread(self.state.unsubscribe, sub.platform, sub.chat_id)
            status = "gone"
        except Exception as exc:
            # Not delivered: give the claim back so the next tick tries again today.
            log.warning(
                "digest for %s chat %s failed: %s", sub.platform, sub.chat_id, type(exc).__name__
            )
            await asyncio.to_thread(self.state.release_delivery, sub.platform, sub.chat_id, day)
            return Delivery(sub, day, "failed")
        await asyncio.to_thread(self.state.finish_delivery, sub.platform, sub.chat_id, day, status)
        return Delivery(sub, day, status)
