"""The last results of costly, pure work, kept in the process by a key
that fixes them (a file's SHA-256 and whatever else the result depends on).

Why: Zope replays a request that met a ``ConflictError`` from its start, up
to ten times (zope.conf ``max-conflict-retries``). A registration that reads
its PDF (``pdftotext``) and verifies its signatures (pyHanko) inside the
transaction would pay for both on every replay, keep its transaction long,
and conflict again while other clerks commit. With the results kept here a
replay reads them back and commits in a fraction of the time. Bounded (the
least recently used entry goes first), shared by Zope's worker threads.
"""

from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Hashable

import threading
import time


#: How long a result that may change with time is kept: longer than the
#: replays of one request last (before its n-th replay Zope sleeps a random
#: 0 to 2**(n-1) s, at most 1,023 s for ten).
RETRY_WINDOW = 20 * 60.0


class Recent:
    """At most ``size`` results; an entry put with ``max_age`` (seconds) is
    forgotten after that long (a result that may change with time)."""

    def __init__(self, size: int, clock: Callable[[], float] = time.monotonic):
        self.size = size
        self._clock = clock
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        """The result kept for ``key``, or ``None``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires is not None and self._clock() >= expires:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value, max_age: float | None = None) -> None:
        expires = None if max_age is None else self._clock() + max_age
        with self._lock:
            self._entries[key] = (value, expires)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
