"""Updates and replacements of an exchanged document (``BussinessDocType``
2 and 3), as rules without Zope.

The sender corrects a document it sent to organisations outside the site:

- an **update** (2, "đính chính/cập nhật") corrects the metadata — subject,
  signer, due date, urgency, the file — of the same document: its number,
  notation, date and so its ``DocumentId`` stay;
- a **replacement** (3, "thay thế") is a new issued document whose package
  names, in ``Bussiness/ReplacementInfoList``, the ``DocumentId`` of the one
  it replaces.

The recipient applies one at once while its copy awaits registration; once
the copy is registered and being handled its clerical office decides: agree
(applied, status 15) or refuse with a reason (16). A recall (13) is never
refused (Decree 30/2020 Art. 22: the recipient deletes the recalled copy
and tells the sender), see docs/exchange.md.
"""

from ..correspondence.marks import URGENCY_IDS
from ..messages import Problem
from .package import REPLACE
from .package import UPDATE


UPDATE_KIND = "update"
REPLACE_KIND = "replace"
RECALL_KIND = "recall"
KIND_OF_TYPE = {UPDATE: UPDATE_KIND, REPLACE: REPLACE_KIND}
TYPE_OF_KIND = {kind: code for code, kind in KIND_OF_TYPE.items()}

#: What becomes of a copy, by its workflow state: applied at once while it
#: awaits registration; asked of the clerical office once it is handled;
#: nothing for a copy that left the inbox (returned to the sender, recalled
#: or replaced before).
APPLY = "apply"
ASK = "ask"
SKIP = "skip"
AWAITING = ("received",)
HANDLED = ("registered", "assigned", "in_progress", "done")

#: The sender's table: its own request while unanswered, then the answer.
REQUESTED = {UPDATE_KIND: "update_sent", REPLACE_KIND: "replace_sent"}
AGREED = {
    UPDATE_KIND: "update_agreed",
    REPLACE_KIND: "replace_agreed",
    RECALL_KIND: "recall_agreed",
}
REFUSED = {
    UPDATE_KIND: "update_refused",
    REPLACE_KIND: "replace_refused",
    RECALL_KIND: "recall_refused",
}

REASON_LIMIT = 500
SUMMARY_LIMIT = 500


def fate(state: str | None) -> str:
    """``APPLY``, ``ASK`` or ``SKIP`` for a copy in ``state``."""
    if state in AWAITING:
        return APPLY
    if state in HANDLED:
        return ASK
    return SKIP


def answer_name(kind: str | None, code: str) -> str | None:
    """The sender's row after a 15 (agreed) or 16 (refused) of a request of
    ``kind``; ``None`` for any other code (its usual name)."""
    table = {"15": AGREED, "16": REFUSED}.get(code)
    if table is None:
        return None
    return table.get(kind or RECALL_KIND, table[RECALL_KIND])


def reason_problems(reason: str) -> list[Problem]:
    reason = (reason or "").strip()
    if not reason:
        return [Problem("reason", "Give the reason.")]
    if len(reason) > REASON_LIMIT:
        return [
            Problem(
                "reason",
                "${length} characters, more than the ${limit} allowed.",
                {"length": len(reason), "limit": REASON_LIMIT},
            )
        ]
    return []


def request_problems(
    kind: str,
    reason: str,
    summary: str = "",
    replacement_found: bool = False,
    rows: int = 0,
    state: str = "",
    urgency: str = "",
) -> list[Problem]:
    """Why the sender's correction cannot go out: the document was not sent
    to anybody outside (``rows``), or is no longer issued (``state``); an
    update without subject or with an unknown urgency; a replacement without
    the new document; no reason."""
    if state not in ("issued", "sent") or not rows:
        return [
            Problem(
                "kind",
                "Only an issued document sent to organisations outside the site "
                "can be updated or replaced.",
            )
        ]
    problems = []
    if kind not in TYPE_OF_KIND:
        problems.append(
            Problem(
                "kind",
                "The value ${value} is not one of ${allowed}.",
                {"value": kind, "allowed": ", ".join(TYPE_OF_KIND)},
            )
        )
    elif kind == UPDATE_KIND:
        summary = (summary or "").strip()
        if not summary:
            problems.append(Problem("summary", "Give the summary."))
        elif len(summary) > SUMMARY_LIMIT:
            problems.append(
                Problem(
                    "summary",
                    "${length} characters, more than the ${limit} allowed.",
                    {"length": len(summary), "limit": SUMMARY_LIMIT},
                )
            )
        if urgency and urgency not in URGENCY_IDS:
            # The form's choices, or anything a hand-made POST sends: an
            # issued document's stamp must stay one the law knows.
            problems.append(
                Problem(
                    "urgency",
                    "The value ${value} is not one of ${allowed}.",
                    {"value": urgency, "allowed": ", ".join(URGENCY_IDS)},
                )
            )
    elif not replacement_found:
        problems.append(
            Problem(
                "replacement",
                "Choose the issued document, not sent yet, that replaces this one.",
            )
        )
    return problems + reason_problems(reason)


def replacement_choices(documents, replaced_uid: str) -> list:
    """The documents a replacement may be chosen from: issued, not sent
    yet, not the replaced one, not already replacing another, not secret — a
    secret document never travels through the platform, so it cannot take
    the place of one that did (``documents``: dicts with ``uid``, ``state``,
    ``replaces``, ``confidentiality``)."""
    return [
        document
        for document in documents
        if document["state"] == "issued"
        and document["uid"] != replaced_uid
        and not document.get("replaces")
        and (document.get("confidentiality") or "normal") == "normal"
    ]


def is_correction(business_doc_type: int) -> bool:
    return business_doc_type in KIND_OF_TYPE


def named_documents(business_doc_type: int, document_id: str, replaces) -> tuple:
    """The ``DocumentId``s of our copies a correction is about: an update's
    own (it keeps its identity), a replacement's list."""
    if business_doc_type == REPLACE:
        return tuple(replaces)
    return (document_id,)
