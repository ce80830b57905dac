"""References to units that follow the unit: stored by UID, read as codes.

A unit's code is its legal identifier (Decision 20/2020/QĐ-TTg): forms,
REST and dossier codes show and accept it. But a code can change, and a unit
can retire into a successor; records that stored the code lost their unit.
Records therefore store the unit's UID, which never changes, and read the
code of the unit as it is now.

``UnitReference`` is the attribute that does it: assign a code, the UID of
the unit with that code is stored (and the code, as last seen, for a unit
deleted since); read it, the unit's present code comes back. Schema fields,
REST, classic forms, indexers and local roles keep working with codes.

Searches for units go through ``lookup``; reading a referenced unit's code
reads the catalog by record id instead (the ``UID`` index, the ``unit_code``
and ``unit_succession`` metadata): a dossier is indexed with half a dozen of
them, so they must cost microseconds, not a catalog search each.
"""

from Acquisition import aq_base
from dienbien.policy.orgunits.lookup import unit_brains
from Products.CMFCore.indexing import processQueue
from zope.component.hooks import getSite


def _table():
    # The catalog's own table, taken from the site's items: this runs several
    # times for every dossier indexed, and both plone.api's get_tool and an
    # attribute of the site (the site's ``__getattr__`` falls back to its
    # items only after Dexterity's schema look-ups) cost more than the
    # look-up itself.
    return aq_base(getSite())._getOb("portal_catalog")._catalog


def _column(uid: str, name: str):
    """One metadata column of the catalog record with ``uid``, or ``None``."""
    table = _table()
    index = table.indexes.get("UID")
    rid = index._index.get(uid) if index is not None else None
    row = table.data.get(rid) if rid is not None else None
    position = table.schema.get(name)
    return row[position] if row is not None and position is not None else None


def code_of(uid: str | None) -> str | None:
    """The present code of the unit with ``uid`` (``None``: no such unit)."""
    return _column(uid, "unit_code") if uid else None


def uid_of(code: str | None) -> str | None:
    """The UID of the unit whose code is ``code`` now (``None``: none)."""
    if not code:
        return None
    brains = unit_brains(getSite(), unit_code=code)
    return brains[0].UID if brains else None


def uids_by_code() -> dict[str, str]:
    """Every unit's UID by its present code (for loaders and upgrades)."""
    return {
        brain.unit_code: brain.UID
        for brain in unit_brains(getSite())
        if brain.unit_code
    }


def succession() -> dict[str, str]:
    """``{retired code: successor code}`` for the units whose retirement has
    been carried out (``orgunits.events``): the map records follow."""
    return {
        brain.unit_code: brain.unit_succession
        for brain in unit_brains(getSite())
        if getattr(brain, "unit_succession", None)
    }


class LazySuccession:
    """``succession()`` read one unit at a time: for local roles, which
    follow a chain only for the few records of retired units."""

    def get(self, code, default=None):
        brains = unit_brains(getSite(), unit_code=code)
        found = getattr(brains[0], "unit_succession", None) if brains else None
        return found or default

    def retired(self, uid: str | None) -> bool:
        """Whether the unit with ``uid`` has handed its records over."""
        return bool(uid and _column(uid, "unit_succession"))


def flush() -> None:
    """Apply pending reindexing, so that the metadata read here is current
    (a unit edited in this transaction is indexed at its end otherwise)."""
    processQueue()


class UnitReference:
    """A content attribute naming a unit: set a code, stores the UID.

    Stored as ``_<name>_uid`` and ``_<name>_code`` (the code as last seen,
    read only when the unit is gone). Records from before profile 1003 kept
    the code under ``<name>`` itself; it is read until the upgrade step
    converts them.
    """

    def __set_name__(self, owner, name):
        self.name = name
        self.uid_attr = f"_{name}_uid"
        self.code_attr = f"_{name}_code"

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        uid = getattr(aq_base(obj), self.uid_attr, None)
        code = code_of(uid) if uid else None
        if code:
            return code
        code = getattr(aq_base(obj), self.code_attr, None)
        if code:
            return code
        return legacy_code(obj, self.name)

    def __set__(self, obj, code):
        code = (code or "").strip() or None
        base = aq_base(obj)
        setattr(base, self.uid_attr, uid_of(code))
        setattr(base, self.code_attr, code)
        if legacy_code(obj, self.name) is not None:
            del base.__dict__[self.name]
            base._p_changed = True


def unit_uid(obj, name: str) -> str | None:
    """The UID a ``UnitReference`` named ``name`` stores on ``obj``."""
    return getattr(aq_base(obj), f"_{name}_uid", None)


def point_to(obj, name: str, uid: str, code: str) -> None:
    """Point ``obj``'s reference ``name`` at a unit by UID (its code kept
    as last seen)."""
    base = aq_base(obj)
    setattr(base, f"_{name}_uid", uid)
    setattr(base, f"_{name}_code", code)


def legacy_code(obj, name: str) -> str | None:
    """The code stored under the attribute's own name (before 1003)."""
    base = aq_base(obj)
    activate = getattr(base, "_p_activate", None)
    if activate is not None:
        activate()  # a ghost's __dict__ is empty
    return base.__dict__.get(name)
