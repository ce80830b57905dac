"""Bulk loading of dossiers (migrations from an earlier one-stop system,
benchmarks): objects are built and stored without firing events, and
indexed in batches, each batch in its own transaction.

Each record is already complete (code, times, state, log); nothing is
computed here, so the loader is as fast as storing and indexing allow.
"""

from Acquisition import aq_base
from datetime import datetime
from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.core.uids import OrderedUids
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.catalogue import INDEXES
from dienbien.policy.dossiers.catalogue import NAMES
from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.indexable import DossierIndexableWrapper
from dienbien.policy.dossiers.sequence import at_least
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from Missing import MV
from persistent.list import PersistentList
from plone import api
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import ATTRIBUTE_NAME
from Products.CMFPlone import CatalogTool
from Products.PluginIndexes.interfaces import ITransposeQuery
from zope.annotation.interfaces import IAnnotations

import transaction


#: Unit references: the records name units by code; the dossier stores UIDs.
UNIT_FIELDS = ("receiving_unit", "handling_unit")
WORKFLOW = "dienbien_dossier_workflow"


def _make(record: dict, uids: dict[str, str], new_uid: OrderedUids) -> Dossier:
    dossier = Dossier(id=dossier_id(record["code"]))
    dossier.portal_type = "Dossier"
    for name, value in record.items():
        if name in UNIT_FIELDS:
            # One look-up per load, not per dossier.
            point_to(dossier, name, uids.get(value), value)
        elif name not in ("state", "log"):
            setattr(dossier, name, value)
    dossier.title = f"{record['code']} – {record.get('procedure_title', '')}"
    # What the creation event would have given it, but in the order of the
    # load: random UIDs would rewrite a bucket of the UID index each.
    setattr(dossier, ATTRIBUTE_NAME, new_uid())
    return dossier


def bulk_load(
    folder,
    records,
    batch_size: int = 1000,
    progress=None,
    commit: bool = True,
    cache_size: int = 300_000,
) -> int:
    """Store dossiers from ``records`` (dicts of Dossier attributes plus
    ``state`` and ``log``); return how many were loaded. With ``commit``
    each batch is its own transaction; without, the caller's transaction
    holds them all (small loads, such as the demo).

    While a committing load runs, the database's object caches hold at
    least ``cache_size`` objects: every batch touches catalog buckets all over the indexes, and
    reading them back from the storage after each commit costs more than
    the memory (a few hundred MB for 100,000 dossiers).
    """
    with cache_at_least(folder, cache_size, commit):
        return _load(folder, records, batch_size, progress, commit)


def _load(folder, records, batch_size, progress, commit) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    definition = workflow[WORKFLOW]
    loaded = 0
    pending = []
    mappings = {}
    memo = _LoadMemo()
    uids = uids_by_code()
    new_uid = OrderedUids()
    for record in records:
        dossier = _make(record, uids, new_uid)
        folder._setObject(dossier.getId(), dossier, suppress_events=True)
        dossier = folder._getOb(dossier.getId())
        workflow.setStatusOf(
            WORKFLOW,
            dossier,
            {
                "review_state": record["state"],
                "action": None,
                "actor": "bulk-load",
                "comments": "",
                "time": None,
            },
        )
        _map_roles(definition, dossier, record["state"], mappings)
        parts = CODE_PATTERN.match(record["code"])
        if parts:
            at_least(
                folder,
                parts["unit"],
                datetime.strptime(parts["day"], "%y%m%d").date(),
                int(parts["seq"]),
            )
        entries = PersistentList(record.get("log", ()))
        IAnnotations(dossier)[log.KEY] = entries
        pending.append(dossier)
        loaded += 1
        if len(pending) >= batch_size:
            _index(catalog, pending, memo)
            pending = []
            if commit:
                transaction.commit()
            if progress:
                progress(loaded)
    if pending:
        _index(catalog, pending, memo)
        if commit:
            transaction.commit()
        if progress:
            progress(loaded)
    return loaded


def _map_roles(definition, dossier, state, mappings):
    """The workflow's permission settings for ``state``: worked out for the
    first dossier in each state, copied to the others (a fresh dossier has
    no settings of its own, so they depend on the state alone)."""
    mapping = mappings.get(state)
    if mapping is None:
        definition.updateRoleMappingsFor(dossier)
        mappings[state] = {
            name: value
            for name, value in vars(dossier).items()
            if name.startswith("_") and name.endswith("_Permission")
        }
        return
    for name, value in mapping.items():
        # A list means "also acquire": each dossier gets its own copy.
        setattr(dossier, name, list(value) if isinstance(value, list) else value)


def _index(catalog, dossiers, memo):
    """Write new dossiers to their indexes and columns as
    ``Catalog.catalogObject`` writes a new object to the indexes ``idxs``
    names (``Dossier.indexObject``), less what it repeats for each object:
    the search of every index for one that indexes on others' behalf
    (``ITransposeQuery``, done once here) and the columns no dossier fills
    (``_load_wrapper``)."""
    table = catalog._catalog
    if memo.indexes is None:
        memo.indexes = _indexes(table)
        memo.wrapper = _load_wrapper(table)
    for dossier in dossiers:
        wrapper = memo.wrapper(dossier, catalog, memo)
        path = "/".join(dossier.getPhysicalPath())
        if path in table.uids:  # not new after all: the catalog's own way
            catalog.catalog_object(wrapper, path, idxs=list(INDEXES))
            continue
        rid = table.updateMetadata(wrapper, path, None)
        table._length.change(1)
        table.uids[path] = rid
        table.paths[rid] = path
        for index in memo.indexes:
            index.index_object(rid, wrapper, None)
    catalog._increment_counter()  # as ``catalog_object`` does: caches see it


