"""Sliding-window limits with bounded memory (plain Python, in process).

``SlidingWindow(limit, window)`` admits at most ``limit`` events per key in
any ``window`` seconds. Keys are kept in the order they were last active, so
the idle ones sit at the front and are forgotten as soon as their window has
passed; ``max_keys`` caps the rest (the least recently active go first), so
a flood of new addresses or codes cannot grow the memory. Each key holds at
most ``limit`` times.

The status lookup uses two: lookups per client address, and wrong
verification digits per dossier code (``is_locked`` without counting, then
``hit`` on each failure).
"""

from collections import deque
from collections import OrderedDict
from threading import Lock

import math
import time


class SlidingWindow:
    def __init__(
        self,
        limit: int,
        window: float,
        max_keys: int = 10000,
        clock=time.monotonic,
    ):
        if limit < 1 or window <= 0 or max_keys < 1:
            raise ValueError("limit, window and max_keys must be positive")
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.clock = clock
        self._hits: OrderedDict[str, deque] = OrderedDict()
        self._lock = Lock()

    def __len__(self) -> int:
        """How many keys are remembered."""
        with self._lock:
            self._forget_idle(self.clock())
            return len(self._hits)

    def _forget_idle(self, now: float) -> None:
        # The front key is the least recently active: once its last event is
        # out of the window, it has nothing left to count.
        while self._hits:
            key, hits = next(iter(self._hits.items()))
            if hits and hits[-1] > now - self.window:
                break
            del self._hits[key]

    def _current(self, key: str, now: float) -> deque | None:
        hits = self._hits.get(key)
        if hits is not None:
            while hits and hits[0] <= now - self.window:
                hits.popleft()
        return hits

    def _wait(self, hits: deque | None, now: float) -> int:
        """Whole seconds until one more event fits (0: it fits now)."""
        if hits is None or len(hits) < self.limit:
            return 0
        return max(1, math.ceil(hits[0] + self.window - now))

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may have one more event; 0 if it may now.
        Counts nothing."""
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            return self._wait(self._current(key, now), now)

    def is_locked(self, key: str) -> bool:
        return self.retry_after(key) > 0

    def hit(self, key: str) -> int:
        """Count one event of ``key``; return how many it has in the window
        (never more than ``limit``: past it, the event is not recorded)."""
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            return self._record(key, self._current(key, now), now)

    def _record(self, key: str, hits: deque | None, now: float) -> int:
        if hits is None:
            hits = self._hits[key] = deque()
        if len(hits) < self.limit:
            hits.append(now)
        self._hits.move_to_end(key)
        while len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)
        return len(hits)

    def allow(self, key: str) -> tuple[bool, int]:
        """``(allowed, seconds to wait)`` for one more event of ``key``;
        an allowed event is counted."""
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            hits = self._current(key, now)
            wait = self._wait(hits, now)
            if wait:
                return False, wait
            self._record(key, hits, now)
            return True, 0

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
