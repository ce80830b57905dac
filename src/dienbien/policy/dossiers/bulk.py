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
from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.indexable import DossierIndexableWrapper
from dienbien.policy.dossiers.sequence import at_least
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from persistent.list import PersistentList
from plone import api
from plone.base.interfaces import IImageScalesAdapter
from plone.base.interfaces import IImageScalesFieldAdapter
from plone.base.utils import human_readable_size
from plone.dexterity.utils import iterSchemata
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import ATTRIBUTE_NAME
from Products.CMFPlone import CatalogTool
from Products.CMFPlone.image_scales import indexer as image_scales_indexer
from Products.CMFPlone.image_scales.adapters import ImageScales
from zope.annotation.interfaces import IAnnotations
from zope.component import queryMultiAdapter
from zope.globalrequest import getRequest
from zope.schema import getFields
from zope.size import DefaultSized
from zope.size.interfaces import ISized

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
    memo = _LoadMemo(folder)
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
    for dossier in dossiers:
        catalog.catalog_object(
            _LoadWrapper(dossier, catalog, memo),
            "/".join(dossier.getPhysicalPath()),
        )


class _LoadMemo:
    """What one load works out once for all its dossiers, or once for all
    those alike in what decides it.

    A load takes what it reads of the site to stay as it is while it runs:
    the units and their successions (as ``uids_by_code`` does), the folder's
    roles and default page setting, the registered indexers. A migration
    runs with the site closed to such changes.
    """

    def __init__(self, folder):
        #: Names no dossier of the load has (see ``_LoadWrapper``).
        self.absent = set()
        #: ``allowedRolesAndUsers`` by ``_access_key``.
        self.access = {}
        # plone.base's ``get_default_page`` only ever answers ``index_html``,
        # one of the folder's ``default_page`` ids or one of the registry's
        # ``plone.default_page`` ids: a dossier with another id is not its
        # folder's default page.
        pages = getattr(aq_base(folder), "default_page", None) or ()
        if isinstance(pages, str):
            pages = (pages,)
        registry = api.portal.get_registry_record("plone.default_page", default=())
        self.page_ids = frozenset(("index_html", *pages, *(registry or ())))
        #: The shortcuts that hold for the dossiers' type, by index name:
        #: worked out on the first dossier (``_shortcuts``).
        self.shortcuts = None


#: The stock indexers the loader may answer for (``_LoadWrapper``), each
#: only while it is the one registered for dossiers.
STOCK_INDEXERS = {
    "allowedRolesAndUsers": CatalogTool.allowedRolesAndUsers,
    "is_default_page": CatalogTool.is_default_page,
    "getObjSize": CatalogTool.getObjSize,
    "image_scales": image_scales_indexer.image_scales,
}


def _shortcuts(wrapper, dossier) -> frozenset:
    """The names of ``STOCK_INDEXERS`` the loader may answer for dossiers of
    this type: those whose registered indexer is the stock one and, for the
    size and the image scales, only when the type's fields can give none."""
    lookup, required = wrapper._dossier_lookup[:2]
    names = {
        name
        for name, indexer in STOCK_INDEXERS.items()
        if lookup(required, IIndexer, name) is indexer
    }
    schemata = list(iterSchemata(dossier))
    fields = [field for schema in schemata for field in getFields(schema).values()]
    request = getRequest()
    # Stock sums the ``getSize`` of every field's value (``get_size``
    # through the default ``ISized``): the fields' defaults are looked at
    # here, each dossier's own values by ``_shortcut_getObjSize``.
    if not (
        len(schemata) == 1
        and type(ISized(dossier, None)) is DefaultSized
        and not any(hasattr(field.default, "getSize") for field in fields)
    ):
        names.discard("getObjSize")
    # Stock's ``ImageScales`` asks each field for its scales.
    if type(queryMultiAdapter((dossier, request), IImageScalesAdapter)) is not (
        ImageScales
    ) or any(
        queryMultiAdapter((field, dossier, request), IImageScalesFieldAdapter)
        for field in fields
    ):
        names.discard("image_scales")
    return frozenset(names)


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

    The catalog asks every dossier for every index's and column's name, and
    most (the units', procedures', documents', legal texts' ...) are no
    dossier's. Each such miss ran Dexterity's ``__getattr__``, which looks
    for a default in the type's schema and in each behavior's: about 40 µs,
    some hundred times a dossier, more than all the rest of its indexing.
    A name found nowhere for one dossier (no indexer, no workflow variable,
    not on the class, not in a schema of the type) is found nowhere for the
    next of the same load unless that dossier holds it itself: the answer,
    an AttributeError, is the same, only sooner.

    Four stock indexers cost more than most of a dossier's indexes
    (acquiring tools, walking the parents' local roles or every field of
    the type), and give the same answer for dossiers alike in what they
    read. When they are the registered ones (``_shortcuts``):

    - ``allowedRolesAndUsers`` is asked once per ``_access_key``;
    - ``is_default_page`` is false for an id that cannot be a default page;
    - ``getObjSize`` is 0 when none of the dossier's values has a size;
    - ``image_scales`` is none when no field of the type can have scales.

    ``tests/test_dossier_bulk_catalog.py`` compares every entry with what
    the stock wrapper gives.
    """

    def __init__(self, object, catalog, memo: _LoadMemo):
        super().__init__(object, catalog)
        self.__dict__["_memo"] = memo
        self.__dict__["_own"] = vars(aq_base(object))
        self.__dict__["_known"] = {}
        if memo.shortcuts is None:
            memo.shortcuts = _shortcuts(self, object)

    @property
    def _dossier(self):
        return self.__dict__["_dossier_lookup"][2]

    def __getattr__(self, name):
        attributes = self.__dict__
        memo = attributes["_memo"]
        if (
            name in memo.absent
            and name not in attributes["_own"]
            and name not in attributes["_IndexableObjectWrapper__vars"]
        ):
            raise AttributeError(name)
        # The catalog asks for some names twice (an index and a column of
        # the same name: UID, Title, Date, review_state ...); the dossier
        # does not change in between.
        known = attributes["_known"]
        if name in known:
            return known[name]
        try:
            if name in memo.shortcuts:
                value = getattr(self, f"_shortcut_{name}")()
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

    def _shortcut_allowedRolesAndUsers(self):
        access = self.__dict__["_memo"].access
        key = _access_key(self._dossier)
        allowed = access.get(key)
        if allowed is None:
            allowed = access[key] = tuple(self._stock("allowedRolesAndUsers"))
        return list(allowed)  # the indexer's own type, a fresh one each time

    def _shortcut_is_default_page(self):
        if self._dossier.getId() in self.__dict__["_memo"].page_ids:
            return self._stock("is_default_page")
        return False

    def _shortcut_getObjSize(self):
        if any(hasattr(value, "getSize") for value in self.__dict__["_own"].values()):
            return self._stock("getObjSize")
        return human_readable_size(0)

    def _shortcut_image_scales(self):
        raise AttributeError("image_scales")  # as stock: no scales, no value

    def _nowhere(self, name) -> bool:
        lookup, required, dossier, _catalog = self.__dict__["_dossier_lookup"]
        return (
            lookup(required, IIndexer, name) is None
            and name not in self.__dict__["_IndexableObjectWrapper__vars"]
            and name not in self.__dict__["_own"]
            and not hasattr(type(aq_base(dossier)), name)
        )
