"""Scheduled and expired items are not on the site.

Plone leaves an item out of searches and listings before its publishing
date and after its expiry date (the catalog's ``effectiveRange``, for people
without "Access inactive portal content"), but its own address still shows
it to anyone: a news item scheduled for Monday could be read on Sunday by
whoever guessed the address. After traversal, a published editorial item
that is not on the air at the site's clock is a 404 for everyone but the
people who work on it (its owner, the unit's editors and reviewers,
administrators).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from dienbien.policy import clock
from dienbien.policy.core.editorial import on_air
from dienbien.policy.core.editorial import TYPES
from dienbien.policy.workingtime import to_local
from zExceptions import NotFound


#: Any of these on the item lets a person see it off the air.
STAFF_PERMISSIONS = (
    "Access inactive portal content",
    "Request review",
    "Review portal content",
    "Modify portal content",
)


def _local(value):
    """A Zope DateTime (or ``None``) as naive local time."""
    if value is None:
        return None
    return to_local(value.asdatetime())


def _item(published):
    """The content item a published object is (a view or service: its context)."""
    for candidate in (published, getattr(published, "context", None)):
        if getattr(candidate, "portal_type", None) in TYPES:
            return aq_inner(candidate)
    return None


def off_air(obj) -> bool:
    """Whether a published editorial item is outside its dates now."""
    workflow = getattr(obj, "workflow_history", None) or {}
    if "dienbien_editorial_workflow" not in workflow:
        return False
    state = workflow["dienbien_editorial_workflow"][-1].get("review_state")
    if state != "published":
        return False
    effective = _local(getattr(obj, "effective_date", None))
    expires = _local(getattr(obj, "expiration_date", None))
    return not on_air(effective, expires, clock.now())


def hide_off_air(event) -> None:
    obj = _item(event.request.get("PUBLISHED"))
    if obj is None or not off_air(obj):
        return
    manager = getSecurityManager()
    if any(manager.checkPermission(name, obj) for name in STAFF_PERMISSIONS):
        return
    raise NotFound(obj.getId())
