"""Catalog data of dossiers: enough to list, filter and count them without
waking any (``@dossiers``, statistics, the status lookup)."""

from dienbien.policy.content.dossier import IDossier
from plone.indexer import indexer


def _iso(value):
    # Local time as sortable text: FieldIndex range queries work on it.
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@indexer(IDossier)
def dossier_code(obj):
    return obj.code


@indexer(IDossier)
def dossier_receiving_unit(obj):
    return obj.receiving_unit


@indexer(IDossier)
def dossier_handling_unit(obj):
    return obj.handling_unit


@indexer(IDossier)
def dossier_procedure(obj):
    return obj.procedure


@indexer(IDossier)
def dossier_field(obj):
    return obj.procedure_field


@indexer(IDossier)
def dossier_channel(obj):
    return obj.channel


@indexer(IDossier)
def dossier_appointment(obj):
    return _iso(obj.appointment)


@indexer(IDossier)
def dossier_accepted(obj):
    return _iso(obj.accepted)


@indexer(IDossier)
def dossier_resolved(obj):
    return _iso(getattr(obj, "resolved", None))


@indexer(IDossier)
def dossier_returned(obj):
    return _iso(obj.returned)


@indexer(IDossier)
def dossier_submitted(obj):
    return _iso(obj.submitted)
