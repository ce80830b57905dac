"""What upgrade steps that add a catalog index share: add it, then index in
it the objects of the types it concerns, without touching their metadata."""

from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")


def add_and_fill(name, meta_type, portal_types, batch_size: int = 1000) -> int:
    """Add index ``name`` (if missing) and index every object of
    ``portal_types`` in it; return how many were indexed."""
    catalog = api.portal.get_tool("portal_catalog")
    if name not in catalog.indexes():
        catalog.addIndex(name, meta_type, extra={"indexed_attrs": name})
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type=list(portal_types)), start=1
    ):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[name],
            update_metadata=False,
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("%s index: %d objects", name, done)
    logger.info("%s index: %d objects", name, done)
    return done
