"""1001 → 1002: each content type lives in its wing, and the statistics'
facts are plain tuples.

- The FTIs (``types.xml``, re-imported by an ``upgradeDepends`` in
  ``configure.zcml``) name the classes and schemas at their new dotted paths
  (``dienbien.policy.dossiers.dossier.Dossier``…). Objects stored before keep
  loading through the old paths, which ``dienbien.policy.content`` keeps
  importable (see there why an upgrade step cannot rewrite them all).
- The schema interfaces moved with their types, so their identifiers
  changed: ``object_provides`` is reindexed for our types.
- ``dossier_facts`` held a ``DossierFacts`` named tuple per dossier, pickled
  with its class's dotted path in every catalog record; it now holds the
  same values as a plain tuple. Rewritten in place from the column itself:
  no dossier is woken.
"""

from dienbien.policy.upgrades.v1001 import COLUMN
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")

#: The types whose schema interface moved into a wing.
MOVED_TYPES = (
    "Organisation",
    "OrgUnit",
    "ProcedureCatalogue",
    "Procedure",
    "DossierFolder",
    "Dossier",
)


def plain_facts(setup_tool=None, batch_size: int = 5000) -> int:
    """Store every ``dossier_facts`` value as a plain tuple; return how many
    records changed.

    ``catalog_object(update_metadata=True)`` would not do: a named tuple
    equals the plain tuple of the same values, so ZCatalog keeps the old
    record. The record is replaced with the column's value converted.
    """
    catalog = api.portal.get_tool("portal_catalog")
    table = catalog._catalog
    if COLUMN not in table.schema:
        return 0
    position = table.schema[COLUMN]
    data = table.data
    changed = 0
    for rid, record in data.items():
        value = record[position]
        # Other objects' records hold Missing.Value; converted ones a tuple.
        if not isinstance(value, tuple) or type(value) is tuple:
            continue
        record = list(record)
        record[position] = tuple(value)
        data[rid] = tuple(record)
        changed += 1
        if changed % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("plain dossier facts: %d", changed)
    logger.info("plain dossier facts: %d records", changed)
    return changed


def reindex_moved_interfaces(setup_tool=None, batch_size: int = 1000) -> int:
    """Reindex ``object_provides`` of our types (their schema interfaces'
    identifiers changed with the move); return how many objects."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(MOVED_TYPES))
    done = 0
    for done, brain in enumerate(brains, start=1):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(
            obj, brain.getPath(), idxs=["object_provides"], update_metadata=False
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("object_provides: %d of %d", done, len(brains))
    logger.info("object_provides: %d objects", done)
    return done
