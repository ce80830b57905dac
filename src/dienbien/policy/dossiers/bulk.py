"""Bulk loading of dossiers (migrations from an earlier one-stop system,
benchmarks): objects are built and stored without firing events, and
indexed in batches, each batch in its own transaction.

Each record is already complete (code, times, state, log); nothing is
computed here, so the loader is as fast as storing and indexing allow.
"""

from Acquisition import aq_base
from datetime import datetime
from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.bulkcache import fewer_collections
from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.core.statistics import open_months
from dienbien.policy.core.uids import OrderedUids
from dienbien.policy.dossiers import indexers
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.applicants import dossier_terms
from dienbien.policy.dossiers.applicants import site_key
from dienbien.policy.dossiers.catalogue import INDEXES
from dienbien.policy.dossiers.catalogue import NAMES
from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.indexable import DossierIndexableWrapper
from dienbien.policy.dossiers.sequence import at_least
from dienbien.policy.dossiers.statistics import facts
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from Missing import MV
from Persistence import PersistentMapping
from persistent.list import PersistentList
from plone import api
from plone.app.uuid.indexer import uuidIndexer
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import ATTRIBUTE_NAME
from Products.CMFCore.interfaces import IWorkflowStatus
from Products.CMFCore.WorkflowTool import DefaultWorkflowStatus
from Products.CMFPlone import CatalogTool
from Products.PluginIndexes.interfaces import ITransposeQuery
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter

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
    least ``cache_size`` objects: every batch touches catalog buckets all
    over the indexes, and reading them back from the storage after each
    commit costs more than the memory (a few hundred MB for 100,000
    dossiers); and Python's garbage collector runs less often
    (``bulkcache.fewer_collections``).
    """
    with cache_at_least(folder, cache_size, commit), fewer_collections(commit):
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
    highest = {}
    stock_status = None
    for record in records:
        dossier = _make(record, uids, new_uid)
        folder._setObject(dossier.getId(), dossier, suppress_events=True)
        dossier = folder._getOb(dossier.getId())
        status = {
            "review_state": record["state"],
            "action": None,
            "actor": "bulk-load",
            "comments": "",
            "time": None,
        }
        if stock_status is None:
            stock_status = _stock_status(dossier, definition)
        if stock_status:
            # What CMFCore's ``DefaultWorkflowStatus.set`` gives a new
            # object, without its adapter look-up and its attribute miss (a
            # Dexterity object's schema look-up).
            aq_base(dossier).workflow_history = PersistentMapping({WORKFLOW: (status,)})
        else:
            workflow.setStatusOf(WORKFLOW, dossier, status)
        _map_roles(definition, dossier, record["state"], mappings)
        parts = CODE_PATTERN.match(record["code"])
        if parts:
            key, seq = (parts["unit"], parts["day"]), int(parts["seq"])
            if highest.get(key, 0) < seq:
                highest[key] = seq
        entries = PersistentList(record.get("log", ()))
        IAnnotations(dossier)[log.KEY] = entries
        pending.append(dossier)
        loaded += 1
        if len(pending) >= batch_size:
            _index(catalog, pending, memo)
            _raise_counters(folder, highest)
            pending = []
            if commit:
                transaction.commit()
            if progress:
                progress(loaded)
    if pending:
        _index(catalog, pending, memo)
        _raise_counters(folder, highest)
        if commit:
            transaction.commit()
        if progress:
            progress(loaded)
    return loaded


def _stock_status(dossier, definition) -> bool:
    """Whether the workflow status of a dossier is kept CMFCore's way."""
    keeper = getMultiAdapter((dossier, definition), IWorkflowStatus)
    return type(keeper) is DefaultWorkflowStatus


