"""How the catalog reads a dossier (and an official document): plone.indexer's
wrapper, with the interfaces the object provides worked out once per
indexing instead of once per index and column.

The catalog asks the wrapper for about a hundred names per object (every
index and metadata column). The stock wrapper looks up an indexer adapter for
each, and each lookup recomputes what a Dexterity object provides (its class,
its FTI's schema and its behaviors). For dossiers, which are indexed in the
hundreds of thousands and reindexed on every step, that was half the cost of
storing one. Values are the same as the stock wrapper's, with one exception
that does not apply to dossiers: a Python script acquired through the web is
not used as an indexer.

``LookupOnceWrapper`` is that wrapper (documents use it as it is);
``DossierIndexableWrapper`` answers only the names of ``catalogue.NAMES``:
a dossier has no value in any other index or column
(``dossiers/catalogue.py``).
"""

from Acquisition import aq_base
from dienbien.policy.dossiers.catalogue import NAMES
from dienbien.policy.dossiers.dossier import IDossier
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.ZCatalog.interfaces import IZCatalog
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import providedBy


class LookupOnceWrapper(IndexableObjectWrapper):
    def __init__(self, object, catalog):
        super().__init__(object, catalog)
        self.__dict__["_dossier_lookup"] = (
            getSiteManager().adapters.lookup,
            (providedBy(object), providedBy(catalog)),
            object,
            catalog,
        )

    def __getattr__(self, name):
        if name.startswith("__"):  # Python's and Zope's own protocol names
            return super().__getattr__(name)
        lookup, required, dossier, catalog = self.__dict__["_dossier_lookup"]
        factory = lookup(required, IIndexer, name)
        if factory is not None:
            indexer = factory(dossier, catalog)
            if indexer is not None:
                return indexer()
        variables = self.__dict__["_IndexableObjectWrapper__vars"]
        if name in variables:
            return variables[name]
        # Only the dossier's own attributes count, never acquired ones:
        # raises AttributeError for a name the dossier does not have. A
        # plain value is the answer; a method is taken again from the
        # wrapped dossier, bound in its acquisition context.
        value = getattr(aq_base(dossier), name)
        if callable(value) or hasattr(value, "__of__"):
            return getattr(dossier, name)
        return value


@adapter(IDossier, IZCatalog)
class DossierIndexableWrapper(LookupOnceWrapper):
    def __getattr__(self, name):
        if name not in NAMES and not name.startswith(("_", "aq_")):
            raise AttributeError(name)
        return super().__getattr__(name)
