"""Upgrade to profile version 1014 (sending and my work): the
``document_waiting`` index (whom a document waits for: its handlers, the
drafter of a returned draft) filled for the documents there are, and the
"My work" links of the personal menu and the navigation."""

from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy")
INDEX = "document_waiting"
TYPES = ("IncomingDocument", "OutgoingDocument")


def add_waiting_index(setup_tool=None, batch_size: int = 1000) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex", extra={"indexed_attrs": INDEX})
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type=list(TYPES)), start=1
    ):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[INDEX],
            update_metadata=False,
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
    logger.info("%s index: %d documents", INDEX, done)
    return done


def my_work_links(setup_tool=None) -> None:
    setup = setup_tool or api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-dienbien.policy:default", "actions")