def _raise_counters(folder, highest: dict) -> None:
    """Never issue again a number a loaded dossier used: each day's counter
    of a unit raised once per batch to the highest number of that day, not
    once per dossier."""
    for (unit, day), seq in highest.items():
        at_least(folder, unit, datetime.strptime(day, "%y%m%d").date(), seq)
    highest.clear()


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
    roles, the registered indexers, the workflows. A migration runs with the
    site closed to such changes.
    """

    def __init__(self):
        #: ``allowedRolesAndUsers`` by ``_access_key``.
        self.access = {}
        #: The indexes written to (``_indexes``) and the wrapper's class
        #: (``_load_wrapper``), worked out on the first batch.
        self.indexes = None
        self.wrapper = None
        #: What the first dossier tells of them all (``_LoadWrapper``): the
        #: adapter look-up and what it is asked with, the names whose
        #: registered indexer is one the load answers itself, the site's
        #: applicant key, whether the workflow variables depend on the
        #: state alone and, if so, the variables by state.
        self.lookup = None
        self.shortcuts = None
        self.key = None
        self.by_state = None
        self.variables = {}


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

    The stock wrapper asks the workflow tool for each dossier's workflow
    variables; with the dossiers' workflow as it ships, they are the state
    and nothing else, so they are asked once per state.

    Some registered indexers cost more than they need to for dossiers made
    by the loader, and are answered here, when they are the ones
    registered (``_SHORTCUTS``):

    - ``allowedRolesAndUsers``: the stock indexer costs more than most of a
      dossier's indexes (it acquires tools and walks the parents' local
      roles), and gives the same answer for dossiers alike in what it
      reads: it is asked once per ``_access_key``;
    - ``UID``: the attribute ``_make`` sets, without the adapter look-up;
    - ``dossier_applicant``: with the site's key read once per load;
    - ``dossier_open_months``: from the ``dossier_facts`` column's facts,
      not from facts worked out a second time.

    ``tests/test_dossier_bulk_catalog.py`` compares every entry with what
    the dossiers' own wrapper gives, and with the stock wrapper's values.
    """

    def __init__(self, object, catalog, memo: _LoadMemo):
        state = aq_base(object).workflow_history[WORKFLOW][-1]["review_state"]
        variables = memo.variables.get(state)
        if variables is None:  # the stock way; remembered if it may be
            super().__init__(object, catalog)
            self._first(memo, object, state)
        else:
            attributes = self.__dict__
            attributes["_IndexableObjectWrapper__object"] = object
            attributes["_IndexableObjectWrapper__catalog"] = catalog
            attributes["_IndexableObjectWrapper__vars"] = variables
            attributes["_dossier_lookup"] = (*memo.lookup, object, catalog)
        self.__dict__["_memo"] = memo
        self.__dict__["_known"] = {}

    def _first(self, memo, dossier, state):
        """What the first dossier (and the first in each state) tells of
        the load's others."""
        attributes = self.__dict__
        if memo.lookup is None:
            # Loaded dossiers are all of one class, with no interface of
            # their own: they provide the same.
            memo.lookup = attributes["_dossier_lookup"][:2]
            lookup, required = memo.lookup
            memo.shortcuts = {
                name: method
                for name, (registered, method) in _SHORTCUTS.items()
                if all(
                    lookup(required, IIndexer, each) is factory
                    for each, factory in registered.items()
                )
            }
            memo.key = site_key(create=True)
            memo.by_state = _variables_by_state(dossier)
        if memo.by_state:
            memo.variables[state] = attributes["_IndexableObjectWrapper__vars"]

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
        shortcut = self.__dict__["_memo"].shortcuts.get(name)
        value = shortcut(self) if shortcut else super().__getattr__(name)
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

    def _shortcut_UID(self):
        # What ``IUUID`` gives an object with the attribute.
        return getattr(aq_base(self._dossier), ATTRIBUTE_NAME, None)

    def _shortcut_dossier_applicant(self):
        return dossier_terms(self._dossier, self.__dict__["_memo"].key)

    def _shortcut_dossier_open_months(self):
        # What ``facts.open_months_index`` gives, from the facts the
        # ``dossier_facts`` column already worked out for this dossier.
        return open_months(self.dossier_facts)


#: The names ``_LoadWrapper`` answers in its own way, with the registered
#: indexers it answers for (by name): the way is taken only when they are
#: the ones registered.
_SHORTCUTS = {
    "allowedRolesAndUsers": (
        {"allowedRolesAndUsers": CatalogTool.allowedRolesAndUsers},
        _LoadWrapper._shortcut_allowedRolesAndUsers,
    ),
    "UID": ({"UID": uuidIndexer}, _LoadWrapper._shortcut_UID),
    "dossier_applicant": (
        {"dossier_applicant": indexers.dossier_applicant},
        _LoadWrapper._shortcut_dossier_applicant,
    ),
    "dossier_open_months": (
        {
            "dossier_open_months": facts.open_months_index,
            "dossier_facts": facts.facts_column,
        },
        _LoadWrapper._shortcut_dossier_open_months,
    ),
}


def _variables_by_state(dossier) -> bool:
    """Whether the catalog's workflow variables of a loaded dossier depend
    on its state alone: its chain is the dossiers' workflow, and each of
    that workflow's catalog variables is in the status the load gives every
    dossier (``_load``), which differs by state only."""
    tool = api.portal.get_tool("portal_workflow")
    if tuple(tool.getChainFor(dossier)) != (WORKFLOW,):
        return False
    definition = tool[WORKFLOW]
    status = aq_base(dossier).workflow_history[WORKFLOW][-1]
    return all(
        name in status
        for name, variable in definition.variables.items()
        if variable.for_catalog
    )
