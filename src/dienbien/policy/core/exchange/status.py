"""Status packages: what became of an exchanged document at each recipient.

A status package (QCVN 102:2016, reference exchange.md §5) has the document
package's envelope with ``edXML:MessageStatus`` in its header::

    edXML:MessageStatus
      edXML:ResponseFor   OrganId, Code, PromulgationDate, DocumentId
                          (the document the status is about: the sender's)
      edXML:From          the organisation whose status it is
      edXML:StatusCode    01 … 16
      edXML:Description   a reason (a refusal's, a recall's)
      edXML:Timestamp     yyyy/MM/dd HH:mm:ss, Vietnam time
      edXML:StaffInfo     Department, Staff, Mobile, Email

It is the business status, separate from the transport's acknowledgement.
The same codes name the statuses of internal deliveries
(``core.correspondence.delivery``): the sender's table has one vocabulary
for the units of the site and the organisations outside it.

``recorded`` keeps, per recipient, the latest status by its timestamp, so
packages that arrive out of order (a platform retries) leave the status the
recipient reached last.
"""

from . import edxml
from .edxml import _read_organ
from .edxml import _read_response_for
from .edxml import _Reader
from .edxml import _sub
from .edxml import NSMAP
from .edxml import PackageError
from .edxml import q
from .edxml import TIMESTAMP_FORMAT
from .organs import DATE_FORMAT
from .package import Organ
from .package import ResponseFor
from dataclasses import dataclass
from datetime import datetime
from lxml import etree


ARRIVED = "01"
REFUSED = "02"
ACCEPTED = "03"
ASSIGNED = "04"
IN_PROGRESS = "05"
DONE = "06"
RECALLED = "13"
RECALL_AGREED = "15"
RECALL_REFUSED = "16"

#: Code → the status's name in the delivery table (``delivery.STATUSES``).
#: 15 and 16 answer a recall, an update or a replacement.
NAMES = {
    ARRIVED: "delivered",
    REFUSED: "returned",
    ACCEPTED: "registered",
    ASSIGNED: "assigned",
    IN_PROGRESS: "in_progress",
    DONE: "done",
    RECALLED: "recalled",
    RECALL_AGREED: "recall_agreed",
    RECALL_REFUSED: "recall_refused",
}
CODES = {name: code for code, name in NAMES.items()}
#: 15 and 16 answer a recall, an update or a replacement: the sender's row
#: names which (``core.exchange.corrections``), with the same code.
CODES.update(
    update_agreed=RECALL_AGREED,
    replace_agreed=RECALL_AGREED,
    update_refused=RECALL_REFUSED,
    replace_refused=RECALL_REFUSED,
)

#: An incoming document's workflow state → the status its sender is told.
CODE_OF_STATE = {
    "received": ARRIVED,
    "returned": REFUSED,
    "registered": ACCEPTED,
    "assigned": ASSIGNED,
    "in_progress": IN_PROGRESS,
    "done": DONE,
    "recalled": RECALL_AGREED,
}


@dataclass(frozen=True)
class Staff:
    """Who at the recipient changed the status (``StaffInfo``)."""

    department: str = ""
    name: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class StatusMessage:
    """One status package: ``sender`` (From) says ``code`` of the document
    ``document`` (ResponseFor) at ``timestamp``."""

    document: ResponseFor
    sender: Organ
    code: str
    timestamp: datetime
    description: str = ""
    staff: Staff = Staff()

    @property
    def name(self) -> str:
        return NAMES[self.code]


def code_for_state(state: str | None) -> str | None:
    """The status code a move into ``state`` tells the sender (``None``:
    nothing to tell)."""
    return CODE_OF_STATE.get(state or "")


# -- writing ---------------------------------------------------------------


