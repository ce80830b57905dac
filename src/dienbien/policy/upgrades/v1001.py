"""1000 → 1001: officers resolve (the workflow, re-imported by an
``upgradeDepends`` in ``configure.zcml``), the ``dossier_facts`` metadata
column, and an unordered dossier folder.

The statistics read one column of facts per dossier instead of a dozen
columns parsed one by one. Existing dossiers get theirs here, and the
columns and indexes only the statistics read go.
"""

from dienbien.policy.dossiers.dossier import DOSSIERS_PATH
from plone import api
from zope.annotation.interfaces import IAnnotations

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")

COLUMN = "dossier_facts"
DROPPED_INDEXES = ("dossier_resolved", "dossier_returned", "dossier_submitted")
DROPPED_COLUMNS = (*DROPPED_INDEXES, "dossier_state_changed")


def add_dossier_facts(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the column and fill it for every dossier; return how many."""
    catalog = api.portal.get_tool("portal_catalog")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    brains = catalog.unrestrictedSearchResults(portal_type="Dossier")
    total = len(brains)
    for done, brain in enumerate(brains, start=1):
        dossier = brain._unrestrictedGetObject()
        # Metadata only: one cheap index to name, no index changes.
        catalog.catalog_object(
            dossier, brain.getPath(), idxs=["getId"], update_metadata=True
        )
        if done % batch_size == 0:
            # Keep memory flat on a large site; one transaction all the same.
            transaction.savepoint(optimistic=True)
            logger.info("dossier facts: %d of %d", done, total)
    logger.info("dossier facts: %d dossiers", total)
    # What the statistics read before, one column or index per fact.
    for name in DROPPED_INDEXES:
        if name in catalog.indexes():
            catalog.delIndex(name)
    for name in DROPPED_COLUMNS:
        if name in catalog.schema():
            catalog.delColumn(name)
    return total


ORDER_KEYS = ("plone.folder.ordered.order", "plone.folder.ordered.pos")


def unorder_dossier_folder(setup_tool=None) -> None:
    """Drop the dossier folder's manual order. ``DossierFolder`` is now
    unordered by class; the order it kept until now is only dead weight
    (a list of every dossier id, rewritten by each new dossier)."""
    folder = api.portal.get().get(DOSSIERS_PATH)
    if folder is None:
        return
    folder.__dict__.pop("_ordering", None)  # the class's "unordered" applies
    folder._p_changed = True
    annotations = IAnnotations(folder)
    for key in ORDER_KEYS:
        if key in annotations:
            del annotations[key]
