"""Keep each unit's groups in step with the unit."""

from dienbien.policy import clock
from dienbien.policy.orgunits import groups
from dienbien.policy.orgunits import reorganisation
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.orgunits.orgunit import all_units
from dienbien.policy.orgunits.orgunit import unit_of
from plone.base.interfaces import IPloneSiteRoot

import datetime


# The code and retirement the groups were last made for, kept on the object
# so that a modification can tell a change of code or a retirement apart.
SYNCED_CODE = "_dienbien_groups_code"
SYNCED_RETIRED = "_dienbien_groups_retired"
# The successor a retired unit's open dossiers were handed to ("" for none),
# so that a hand-over that could not be done yet (or a successor named
# later) is done by the next sync.
HANDED_OVER = "_dienbien_handed_over"


def sync_unit(obj, today: datetime.date | None = None) -> None:
    """Bring one unit's groups (and what names its code) up to date."""
    today = today or clock.today()
    unit = unit_of(obj)
    old_code = getattr(obj, SYNCED_CODE, None)
    recoded = bool(old_code and old_code != unit.code)
    if recoded:
        groups.move_groups(old_code, unit)
        _relink(obj, old_code, unit.code)
    groups.ensure_groups(unit, today)
    retired = unit.retired_on(today)
    newly_retired = retired and not getattr(obj, SYNCED_RETIRED, False)
    if newly_retired:
        successor = all_units(obj).get(unit.successor) if unit.successor else None
        groups.retire_groups(unit, successor)
    if getattr(obj, SYNCED_CODE, None) != unit.code:
        setattr(obj, SYNCED_CODE, unit.code)
    retirement_changed = getattr(obj, SYNCED_RETIRED, False) != retired
    if retirement_changed:
        setattr(obj, SYNCED_RETIRED, retired)
    if recoded or retirement_changed:
        # Its code and succession columns, which the references to it read,
        # before its records are reindexed (``reorganisation`` applies it).
        obj.reindexObject(idxs=["unit_code"])
    if recoded:
        reorganisation.follow_code(obj, old_code)
    if retired:
        hand_over(obj)


def hand_over(obj) -> None:
    """Hand a retired unit's open dossiers over, once per successor."""
    successor = obj.successor or ""
    if getattr(obj, HANDED_OVER, None) == successor:
        return
    if reorganisation.hand_over(obj) is not None:
        setattr(obj, HANDED_OVER, successor)


def sync_all_units(portal, today: datetime.date | None = None) -> int:
    """Re-check every unit's groups; retires units whose ``valid_to`` passed.

    Run daily by ``make sync-groups`` (cron). Returns the number of units seen.
    """
    units = unit_objects(portal)
    for obj in units:
        sync_unit(obj, today)
    return len(units)


def _relink(obj, old_code: str, new_code: str) -> None:
    """Units that named the old code as parent or successor follow the change."""
    for other in unit_objects(obj):
        changed = False
        for name in ("parent", "successor"):
            if getattr(other, name, None) == old_code:
                setattr(other, name, new_code)
                changed = True
        if changed:
            other.reindexObject()


def unit_added(obj, event):
    sync_unit(obj)


def unit_modified(obj, event):
    sync_unit(obj)


def unit_removed(obj, event):
    if IPloneSiteRoot.providedBy(event.object):
        # The whole site is being deleted: its groups go with it.
        return
    code = getattr(obj, SYNCED_CODE, None) or getattr(obj, "code", None)
    if code:
        groups.remove_groups(code)
