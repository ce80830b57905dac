"""Catalog data of dossiers: enough to list, filter and count them without
waking any (``@dossiers``, statistics, the status lookup)."""

from dienbien.policy.content.dossier import IDossier
from dienbien.policy.workingtime import to_local
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


@indexer(IDossier)
def dossier_state_changed(obj):
    """When the dossier entered its current state (for statistics)."""
    history = (getattr(obj, "workflow_history", None) or {}).get(
        "dienbien_dossier_workflow"
    )
    if not history:
        return _iso(obj.accepted)
    when = history[-1].get("time")
    if when is None:
        return _iso(obj.accepted)
    return _iso(to_local(when.asdatetime()))
