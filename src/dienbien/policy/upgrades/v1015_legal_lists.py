"""Upgrade to profile version 1015 (the legal register's lists): the
``legal_revision`` metadata column (the reviewer's mark "to be amended or
replaced", read by the systematisation), filled for the documents there
are."""

from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy")
COLUMN = "legal_revision"


def add_revision_column(setup_tool=None, batch_size: int = 1000) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type="LegalDocument"), start=1
    ):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=["getId"],
            update_metadata=True,
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
    logger.info("%s column: %d legal documents", COLUMN, done)
    return done
