"""What an outgoing draft needs, and the steps of its life (Decree 30/2020
Art. 10–16: drafting, approval, issue, sending, recall).

The classic add form and the REST create both judge a draft here, so a
draft refused in one is refused in the other for the same reason, before
anything is stored.
"""

from ..messages import Problem
from . import doctypes
from . import marks
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field


#: The trích yếu (Appendix VI "Subject": 500 characters).
SUMMARY_MAX = 500


@dataclass(frozen=True)
class Draft:
    """An outgoing draft as typed: ids and texts, no Plone objects."""

    doctype: str = ""
    normative: bool = False
    department: str = ""
    summary: str = ""
    has_body: bool = False
    has_file: bool = False
    internal_recipients: tuple[str, ...] = ()
    external_recipients: tuple[str, ...] = ()
    urgency: str = "normal"
    confidentiality: str = "normal"
    signer: str = ""
    copies: int | None = 1
    #: The issuing unit's department abbreviations (empty: not listed yet).
    departments: tuple[str, ...] = field(default=())
    #: The user ids who may sign for the unit (empty: not checked).
    leaders: tuple[str, ...] = field(default=())


def _doctype(type_id: str) -> doctypes.DocumentType | None:
    try:
        return doctypes.document_type(type_id)
    except KeyError:
        return None


def draft_problems(draft: Draft) -> list[Problem]:
    """Everything that keeps ``draft`` from being stored, one problem per
    field (the first that applies)."""
    problems = []
    doctype = _doctype(draft.doctype) if draft.doctype else None
    if doctype is None:
        problems.append(
            Problem("doctype", "Choose the document type.")
            if not draft.doctype
            else Problem(
                "doctype",
                "${value} is not a document type of Decree 30/2020.",
                {"value": draft.doctype},
            )
        )
    elif draft.normative and not doctype.may_be_normative:
        problems.append(
            Problem(
                "normative",
                "Only a Nghị quyết or a Quyết định can be a normative document; "
                "a ${type} cannot.",
                {"type": doctype.title},
            )
        )
    problems += _department_problems(draft, doctype)
    if not draft.summary.strip():
        problems.append(
            Problem("summary", "Enter the summary (trích yếu) of the document.")
        )
    elif len(draft.summary.strip()) > SUMMARY_MAX:
        problems.append(
            Problem(
                "summary",
                "The summary is at most ${max} characters.",
                {"max": SUMMARY_MAX},
            )
        )
    if not (draft.has_body or draft.has_file):
        problems.append(
            Problem("body", "Write the content or attach the document's file.")
        )
    recipients = [r for r in draft.internal_recipients if r] + [
        r.strip() for r in draft.external_recipients if r and r.strip()
    ]
    if not recipients:
        problems.append(
            Problem(
                "internal_recipients",
                "Name at least one recipient: a unit of the organisation or an "
                "address outside it.",
            )
        )
    if draft.urgency not in marks.URGENCY_IDS:
        problems.append(
            Problem("urgency", "${value} is not an urgency.", {"value": draft.urgency})
        )
    if draft.confidentiality not in marks.CONFIDENTIALITY_IDS:
        problems.append(
            Problem(
                "confidentiality",
                "${value} is not a confidentiality level.",
                {"value": draft.confidentiality},
            )
        )
    elif draft.normative and marks.is_secret(draft.confidentiality):
        problems.append(
            Problem(
                "confidentiality",
                "A normative document is published: it cannot be secret.",
            )
        )
    if not draft.signer:
        problems.append(Problem("signer", "Choose who signs the document."))
    elif draft.leaders and draft.signer not in draft.leaders:
        problems.append(
            Problem(
                "signer",
                "The signer must be one of the unit's leaders.",
            )
        )
    if draft.copies is None or draft.copies < 1:
        problems.append(Problem("copies", "The number of copies is at least 1."))
    return problems


def _department_problems(draft: Draft, doctype) -> list[Problem]:
    department = draft.department.strip()
    listed = {d.casefold() for d in draft.departments}
    if doctype is not None and doctype.dispatch_form and not department:
        return [
            Problem(
                "department",
                "A ${type} names its drafting department after the issuer "
                "(05/UBND-VP): name the department.",
                {"type": doctype.title},
            )
        ]
    if department and listed and department.casefold() not in listed:
        return [
            Problem(
                "department",
                "${value} is not one of the issuing unit's departments.",
                {"value": department},
            )
        ]
    return []


def notation_department(doctype_id: str, department: str) -> str:
    """The department written in the notation: a công văn's only (the
    other types are numbered ``05/QĐ-UBND`` whoever drafted them)."""
    doctype = _doctype(doctype_id)
    return department.strip() if doctype is not None and doctype.dispatch_form else ""


# -- Steps ------------------------------------------------------------------

#: Steps that must state a reason: a return to the drafter, a recall.
NEEDS_REASON = ("return", "recall")

#: The order of the step buttons: the way forward first, then the steps back.
ORDER = ("submit", "approve", "issue", "send", "return", "recall")


def step_problems(step: str, reason: str) -> list[Problem]:
    if step in NEEDS_REASON and not (reason or "").strip():
        return [Problem("reason", "Enter the reason.")]
    return []


def in_order(steps: Iterable[str]) -> list[str]:
    rank = {step: number for number, step in enumerate(ORDER)}
    return sorted(steps, key=lambda step: rank.get(step, len(ORDER)))
