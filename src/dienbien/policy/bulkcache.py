"""The object cache and the garbage collector a bulk loader runs with
(dossiers and documents alike).

Every batch of a bulk load touches catalog buckets all over the indexes;
reading them back from the storage after each commit costs more than the
memory (a few hundred MB for 100,000 records). Only for a loader's own
process with batched commits: in a server the setting would reach every
connection, and small loads gain nothing.

A load keeps hundreds of thousands of objects alive in that cache (1.6
million tracked by Python's collector at 500,000 dossiers), and makes
millions of containers (records, index rows) that live on, none of them in
a reference cycle. Python's cyclic collector then scans the young objects
every 700 allocations and, every so often, every object in the process:
about a second each time at that size, for nothing found. While a
committing load runs it is asked less often (``fewer_collections``); the
little cyclic garbage a load makes (transactions, tracebacks) waits for
the next collection (docs/benchmarks.md, "The bulk load, sixth pass").
"""

from contextlib import contextmanager

import gc


#: The collector's thresholds during a committing load (Python's: 700, 10,
#: 10): the young objects every 50,000 allocations, the middle generation
#: every 20 of those, all objects at most every 100 of those.
LOAD_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def cache_at_least(folder, cache_size: int, commit: bool):
    """Hold at least ``cache_size`` objects in the database's caches while
    a committing load runs; the size before comes back afterwards."""
    db = folder._p_jar.db() if commit and folder._p_jar is not None else None
    before = db.getCacheSize() if db is not None else None
    raised = db is not None and cache_size > before
    if raised:
        db.setCacheSize(cache_size)
    try:
        yield
    finally:
        if raised:
            db.setCacheSize(before)


@contextmanager
def fewer_collections(commit: bool):
    """Python's cyclic garbage collector at ``LOAD_THRESHOLDS`` while a
    committing load runs; its thresholds before come back afterwards."""
    before = gc.get_threshold()
    if commit:
        gc.set_threshold(*LOAD_THRESHOLDS)
    try:
        yield
    finally:
        if commit:
            gc.set_threshold(*before)
