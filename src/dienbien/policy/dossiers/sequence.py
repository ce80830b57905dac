"""Daily dossier numbers per receiving unit: never duplicated, gap-free.

Each (unit, day) has its own small persistent counter, kept apart from the
dossiers in an annotation of the dossier folder (as OneGov GEVER keeps its
sequences). The number is taken in the same transaction as the dossier: if
the transaction aborts, so does the number (no gap); if two clerks of the same
desk take one at the same moment, ZODB reports a conflict on the counter and
Zope replays the whole request (no duplicate, and no error for the clerk
while the retries last: ``max-conflict-retries`` in zope.conf).
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations


KEY = "dienbien.policy.dossier_sequences"


class Counter(Persistent):
    """One sequence. Deliberately without conflict resolution: two
    transactions that both take a number must not both succeed."""

    def __init__(self):
        self.value = 0


def _counter(folder, unit_code: str, day: date) -> Counter:
    annotations = IAnnotations(folder)
    counters = annotations.get(KEY)
    if counters is None:
        counters = annotations[KEY] = OOBTree()
    key = f"{unit_code}|{day:%Y%m%d}"
    counter = counters.get(key)
    if counter is None:
        counter = counters[key] = Counter()
    return counter


def next_number(folder, unit_code: str, day: date) -> int:
    counter = _counter(folder, unit_code, day)
    counter.value += 1
    return counter.value


def at_least(folder, unit_code: str, day: date, number: int) -> None:
    """Dossiers loaded from elsewhere used ``number``: never issue it again."""
    counter = _counter(folder, unit_code, day)
    if counter.value < number:
        counter.value = number
