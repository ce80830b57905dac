"""What a bulk load changes in its process while it runs, and gives back
(``bulkcache``): the database's object cache and the garbage collector."""

from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.bulkcache import fewer_collections
from dienbien.policy.bulkcache import LOAD_THRESHOLDS
from types import SimpleNamespace

import gc
import pytest


class Database:
    def __init__(self, size):
        self.size = size

    def getCacheSize(self):
        return self.size

    def setCacheSize(self, size):
        self.size = size


def folder_in(database):
    return SimpleNamespace(_p_jar=SimpleNamespace(db=lambda: database))


def test_the_cache_is_raised_while_a_committing_load_runs():
    database = Database(30_000)
    with cache_at_least(folder_in(database), 300_000, commit=True):
        assert database.size == 300_000
    assert database.size == 30_000
    # Never lowered, and left alone by a load in the caller's transaction.
    with cache_at_least(folder_in(database), 10_000, commit=True):
        assert database.size == 30_000
    with cache_at_least(folder_in(database), 300_000, commit=False):
        assert database.size == 30_000


def test_the_collector_runs_less_often_while_a_committing_load_runs():
    before = gc.get_threshold()
    assert before != LOAD_THRESHOLDS
    with fewer_collections(commit=True):
        assert gc.get_threshold() == LOAD_THRESHOLDS == (50_000, 20, 100)
    assert gc.get_threshold() == before
    with fewer_collections(commit=False):
        assert gc.get_threshold() == before
    # A load that fails gives both back all the same.
    database = Database(30_000)
    with (
        pytest.raises(RuntimeError),
        cache_at_least(folder_in(database), 300_000, True),
        fewer_collections(True),
    ):
        raise RuntimeError("the load failed")
    assert gc.get_threshold() == before
    assert database.size == 30_000
