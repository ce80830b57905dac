"""Catalog metadata read by record id, without brains.

A brain is cheap one at a time, but a year's register or a group of "my
work" reads hundreds to tens of thousands of them: making each brain and
reading each column through ``Record.__getattr__`` then costs more than
the work done with the values. These helpers read the columns a caller
names straight from the catalog's metadata table, as named tuples (the
same attribute names as on a brain). The catalog answer they read from
has had its security filter applied already (``searchResults``).
"""

from collections import namedtuple
from operator import itemgetter
from Products.ZCatalog.Catalog import Catalog
from ZTUtils.Lazy import LazyMap


def record_ids(results):
    """The record ids of a catalog answer, in its order (a sorted answer
    maps its ids, ``_seq``, to brains; any other shape goes by brain)."""
    maps = getattr(results, "_func", None) if isinstance(results, LazyMap) else None
    if getattr(maps, "__func__", None) is Catalog.__getitem__:
        return iter(results._seq)
    return (brain.getRID() for brain in results)


class Columns:
    """``read(rid)``: the named columns of a record as a named tuple."""

    def __init__(self, catalog, names, type_name="Record"):
        table = catalog._catalog
        self.type = namedtuple(type_name, names)
        pick = itemgetter(*(table.schema[name] for name in names))
        make, data = self.type._make, table.data
        if len(names) == 1:
            self.read = lambda rid: make((pick(data[rid]),))
        else:
            self.read = lambda rid: make(pick(data[rid]))

    def __call__(self, catalog_results):
        """Every record of an answer, in its order."""
        return map(self.read, record_ids(catalog_results))
