"""Catalog indexers of the units (code, kind, parent)."""

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
