"""The correspondence types: outgoing and incoming official documents.

An officer drafts an ``OutgoingDocument``; a leader approves it; the unit's
clerical office issues it (number, notation and date are taken then, in the
issue's transaction) and sends it. An ``IncomingDocument`` is registered by
the clerical office (incoming number taken then), assigned by a leader and
handled by officers. Both live flat in the unordered ``DocumentFolder``
(``/van-ban``); who sees them is ``localroles.py``, what each may do is the
workflows' permission maps.

Times are naive Asia/Ho_Chi_Minh datetimes (the house convention); people are
Plone user ids; units are stored by UID and read as codes (``UnitReference``).
"""

from dienbien.policy import _
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.orgunits.references import UnitReference
from dienbien.policy.records import RecordFolder
from plone.app.content.interfaces import INameFromTitle
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface

import uuid


DOCUMENTS_PATH = "van-ban"

OUTGOING = "outgoing"
INCOMING = "incoming"


class IDocumentFolder(model.Schema):
    """The unit's official documents (``/van-ban``); never public."""


@implementer(IDocumentFolder)
class DocumentFolder(RecordFolder):
    """Holds every outgoing and incoming document of every unit (unordered,
    quiet on adds: ``records.RecordFolder``)."""


class IDocument(Interface):
    """What outgoing and incoming documents share (for views and indexers)."""


