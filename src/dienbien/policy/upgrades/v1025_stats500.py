"""1024 → 1025: the ``dossier_open_months`` index keeps each dossier's
statistics facts beside its terms (``DossierFactsIndex``), so that a
period's report reads only its dossiers' facts instead of whole catalog
records.

The keyword index is replaced by the new one under the same name (queries
by its terms are unchanged) and filled from the ``dossier_facts`` metadata
column, which every reindexing keeps current: no dossier is woken, so half
a million dossiers take minutes, not the hours of a reindex.
"""

from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.dossiers.statistics.factsindex import DossierFactsIndex
from dienbien.policy.dossiers.statistics.factsindex import FACTS
from dienbien.policy.upgrades.indexing import keep_memory_flat
from plone import api

import logging


logger = logging.getLogger("dienbien.policy.upgrades")


def add_facts_index(setup_tool=None, batch_size: int = 5000) -> int:
    """Replace the index by a ``DossierFactsIndex`` and fill it; return how
    many dossiers it holds. Run again, it refills the same index."""
    catalog = api.portal.get_tool("portal_catalog")
    table = catalog._catalog
    index = table.indexes.get(PERIODS_INDEX)
    if not isinstance(index, DossierFactsIndex):
        if index is not None:
            catalog.delIndex(PERIODS_INDEX)
        catalog.addIndex(
            PERIODS_INDEX,
            DossierFactsIndex(PERIODS_INDEX, extra={"indexed_attrs": FACTS}),
        )
        index = table.getIndex(PERIODS_INDEX)
    index.clear()
    column = table.schema[FACTS]
    data = table.data
    dossiers = table.indexes["portal_type"]._index.get("Dossier", ())
    if isinstance(dossiers, int):  # a single record
        dossiers = (dossiers,)
    done = 0
    for done, rid in enumerate(dossiers, start=1):
        index.index_row(rid, data[rid][column])
        if done % batch_size == 0:
            keep_memory_flat(catalog)  # the records read so far can go
            logger.info("dossier facts index: %d dossiers", done)
    logger.info(
        "dossier facts index: %d dossiers, %d facts rows",
        done,
        index.facts_size(),
    )
    return len(index._unindex)
