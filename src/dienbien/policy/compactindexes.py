"""Field and keyword indexes that keep a value held by one object as that
object's record id, not as a tree set of one.

Stock ``UnIndex`` gives every new value a tree set of its own (an
``IITreeSet``: a persistent object, its own record in the database), "to
avoid conflict errors" when two transactions add documents under the same
new value. For indexes whose values are nearly all one object's (an id, a
sortable title, a dossier's code, the minute it was accepted, its
applicant's hashed phone and ID number), that is one more object to make,
pickle and store per value: about seven of the twenty objects a bulk-loaded
dossier wrote (docs/benchmarks.md, "The bulk load, third pass").

Here a new value keeps the record id itself, as ``UUIDIndex`` does; the
second object under a value turns it into a tree set (stock's own path for
rows kept as ints, "inline migration"). Queries, sorting and removal read
such rows as stock does, through the same code (``UnIndex`` handles int rows
everywhere). What is given up: two transactions that both add a second
object under the same value conflict on the bucket instead of merging in the
tree set, which for these indexes is two dossiers accepted in the same
minute by two desks at once; ZODB replays the later request.

Our own indexes are made compact by ``catalog.xml``; Plone's own ids and
sortable titles (one object's each, for dossiers) by ``make_compact`` after
the profile is imported (``setuphandlers.post_install``) and by upgrade
1028, since GenericSetup adds an index only when it is missing: importing a
catalog profile again leaves them as they are.
"""

from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex

import logging
import transaction


logger = logging.getLogger("dienbien.policy")


_MISSING = object()


class _SingleRows:
    def insertForwardIndexEntry(self, entry, documentId):
        if self._index.get(entry, _MISSING) is _MISSING:
            self._index[entry] = documentId
            self._length.change(1)
        else:
            # A tree set already, or the record id of the one object so far,
            # which stock turns into a tree set of the two.
            super().insertForwardIndexEntry(entry, documentId)


class CompactFieldIndex(_SingleRows, FieldIndex):
    """A field index of values mostly held by one object each."""

    meta_type = "CompactFieldIndex"


class CompactKeywordIndex(_SingleRows, KeywordIndex):
    """A keyword index of keywords mostly held by one object each."""

    meta_type = "CompactKeywordIndex"


#: The indexes that are compact since profile 1028.
COMPACT = {
    "getId": CompactFieldIndex,
    "id": CompactFieldIndex,
    "sortable_title": CompactFieldIndex,
    "dossier_code": CompactFieldIndex,
    "dossier_appointment": CompactFieldIndex,
    "dossier_accepted": CompactFieldIndex,
    "dossier_applicant": CompactKeywordIndex,
}


def make_compact(catalog, batch_size: int = 20000) -> dict[str, int]:
    """Replace each index of ``COMPACT`` that is not compact yet by its
    compact kind under the same name, filled from the old one's entries
    (record id → value or keywords): no object is woken. Return how many
    objects each holds."""
    table = catalog._catalog
    held = {}
    for name, kind in COMPACT.items():
        old = table.indexes.get(name)
        if old is None or isinstance(old, kind):
            held[name] = len(old._unindex) if old is not None else 0
            continue
        catalog.delIndex(name)
        catalog.addIndex(
            name, kind(name, extra={"indexed_attrs": old.getIndexSourceNames()})
        )
        new = table.getIndex(name)
        keywords = issubclass(kind, KeywordIndex)
        for done, (rid, datum) in enumerate(old._unindex.items(), start=1):
            for value in datum if keywords else (datum,):
                new.insertForwardIndexEntry(value, rid)
            new._unindex[rid] = list(datum) if keywords else datum
            if done % batch_size == 0 and catalog._p_jar is not None:
                # Keep memory flat: the entries read so far can leave the cache.
                transaction.savepoint(optimistic=True)
                catalog._p_jar.cacheGC()
        held[name] = len(new._unindex)
        logger.info("compact index %s: %d objects", name, held[name])
    return held
