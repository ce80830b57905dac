"""Sending inside the organisation: what an issued outgoing document puts in
the inbox of each internal recipient unit, and what the sender sees of it.

Sending an issued document (its ``send`` transition) delivers to each
internal recipient unit an incoming document awaiting registration (state
``received``, "chờ vào sổ"), with the same file and the sender's facts
(Decree 30/2020 Art. 18–20; Appendix VI asks that the sender sees each
receiver's processing state). The recipient's clerical office registers it
with its own incoming number or returns it with a reason.

Secret documents (mật and above) are not delivered this way. Who may read
a secret delivery in the recipient unit is for that unit's head to decide
when it arrives (State Secrets Protection Law 29/2018, Art. 10–11); an
inbox item that nobody in the unit may open, or that the whole clerical
office may open, are both wrong. They go on paper, by hand, through the
secret registers, as the law already requires: the send form says so and
the sender's delivery table names no recipient.
"""

from dataclasses import dataclass
from dienbien.policy.core.correspondence.marks import is_secret


#: The incoming document's workflow state → what the sender reads, in the
#: order a delivery goes through them (``returned`` may follow the first two).
STATUS_OF_STATE = {
    "received": "delivered",
    "registered": "registered",
    "assigned": "assigned",
    "in_progress": "in_progress",
    "done": "done",
    "returned": "returned",
    "recalled": "recalled",
}
STATUSES = ("delivered", "registered", "assigned", "in_progress", "done", "returned")

#: The statuses of the exchange's codes (``core.exchange.status.NAMES``)
#: that internal deliveries reach only by a recall, and those of recipients
#: outside: sent, no status yet; a recall agreed or refused. One table, one
#: vocabulary for both.
EXCHANGE_STATUSES = (
    "sent",
    "recalled",
    "recall_agreed",
    "recall_refused",
    # An update or a replacement sent (core.exchange.corrections), answered.
    "update_sent",
    "update_agreed",
    "update_refused",
    "replace_sent",
    "replace_agreed",
    "replace_refused",
)

#: Why an outgoing document puts nothing in internal inboxes.
SECRET = "secret"
NO_RECIPIENTS = "no_internal_recipients"


def status_of(state: str | None) -> str:
    """The delivery status of a recipient's incoming document in ``state``;
    ``delivered`` for a state this table does not know (a newer workflow)."""
    return STATUS_OF_STATE.get(state or "", "delivered")


def refusal(confidentiality: str, recipients) -> str | None:
    """Why ``send`` delivers nothing inside the organisation, or ``None``."""
    if is_secret(confidentiality or "normal"):
        return SECRET
    if not recipients:
        return NO_RECIPIENTS
    return None


def recipients_to_deliver(recipients, sender_unit: str | None, delivered=()) -> list:
    """The units to deliver to, in the order the drafter listed them: each
    once, never the issuing unit itself (its copy is the file copy), never one
    that already has its delivery (sending again after a failure adds only
    the missing ones)."""
    seen = set(delivered)
    if sender_unit:
        seen.add(sender_unit)
    found = []
    for code in recipients or ():
        if code and code not in seen:
            seen.add(code)
            found.append(code)
    return found


@dataclass(frozen=True)
class Outgoing:
    """The facts of an issued outgoing document that a delivery carries."""

    uid: str
    unit: str
    unit_title: str
    notation: str
    issued: object  # datetime (naive, Asia/Ho_Chi_Minh)
    doctype: str
    summary: str
    urgency: str
    confidentiality: str


def incoming_fields(outgoing: Outgoing, recipient: str, now) -> dict:
    """The fields of the incoming document delivered to ``recipient``: the
    sender's number, date and marks as the sender issued them; the arrival
    time is the moment of sending."""
    issued = outgoing.issued
    return {
        "unit": recipient,
        "received": now,
        "sender_unit": outgoing.unit,
        "sender_name": outgoing.unit_title,
        "sender_notation": outgoing.notation,
        "sender_date": issued.date() if hasattr(issued, "date") else issued,
        "doctype": outgoing.doctype,
        "summary": outgoing.summary,
        "urgency": outgoing.urgency or "normal",
        "confidentiality": outgoing.confidentiality or "normal",
        "source": outgoing.uid,
    }


def summary_counts(statuses) -> dict:
    """``{status: count}`` over every status (zeros included; those of
    ``EXCHANGE_STATUSES`` only when present), for the delivery table's
    heading."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts
