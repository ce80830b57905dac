"""Between our documents and edXML messages: the rules, without Zope.

- ``export_problems``: why an outgoing document cannot become a package
  (not issued, secret, an issuer without identifier, nobody outside to send
  it to);
- ``doctype_code`` / ``doctype_for``: ``DocumentType/Type`` is the type's
  place in Decree 30/2020 Art. 7 (1 Nghị quyết … 29), our reading — no
  official list was found (reference exchange.md §5, [unverified]); a
  package is read by ``TypeName`` first, which is the type's Vietnamese
  name;
- ``incoming_fields``: the incoming document a received package becomes,
  awaiting registration in the addressed unit's inbox.
"""

from ..correspondence import doctypes
from ..correspondence.marks import EDXML_PRIORITY
from ..messages import Problem
from .package import DocumentMessage
from .package import URGENCY_BY_PRIORITY
from datetime import datetime
from dienbien.policy.core.numbers import is_whole


#: Outgoing states from which a document has its number, date and file.
ISSUED_STATES = ("issued", "sent")


def export_problems(
    state: str,
    confidentiality: str,
    organ_id: str,
    recipients: int,
) -> list[Problem]:
    if state not in ISSUED_STATES:
        return [
            Problem(
                "review_state",
                "Only an issued document has a number and date to send; this one "
                "is not issued.",
            )
        ]
    problems = []
    if (confidentiality or "normal") != "normal":
        problems.append(
            Problem(
                "confidentiality",
                "A secret document does not travel through the exchange platform.",
            )
        )
    if not organ_id:
        problems.append(
            Problem(
                "organ_id",
                "The issuing unit has no electronic identifier (QCVN 102): enter "
                "it on the unit first.",
            )
        )
    if not recipients:
        problems.append(
            Problem(
                "external_organisations",
                "Choose at least one organisation from the address book to send "
                "the package to.",
            )
        )
    return problems


def doctype_code(type_id: str) -> str:
    for index, doctype in enumerate(doctypes.load_document_types(), start=1):
        if doctype.id == type_id:
            return str(index)
    return ""


def doctype_for(type_name: str, code: str = "") -> str:
    """Our type id for a package's ``TypeName`` (else its ``Type``); the
    official letter (công văn) when neither reads."""
    wanted = (type_name or "").strip().casefold()
    types = doctypes.load_document_types()
    for doctype in types:
        if doctype.title.casefold() == wanted:
            return doctype.id
    if is_whole(code) and 1 <= int(code) <= len(types):
        return types[int(code) - 1].id
    return "dispatch"


def priority_for(urgency: str) -> int:
    return EDXML_PRIORITY.get(urgency or "normal", 0)


def incoming_fields(message: DocumentMessage, unit: str, now: datetime) -> dict:
    """The fields of the ``IncomingDocument`` a package becomes in ``unit``'s
    inbox (state ``received``, awaiting registration): the sender as the
    package names it, its number and date, type, summary and urgency.
    Packages carry no confidentiality: they are ordinary documents."""
    return {
        "unit": unit,
        "received": now,
        "sender_name": message.sender.name,
        "sender_notation": message.code,
        "sender_date": message.promulgated,
        "doctype": doctype_for(message.type_name, message.doc_type),
        "summary": message.subject,
        "urgency": URGENCY_BY_PRIORITY.get(message.priority, "normal"),
        "confidentiality": "normal",
    }
