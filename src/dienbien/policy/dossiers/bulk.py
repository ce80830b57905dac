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
from plone.app.textfield.interfaces import IRichText
from plone.base.defaultpage import get_default_page
from plone.base.utils import human_readable_size
from plone.dexterity.utils import iterSchemata
from plone.indexer.interfaces import IIndexer
from plone.namedfile.interfaces import INamedField
from plone.uuid.interfaces import ATTRIBUTE_NAME
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFields

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
    memo = _LoadMemo(folder)
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
    for dossier in dossiers:
        catalog.catalog_object(
            _LoadWrapper(dossier, catalog, memo),
            "/".join(dossier.getPhysicalPath()),
        )


class _LoadMemo:
    """What one load works out once for all its dossiers, or once for all
    those alike in what decides it. The site does not change during a load
    (its units, their successions, the folder and its roles): only the
    dossiers do.
    """

    def __init__(self, folder):
        #: Names no dossier of the load has (see ``_LoadWrapper``).
        self.absent = set()
        #: ``allowedRolesAndUsers`` by ``access_key``.
        self.access = {}
        #: The workflow's catalog variables by state.
        self.variables = {}
        # ``is_default_page`` compares the folder's default page with the
        # dossier's id; a folder of dossiers has none.
        self.default_page = get_default_page(folder) is not None
        #: Whether the dossiers' type has a field whose value has a size or
        #: image scales (files, images, rich text); worked out on the first.
        self.sized = None


def access_key(dossier) -> tuple:
    """What a dossier's ``allowedRolesAndUsers`` depends on besides the site:
    the permission settings of its state (copied from the workflow's map,
    ``_map_roles``), the units that give local roles (``localroles.py``)
    and its own local roles (the owner's)."""
    base = aq_base(dossier)
    return (
        workflow_state(base),
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


def workflow_state(base) -> str:
    history = base.workflow_history["dienbien_dossier_workflow"]
    return history[-1]["review_state"]


def _sized(dossier) -> bool:
    return any(
        INamedField.providedBy(field) or IRichText.providedBy(field)
        for schema in iterSchemata(dossier)
        for field in getFields(schema).values()
    )


class _LoadWrapper(DossierIndexableWrapper):
    """The catalog's view of a dossier during one load: the dossiers'
    wrapper, remembering what the load's dossiers share.

    The catalog asks every dossier for every index's and column's name, and
    most (the units', procedures', documents', legal texts' ...) are no
    dossier's. Each such miss ran Dexterity's ``__getattr__``, which looks
    for a default in the type's schema and in each behavior's: about 40 µs,
    some hundred times a dossier, more than all the rest of its indexing.
    A name found nowhere for one dossier (no indexer, no workflow variable,
    not on the class, not in a schema of the type) is found nowhere for the
    next of the same load unless that dossier holds it itself: the answer,
    an AttributeError, is the same, only sooner.

    The workflow's catalog variables are asked once per state, and four
    stock indexers give the same answer for every dossier alike in
    what they read, and each costs more than most of a dossier's indexes
    (acquiring tools, walking every field of the type):

    - ``allowedRolesAndUsers``: the same for dossiers with the same
      ``access_key`` (about 0.5 ms each);
    - ``is_default_page``: false when the folder has no default page;
    - ``getObjSize`` and ``image_scales``: no size and no scales when the
      type has no file, image or rich text field.

    ``tests/test_dossier_bulk_catalog.py`` compares every entry with what
    the stock wrapper gives.
    """

    def __init__(self, object, catalog, memo: _LoadMemo):
        # The workflow's catalog variables depend on the dossier's state
        # alone (none of the workflow's variables is for the catalog but
        # the state's): asked of the workflow tool once per state.
        state = workflow_state(aq_base(object))
        variables = memo.variables.get(state)
        if variables is None:
            super().__init__(object, catalog)
            variables = memo.variables[state] = dict(
                self.__dict__["_IndexableObjectWrapper__vars"]
            )
        else:
            # plone.indexer's own __init__, without the workflow's look-up.
            self.__dict__["_IndexableObjectWrapper__object"] = object
            self.__dict__["_IndexableObjectWrapper__catalog"] = catalog
            self.__dict__["_IndexableObjectWrapper__vars"] = dict(variables)
            self._prepare_lookup(object, catalog)
        self.__dict__["_memo"] = memo
        self.__dict__["_own"] = vars(aq_base(object))
        self.__dict__["_known"] = {}

    def __getattr__(self, name):
        state = self.__dict__
        memo = state["_memo"]
        if (
            name in memo.absent
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
        shortcut = self._SHORTCUTS.get(name)
        try:
            if shortcut is not None:
                value = shortcut(self, memo, name)
            else:
                value = super().__getattr__(name)
        except AttributeError:
            if not name.startswith("__") and self._nowhere(name):
                memo.absent.add(name)
            raise
        known[name] = value
        return value

    def _stock(self, name):
        return super().__getattr__(name)

    def _access(self, memo, name):
        dossier = self.__dict__["_dossier_lookup"][2]
        key = access_key(dossier)
        allowed = memo.access.get(key)
        if allowed is None:
            allowed = memo.access[key] = tuple(self._stock(name))
        return list(allowed)  # the indexer's own type, a fresh one each time

    def _default_page(self, memo, name):
        return self._stock(name) if memo.default_page else False

    def _unsized(self, memo, name):
        if memo.sized is None:
            memo.sized = _sized(self.__dict__["_dossier_lookup"][2])
        if memo.sized:
            return self._stock(name)
        if name == "image_scales":
            raise AttributeError(name)  # what the stock indexer does: no column value
        return human_readable_size(0)

    _SHORTCUTS = {
        "allowedRolesAndUsers": _access,
        "is_default_page": _default_page,
        "getObjSize": _unsized,
        "image_scales": _unsized,
    }

    def _nowhere(self, name) -> bool:
        lookup, required, dossier, _catalog = self.__dict__["_dossier_lookup"]
        return (
            lookup(required, IIndexer, name) is None
            and name not in self.__dict__["_IndexableObjectWrapper__vars"]
            and name not in self.__dict__["_own"]
            and not hasattr(type(aq_base(dossier)), name)
        )