def _indexes(table) -> list:
    """The indexes a dossier is written to, with any that indexes on their
    behalf (as ``Catalog.catalogObject`` adds them)."""
    names = set(INDEXES) & set(table.indexes)
    for name in table.indexes:
        index = table.getIndex(name)
        if ITransposeQuery.providedBy(index) and names & set(index.getIndexNames()):
            names.add(name)
    return [table.getIndex(name) for name in sorted(names)]


def _load_wrapper(table) -> type:
    """``_LoadWrapper`` answering at once, as a class attribute, the
    missing value for each column no dossier fills: the catalog asks for
    every column, and each such miss otherwise raises and catches an
    AttributeError (the dossiers' wrapper raises it; the column's value is
    then the missing value all the same)."""
    missing = {name: MV for name in table.names if name not in NAMES}
    return type("_LoadWrapperForColumns", (_LoadWrapper,), missing)


class _LoadMemo:
    """What one load works out once for all its dossiers, or once for all
    those alike in what decides it.

    A load takes what it reads of the site to stay as it is while it runs:
    the units and their successions (as ``uids_by_code`` does), the folder's
    roles, the registered indexers. A migration runs with the site closed
    to such changes.
    """

    def __init__(self):
        #: ``allowedRolesAndUsers`` by ``_access_key``.
        self.access = {}
        #: Whether the stock ``allowedRolesAndUsers`` indexer is the one
        #: registered for dossiers: worked out on the first dossier.
        self.stock_access = None
        #: The indexes written to (``_indexes``) and the wrapper's class
        #: (``_load_wrapper``), worked out on the first batch.
        self.indexes = None
        self.wrapper = None


def _access_key(dossier) -> tuple:
    """What a dossier's ``allowedRolesAndUsers`` depends on besides the site:
    the permission settings of its state (copied from the workflow's map,
    ``_map_roles``), the units that give local roles (``localroles.py``),
    its own local roles (the owner's) and whether it blocks the folder's."""
    base = aq_base(dossier)
    history = base.workflow_history[WORKFLOW]
    return (
        history[-1]["review_state"],
        tuple(
            getattr(base, f"_{name}_{part}", None)
            for name in UNIT_FIELDS
            for part in ("uid", "code")
        ),
        tuple(
            (principal, tuple(roles))
            for principal, roles in sorted(
                (getattr(base, "__ac_local_roles__", None) or {}).items()
            )
        ),
        bool(getattr(base, "__ac_local_roles_block__", False)),
    )


class _LoadWrapper(DossierIndexableWrapper):
    """The catalog's view of a dossier during one load: the dossiers'
    wrapper, remembering what the load's dossiers share.

    The load asks a dossier only for the names of its own indexes and
    columns (``_index``, ``_load_wrapper``), some of them twice (an index
    and a column of the same name): the second answer is the first's.

    The stock ``allowedRolesAndUsers`` indexer costs more than most of a
    dossier's indexes (it acquires tools and walks the parents' local
    roles), and gives the same answer for dossiers alike in what it reads:
    when it is the registered one, it is asked once per ``_access_key``.

    ``tests/test_dossier_bulk_catalog.py`` compares every entry with what
    the dossiers' own wrapper gives, and with the stock wrapper's values.
    """

    def __init__(self, object, catalog, memo: _LoadMemo):
        super().__init__(object, catalog)
        self.__dict__["_memo"] = memo
        self.__dict__["_known"] = {}
        if memo.stock_access is None:
            lookup, required = self.__dict__["_dossier_lookup"][:2]
            memo.stock_access = (
                lookup(required, IIndexer, "allowedRolesAndUsers")
                is CatalogTool.allowedRolesAndUsers
            )

    @property
    def _dossier(self):
        return self.__dict__["_dossier_lookup"][2]

    def __getattr__(self, name):
        # The catalog asks for some names twice (an index and a column of
        # the same name: UID, review_state, created ...); the dossier does
        # not change in between.
        known = self.__dict__["_known"]
        if name in known:
            return known[name]
        if name == "allowedRolesAndUsers" and self.__dict__["_memo"].stock_access:
            value = self._shortcut_allowedRolesAndUsers()
        else:
            value = super().__getattr__(name)
        known[name] = value
        return value

    def _stock(self, name):
        return super().__getattr__(name)

    def _shortcut_allowedRolesAndUsers(self):
        access = self.__dict__["_memo"].access
        key = _access_key(self._dossier)
        allowed = access.get(key)
        if allowed is None:
            allowed = access[key] = tuple(self._stock("allowedRolesAndUsers"))
        return list(allowed)  # the indexer's own type, a fresh one each time
