"""Catalog data of documents: enough to list them, fill the registers and
"my work" without waking any (contract: docs/correspondence.md)."""

from dienbien.policy.core.correspondence.marks import is_secret
from dienbien.policy.core.correspondence.register_rows import register_key
from dienbien.policy.correspondence.documents import IDocument
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.documents import IOutgoingDocument
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.exchange.addressbook import organisation_names
from dienbien.policy.orgunits.references import unit_uid
from plone.indexer import indexer


def _iso(value):
    # Local time as sortable text: FieldIndex range queries work on it.
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@indexer(IDocument)
def document_kind(obj):
    return obj.kind


@indexer(IDocument)
def document_unit(obj):
    return obj.unit


@indexer(IDocument)
def document_units(obj):
    """The units the document names, by UID (a unit that changes its code
    or retires finds its documents here)."""
    uids = {unit_uid(obj, name) for name in ("unit", "sender_unit", "handling_unit")}
    return sorted(uid for uid in uids if uid)


@indexer(IDocument)
def document_year(obj):
    return obj.year


@indexer(IDocument)
def document_type(obj):
    return obj.doctype


@indexer(IOutgoingDocument)
def outgoing_number(obj):
    return obj.number


@indexer(IIncomingDocument)
def incoming_number(obj):
    return obj.incoming_number


@indexer(IDocument)
def document_register_key(obj):
    """The register a numbered document is written in (``register_key``);
    a document without a number (a draft, a copy awaiting registration) is
    in none, and so not in the index."""
    number = obj.number if obj.kind == "outgoing" else obj.incoming_number
    if not number:
        raise AttributeError("document_register_key")
    return register_key(
        obj.kind, obj.unit, obj.year, is_secret(obj.confidentiality or "normal")
    )


@indexer(IOutgoingDocument)
def outgoing_date(obj):
    return _iso(obj.issued)


@indexer(IIncomingDocument)
def incoming_date(obj):
    return _iso(obj.received)


@indexer(IDocument)
def document_urgency(obj):
    return obj.urgency or "normal"


@indexer(IDocument)
def document_confidentiality(obj):
    return obj.confidentiality or "normal"


@indexer(IDocument)
def document_secret(obj):
    return is_secret(obj.confidentiality or "normal")


@indexer(IIncomingDocument)
def document_deadline(obj):
    return obj.deadline.isoformat() if obj.deadline else None


@indexer(IDocument)
def document_people(obj):
    """Everyone named on the document (for "my work")."""
    people = {
        getattr(obj, "drafter", None),
        getattr(obj, "signer", None),
        getattr(obj, "handler", None),
        *(getattr(obj, "co_handlers", None) or ()),
        *(getattr(obj, "readers", None) or ()),
    }
    return sorted(person for person in people if person)


@indexer(IOutgoingDocument)
def outgoing_notation(obj):
    return obj.notation


@indexer(IIncomingDocument)
def incoming_notation(obj):
    return obj.sender_notation


@indexer(IDocument)
def document_handler(obj):
    return getattr(obj, "handler", None)


@indexer(IIncomingDocument)
def document_sender(obj):
    return obj.sender_name


@indexer(IOutgoingDocument)
def document_signer(obj):
    return obj.signer


@indexer(IOutgoingDocument)
def document_recipients(obj):
    """The recipients as the register prints them: unit codes, then the
    other addresses (a register lists them as written)."""
    return (
        tuple(obj.internal_recipients or ())
        + tuple(organisation_names(getattr(obj, "external_organisations", ())))
        + tuple(obj.external_recipients or ())
    )


@indexer(IIncomingDocument)
def document_source(obj):
    return obj.source


@indexer(IDocument)
def document_searchable_text(obj):
    """Type, notation, summary and sender: what a clerk types to find it."""
    parts = [
        type_name(obj.doctype),
        getattr(obj, "notation", None) or "",
        getattr(obj, "sender_notation", None) or "",
        getattr(obj, "sender_name", None) or "",
        obj.summary or "",
    ]
    return " ".join(part for part in parts if part)
