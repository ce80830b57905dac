"""Catalog data of dossiers: enough to list and filter them without waking
any (``@dossiers``, the status lookup). The statistics' facts column is
indexed with the statistics (``statistics/facts.py``)."""

from dienbien.policy.dossiers.dossier import IDossier
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