def build_status(message: StatusMessage) -> bytes:
    """The status package, UTF-8 with its declaration (no attachments)."""
    if message.code not in NAMES:
        raise ValueError(f"unknown status code {message.code!r}")
    root = etree.Element(q("edXML"), nsmap=NSMAP)
    envelope = _sub(root, "edXMLEnvelope")
    header = _sub(envelope, "edXMLHeader")
    status = _sub(header, "MessageStatus")
    answered = _sub(status, "ResponseFor")
    _sub(answered, "OrganId", message.document.organ_id)
    _sub(answered, "Code", message.document.code)
    _sub(
        answered,
        "PromulgationDate",
        message.document.promulgated.strftime(DATE_FORMAT)
        if message.document.promulgated
        else "",
    )
    _sub(answered, "DocumentId", message.document.document_id)
    edxml._organ(status, "From", message.sender)
    _sub(status, "StatusCode", message.code)
    _sub(status, "Description", message.description)
    _sub(status, "Timestamp", message.timestamp.strftime(TIMESTAMP_FORMAT))
    staff = _sub(status, "StaffInfo")
    _sub(staff, "Department", message.staff.department)
    _sub(staff, "Staff", message.staff.name)
    _sub(staff, "Mobile", message.staff.mobile)
    _sub(staff, "Email", message.staff.email)
    _sub(envelope, "edXMLBody")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# -- reading ---------------------------------------------------------------


def _read_status(root: _Reader, envelope: _Reader, header: _Reader, limits):
    status = header.child("MessageStatus").top()
    answered = status.child("ResponseFor")
    document = _read_response_for(answered)
    if not document.document_id:
        raise PackageError(answered.child_path("DocumentId"), "This element is empty.")
    code = status.text("StatusCode", required=True)
    if code not in NAMES:
        raise PackageError(
            status.child_path("StatusCode"),
            "The value ${value} is not one of ${allowed}.",
            {"value": code, "allowed": ", ".join(NAMES)},
        )
    stamp = status.text("Timestamp", required=True)
    try:
        timestamp = datetime.strptime(stamp, TIMESTAMP_FORMAT)
    except ValueError:
        raise PackageError(
            status.child_path("Timestamp"),
            "The time ${value} is not of the form yyyy/MM/dd HH:mm:ss.",
            {"value": stamp},
        ) from None
    staff = status.child("StaffInfo", required=False)
    return StatusMessage(
        document=document,
        sender=_read_organ(status.child("From")),
        code=code,
        timestamp=timestamp,
        description=status.text("Description"),
        staff=Staff(
            department=staff.text("Department"),
            name=staff.text("Staff"),
            mobile=staff.text("Mobile"),
            email=staff.text("Email"),
        )
        if staff is not None
        else Staff(),
    )


edxml.HEADER_READERS["MessageStatus"] = _read_status


# -- the sender's view -----------------------------------------------------


def recorded(
    rows,
    organ: Organ,
    code: str | None,
    moment: datetime,
    note: str = "",
    own=False,
    name: str | None = None,
):
    """``rows`` (the sender's per-organisation statuses, dicts with
    ``organ_id``, ``name``, ``status``, ``changed``, ``reason``, ``stamp``)
    after ``organ`` said ``code`` at ``moment``: a new row for an
    organisation not yet listed; the row replaced unless it holds a later
    status of that organisation's (a platform's late retry of an earlier
    one). ``own`` marks what the sender itself recorded (its recall, update
    or replacement): the organisation's next status replaces it whatever the
    two clocks say. ``name``: the row's status when the code alone does not
    say it (an answer to an update; the sender's own request, no code)."""
    rows = tuple(rows or ())
    row = {
        "organ_id": organ.organ_id,
        "name": organ.name,
        "status": name or NAMES[code],
        "changed": moment,
        "reason": note,
        "stamp": None if own else moment,
    }
    for index, old in enumerate(rows):
        if old["organ_id"] == organ.organ_id:
            if not own and old.get("stamp") and old["stamp"] > moment:
                return rows
            if own:
                row["stamp"] = old.get("stamp")
            kept = {"sent": old["sent"]} if "sent" in old else {}
            return (*rows[:index], {**row, **kept}, *rows[index + 1 :])
    return (*rows, row)
