"""1027 → 1028: the six validity indexes (``legal_<status>``) hold legal
documents only (``legal/rangeindex.py``); before, every catalogued object
was under each of them as "always".

Each index is replaced by a ``LegalRangeIndex`` with the same dates, and
only the legal documents are indexed into them: no other object is woken,
and the metadata stays as it is.
"""

from dienbien.policy.legal.rangeindex import legal_range_index
from dienbien.policy.legal.validity import TIMELINE_INDEXES
from plone import api

import logging


logger = logging.getLogger("dienbien.policy.upgrades")


def legal_ranges(setup_tool=None) -> int:
    """Replace the indexes and fill them; return how many legal documents
    they hold. Run again, it leaves them as they are."""
    catalog = api.portal.get_tool("portal_catalog")
    indexes = catalog._catalog.indexes
    replaced = []
    for name in TIMELINE_INDEXES:
        index = indexes.get(name)
        if index is None or index.meta_type != "DateRangeIndex":
            continue  # a LegalRangeIndex already, or not a range
        since, until = index.getSinceField(), index.getUntilField()
        catalog.delIndex(name)
        catalog.addIndex(name, legal_range_index(name, since, until, like=index))
        replaced.append(name)
    if replaced:
        for brain in catalog.unrestrictedSearchResults(portal_type="LegalDocument"):
            catalog.catalog_object(
                brain._unrestrictedGetObject(),
                brain.getPath(),
                idxs=replaced,
                update_metadata=False,
            )
    held = max((len(indexes[name]._unindex) for name in replaced), default=0)
    logger.info(
        "validity indexes: %d replaced, %d legal documents", len(replaced), held
    )
    return held
