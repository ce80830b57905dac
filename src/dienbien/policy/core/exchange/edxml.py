"""Writing and reading edXML packages (QCVN 102:2016/BTTTT, amended 2022).

The shape (reference exchange.md §5)::

    edXML:edXML
      edXML:edXMLEnvelope
        edXML:edXMLHeader
          edXML:MessageHeader      (a document; MessageStatus for a status)
          edXML:TraceHeaderList
        edXML:edXMLBody
          edXML:edXMLManifest
            edXML:Reference xlink:href="cid:…"  (one per attachment)
      edXML:AttachmentEncoded
        edXML:Attachment           (ContentId, base64 ContentTransferEncoded)

Every element carries the ``edXML`` prefix (one receiving platform rejects
children without it). Reading checks, in order: size, well-formedness (no
DTD, no entities, no network), namespace, the header's required elements and
their values, every manifest reference resolved by an attachment, base64,
sizes of the decoded files. Each problem is a ``PackageError`` whose
``element`` is the path from the nearest top element
(``edXML:MessageHeader/edXML:Code/edXML:CodeNumber``,
``edXML:AttachmentEncoded/edXML:Attachment[2]/edXML:ContentTransferEncoded``).

Status packages (``MessageStatus``) are the next kind: add a reader to
``HEADER_READERS`` and a writer beside ``build``; the envelope, the errors
and the size checks are shared.
"""

from ..messages import Problem
from .organs import DATE_FORMAT
from .organs import is_exchange_identifier
from .organs import parse_document_id
from .package import Attachment
from .package import BUSINESS_DOC_TYPES
from .package import DocumentMessage
from .package import Organ
from .package import PRIORITIES
from .package import REPLACE
from .package import ResponseFor
from .package import Signer
from .package import STEERING_TYPES
from .package import TraceHeader
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from lxml import etree

import base64
import binascii
import re


NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XLINK = "http://www.w3.org/1999/xlink"
PREFIX = "edXML"
NSMAP = {PREFIX: NS, "xlink": XLINK}
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"

#: Default limits; the site may pass its own.
MAX_PACKAGE = 50 * 1024 * 1024
MAX_ATTACHMENT = 30 * 1024 * 1024
MAX_ATTACHMENTS = 50

#: Lengths of Decree 30/2020 Appendix VI, which edXML reuses.
LENGTHS = {
    "CodeNumber": 11,
    "CodeNotation": 30,
    "OrganName": 200,
    "TypeName": 100,
    "Subject": 500,
    "Position": 100,
    "FullName": 50,
    "ToPlaces": 1000,
}


@dataclass(frozen=True)
class Limits:
    package: int = MAX_PACKAGE
    attachment: int = MAX_ATTACHMENT
    attachments: int = MAX_ATTACHMENTS


class PackageError(ValueError):
    """A package that cannot be read; ``problem.field`` is the element."""

    def __init__(self, element: str, template: str, mapping: dict | None = None):
        self.problem = Problem(element, template, mapping or {})
        super().__init__(str(self.problem))

    @property
    def element(self) -> str:
        return self.problem.field

    @property
    def reason(self) -> str:
        return self.problem.message


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def tag(name: str) -> str:
    """How an element is named in errors: ``edXML:Code``."""
    return f"{PREFIX}:{name}"


def path(*names: str) -> str:
    return "/".join(
        name if name.startswith(PREFIX) or name.startswith("@") else tag(name)
        for name in names
    )


# -- writing ---------------------------------------------------------------


def _sub(parent, name: str, text=None):
    element = etree.SubElement(parent, q(name))
    if text is not None:
        element.text = str(text)
    return element


def _organ(parent, name: str, organ: Organ) -> None:
    element = _sub(parent, name)
    _sub(element, "OrganId", organ.organ_id)
    _sub(element, "OrganizationInCharge", organ.in_charge)
    _sub(element, "OrganName", organ.name)
    _sub(element, "OrganAdd", organ.address)
    _sub(element, "Email", organ.email)
    _sub(element, "Telephone", organ.telephone)
    _sub(element, "Fax", organ.fax)
    _sub(element, "Website", organ.website)


