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
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.indexable import DossierIndexableWrapper
from dienbien.policy.dossiers.sequence import at_least
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from persistent.list import PersistentList
from plone import api
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import ATTRIBUTE_NAME
from zope.annotation.interfaces import IAnnotations

import transaction
import uuid


#: Unit references: the records name units by code; the dossier stores UIDs.
UNIT_FIELDS = ("receiving_unit", "handling_unit")


def _make(record: dict, uids: dict[str, str]) -> Dossier:
    dossier = Dossier(id=dossier_id(record["code"]))
    dossier.portal_type = "Dossier"
    for name, value in record.items():
        if name in UNIT_FIELDS:
            # One look-up per load, not per dossier.
            point_to(dossier, name, uids.get(value), value)
        elif name not in ("state", "log"):
            setattr(dossier, name, value)
    dossier.title = f"{record['code']} – {record.get('procedure_title', '')}"
    # What the creation event would have given it.
    setattr(dossier, ATTRIBUTE_NAME, uuid.uuid4().hex)
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
    definition = workflow["dienbien_dossier_workflow"]
    loaded = 0
    pending = []
    mappings = {}
    absent = set()
    uids = uids_by_code()
    for record in records:
        dossier = _make(record, uids)
        folder._setObject(dossier.getId(), dossier, suppress_events=True)
        dossier = folder._getOb(dossier.getId())
        workflow.setStatusOf(
            "dienbien_dossier_workflow",
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
            _index(catalog, pending, absent)
            pending = []
            if commit:
                transaction.commit()
            if progress:
                progress(loaded)
    if pending:
        _index(catalog, pending, absent)
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


def _index(catalog, dossiers, absent):
    for dossier in dossiers:
        catalog.catalog_object(
            _LoadWrapper(dossier, catalog, absent),
            "/".join(dossier.getPhysicalPath()),
        )


class _LoadWrapper(DossierIndexableWrapper):
    """The catalog's view of a dossier during one load: the dossiers'
    wrapper, remembering the names a dossier has nowhere.

    The catalog asks every dossier for every index's and column's name, and
    most (the units', procedures', documents', legal texts' ...) are no
    dossier's. Each such miss ran Dexterity's ``__getattr__``, which looks
    for a default in the type's schema and in each behavior's: about 40 µs,
    some hundred times a dossier, more than all the rest of its indexing.
    A name found nowhere for one dossier (no indexer, no workflow variable,
    not on the class, not in a schema of the type) is found nowhere for the
    next of the same load unless that dossier holds it itself: the answer,
    an AttributeError, is the same, only sooner.
    """

    def __init__(self, object, catalog, absent: set):
        super().__init__(object, catalog)
        self.__dict__["_absent"] = absent
        self.__dict__["_own"] = vars(aq_base(object))
        self.__dict__["_known"] = {}

    def __getattr__(self, name):
        state = self.__dict__
        if (
            name in state["_absent"]
            and name not in state["_own"]
            and name not in state["_IndexableObjectWrapper__vars"]
        ):
            raise AttributeError(name)
        # The catalog asks for some names twice (an index and a column of
        # the same name: UID, Title, Date, review_state ...); the dossier
        # does not change in between.
        known = state["_known"]
        if name in known:
            return known[name]
        try:
            value = known[name] = super().__getattr__(name)
        except AttributeError:
            if not name.startswith("__") and self._nowhere(name):
                state["_absent"].add(name)
            raise
        return value

    def _nowhere(self, name) -> bool:
        lookup, required, dossier, _catalog = self.__dict__["_dossier_lookup"]
        return (
            lookup(required, IIndexer, name) is None
            and name not in self.__dict__["_IndexableObjectWrapper__vars"]
            and name not in self.__dict__["_own"]
            and not hasattr(type(aq_base(dossier)), name)
        )
