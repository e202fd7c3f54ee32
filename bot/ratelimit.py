"""Per-chat rate limiting: a sliding window of recent questions."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Allows `limit` events per `window` seconds per key."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._swept = self.clock()

    def allow(self, key: str) -> bool:
        """Record an event for `key` if it is within the limit; False when it is not."""
        now = self.clock()
        if now - self._swept > self.window:
            self._sweep(now)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def __len__(self) -> int:
        """How many keys are remembered."""
        return len(self._events)

    def _sweep(self, now: float) -> None:
        # Forget keys quiet for a whole window, so a bot seen by many chats stays small.
        self._swept = now
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[key]

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may ask again (0 when it may now)."""
        events = self._events.get(key)
        if not events or len(events) < self.limit:
            return 0.0
        return max(0.0, events[0] + self.window - self.clock())
