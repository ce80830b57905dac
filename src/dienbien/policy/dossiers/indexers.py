"""Catalog data of dossiers: enough to list and filter them without waking
any (``@dossiers``, the status lookup). The statistics' facts column is
indexed with the statistics (``statistics/facts.py``)."""

from dienbien.policy.dossiers.applicants import dossier_terms
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.orgunits.references import code_of
from dienbien.policy.orgunits.references import unit_uid
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
def dossier_units(obj):
    """Every unit the dossier names, by UID: the receiving and handling units
    and those it was handed over from. A change of code or a retirement
    finds the dossiers to reindex here."""
    uids = {
        unit_uid(obj, "receiving_unit"),
        unit_uid(obj, "handling_unit"),
        *(move["from_uid"] for move in obj.unit_moves),
    }
    return sorted(uid for uid in uids if uid)


def handed_over(obj) -> tuple:
    """``(when, previous handling unit's code)`` of each hand-over by
    reorganisation, oldest first (``core.reorganisation.unit_at``)."""
    return tuple(
        (move["time"], code_of(move["from_uid"]) or move["from_code"])
        for move in obj.unit_moves
        if move["role"] == "handling"
    )


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
def searchable_text(obj):
    """The site's search finds a dossier by its code only. The words of
    its title are its procedure's, whose own page the search finds by them:
    a search for "khai sinh" should not list every birth registration ever
    received, and each such word written for half a million dossiers made
    the full-text index a good part of storing one. The applicant is never
    in it (``dossier_applicant`` keeps keyed hashes)."""
    return obj.code or ""


@indexer(IDossier)
def dossier_applicant(obj):
    """Keyed hashes of the applicant's name words, phone and ID number
    (``dossiers/applicants.py``): an index only, never a metadata column."""
    return dossier_terms(obj)
