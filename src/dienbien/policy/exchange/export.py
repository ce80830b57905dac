"""An issued outgoing document as an edXML package (``GET …/@edxml``).

The shell reads the document, its unit and the address book into a
``DocumentMessage`` (core/exchange/package.py) and lets ``edxml.build``
write it. What keeps a document from travelling is
``core.exchange.mapping.export_problems``.

- From: the issuing unit, by its ``organ_id``; To: each organisation chosen
  from the address book (``external_organisations``); ToPlaces: every
  recipient as the paper lists them (units, book entries, free lines);
- ResponseFor: when the document answers an incoming one (``reply_to``)
  that came as a package (its ``exchange_document_id``) or from one of our
  units with an identifier;
- the file, the only one an outgoing document has, base64-encoded.
"""

from dienbien.policy.core.correspondence.notation import format_number
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import mapping
from dienbien.policy.core.exchange.organs import parse_document_id
from dienbien.policy.core.exchange.package import Attachment
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.core.exchange.package import ResponseFor
from dienbien.policy.core.exchange.package import Signer
from dienbien.policy.core.exchange.package import TraceHeader
from dienbien.policy.correspondence.browser.outgoing import unit_place
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.correspondence.drafting import unit_object
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.exchange.addressbook import organisation_by_id
from dienbien.policy.exchange.addressbook import organisation_names
from dienbien.policy.orgunits.lookup import unit_title
from plone import api

import lxml.html


def unit_organ(context, code: str) -> Organ | None:
    unit = unit_object(context, code)
    organ_id = (getattr(unit, "organ_id", None) or "").strip() if unit else ""
    if not organ_id:
        return None
    return Organ(organ_id=organ_id, name=unit.title)


def _recipients(document) -> list[Organ]:
    found = []
    for organ_id in getattr(document, "external_organisations", None) or ():
        entry = organisation_by_id(organ_id)
        found.append(entry.as_organ() if entry else Organ(organ_id, organ_id))
    return found


def _to_places(document) -> tuple[str, ...]:
    places = [
        unit_title(document, code) or code
        for code in document.internal_recipients or ()
    ]
    places += organisation_names(getattr(document, "external_organisations", ()))
    places += [line for line in document.external_recipients or () if line]
    return tuple(places)


def _content(document) -> str:
    body = getattr(document, "body", None)
    html = getattr(body, "raw", "") if body is not None else ""
    if not html.strip():
        return ""
    return " ".join(lxml.html.fromstring(html).text_content().split())


def _response_for(document) -> tuple[ResponseFor, ...]:
    uid = getattr(document, "reply_to", None)
    if not uid:
        return ()
    found = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    if not found:
        return ()
    answered = found[0]._unrestrictedGetObject()
    document_id = getattr(answered, "exchange_document_id", "") or ""
    if document_id:
        read = parse_document_id(document_id)
        return (
            ResponseFor(
                read.organ_id,
                f"{read.number}/{read.notation}",
                read.promulgated,
                document_id,
            ),
        )
    sender = unit_organ(document, getattr(answered, "sender_unit", None))
    if sender is None or not answered.sender_notation or not answered.sender_date:
        return ()
    number, _, notation = answered.sender_notation.partition("/")
    return (
        ResponseFor(
            sender.organ_id,
            answered.sender_notation,
            answered.sender_date,
            f"{sender.organ_id},{answered.sender_date:%Y/%m/%d},{number}/{notation}",
        ),
    )


def export_problems(document) -> list:
    sender = unit_organ(document, document.unit)
    return mapping.export_problems(
        api.content.get_state(document),
        getattr(document, "confidentiality", None),
        sender.organ_id if sender else "",
        len(getattr(document, "external_organisations", None) or ()),
    )


def message_for(document) -> DocumentMessage:
    """The message of an issued document (``export_problems`` is empty)."""
    sender = unit_organ(document, document.unit)
    symbol = (document.notation or "").partition("/")[2]
    issued = document.issued
    file = getattr(document, "file", None)
    attachments = ()
    if file is not None and file.data:
        attachments = (
            Attachment(
                name=file.filename or "van-ban",
                content_type=file.contentType or "application/octet-stream",
                data=file.data,
            ),
        )
    signer = getattr(document, "signer", None)
    return DocumentMessage(
        sender=sender,
        recipients=tuple(_recipients(document)),
        number=format_number(document.number),
        notation=symbol,
        promulgated=issued.date(),
        doc_type=mapping.doctype_code(document.doctype),
        type_name=type_name(document.doctype),
        subject=(document.summary or "").strip(),
        place=unit_place(document, unit_object(document, document.unit)),
        content=_content(document),
        signer=Signer(full_name(signer)) if signer else None,
        to_places=_to_places(document),
        priority=mapping.priority_for(getattr(document, "urgency", None)),
        promulgation_amount=getattr(document, "copies", None),
        response_for=_response_for(document),
        trace=(TraceHeader(sender.organ_id, issued.replace(microsecond=0)),),
        attachments=attachments,
    )


def package_of(document) -> bytes:
    return edxml.build(message_for(document))
