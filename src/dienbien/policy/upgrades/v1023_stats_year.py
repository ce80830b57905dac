"""1022 → 1023: the ``dossier_open_months`` index (the months each dossier
was open in, ``open`` while it is), so that a period's statistics read that
period's dossiers and the open ones instead of the whole history."""

from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")


def add_open_months_index(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the index and index every dossier in it (its metadata is left as
    it is); return how many dossiers were indexed."""
    catalog = api.portal.get_tool("portal_catalog")
    if PERIODS_INDEX not in catalog.indexes():
        catalog.addIndex(
            PERIODS_INDEX, "KeywordIndex", extra={"indexed_attrs": PERIODS_INDEX}
        )
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type="Dossier"), start=1
    ):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[PERIODS_INDEX],
            update_metadata=False,
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("open months index: %d dossiers", done)
    logger.info("open months index: %d dossiers", done)
    return done
