from dienbien.policy.core.procedures import channel_summary
from dienbien.policy.procedures.procedure import IProcedure
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.procedures.vocabularies import procedure_fields
from plone.indexer import indexer


@indexer(IProcedure)
def procedure_code(obj):
    return obj.code


@indexer(IProcedure)
def procedure_field(obj):
    return obj.field


@indexer(IProcedure)
def procedure_level(obj):
    return obj.level


@indexer(IProcedure)
def procedure_unit(obj):
    return obj.unit or None


@indexer(IProcedure)
def procedure_online(obj):
    return obj.online_service


@indexer(IProcedure)
def procedure_channels(obj):
    return [row.channel for row in procedure_of(obj).channels]


@indexer(IProcedure)
def procedure_terms(obj):
    """Per-channel time and fee, as catalog metadata for result lists."""
    return [channel_summary(row) for row in procedure_of(obj).channels]


@indexer(IProcedure)
def procedure_searchable_text(obj):
    """What citizens search by: name, code, field, applicants, result, papers."""
    procedure = procedure_of(obj)
    parts = [
        procedure.title,
        procedure.code,
        procedure_fields().get(procedure.field, ""),
        obj.description or "",
        procedure.applicants,
        procedure.result,
        " ".join(component.name for component in procedure.components),
    ]
    return " ".join(part for part in parts if part)
