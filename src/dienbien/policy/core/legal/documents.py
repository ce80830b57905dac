"""What makes a normative document's record right before it is kept: its
number and notation (``25/2026/QĐ-UBND``) agree with its type, year and
issuer, and its dates keep the law's lead time (Law 64/2025 Art. 53).

Plain data in, ``Problem``s out (each names the field), for the add and edit
forms and the REST deserializer alike.
"""

from dataclasses import dataclass
from datetime import date
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence.notation import NotationError
from dienbien.policy.core.correspondence.notation import parse_notation
from dienbien.policy.core.legal.validity import earliest_effective
from dienbien.policy.core.messages import Problem


#: The minimum days between signing and taking effect for local documents.
LEAD_DAYS = 10


@dataclass(frozen=True)
class LegalRecord:
    notation: str
    doctype: str
    issuer_abbreviation: str
    signed: date | None
    effective: date | None
    end: date | None = None
    shortened: bool = False


def check_record(record: LegalRecord, lead_days: int = LEAD_DAYS) -> list[Problem]:
    problems = []
    try:
        doctype = doctypes.document_type(record.doctype)
    except (KeyError, ValueError):
        doctype = None
    if doctype is None or not doctype.may_be_normative:
        problems.append(
            Problem(
                "doctype",
                "A local normative document is a resolution or a decision.",
            )
        )
        doctype = None
    notation = None
    try:
        notation = parse_notation(record.notation or "", doctype)
    except NotationError as error:
        problems.append(error.problem)
    if notation is not None:
        if notation.year is None:
            problems.append(
                Problem(
                    "notation",
                    "A normative document's number carries its year (25/2026/QĐ-UBND).",
                )
            )
        elif record.signed and notation.year != record.signed.year:
            problems.append(
                Problem(
                    "notation",
                    "The year ${year} in the number is not the year it was signed "
                    "(${signed}).",
                    {"year": notation.year, "signed": record.signed.year},
                )
            )
        issuer = record.issuer_abbreviation
        if issuer and notation.issuer.casefold() != issuer.casefold():
            problems.append(
                Problem(
                    "notation",
                    "The issuer in the number is ${value}, the issuer chosen is "
                    "abbreviated ${issuer}.",
                    {"value": notation.issuer, "issuer": issuer},
                )
            )
    if record.signed and record.effective:
        earliest = earliest_effective(record.signed, lead_days, record.shortened)
        if record.effective < earliest:
            problems.append(
                Problem(
                    "in_force_from",
                    "A local document takes effect no earlier than ${days} days after "
                    "it was signed: ${earliest} at the earliest, unless it was "
                    "adopted by the shortened procedure.",
                    {"days": lead_days, "earliest": earliest.strftime("%d/%m/%Y")},
                )
            )
    if record.effective and record.end and record.end <= record.effective:
        problems.append(
            Problem("in_force_until", "The end date comes after the effective date.")
        )
    return problems
