"""What a unit's change does to the records that name it.

- A change of code: nothing anyone sees but the code. Records store the
  unit's UID (``references``); only what the catalog derived from the old
  code is refreshed (unit indexes and columns, and the local roles, which
  name the unit's groups, whose ids follow the code).
- A retirement into a successor (the 1 July 2025 reform): dossiers still in
  progress move to the successor that now answers for the unit, each with a
  hand-over log entry naming both units; finished dossiers stay the unit's,
  and the successor's officers and leaders read them
  (``dossiers.localroles``). Counters are per unit code, so the successor's
  numbering is its own and starts at 1.

Run from ``orgunits.events`` when a unit is edited or the daily sync finds
its last day passed.
"""

from datetime import datetime
from datetime import time
from datetime import timedelta
from dienbien.policy.core.dossiers import FINISHED
from dienbien.policy.core.reorganisation import predecessors
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.orgunits import references
from plone import api

import logging


logger = logging.getLogger("dienbien.policy.reorganisation")

#: What a unit's code or succession changes in a dossier's catalog entry
#: (the columns are refreshed with them).
DERIVED = (
    "dossier_receiving_unit",
    "dossier_handling_unit",
    "dossier_units",
    "allowedRolesAndUsers",
    # The statistics' facts kept by this index name the handling unit by its
    # code (``dossiers/statistics/factsindex.py``).
    "dossier_open_months",
)
ROLES = ("receiving_unit", "handling_unit")
ACTION = "reorganise"


def _catalog():
    return api.portal.get_tool("portal_catalog")


def _dossiers_naming(uids):
    uids = sorted(uid for uid in uids if uid)
    catalog = _catalog()
    if not uids or "dossier_units" not in catalog.indexes():
        # Before upgrade step 1003 dossiers name no unit by UID: nothing to
        # follow (and a query on a missing index would match every dossier).
        return []
    brains = catalog.unrestrictedSearchResults(
        portal_type="Dossier", dossier_units=uids
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def _family(unit, succession) -> set[str]:
    """The UIDs of ``unit`` and of the units that now answer through it."""
    others = {references.uid_of(one) for one in predecessors(unit.code, succession)}
    return {unit.UID()} | others


def follow_code(unit, old_code: str) -> int:
    """``unit`` changed its code from ``old_code``: refresh what the catalog
    derived from it. Returns the number of dossiers reindexed."""
    references.flush()
    dossiers = _dossiers_naming(_family(unit, references.succession()))
    for dossier in dossiers:
        dossier.reindexObject(idxs=list(DERIVED))
    for brain in _catalog().unrestrictedSearchResults(
        portal_type="Procedure", procedure_unit=old_code
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["procedure_unit"])
    logger.info("unit code changed: %d dossiers reindexed", len(dossiers))
    return len(dossiers)


def reform_moment(unit) -> datetime:
    """When a retired unit's records changed hands: the start of the day
    after its last day (00:00 on 1 July 2025 for units ending on 30 June)."""
    return datetime.combine(unit.valid_to + timedelta(days=1), time())


def hand_over(unit) -> int | None:
    """``unit`` retired: its open dossiers go to the unit that now answers
    for it. Returns how many moved (the others are reindexed for access),
    ``None`` if its successor is not on the site yet."""
    from dienbien.policy.dossiers import log

    references.flush()
    succession = references.succession()
    target_code = resolve(unit.code, succession)
    if target_code == unit.code:
        return 0  # retired without a successor: its records stay its own
    target_uid = references.uid_of(target_code)
    if target_uid is None:
        # The successor is not on the site (yet): nothing can move; the
        # next sync or edit of the unit tries again.
        logger.warning("unit retired into a unit that does not exist")
        return None
    uid = unit.UID()
    when = reform_moment(unit)
    actor = api.user.get_current().getId() or ""
    moved = 0
    for dossier in _dossiers_naming(_family(unit, succession)):
        state = api.content.get_state(dossier)
        roles = [name for name in ROLES if references.unit_uid(dossier, name) == uid]
        if state in FINISHED or not roles:
            dossier.reindexObject(idxs=["allowedRolesAndUsers"])
            continue
        # The legal date, unless the unit still acted on the dossier after
        # it (the retirement was entered, or the sync ran, days later): the
        # hand-over is then dated after the last step, so that the log stays
        # in order and the statistics give those steps to the unit that took
        # them.
        moved_at = max([when, *(entry["time"] for entry in log.entries(dossier))])
        moves = list(dossier.unit_moves)
        for name in roles:
            moves.append(
                {
                    "time": moved_at,
                    "role": name.removesuffix("_unit"),
                    "from_uid": uid,
                    "from_code": unit.code,
                    "to_uid": target_uid,
                    "to_code": target_code,
                }
            )
            references.point_to(dossier, name, target_uid, target_code)
        dossier.unit_moves = tuple(moves)
        log.append(
            dossier,
            when=moved_at,
            actor=actor,
            action=ACTION,
            from_state=state,
            to_state=state,
            from_unit=unit.code,
            to_unit=target_code,
            appointment=dossier.appointment,
        )
        dossier.reindexObject()
        moved += 1
    logger.info("unit retired: %d open dossiers handed over", moved)
    return moved
