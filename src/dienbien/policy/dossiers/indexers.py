"""Catalog data of dossiers: enough to list, filter and count them without
waking any (``@dossiers``, statistics, the status lookup)."""

from dienbien.policy.core.statistics import DossierFacts
from dienbien.policy.dossiers.dossier import IDossier
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


def _status(obj) -> dict:
    """The dossier's current workflow status (state, time of the step)."""
    history = (getattr(obj, "workflow_history", None) or {}).get(
        "dienbien_dossier_workflow"
    )
    return history[-1] if history else {}


def _state_changed(obj, status):
    when = status.get("time")
    if when is None:
        return obj.accepted
    return to_local(when.asdatetime())


def _minute(value):
    # The same moment as ``_iso`` gives, as a naive local time.
    return value.replace(second=0, microsecond=0, tzinfo=None) if value else None


@indexer(IDossier)
def dossier_facts(obj):
    """Everything the statistics read, in one metadata column: a report
    reads the facts kept in the catalog, nothing is parsed or built per
    dossier."""
    status = _status(obj)
    return DossierFacts(
        code=obj.code,
        state=status.get("review_state"),
        channel=obj.channel,
        field=obj.procedure_field or "",
        procedure=obj.procedure or "",
        unit=obj.handling_unit or "",
        submitted=_minute(obj.submitted),
        accepted=_minute(obj.accepted),
        appointment=_minute(obj.appointment),
        resolved=_minute(getattr(obj, "resolved", None)),
        returned=_minute(obj.returned),
        state_changed=_minute(_state_changed(obj, status)),
    )
