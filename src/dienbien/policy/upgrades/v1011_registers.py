"""Upgrade to profile version 1011: the ``document_register`` catalog column
that the registers of outgoing and incoming documents read (what they print
beyond the other columns), filled for the documents already there."""

from plone import api

import logging


logger = logging.getLogger(__name__)
COLUMN = "document_register"


def add_register_column(setup_tool=None):
    catalog = api.portal.get_tool("portal_catalog")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    brains = catalog.unrestrictedSearchResults(
        portal_type=["OutgoingDocument", "IncomingDocument"]
    )
    for count, brain in enumerate(brains, start=1):
        # Any index names the object: its metadata columns are all rewritten.
        brain._unrestrictedGetObject().reindexObject(idxs=["document_kind"])
        if count % 1000 == 0:
            logger.info("registers: %d documents", count)
    logger.info("registers: column %s filled for %d documents", COLUMN, len(brains))
