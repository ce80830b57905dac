"""A replayed conflict is logged with the object's class and oid, and
nothing of the request."""

from dienbien.policy.ops.conflicts import log_replay
from types import SimpleNamespace
from ZODB.POSException import ConflictError
from ZODB.POSException import ReadConflictError
from ZODB.utils import p64

import logging


def failure(error, retry=True, retry_count=0):
    request = SimpleNamespace(retry_count=retry_count, PATH_INFO="/ho-so/secret")
    return SimpleNamespace(
        request=request, exc_info=(type(error), error, None), retry=retry
    )


def test_a_replayed_conflict_names_the_object(caplog):
    caplog.set_level(logging.INFO, logger="dienbien.policy.conflicts")
    error = ConflictError(oid=p64(0x1A2B), serials=(p64(2), p64(1)))
    error.class_name = "BTrees.IIBTree.IIBucket"
    log_replay(failure(error, retry_count=2))
    log_replay(failure(ReadConflictError(oid=p64(7)), retry_count=0))
    assert [record.getMessage() for record in caplog.records] == [
        "request replayed (replay 3) after ConflictError on "
        "BTrees.IIBTree.IIBucket 0x1a2b",
        "request replayed (replay 1) after ReadConflictError on an object 0x07",
    ]


def test_other_failures_are_not_logged_here(caplog):
    caplog.set_level(logging.INFO, logger="dienbien.policy.conflicts")
    log_replay(failure(ConflictError(), retry=False))  # out of replays
    log_replay(failure(ValueError("x")))
    assert caplog.records == []
