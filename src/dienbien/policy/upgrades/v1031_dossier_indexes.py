"""1030 → 1031: a dossier is written to its own indexes only
(``dossiers/catalogue.py``), and the site's full text holds its code only
(``dossiers/indexers.searchable_text``). The dossiers already stored are
taken out of every other index (the title's full text, the sortable title,
the interfaces provided, the subject, the author …), where new ones will
not be, so that no query finds some dossiers and misses others; their full
text is written again from their codes.

No dossier is woken: each index is asked to forget the dossiers' record
ids it holds, and the full text is written from the code column. Their
columns outside ``catalogue.COLUMNS`` keep the values last written until
each dossier is next indexed; no listing reads them.
"""

from dienbien.policy.catalogrecords import record_ids
from dienbien.policy.dossiers.catalogue import INDEXES
from dienbien.policy.upgrades.indexing import keep_memory_flat
from plone import api
from types import SimpleNamespace

import logging


logger = logging.getLogger("dienbien.policy.upgrades")

#: Dossiers between two savepoints: what they changed may leave the cache.
BATCH = 20_000


def dossier_indexes(setup_tool=None) -> dict[str, int]:
    """Take the dossiers out of the indexes not theirs and write their full
    text from their codes; return how many each index let go. Run again, it
    finds none."""
    catalog = api.portal.get_tool("portal_catalog")
    table = catalog._catalog
    rids = list(record_ids(catalog.unrestrictedSearchResults(portal_type="Dossier")))
    _codes_only(catalog, rids)
    removed = {}
    for name in sorted(set(table.indexes) - set(INDEXES)):
        index = table.getIndex(name)
        held = getattr(index, "_unindex", None)
        count = 0
        for rid in rids:
            # Indexes keeping a reverse map are asked only for what they
            # hold; the others (full text) check for themselves.
            if held is not None and rid not in held:
                continue
            if held is None and not _holds(index, rid):
                continue
            index.unindex_object(rid)
            count += 1
            if count % BATCH == 0:
                keep_memory_flat(catalog)
        if count:
            removed[name] = count
            logger.info("dossiers out of %s: %d", name, count)
    return removed


def _holds(index, rid) -> bool:
    text = getattr(index, "index", None)  # ZCTextIndex's own
    if text is not None and hasattr(text, "has_doc"):
        return text.has_doc(rid)
    return True  # unknown kind: its unindex_object copes with a stranger


def _codes_only(catalog, rids) -> None:
    """The full text of each dossier: its code, read from its column (none
    for a dossier without one, as the indexer gives)."""
    table = catalog._catalog
    index = table.getIndex("SearchableText")
    column = table.schema["dossier_code"]
    for done, rid in enumerate(rids, 1):
        code = table.data[rid][column]
        # A stand-in with the one attribute the index reads.
        text = code if isinstance(code, str) else ""
        index.index_object(rid, SimpleNamespace(SearchableText=text))
        if done % BATCH == 0:
            keep_memory_flat(catalog)
            logger.info("dossiers' full text: %d of %d", done, len(rids))
