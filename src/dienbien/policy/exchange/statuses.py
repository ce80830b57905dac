"""Status messages of exchanged documents (issue 11, items 4 and 9).

Produced here, on the recipient's side:

- when a package becomes incoming documents (``announce_arrival``: 01);
- when such a document takes a workflow step (``incoming_moved``: 02
  returned, 03 registered, 04 assigned, 05 in progress, 06 done);
- when its sender recalls it (``recall_copies``: 15, the recall agreed).

Only documents that came as a package (``exchange_sender``) tell their
sender through packages; internal deliveries are read by the sender from
the catalog (``correspondence.sending.delivery_rows``), with the same names.

Applied here, on the sender's side (``apply``): a status from an
organisation of the address book updates that organisation's row in
``exchange_statuses`` of the outgoing document the package names; a 13
(the sender recalls) moves our copies of the document out of the inbox.

And the sender's own recall (``recalled``): the outgoing document is frozen
by its workflow (state ``recalled``); each internal copy is recalled at
once; one status-13 package goes out for the external recipients.

Packages go out through ``transport.send`` after the transaction commits.
"""

from DateTime import DateTime
from dienbien.policy import clock
from dienbien.policy.core.correspondence.notation import format_number
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import status as core
from dienbien.policy.core.exchange.organs import parse_document_id
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.core.exchange.package import ResponseFor
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.incoming import record_step
from dienbien.policy.correspondence.sending import _time_of_step
from dienbien.policy.correspondence.sending import _unrestricted
from dienbien.policy.correspondence.sending import deliveries
from dienbien.policy.exchange import transport
from dienbien.policy.exchange.addressbook import organisation_by_id
from dienbien.policy.exchange.export import export_problems
from dienbien.policy.exchange.export import message_for
from dienbien.policy.exchange.export import unit_organ
from dienbien.policy.workingtime import to_aware
from plone import api

import logging


logger = logging.getLogger("dienbien.policy")
OUTGOING = "OutgoingDocument"
INCOMING = "IncomingDocument"
RESPONSE_FOR = "edXML:MessageStatus/edXML:ResponseFor/edXML:DocumentId"
FROM = "edXML:MessageStatus/edXML:From/edXML:OrganId"


