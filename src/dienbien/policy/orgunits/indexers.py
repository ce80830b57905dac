"""Catalog indexers of the units (code, kind, parent, succession)."""

from dienbien.policy.orgunits.orgunit import IOrgUnit
from plone.indexer import indexer


@indexer(IOrgUnit)
def unit_code(obj):
    return obj.code


@indexer(IOrgUnit)
def unit_kind(obj):
    return obj.kind


@indexer(IOrgUnit)
def unit_parent(obj):
    return obj.parent or None


@indexer(IOrgUnit)
def unit_succession(obj):
    """The successor's code once the unit's retirement has been carried out
    (its records handed over): what references to it follow
    (``orgunits.references``). None otherwise."""
    from dienbien.policy.orgunits.events import SYNCED_RETIRED

    if getattr(obj, SYNCED_RETIRED, False) and obj.successor:
        return obj.successor
    return None
