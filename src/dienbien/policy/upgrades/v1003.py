"""1002 → 1003: records name units by UID, not by code.

Dossiers (receiving and handling unit) and procedures (implementing unit)
stored the unit's code, so a unit that changed its code or retired lost its
records. They now store the unit's UID (``orgunits.references``); this step
converts the codes already stored, adds the ``dossier_units`` index (every
unit a dossier names, by UID) and the ``unit_succession`` column (where a
retired unit's records went), and indexes them. Units that retired before
it hand their open dossiers over to their successors now.
"""

from dienbien.policy.orgunits.lookup import unit_brains
from dienbien.policy.orgunits.references import legacy_code
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")

INDEX = "dossier_units"
COLUMN = "unit_succession"
REFERENCES = {
    "Dossier": ("receiving_unit", "handling_unit"),
    "Procedure": ("unit",),
}


def convert(obj, names, uids: dict[str, str]) -> bool:
    """Store ``obj``'s unit codes as references; whether anything changed.

    A code no unit has (any more) is kept as the reference's last seen
    code, without a UID: it reads as before.
    """
    changed = False
    for name in names:
        code = legacy_code(obj, name)
        if code is None:
            continue
        point_to(obj, name, uids.get(code), code)
        del obj.__dict__[name]
        obj._p_changed = True
        changed = True
    return changed


def units_by_uid(setup_tool=None, batch_size: int = 1000) -> int:
    """Convert every dossier and procedure; return how many changed."""
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    for brain in unit_brains(catalog):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=["getId"],
            update_metadata=True,
        )
    uids = uids_by_code()
    changed = 0
    for portal_type, names in REFERENCES.items():
        brains = catalog.unrestrictedSearchResults(portal_type=portal_type)
        total = len(brains)
        for done, brain in enumerate(brains, start=1):
            obj = brain._unrestrictedGetObject()
            changed += convert(obj, names, uids)
            if portal_type == "Dossier":
                # Codes read the same: only the new index has anything to add.
                catalog.catalog_object(
                    obj, brain.getPath(), idxs=[INDEX], update_metadata=False
                )
            if done % batch_size == 0:
                transaction.savepoint(optimistic=True)
                logger.info("units by UID: %s %d of %d", portal_type, done, total)
    logger.info("units by UID: %d records converted", changed)
    hand_over_retired(catalog)
    return changed


def hand_over_retired(catalog) -> None:
    """Units retired before 1003 kept their open dossiers: hand them over."""
    from dienbien.policy.orgunits.events import hand_over
    from dienbien.policy.orgunits.events import SYNCED_RETIRED

    for brain in unit_brains(catalog):
        unit = brain._unrestrictedGetObject()
        if getattr(unit, SYNCED_RETIRED, False):
            hand_over(unit)