def _day(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def _content_ids(message: DocumentMessage) -> list[str]:
    """Each attachment's ContentId: its own, or ``attachment-N`` in order."""
    ids = []
    for index, attachment in enumerate(message.attachments, start=1):
        ids.append(attachment.content_id or f"attachment-{index}")
    if len(set(ids)) != len(ids):
        raise ValueError("two attachments share a ContentId")
    return ids


def _message_header(parent, message: DocumentMessage) -> None:
    header = _sub(parent, "MessageHeader")
    _organ(header, "From", message.sender)
    for recipient in message.recipients:
        _organ(header, "To", recipient)
    code = _sub(header, "Code")
    _sub(code, "CodeNumber", message.number)
    _sub(code, "CodeNotation", message.notation)
    promulgation = _sub(header, "PromulgationInfo")
    _sub(promulgation, "Place", message.place)
    _sub(promulgation, "PromulgationDate", _day(message.promulgated))
    doctype = _sub(header, "DocumentType")
    _sub(doctype, "Type", message.doc_type)
    _sub(doctype, "TypeName", message.type_name)
    _sub(header, "Subject", message.subject)
    _sub(header, "Content", message.content)
    if message.signer is not None:
        signer = _sub(header, "SignerInfo")
        _sub(signer, "Competence", message.signer.competence)
        _sub(signer, "Position", message.signer.position)
        _sub(signer, "FullName", message.signer.full_name)
    _sub(header, "DueDate", _day(message.due_date))
    places = _sub(header, "ToPlaces")
    for place in message.to_places:
        _sub(places, "Place", place)
    other = _sub(header, "OtherInfo")
    _sub(other, "Priority", message.priority)
    _sub(other, "SphereOfPromulgation", message.sphere)
    _sub(other, "TyperNotation", message.typer_notation)
    _sub(other, "PromulgationAmount", message.promulgation_amount or "")
    _sub(other, "PageAmount", message.page_amount or "")
    appendixes = _sub(other, "Appendixes")
    for appendix in message.appendixes:
        _sub(appendixes, "Appendix", appendix)
    for answered in message.response_for:
        response = _sub(header, "ResponseFor")
        _sub(response, "OrganId", answered.organ_id)
        _sub(response, "Code", answered.code)
        _sub(response, "PromulgationDate", _day(answered.promulgated))
        _sub(response, "DocumentId", answered.document_id)
    _sub(header, "SteeringType", message.steering_type)
    _sub(header, "DocumentId", message.effective_document_id)


def _trace(parent, message: DocumentMessage) -> None:
    trace_list = _sub(parent, "TraceHeaderList")
    for trace in message.trace:
        trace_header = _sub(trace_list, "TraceHeader")
        _sub(trace_header, "OrganId", trace.organ_id)
        _sub(trace_header, "Timestamp", trace.timestamp.strftime(TIMESTAMP_FORMAT))
    business = _sub(trace_list, "Bussiness")
    _sub(business, "BussinessDocType", message.business_doc_type)
    # Written only when there is one: a new document's package stays as
    # it was (the demo's samples keep their bytes).
    if message.business_reason:
        _sub(business, "BussinessDocReason", message.business_reason)
    if message.replaces:
        replacements = _sub(business, "ReplacementInfoList")
        for document_id in message.replaces:
            replacement = _sub(replacements, "ReplacementInfo")
            _sub(replacement, "DocumentId", document_id)
            organs = _sub(replacement, "OrganIdList")
            for recipient in message.recipients:
                _sub(organs, "OrganId", recipient.organ_id)
    _sub(business, "Paper", 0)


def build(message: DocumentMessage) -> bytes:
    """The package of one document, UTF-8 with its declaration."""
    content_ids = _content_ids(message)
    root = etree.Element(q("edXML"), nsmap=NSMAP)
    envelope = _sub(root, "edXMLEnvelope")
    header = _sub(envelope, "edXMLHeader")
    _message_header(header, message)
    _trace(header, message)
    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest")
    for attachment, content_id in zip(message.attachments, content_ids, strict=True):
        reference = _sub(manifest, "Reference")
        reference.set(f"{{{XLINK}}}href", f"cid:{content_id}")
        _sub(reference, "Description", attachment.description)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "ContentId", content_id)
    encoded = _sub(root, "AttachmentEncoded")
    for attachment, content_id in zip(message.attachments, content_ids, strict=True):
        element = _sub(encoded, "Attachment")
        _sub(element, "ContentType", attachment.content_type)
        _sub(element, "ContentId", content_id)
        _sub(element, "Description", attachment.description)
        _sub(element, "AttachmentName", attachment.name)
        _sub(
            element,
            "ContentTransferEncoded",
            base64.b64encode(attachment.data).decode("ascii"),
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# -- reading ---------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # Packages come from outside: no DTD, no entities, no network, and a
    # large text node (a base64 file) is allowed — the size is checked first.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )


class _Reader:
    """Reads elements under one parent, naming them by path in errors."""

    def __init__(self, element, where: str):
        self.element = element
        self.where = where

    def child_path(self, name: str, index: int | None = None) -> str:
        step = tag(name) if index is None else f"{tag(name)}[{index}]"
        return f"{self.where}/{step}"

    def children(self, name: str) -> list["_Reader"]:
        found = self.element.findall(q(name))
        if len(found) == 1:
            return [_Reader(found[0], self.child_path(name))]
        return [
            _Reader(element, self.child_path(name, index))
            for index, element in enumerate(found, start=1)
        ]

    def top(self) -> "_Reader":
        """The same element, named from itself in errors (the paths start at
        the nearest top element: ``edXML:MessageHeader/…``)."""
        return _Reader(self.element, tag(etree.QName(self.element).localname))

    def child(self, name: str, required: bool = True) -> "_Reader | None":
        found = self.element.find(q(name))
        if found is None:
            if required:
                raise PackageError(self.child_path(name), "This element is missing.")
            return None
        return _Reader(found, self.child_path(name))

    def text(self, name: str, required: bool = False) -> str:
        child = self.child(name, required=required)
        value = (child.element.text or "").strip() if child is not None else ""
        if required and not value:
            raise PackageError(self.child_path(name), "This element is empty.")
        limit = LENGTHS.get(name)
        if limit and len(value) > limit:
            raise PackageError(
                self.child_path(name),
                "${length} characters, more than the ${limit} allowed.",
                {"length": len(value), "limit": limit},
            )
        return value

    def day(self, name: str, required: bool = False) -> date | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return datetime.strptime(value, DATE_FORMAT).date()
        except ValueError:
            raise PackageError(
                self.child_path(name),
                "The date ${value} is not of the form yyyy/MM/dd.",
                {"value": value},
            ) from None

    def integer(self, name: str, allowed=None, default=None) -> int | None:
        value = self.text(name)
        if not value:
            return default
        if not re.fullmatch(r"[0-9]{1,9}", value) or (
            allowed is not None and int(value) not in allowed
        ):
            expected = ", ".join(map(str, allowed)) if allowed else "a number"
            raise PackageError(
                self.child_path(name),
                "The value ${value} is not one of ${allowed}.",
                {"value": value, "allowed": expected},
            )
        return int(value)


def _read_organ(reader: _Reader) -> Organ:
    organ_id = reader.text("OrganId", required=True)
    if not is_exchange_identifier(organ_id):
        raise PackageError(
            reader.child_path("OrganId"),
            "The identifier ${value} is neither of the form 000.00.00.H41 nor a "
            "Decision 20/2020 code.",
            {"value": organ_id},
        )
    return Organ(
        organ_id=organ_id,
        name=reader.text("OrganName", required=True),
        in_charge=reader.text("OrganizationInCharge"),
        address=reader.text("OrganAdd"),
        email=reader.text("Email"),
        telephone=reader.text("Telephone"),
        fax=reader.text("Fax"),
        website=reader.text("Website"),
    )


def _read_response_for(reader: _Reader) -> ResponseFor:
    document_id = reader.text("DocumentId")
    if document_id:
        _check_document_id(reader.child_path("DocumentId"), document_id)
    return ResponseFor(
        organ_id=reader.text("OrganId", required=True),
        code=reader.text("Code"),
        promulgated=reader.day("PromulgationDate"),
        document_id=document_id,
    )


def _check_document_id(where: str, value: str) -> None:
    try:
        parse_document_id(value)
    except ValueError as error:
        raise PackageError(
            where,
            "${value} is not of the form OrganId,yyyy/MM/dd,Number/Notation "
            "(${detail}).",
            {"value": value, "detail": str(error)},
        ) from None


def _read_message_header(header: _Reader) -> dict:
    sender = _read_organ(header.child("From"))
    recipients = header.children("To")
    if not recipients:
        raise PackageError(header.child_path("To"), "The package names no recipient.")
    code = header.child("Code")
    promulgation = header.child("PromulgationInfo")
    doctype = header.child("DocumentType")
    signer = header.child("SignerInfo", required=False)
    places = header.child("ToPlaces", required=False)
    other = header.child("OtherInfo", required=False)
    appendixes = other.child("Appendixes", required=False) if other else None
    document_id = header.text("DocumentId")
    if document_id:
        _check_document_id(header.child_path("DocumentId"), document_id)
    return {
        "sender": sender,
        "recipients": tuple(_read_organ(reader) for reader in recipients),
        "number": code.text("CodeNumber", required=True),
        "notation": code.text("CodeNotation", required=True),
        "place": promulgation.text("Place"),
        "promulgated": promulgation.day("PromulgationDate", required=True),
        "doc_type": doctype.text("Type"),
        "type_name": doctype.text("TypeName", required=True),
        "subject": header.text("Subject", required=True),
        "content": header.text("Content"),
        "signer": (
            Signer(
                full_name=signer.text("FullName"),
                position=signer.text("Position"),
                competence=signer.text("Competence"),
            )
            if signer is not None
            else None
        ),
        "due_date": header.day("DueDate"),
        "to_places": tuple(
            (reader.element.text or "").strip() for reader in places.children("Place")
        )
        if places
        else (),
        "priority": other.integer("Priority", PRIORITIES, 0) if other else 0,
        "sphere": other.text("SphereOfPromulgation") if other else "",
        "typer_notation": other.text("TyperNotation") if other else "",
        "promulgation_amount": other.integer("PromulgationAmount") if other else None,
        "page_amount": other.integer("PageAmount") if other else None,
        "appendixes": tuple(
            (reader.element.text or "").strip()
            for reader in appendixes.children("Appendix")
        )
        if appendixes
        else (),
        "steering_type": header.integer("SteeringType", STEERING_TYPES, 0),
        "response_for": tuple(
            _read_response_for(reader) for reader in header.children("ResponseFor")
        ),
        "document_id": document_id,
    }


def _read_trace(header: _Reader) -> dict:
    trace_list = header.child("TraceHeaderList", required=False)
    if trace_list is None:
        return {}
    trace_list = trace_list.top()
    traces = []
    for reader in trace_list.children("TraceHeader"):
        stamp = reader.text("Timestamp", required=True)
        try:
            timestamp = datetime.strptime(stamp, TIMESTAMP_FORMAT)
        except ValueError:
            raise PackageError(
                reader.child_path("Timestamp"),
                "The time ${value} is not of the form yyyy/MM/dd HH:mm:ss.",
                {"value": stamp},
            ) from None
        traces.append(TraceHeader(reader.text("OrganId", required=True), timestamp))
    business = trace_list.child("Bussiness", required=False)
    doc_type = (
        business.integer("BussinessDocType", BUSINESS_DOC_TYPES, 0) if business else 0
    )
    fields = {"trace": tuple(traces), "business_doc_type": doc_type}
    if business is None:
        return fields
    fields["business_reason"] = business.text("BussinessDocReason")
    replaced = []
    replacements = business.child("ReplacementInfoList", required=False)
    for reader in replacements.children("ReplacementInfo") if replacements else ():
        document_id = reader.text("DocumentId", required=True)
        _check_document_id(reader.child_path("DocumentId"), document_id)
        replaced.append(document_id)
    if doc_type == REPLACE and not replaced:
        # A replacement that names nothing it replaces cannot be applied.
        raise PackageError(
            business.child_path("ReplacementInfoList"),
            "A replacement (BussinessDocType 3) names no document it replaces.",
        )
    fields["replaces"] = tuple(replaced)
    return fields


def _decode(reader: _Reader, limits: Limits) -> bytes:
    where = reader.child_path("ContentTransferEncoded")
    found = reader.child("ContentTransferEncoded", required=False)
    text = (found.element.text or "") if found is not None else ""
    # Senders wrap base64 in lines; nothing else may be in it. str.split
    # and the strict C decoder: a regular expression over a megabyte of
    # text cost more than the rest of the reading (bench/exchange.py).
    parts = text.split()
    compact = parts[0] if len(parts) == 1 else "".join(parts)
    del text, parts
    if len(compact) * 3 // 4 > limits.attachment:
        raise PackageError(
            where,
            "The file is larger than the ${limit} bytes allowed.",
            {"limit": limits.attachment},
        )
    try:
        return binascii.a2b_base64(compact, strict_mode=True)
    except (binascii.Error, ValueError):
        raise PackageError(where, "The file is not valid base64.") from None


def _read_attachments(root: _Reader, manifest: _Reader | None, limits) -> tuple:
    references = manifest.children("Reference") if manifest is not None else []
    encoded = root.child("AttachmentEncoded", required=False)
    encoded = encoded.top() if encoded is not None else None
    attachments = encoded.children("Attachment") if encoded is not None else []
    if len(attachments) > limits.attachments:
        raise PackageError(
            path("AttachmentEncoded"),
            "${count} files, more than the ${limit} allowed.",
            {"count": len(attachments), "limit": limits.attachments},
        )
    by_id = {}
    for reader in attachments:
        content_id = reader.text("ContentId", required=True)
        if content_id in by_id:
            raise PackageError(
                reader.child_path("ContentId"),
                "Two files share the ContentId ${value}.",
                {"value": content_id},
            )
        by_id[content_id] = reader
    result = []
    for reference in references:
        href = reference.element.get(f"{{{XLINK}}}href", "")
        where = f"{reference.where}/@xlink:href"
        if not href.startswith("cid:") or not href[4:]:
            raise PackageError(
                where,
                "The reference ${value} is not of the form cid:…",
                {"value": href},
            )
        reader = by_id.pop(href[4:], None)
        if reader is None:
            raise PackageError(
                where,
                "No attachment has the ContentId ${value}.",
                {"value": href[4:]},
            )
        name = reader.text("AttachmentName") or reference.text("AttachmentName")
        if not name:
            raise PackageError(
                reader.child_path("AttachmentName"), "The file has no name."
            )
        result.append(
            Attachment(
                name=name,
                content_type=reader.text("ContentType")
                or reference.text("ContentType")
                or "application/octet-stream",
                data=_decode(reader, limits),
                description=reader.text("Description") or reference.text("Description"),
                content_id=href[4:],
            )
        )
    if by_id:
        first = next(iter(by_id.values()))
        raise PackageError(
            first.child_path("ContentId"),
            "The file ${value} is not in the manifest.",
            {"value": first.element.findtext(q("ContentId"))},
        )
    return tuple(result)


#: The header element each kind of package starts with, and its reader.
HEADER_READERS: dict[str, Callable] = {}


def _read_document(root: _Reader, envelope: _Reader, header: _Reader, limits):
    fields = _read_message_header(header.child("MessageHeader").top())
    fields.update(_read_trace(header))
    body = envelope.child("edXMLBody", required=False)
    manifest = body.child("edXMLManifest", required=False) if body else None
    manifest = manifest.top() if manifest is not None else None
    fields["attachments"] = _read_attachments(root, manifest, limits)
    return DocumentMessage(**fields)


HEADER_READERS["MessageHeader"] = _read_document


def parse(data: bytes, limits: Limits | None = None) -> DocumentMessage:
    """Read and check a package; ``PackageError`` names what is wrong."""
    limits = limits or Limits()
    if len(data) > limits.package:
        raise PackageError(
            tag("edXML"),
            "The package has ${size} bytes, more than the ${limit} allowed.",
            {"size": len(data), "limit": limits.package},
        )
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096], re.IGNORECASE):
        raise PackageError(tag("edXML"), "A package may not declare a DTD.")
    try:
        element = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise PackageError(
            tag("edXML"), "The package is not XML: ${detail}", {"detail": str(error)}
        ) from None
    if element.tag != q("edXML"):
        namespace = etree.QName(element).namespace or ""
        if etree.QName(element).localname == "edXML" and namespace != NS:
            raise PackageError(
                tag("edXML"),
                "The namespace ${value} is not ${expected}.",
                {"value": namespace or "(none)", "expected": NS},
            )
        raise PackageError(
            tag("edXML"),
            "The package starts with ${value}, not edXML:edXML.",
            {"value": etree.QName(element).localname},
        )
    root = _Reader(element, tag("edXML"))
    envelope = root.child("edXMLEnvelope").top()
    header = envelope.child("edXMLHeader").top()
    for name, reader in HEADER_READERS.items():
        if header.element.find(q(name)) is not None:
            return reader(root, envelope, header, limits)
    raise PackageError(header.child_path("MessageHeader"), "This element is missing.")
