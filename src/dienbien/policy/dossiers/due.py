"""Dossiers by appointment, within a range of it, for the running clock:
the overdue listing (``@dossiers?overdue=1``, ``@@dossier-listing``).

Asking the catalog for a range of ``dossier_appointment`` up to now makes
the field index gather every appointment of the history before sorting
(a union of as many sets as there are distinct minutes: 100,000 dossiers,
tens of milliseconds warm and the whole index loaded on the first call).
Yet the dossiers whose clock runs are few (the open work of the desks),
and sorted by appointment the ones within a range are a run of them. So
the catalog is asked for the running dossiers sorted by appointment (its
security filter as always) and the run is found by bisection, reading the
appointments of a dozen of them. (Nor is the type asked for: the
clock's states are the dossier workflow's own, and the type's set is every
dossier of the history.)
"""

from bisect import bisect_left
from bisect import bisect_right
from collections.abc import Sequence
from dienbien.policy.core.dossiers import CLOCK_RUNS


INDEX = "dossier_appointment"


def _appointment(brain):
    return brain.dossier_appointment or ""


class Window(Sequence):
    """``sequence[start:end]`` without reading it: what a batch reads of it
    (its length, the items of a page) is read from ``sequence`` then."""

    def __init__(self, sequence, start: int, end: int):
        self.sequence, self.start, self.end = sequence, start, max(start, end)

    def __len__(self):
        return self.end - self.start

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.sequence[self.start + index]


def bounds(limit: dict) -> tuple[str | None, str | None]:
    """``(lowest, highest)`` appointment of a catalog range (``max`` or
    ``min:max``; ``None``: no bound)."""
    value, kind = limit["query"], limit.get("range", "")
    values = list(value) if isinstance(value, list | tuple) else [value]
    lowest = min(values) if "min" in kind else None
    highest = max(values) if "max" in kind else None
    return lowest, highest


def running_by_appointment(catalog, query: dict):
    """``catalog(**query)`` for a query sorted by appointment (ascending)
    with a ``dossier_appointment`` range, when its other criteria keep it to
    the running dossiers (``review_state`` among ``CLOCK_RUNS``): the same
    brains in the same order, without the range asked of the index."""
    limit = query[INDEX]
    rest = {key: value for key, value in query.items() if key != INDEX}
    states = rest.get("review_state")
    if states and set([states] if isinstance(states, str) else states) <= set(
        CLOCK_RUNS
    ):
        # The clock's states are the dossier workflow's own (a test says
        # so): the type would only add the set of every dossier ever made.
        rest.pop("portal_type", None)
    brains = catalog(**rest)
    lowest, highest = bounds(limit)
    start = bisect_left(brains, lowest, key=_appointment) if lowest else 0
    end = bisect_right(brains, highest, key=_appointment) if highest else len(brains)
    return Window(brains, start, end)