class IOutgoingDocument(model.Schema, IDocument):
    unit = schema.Choice(
        title=_("label_document_issuer", default="Issuing unit"),
        vocabulary="dienbien.policy.OrgUnits",
    )
    doctype = schema.Choice(
        title=_("label_document_type", default="Document type"),
        vocabulary="dienbien.policy.DocumentTypes",
    )
    normative = schema.Bool(
        title=_("label_document_normative", default="Normative legal document"),
        description=_(
            "help_document_normative",
            default="Only a resolution or a decision; its number carries the year.",
        ),
        required=False,
        default=False,
    )
    department = schema.TextLine(
        title=_("label_document_department", default="Drafting department"),
        description=_(
            "help_document_department",
            default="Its abbreviation, e.g. VP: required for an official letter "
            "(công văn), which has no type abbreviation.",
        ),
        required=False,
    )
    summary = schema.Text(
        title=_("label_document_summary", default="Summary (trích yếu)"),
    )
    body = RichText(
        title=_("label_document_body", default="Content"),
        required=False,
    )
    file = NamedBlobFile(
        title=_("label_document_file", default="File"),
        required=False,
    )
    internal_recipients = schema.List(
        title=_("label_internal_recipients", default="Recipient units"),
        value_type=schema.Choice(vocabulary="dienbien.policy.OrgUnits"),
        required=False,
        default=[],
    )
    external_recipients = schema.List(
        title=_("label_external_recipients", default="Other recipients"),
        description=_(
            "help_external_recipients",
            default="Organisations outside the district's units, one per line.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    # Chosen from the address book (exchange/), by exchange identifier: the
    # To of the edXML package. ``external_recipients`` above stays for what
    # the book does not hold (and for documents written before it).
    external_organisations = schema.List(
        title=_("label_external_organisations", default="Organisations (address book)"),
        value_type=schema.Choice(vocabulary="dienbien.policy.ExternalOrganisations"),
        required=False,
        default=[],
    )
    urgency = schema.Choice(
        title=_("label_urgency", default="Urgency"),
        vocabulary="dienbien.policy.Urgencies",
        default="normal",
    )
    confidentiality = schema.Choice(
        title=_("label_confidentiality", default="Confidentiality"),
        vocabulary="dienbien.policy.Confidentialities",
        default="normal",
    )
    signer = schema.Choice(
        title=_("label_document_signer", default="Signer"),
        vocabulary="dienbien.policy.UnitLeaders",
        required=False,
    )
    copies = schema.Int(
        title=_("label_document_copies", default="Number of copies"),
        default=1,
        min=1,
    )
    file_keeper = schema.TextLine(
        title=_("label_document_file_keeper", default="Filed copy kept by"),
        required=False,
    )
    readers = schema.List(
        title=_("label_document_readers", default="People named (secret documents)"),
        description=_(
            "help_document_readers",
            default="Only the people named here see a document marked confidential "
            "or above.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    reply_to = schema.TextLine(
        title=_("label_document_reply_to", default="In reply to"),
        required=False,
    )


@implementer(IOutgoingDocument)
class OutgoingDocument(Item):
    """An outgoing document; ``number``, ``year``, ``notation`` and
    ``issued`` are set by the issue step only."""

    kind = OUTGOING
    unit = UnitReference()
    drafter = None
    number = None
    year = None
    notation = None
    issued = None
    sent = None
    return_reason = None
    recall_reason = None
    deliveries = ()

    def Title(self):
        return document_title(self)

    def Description(self):
        return self.summary or ""


class IIncomingDocument(model.Schema, IDocument):
    unit = schema.Choice(
        title=_("label_document_receiver", default="Receiving unit"),
        vocabulary="dienbien.policy.OrgUnits",
    )
    received = schema.Datetime(
        title=_("label_document_received", default="Arrived"),
        required=False,
    )
    sender_unit = schema.Choice(
        title=_("label_document_sender_unit", default="Sender (one of our units)"),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    sender_name = schema.TextLine(
        title=_("label_document_sender", default="Sender"),
        required=False,
    )
    sender_notation = schema.TextLine(
        title=_("label_document_sender_notation", default="Number and notation"),
        description=_(
            "help_document_sender_notation", default="As written, e.g. 3954/UBND-VX"
        ),
        required=False,
    )
    sender_date = schema.Date(
        title=_("label_document_sender_date", default="Document date"),
        required=False,
    )
    doctype = schema.Choice(
        title=_("label_document_type", default="Document type"),
        vocabulary="dienbien.policy.DocumentTypes",
    )
    summary = schema.Text(
        title=_("label_document_summary", default="Summary (trích yếu)"),
    )
    urgency = schema.Choice(
        title=_("label_urgency", default="Urgency"),
        vocabulary="dienbien.policy.Urgencies",
        default="normal",
    )
    confidentiality = schema.Choice(
        title=_("label_confidentiality", default="Confidentiality"),
        vocabulary="dienbien.policy.Confidentialities",
        default="normal",
    )
    file = NamedBlobFile(
        title=_("label_document_file", default="File"),
        required=False,
    )
    readers = schema.List(
        title=_("label_document_readers", default="People named (secret documents)"),
        description=_(
            "help_document_readers",
            default="Only the people named here see a document marked confidential "
            "or above.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    instruction = schema.Text(
        title=_("label_document_instruction", default="Instruction"),
        required=False,
    )
    handling_unit = schema.Choice(
        title=_("label_document_handling_unit", default="Handling unit"),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    handler = schema.TextLine(
        title=_("label_document_handler", default="Handler"),
        required=False,
    )
    co_handlers = schema.List(
        title=_("label_document_co_handlers", default="Co-handlers"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    deadline = schema.Date(
        title=_("label_document_deadline", default="Deadline"),
        required=False,
    )


@implementer(IIncomingDocument)
class IncomingDocument(Item):
    """An incoming document; ``incoming_number``, ``year`` and
    ``registered`` are set by the register step only."""

    kind = INCOMING
    unit = UnitReference()
    sender_unit = UnitReference()
    handling_unit = UnitReference()
    incoming_number = None
    year = None
    registered = None
    assigned = None
    closed = None
    progress = ()
    reply = None
    source = None
    return_reason = None

    def Title(self):
        return document_title(self)

    def Description(self):
        return self.summary or ""


def type_name(type_id: str | None) -> str:
    """The Vietnamese name of a document type ("Quyết định"); the names are
    the law's, the same in every UI language."""
    if not type_id:
        return ""
    try:
        return doctypes.document_type(type_id).title
    except (KeyError, ValueError):
        return type_id


def document_title(document) -> str:
    """ "Quyết định 05/QĐ-UBND về việc ...": type, notation when known, summary."""
    parts = [type_name(getattr(document, "doctype", None))]
    notation = getattr(document, "notation", None) or getattr(
        document, "sender_notation", None
    )
    if notation:
        parts.append(notation)
    summary = (getattr(document, "summary", None) or "").strip()
    if summary:
        parts.append(summary)
    return " ".join(part for part in parts if part)


#: Id prefixes: văn bản đi, văn bản đến.
ID_PREFIXES = {OUTGOING: "vbdi", INCOMING: "vbden"}


def new_id(kind: str) -> str:
    """A document's id: opaque, never its summary (which may name people)
    and never its number (taken later, at issue or registration)."""
    return f"{ID_PREFIXES[kind]}-{uuid.uuid4().hex[:12]}"


@implementer(INameFromTitle)
@adapter(IDocument)
class NameFromKind:
    """What the add forms and plone.restapi name a new document by."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return new_id(self.context.kind)
