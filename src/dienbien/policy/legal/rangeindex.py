"""The validity indexes (``legal_<status>``) hold legal documents only.

Stock ``DateRangeIndex`` reads an object without the index's two dates as
"always": every page, news item and dossier of the site was under each of
the six statuses' ``_always`` set, and each catalogued object wrote six
entries for nothing. At half a million dossiers that was 3 million entries,
and about a twentieth of a bulk-loaded dossier's time (docs/benchmarks.md,
"The bulk load, third pass").

``LegalRangeIndex`` leaves out an object that has neither date, as a field
index leaves out one without its attribute. A legal document always has
both (its indexers give ``None`` for an open end, never nothing), so what a
status query finds among legal documents is unchanged; the queries name the
type anyway (``legal/search.py``). Uninstalling gives them back as stock
indexes (``make_stock_ranges``), whose class outlives this package.
"""

from Products.PluginIndexes.DateRangeIndex.DateRangeIndex import DateRangeIndex


META_TYPE = "LegalRangeIndex"
_MISSING = object()


class LegalRangeIndex(DateRangeIndex):
    """A date range index of the objects that have its dates."""

    meta_type = META_TYPE

    def index_object(self, documentId, obj, threshold=None):
        if self._since_field is not None and not any(
            getattr(obj, field, _MISSING) is not _MISSING
            for field in (self._since_field, self._until_field)
        ):
            # Not (or no longer) one of the index's objects.
            if documentId in self._unindex:
                self.unindex_object(documentId)
                return 1
            return 0
        return super().index_object(documentId, obj, threshold)


def legal_range_index(name, since_field, until_field, like=None):
    """A ``LegalRangeIndex`` with the dates, and the bounds of ``like``."""
    return _range(LegalRangeIndex, name, since_field, until_field, like)


def _range(kind, name, since_field, until_field, like):
    options = {}
    if like is not None:
        options = {
            "floor_value": like.floor_value,
            "ceiling_value": like.ceiling_value,
            "precision_value": like.precision_value,
        }
    return kind(name, since_field=since_field, until_field=until_field, **options)


def make_stock_ranges(catalog) -> list[str]:
    """Give back every validity index as a stock ``DateRangeIndex`` with the
    same legal documents (uninstalling: without this package, an index of
    its class could not be loaded). Return the names."""
    table = catalog._catalog
    names = [
        name for name, index in table.indexes.items() if type(index) is LegalRangeIndex
    ]
    for name in names:
        old = table.indexes[name]
        catalog.delIndex(name)
        catalog.addIndex(
            name,
            _range(DateRangeIndex, name, old.getSinceField(), old.getUntilField(), old),
        )
        new = table.getIndex(name)
        for rid, (since, until) in old._unindex.items():
            new._insertForwardIndexEntry(since, until, rid)
            new._unindex[rid] = (since, until)
    return names
