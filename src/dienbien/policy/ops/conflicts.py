"""Requests replayed after a conflict, in the event log.

Zope replays a request whose commit conflicted (``max-conflict-retries``)
without a word: an operator sees slow receptions and no cause. Each replay
is logged here with the class and oid of the object two transactions wrote
at once — where concurrent writers meet (docs/deploy.md, "What conflicts
cost") — and nothing of the request: no path, no query, no user.
"""

from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr

import logging


logger = logging.getLogger("dienbien.policy.conflicts")


def log_replay(event) -> None:
    """``IPubFailure`` subscriber: one line for each replayed conflict."""
    error = event.exc_info[1]
    if not event.retry or not isinstance(error, ConflictError):
        return
    oid = getattr(error, "oid", None)
    logger.info(
        "request replayed (replay %d) after %s on %s %s",
        getattr(event.request, "retry_count", 0) + 1,
        type(error).__name__,
        error.class_name or "an object",
        oid_repr(oid) if oid else "",
    )
