"""1023 → 1024: the ``document_register_key`` index (the register a numbered
document is written in), so that a year's register is one index look-up."""

from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")
INDEX = "document_register_key"
DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument")


def add_register_key_index(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the index and index every document in it (its metadata is left
    as it is); return how many documents were indexed."""
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "FieldIndex", extra={"indexed_attrs": INDEX})
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type=list(DOCUMENT_TYPES)), start=1
    ):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[INDEX],
            update_metadata=False,
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("register key index: %d documents", done)
    logger.info("register key index: %d documents", done)
    return done
