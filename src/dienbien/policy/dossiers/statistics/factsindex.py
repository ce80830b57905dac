"""The ``dossier_open_months`` index with the statistics' facts beside its
terms: a period's report reads the facts of that period's dossiers and
nothing else.

Its terms are those of the keyword index it replaces (profile 1025): the
months each dossier was open in, ``open`` while it is
(``core.statistics.open_months``), so ``{"dossier_open_months": terms}``
queries work as before. Beside them, for each term, a tree ``record id →
facts row`` of the dossiers under that term: the plain tuple of the
``dossier_facts`` metadata column, its moments as whole minutes
(``core.statistics.encode``, profile 1026).

Why here and not in the metadata column alone: reading a column unpickles
the whole catalog record (85 columns, four ``DateTime``s: about 960 bytes,
the facts about 240), so a year of a province (about 100,000 dossiers) took
seconds on the first call after a start. A term's tree holds only facts, in
large buckets (``FactsTree``): a year is its twelve months and ``open``, a
few hundred objects to load.

Being an index, the catalog keeps it in step for free: every
``catalog_object`` (the workflow's reindexing, the bulk loader, an upgrade
step reindexing it) and ``uncatalog_object`` passes through here, as for
the metadata column the facts also go to. A partial reindexing
(``idxs=[...]``) rewrites the metadata column but only the indexes it
names: one that changes the facts must name this index, as the change of a
unit's code does (``orgunits.reorganisation.DERIVED``). A dossier open over
several months is under each of them; ``period_facts`` counts it once.
"""

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from datetime import datetime
from dienbien.policy.core.statistics import encode
from dienbien.policy.core.statistics import minutes
from dienbien.policy.core.statistics import OPEN
from dienbien.policy.core.statistics import open_months
from dienbien.policy.core.statistics import period_terms
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex

import sys


META_TYPE = "DossierFactsIndex"
#: The attribute (``plone.indexer`` adapter) the facts are read from: the
#: one the metadata column is written from.
FACTS = "dossier_facts"
#: The positions of the short texts repeated from dossier to dossier (state,
#: channel, field, procedure, unit): interned, a bucket's pickle names each
#: once (the pickler shares identical objects), about 40 % smaller.
_SHARED = range(1, 6)
_ACCEPTED = 7


class FactsTree(IOBTree):
    """``record id → facts row`` with buckets of up to 500 rows (stock: 60):
    a month of a province is a few thousand dossiers, read whole, so fewer
    and larger objects load faster. A bucket's pickle is about 60 KB, the
    size of a catalog metadata bucket that every reindexing writes anyway.
    """

    max_leaf_size = 500


def _compact(row) -> tuple:
    """The row as kept: moments as minutes, short texts interned."""
    return tuple(
        sys.intern(value) if index in _SHARED and type(value) is str else value
        for index, value in enumerate(encode(row))
    )


def _month_start(term: str) -> int:
    """The first minute of a month's term, as the kept rows count them."""
    return minutes(datetime(int(term[:4]), int(term[5:7]), 1))


class DossierFactsIndex(KeywordIndex):
    """A keyword index of the open months that keeps each dossier's facts
    under its terms (see the module)."""

    meta_type = META_TYPE
    #: Whether every kept row has its moments as minutes: true of an index
    #: cleared since profile 1026, whose upgrade step refills the index.
    _rows_in_minutes = False

    def clear(self):
        super().clear()
        #: term → ``FactsTree``
        self._facts = OOBTree()
        self._rows_in_minutes = True

    def index_object(self, documentId, obj, threshold=None):
        row = getattr(obj, FACTS, None)
        if callable(row):  # an object's method rather than an indexer
            row = row()
        return self.index_row(documentId, row if isinstance(row, tuple) else None)

    def index_row(self, documentId, row) -> int:
        """Index the facts ``row`` (``None``: not a dossier) under
        ``documentId``; 1 when something changed. The upgrade step fills
        the index from the metadata column with it, waking no dossier."""
        terms = set(open_months(row)) if row else set()
        old = set(self._unindex.get(documentId, ()))
        changed = terms != old
        for term in old - terms:
            self.removeForwardIndexEntry(term, documentId)
            tree = self._facts.get(term)
            if tree is not None and documentId in tree:
                del tree[documentId]
        for term in terms - old:
            self.insertForwardIndexEntry(term, documentId)
        if changed:
            if terms:
                self._unindex[documentId] = sorted(terms)
            else:
                del self._unindex[documentId]
        if terms:
            row = _compact(row)
        for term in sorted(terms):
            tree = self._facts.get(term)
            if tree is None:
                tree = self._facts[term] = FactsTree()
            # Until upgrade 1026, a row kept with ``datetime``s differs from
            # the same facts in minutes: the first reindexing rewrites it.
            if tree.get(documentId) != row:
                tree[documentId] = row
                changed = True
        if changed:
            self._increment_counter()
        return 1 if changed else 0

    def unindex_object(self, documentId):
        for term in self._unindex.get(documentId, ()):
            tree = self._facts.get(term)
            if tree is not None and documentId in tree:
                del tree[documentId]
        super().unindex_object(documentId)

    def period_facts(self, start: datetime, end: datetime, rids=None) -> list:
        """The facts rows of the dossiers under ``period_terms(start, end)``,
        each once, as kept (``encode``); only those whose record id is in
        ``rids`` when given.

        A dossier is under every month it was open in; it is taken from the
        first of them in the period: the period's first month, or the month
        it was accepted in (accepted on or after that month's start).
        Dossiers still open are only under ``open``.
        """
        if not self._rows_in_minutes:
            return self._older_facts(start, end, rids)
        facts = []
        for tree, since in self._trees(start, end):
            if rids is None:
                if since is None:
                    facts.extend(tree.values())
                else:  # those not taken from an earlier month of the period
                    facts.extend(
                        row for row in tree.values() if row[_ACCEPTED] >= since
                    )
                continue
            for rid, row in tree.items():
                if rid in rids and (since is None or row[_ACCEPTED] >= since):
                    facts.append(row)
        return facts

    def _trees(self, start: datetime, end: datetime):
        """``(tree, since)`` of the period's terms: the tree's dossiers
        accepted from ``since`` on (minutes; ``None``: all) are the ones
        not taken from an earlier month of the period."""
        terms = period_terms(start, end)
        for term in terms:
            tree = self._facts.get(term)
            if tree is not None:
                since = None if term in (terms[0], OPEN) else _month_start(term)
                yield tree, since

    def _older_facts(self, start: datetime, end: datetime, rids) -> list:
        """``period_facts`` of an index filled before profile 1026: rows
        with ``datetime``s, and rows as kept now for the dossiers indexed
        since. Slower, until the upgrade step refills the index."""
        facts = []
        for tree, since in self._trees(start, end):
            facts.extend(
                encode(row)
                for rid, row in tree.items()
                if (rids is None or rid in rids)
                and (since is None or minutes(row[_ACCEPTED]) >= since)
            )
        return facts

    def facts_size(self) -> int:
        """How many facts rows the trees hold (a dossier once per term)."""
        return sum(len(tree) for tree in self._facts.values())
