"""Field and keyword indexes that keep a value held by one object as that
object's record id, not as a tree set of one.

Stock ``UnIndex`` gives every new value a tree set of its own (an
``IITreeSet``: a persistent object, its own record in the database), "to
avoid conflict errors" when two transactions add documents under the same
new value. For indexes whose values are nearly all one object's (an id, a
sortable title, a dossier's code, the minute it was accepted, its
applicant's hashed phone and ID number), that is one more object to make,
pickle and store per value: about seven of the twenty objects a bulk-loaded
dossier wrote, most of them in the indexes made compact here
(docs/benchmarks.md, "The bulk load, third pass").

Here a new value keeps the record id itself, as ``UUIDIndex`` does; the
second object under a value turns it into a tree set (stock's own path for
rows kept as ints, "inline migration"). Queries, sorting and removal read
such rows through ``UnIndex``'s own code, which reads int rows (its
``histogram`` does not: it is mended here).

What is given up: the change of a row from a record id to a tree set is a
change of the bucket that holds the value, and ZODB cannot merge it with a
concurrent change of the same bucket (it cannot compare a number with a
stored object), even under another value. So only indexes whose values
almost never get a second object, or get it far from what concurrent
requests write, are compact: ids, sortable titles and codes are one
object's each, and an applicant's hashed phone or ID number falls in a
bucket no other desk's dossier writes to at the same moment. The minutes of
acceptance and appointment are not: neighbouring minutes share buckets, and
two desks receive in the same minute.

Our own indexes are made compact by ``catalog.xml``; Plone's own ids and
sortable titles (one object's each, for dossiers) by ``make_compact`` after
the profile is imported (``setuphandlers.post_install``) and by upgrade
1028, since GenericSetup adds an index only when it is missing: importing a
catalog profile again leaves them as they are. Uninstalling gives every
compact index back as a stock one (``make_stock``), whose class outlives
this package.
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

    def histogram(self):
        """How many values have one object, two …: stock's, for int rows
        too (``UnIndex.histogram`` tests the item, not its row)."""
        histogram = {}
        for row in self._index.values():
            entry = 1 if isinstance(row, int) else len(row)
            histogram[entry] = histogram.get(entry, 0) + 1
        return histogram


class CompactFieldIndex(_SingleRows, FieldIndex):
    """A field index of values mostly held by one object each."""

    meta_type = "CompactFieldIndex"


class CompactKeywordIndex(_SingleRows, KeywordIndex):
    """A keyword index of keywords mostly held by one object each."""

    meta_type = "CompactKeywordIndex"


#: The indexes that are compact since profile 1028, and the stock kind each
#: replaced (and gives back on uninstalling).
COMPACT = {
    "getId": CompactFieldIndex,
    "id": CompactFieldIndex,
    "sortable_title": CompactFieldIndex,
    "dossier_code": CompactFieldIndex,
    "dossier_applicant": CompactKeywordIndex,
}
STOCK = {CompactFieldIndex: FieldIndex, CompactKeywordIndex: KeywordIndex}


def make_compact(catalog, batch_size: int = 20000) -> dict[str, int]:
    """Replace each index of ``COMPACT`` that is still of its stock kind by
    its compact kind under the same name, filled from the old one's entries
    (record id → value or keywords): no object is woken. An index of another
    kind (a site's own choice) is left alone. Return how many objects each
    compact index holds."""
    held = {}
    for name, kind in COMPACT.items():
        old = catalog._catalog.indexes.get(name)
        if old is not None and type(old) is STOCK[kind]:
            _replace(catalog, name, kind, batch_size)
        elif old is not None and type(old) is not kind:
            logger.warning("index %s is a %s: not made compact", name, old.meta_type)
            continue
        index = catalog._catalog.indexes.get(name)
        held[name] = len(index._unindex) if index is not None else 0
    return held


def make_stock(catalog, batch_size: int = 20000) -> list[str]:
    """Give back every compact index of the catalog as its stock kind, with
    the same entries (uninstalling: without this package, an index of its
    classes could not be loaded). Return the names."""
    names = [
        name for name, index in catalog._catalog.indexes.items() if type(index) in STOCK
    ]
    for name in names:
        _replace(catalog, name, STOCK[type(catalog._catalog.indexes[name])], batch_size)
    return names


def _replace(catalog, name, kind, batch_size):
    """Replace index ``name`` by a new one of ``kind`` with the same entries."""
    table = catalog._catalog
    old = table.indexes[name]
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
    logger.info("index %s: a %s of %d objects", name, kind.meta_type, len(new._unindex))
