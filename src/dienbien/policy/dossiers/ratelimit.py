"""A small per-client rate limit for public endpoints (in process memory).

A sliding window of request times per client address. It protects the
status lookup from guessing the 4 verification digits; with several Zope
processes each keeps its own window (the limit is per process), which a
reverse proxy's own limit complements.
"""

from collections import deque
from threading import Lock

import os
import time


class RateLimiter:
    def __init__(self, limit: int, window: float, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._hits: dict[str, deque] = {}
        self._lock = Lock()

    def allow(self, client: str) -> tuple[bool, int]:
        """``(allowed, seconds to wait)`` for one more request of ``client``."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False, max(1, int(hits[0] + self.window - now) + 1)
            hits.append(now)
            if len(self._hits) > 10000:  # forget idle clients
                for key in [k for k, v in self._hits.items() if not v]:
                    del self._hits[key]
            return True, 0

    def reset(self):
        with self._lock:
            self._hits.clear()


#: 20 lookups a minute per client address. Behind a reverse proxy, declare it
#: with ``trusted-proxy`` in zope.conf so that the address is the citizen's;
#: DIENBIEN_STATUS_LOOKUPS_PER_MINUTE (zope.conf <environment>) changes it.
STATUS_LOOKUPS = RateLimiter(
    limit=int(os.environ.get("DIENBIEN_STATUS_LOOKUPS_PER_MINUTE", "20")), window=60.0
)