class StatusRefused(Exception):
    """A status package that does not apply here; ``problem`` names the
    element."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


class NotClerk(Exception):
    """The user is not in the clerical office the status concerns."""


# -- identities ------------------------------------------------------------


def document_id_of(outgoing) -> str:
    """The ``DocumentId`` an issued outgoing document travels with."""
    known = getattr(outgoing, "exchange_document_id", None)
    if known:
        return known
    organ = unit_organ(outgoing, outgoing.unit)
    issued = getattr(outgoing, "issued", None)
    if organ is None or issued is None or not getattr(outgoing, "number", None):
        return ""
    symbol = (outgoing.notation or "").partition("/")[2]
    return (
        f"{organ.organ_id},{issued:%Y/%m/%d},{format_number(outgoing.number)}/{symbol}"
    )


def _answered(document_id: str) -> ResponseFor:
    read = parse_document_id(document_id)
    return ResponseFor(
        read.organ_id, f"{read.number}/{read.notation}", read.promulgated, document_id
    )


def _staff() -> core.Staff:
    user = api.user.get_current()
    return core.Staff(name=(user.getProperty("fullname", "") or "") if user else "")


def _send(message: core.StatusMessage) -> None:
    transport.send(
        core.build_status(message), f"status-{message.code}-{message.sender.organ_id}"
    )


# -- the recipient's side: telling the sender ------------------------------


def _tell_sender(incoming, code: str, note: str = "") -> None:
    document_id = getattr(incoming, "exchange_document_id", None)
    if not getattr(incoming, "exchange_sender", None) or not document_id:
        return
    organ = unit_organ(incoming, incoming.unit)
    if organ is None:
        logger.info("unit %s has no organ_id: no status sent", incoming.unit)
        return
    _send(
        core.StatusMessage(
            document=_answered(document_id),
            sender=organ,
            code=code,
            timestamp=clock.now().replace(microsecond=0),
            description=note,
            staff=_staff(),
        )
    )


def announce_arrival(documents) -> None:
    """01 for each incoming document just made from a package."""
    for document in documents:
        _tell_sender(document, core.ARRIVED)


def incoming_moved(incoming, event) -> None:
    """After a workflow step of an incoming document that came as a package:
    its status to the sender (a return with its reason)."""
    if not event.action or not getattr(incoming, "exchange_sender", None):
        return
    code = core.code_for_state(api.content.get_state(incoming, default=None))
    if code is None:
        return
    note = ""
    if code == core.REFUSED:
        note = (getattr(incoming, "return_reason", None) or "").strip()
    _tell_sender(incoming, code, note)


# -- recall ----------------------------------------------------------------


def recall_copy(incoming, reason: str, moment, action: str = "recall") -> bool:
    """Take ``incoming`` out of the inbox (state ``recalled``), the recall in
    its history; ``False`` when it was already recalled or returned.
    ``action`` ``replace``: a replacement took its place (corrections.py)."""
    workflow = api.portal.get_tool("portal_workflow")
    state = api.content.get_state(incoming, default=None)
    if state in ("recalled", "returned"):
        return False
    # The sender's step, not the recipient's: no guard of theirs applies.
    [chain] = workflow.getChainFor(incoming)
    workflow.setStatusOf(
        chain,
        incoming,
        {
            "action": action,
            "review_state": "recalled",
            "actor": api.user.get_current().getId(),
            "comments": reason,
            "time": DateTime(to_aware(moment)),
        },
    )
    workflow[chain].updateRoleMappingsFor(incoming)
    # The document's own log (its page's history), as every step writes.
    record_step(incoming, action, reason, state="recalled", moment=moment)
    incoming.recall_reason = reason
    # An update or replacement waiting for a decision has nothing left to
    # apply to (corrections.py).
    incoming.exchange_request = None
    incoming.reindexObject()
    return True


def recalled(outgoing, event) -> None:
    """After the ``recall`` of an outgoing document: its internal copies
    leave their inboxes; one status 13 goes to the external recipients,
    whose rows say "recalled" until they answer."""
    if event.action != "recall":
        return
    moment = clock.now()
    reason = (getattr(outgoing, "recall_reason", None) or "").strip()
    for entry in deliveries(outgoing):
        copy = _unrestricted(entry["uid"])
        if copy is not None and recall_copy(copy, reason, moment):
            _time_of_step(copy, moment)
            copy.reindexObject(idxs=["modified"])
    rows = getattr(outgoing, "exchange_statuses", None) or ()
    organ = unit_organ(outgoing, outgoing.unit)
    document_id = document_id_of(outgoing)
    if not rows or organ is None or not document_id:
        return
    _send(
        core.StatusMessage(
            document=_answered(document_id),
            sender=organ,
            code=core.RECALLED,
            timestamp=moment.replace(microsecond=0),
            description=reason,
            staff=_staff(),
        )
    )
    for row in rows:
        rows = core.recorded(
            rows,
            Organ(row["organ_id"], row["name"]),
            core.RECALLED,
            moment,
            reason,
            own=True,
        )
    outgoing.exchange_statuses = rows


# -- the sender's side: a status arrives ------------------------------------


def _is_clerk_of(units) -> bool:
    user = api.user.get_current()
    if "Manager" in api.user.get_roles(user=user):
        return True
    groups = {group.getId() for group in api.group.get_groups(user=user)}
    return any(group_id(code, "clerical") in groups for code in units)


def find_outgoing(document_id: str):
    """Our issued outgoing document with ``document_id`` (``None``: none)."""
    try:
        read = parse_document_id(document_id)
    except ValueError:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    try:
        number = int(read.number)
    except ValueError:
        return None
    wanted = document_id.strip().casefold()
    for brain in catalog.unrestrictedSearchResults(
        portal_type=OUTGOING, document_number=number
    ):
        document = brain._unrestrictedGetObject()
        if document_id_of(document).casefold() == wanted:
            return document
    return None


def _copies(document_id: str) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    key = f"id:{document_id.strip().casefold()}"
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type=INCOMING, document_exchange_keys=key
        )
    ]


def _recall_received(message: core.StatusMessage) -> list:
    copies = [
        copy
        for copy in _copies(message.document.document_id)
        if getattr(copy, "exchange_sender", None) == message.sender.organ_id
    ]
    if not copies:
        raise StatusRefused(
            Problem(
                RESPONSE_FOR,
                "No document received here has the identifier ${value}.",
                {"value": message.document.document_id},
            )
        )
    if not _is_clerk_of({copy.unit for copy in copies}):
        raise NotClerk()
    reason = message.description or ""
    moment = clock.now()
    for copy in copies:
        if recall_copy(copy, reason, moment):
            _tell_sender(copy, core.RECALL_AGREED)
    return copies


def apply(context, message: core.StatusMessage) -> list:
    """Record a received status; the documents it changed. Raises
    ``StatusRefused`` (a 400 naming the element) or ``NotClerk`` (403)
    before writing anything."""
    if message.code == core.RECALLED:
        return _recall_received(message)
    outgoing = find_outgoing(message.document.document_id)
    if outgoing is None:
        raise StatusRefused(
            Problem(
                RESPONSE_FOR,
                "No document issued here has the identifier ${value}.",
                {"value": message.document.document_id},
            )
        )
    recipients = getattr(outgoing, "external_organisations", None) or ()
    if message.sender.organ_id not in recipients:
        raise StatusRefused(
            Problem(
                FROM,
                "The organisation ${value} is not a recipient of this document.",
                {"value": message.sender.organ_id},
            )
        )
    if not _is_clerk_of([outgoing.unit]):
        raise NotClerk()
    entry = organisation_by_id(message.sender.organ_id)
    organ = Organ(
        message.sender.organ_id, entry.title if entry else message.sender.name
    )
    from dienbien.policy.exchange.corrections import answer_name

    outgoing.exchange_statuses = core.recorded(
        getattr(outgoing, "exchange_statuses", None),
        organ,
        message.code,
        message.timestamp,
        message.description,
        name=answer_name(outgoing, message.code),
    )
    return [outgoing]


# -- sending a document to the organisations outside -----------------------


def sent(outgoing, event) -> None:
    """After ``send``: the package of a document with recipients from the
    address book goes to the outbox (one package, a ``To`` per
    organisation); each gets its row, "sent" until its first status."""
    if event.action != "send":
        return
    if not getattr(outgoing, "external_organisations", None):
        return
    found = transport.site_transport()
    if export_problems(outgoing) or getattr(found, "outbox", None) is None:
        # No outbox: the clerk downloads the package (GET @edxml) and no
        # row claims it was sent.
        return
    from dienbien.policy.exchange.corrections import with_correction

    message = with_correction(outgoing, message_for(outgoing))
    transport.send(edxml.build(message), "document")
    outgoing.exchange_document_id = message.effective_document_id
    moment = clock.now()
    outgoing.exchange_statuses = tuple(
        {
            "organ_id": organ.organ_id,
            "name": organ.name,
            "status": "sent",
            "changed": moment,
            "sent": moment,
            "reason": "",
            "stamp": None,
        }
        for organ in message.recipients
    )
