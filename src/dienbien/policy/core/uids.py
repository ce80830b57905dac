"""UIDs that follow the order they are made in, for bulk loads.

Plone gives content a random UID (UUID version 4). The catalog's UID index is
a B-tree keyed by UID, so each random one lands in a bucket of its own: a load
of 5,000 dossiers into a catalog of 500,000 rewrote some 4,000 of its buckets
at each commit (docs/benchmarks.md, "The bulk load, third pass"). A
time-ordered UUID (version 7 of RFC 9562: the Unix time in milliseconds first,
then random bits) is as unique, 32 hex digits like the others, and one load's
UIDs follow each other: they fill the end of one region of the tree.

    >>> uids = OrderedUids(clock=lambda: 1_764_633_600_000_000_000)
    >>> first, second = uids(), uids()
    >>> first < second, len(first), first[12], first[:12]
    (True, 32, '7', '019adc5be000')
"""

from collections.abc import Callable

import secrets
import time


#: The counter's bits (RFC 9562 "rand_a", used as a counter: method 1 of
#: section 6.2) and the random bits after the variant ("rand_b").
COUNTER_BITS = 12
RANDOM_BITS = 62


class OrderedUids:
    """Makes UUIDv7 hex strings, each greater than the one before.

    Within one millisecond the 12-bit counter orders them; when it runs out
    the time is taken as the next millisecond (section 6.2, which allows it),
    so the order holds even for more than 4,096 a millisecond or a clock that
    goes back."""

    def __init__(self, clock: Callable[[], int] = time.time_ns):
        self._clock = clock
        self._millisecond = -1
        self._counter = 0

    def __call__(self) -> str:
        millisecond = self._clock() // 1_000_000
        if millisecond > self._millisecond:
            self._millisecond, self._counter = millisecond, 0
        elif self._counter < (1 << COUNTER_BITS) - 1:
            self._counter += 1
        else:
            self._millisecond, self._counter = self._millisecond + 1, 0
        value = (
            (self._millisecond & ((1 << 48) - 1)) << 80
            | 0x7 << 76  # version
            | self._counter << 64
            | 0b10 << 62  # variant
            | secrets.randbits(RANDOM_BITS)
        )
        return f"{value:032x}"
