"""Register numbers of official documents: never duplicated, gap-free.

One small persistent counter per series (unit, year, register — see
``core/correspondence/registers.Series``), kept apart from the documents in
an annotation of the documents' folder (the pattern of
``dossiers/sequence.py`` and OneGov GEVER's sequences). A number is taken in
the transaction that issues or registers the document: if that transaction
aborts, the number was never taken (no gap); if two clerks of one office take
a number at the same moment, ZODB reports a conflict on the counter and Zope
replays the whole request (no duplicate, and no error for the clerk while
the retries last). The counter deliberately has no ``_p_resolveConflict``: a
"keep the larger value" resolution would let both transactions commit with
the same number.
"""

from BTrees.OOBTree import OOBTree
from dienbien.policy.core.correspondence.registers import next_number
from dienbien.policy.core.correspondence.registers import Series
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations


KEY = "dienbien.policy.document_sequences"


class Counter(Persistent):
    """The last number issued in one series."""

    def __init__(self):
        self.value = 0


def _counters(folder, create: bool):
    annotations = IAnnotations(folder)
    counters = annotations.get(KEY)
    if counters is None and create:
        counters = annotations[KEY] = OOBTree()
    return counters


def _counter(folder, series: Series) -> Counter:
    counters = _counters(folder, create=True)
    counter = counters.get(series.key)
    if counter is None:
        counter = counters[series.key] = Counter()
    return counter


def take_number(folder, series: Series) -> int:
    """The next number of ``series``, taken for good when the transaction
    commits."""
    counter = _counter(folder, series)
    counter.value = next_number(counter.value)
    return counter.value


def last_number(folder, series: Series) -> int:
    """The last number issued in ``series`` (0: none yet). Reads only."""
    counters = _counters(folder, create=False)
    counter = counters.get(series.key) if counters is not None else None
    return counter.value if counter is not None else 0


def at_least(folder, series: Series, number: int) -> None:
    """Documents loaded from elsewhere used ``number``: never issue it again."""
    counter = _counter(folder, series)
    if counter.value < number:
        counter.value = number
