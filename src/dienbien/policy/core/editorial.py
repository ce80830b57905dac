"""Rules of the portal's editorial work: which units keep a newsroom, which
steps need a reason, and when a published item is on the site.

A unit's editors write news, events and pages in the unit's newsroom and
send them for review; the unit's reviewers publish them or return them with
a reason. A published item is public only between its publishing date
(``effective``) and its expiry date (``expires``): before, it is scheduled;
after, it has expired. Plain Python: the times are naive local datetimes.
"""

from datetime import datetime


#: The content the editorial workflow governs.
TYPES = ("News Item", "Event", "Document")

#: The units that get a newsroom of their own in the news section.
NEWSROOM_KINDS = ("district", "commune", "ward")

#: Steps that return or take down someone's work: the reason is told.
NEEDS_REASON = frozenset(("reject", "retract"))

#: Where the step leaves the item (for the messages after a step).
STEPS = {
    "submit": "pending",
    "recall": "draft",
    "reject": "draft",
    "publish": "published",
    "retract": "draft",
}


def reason_missing(transition: str, comment: str | None) -> bool:
    """Whether ``transition`` needs a reason that ``comment`` does not give."""
    return transition in NEEDS_REASON and not (comment or "").strip()


def on_air(effective: datetime | None, expires: datetime | None, now: datetime) -> bool:
    """Whether a published item is on the site at ``now``: from its
    publishing date until its expiry date, both included (as Plone's
    catalog has it)."""
    return schedule(effective, expires, now) == "on_air"


def schedule(
    effective: datetime | None, expires: datetime | None, now: datetime
) -> str:
    """``scheduled``, ``expired`` or ``on_air``: what a reviewer is told."""
    if effective is not None and now < effective:
        return "scheduled"
    if expires is not None and now > expires:
        return "expired"
    return "on_air"
