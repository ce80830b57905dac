"""The object cache a bulk loader runs with (dossiers and documents alike).

Every batch of a bulk load touches catalog buckets all over the indexes;
reading them back from the storage after each commit costs more than the
memory (a few hundred MB for 100,000 records). Only for a loader's own
process with batched commits: in a server the setting would reach every
connection, and small loads gain nothing.
"""

from contextlib import contextmanager


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
