"""What upgrade steps that rewrite catalog indexes share: adding an index
and filling it for the types it concerns, without touching their metadata;
keeping memory flat while half a million entries change."""

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


def keep_memory_flat(catalog) -> None:
    """What a long step has written so far goes to a savepoint, and the
    objects it read or changed may leave the cache: a step that changes most
    buckets of an index for half a million dossiers would otherwise hold
    them all until its commit."""
    transaction.savepoint(optimistic=True)
    catalog._p_jar.cacheGC()
