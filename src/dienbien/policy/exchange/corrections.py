"""Updates and replacements of exchanged documents (``BussinessDocType`` 2
and 3), both sides; the rules are ``core.exchange.corrections``.

The sender (``request_update``, ``request_replacement``): an issued outgoing
document sent to organisations outside the site is corrected by its unit's
clerical office. An update writes the corrected metadata on the document
and sends its package again, type 2, with the reason; a replacement marks a
new issued document of the unit as replacing it and sends that one, type 3,
its ``ReplacementInfoList`` naming the old ``DocumentId``. Each external row
of the old document says "update sent" / "replacement sent" until the
organisation answers (15 or 16, ``statuses.apply``).

The recipient (``receive``): a type 2 or 3 package naming a document we
received from that sender is applied at once to each copy still awaiting
registration (15 goes back); a copy already registered and being handled
keeps the request (``exchange_request``, with the package) until its
clerical office agrees (``decide``: applied, 15) or refuses with a reason
(16). A package naming no document of ours is refused (400 naming the
element), as a status for an unknown document is.
"""

from dataclasses import replace as evolve
from dienbien.policy import clock
from dienbien.policy.core.exchange import corrections as core
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import mapping
from dienbien.policy.core.exchange import status as status_core
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.core.exchange.package import TraceHeader
from dienbien.policy.core.messages import Problem
from dienbien.policy.correspondence.documents import DOCUMENTS_PATH
from dienbien.policy.correspondence.incoming import record_step
from dienbien.policy.exchange import importer
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange import transport
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import transaction


UPDATE_ELEMENT = "edXML:MessageHeader/edXML:DocumentId"
REPLACE_ELEMENT = (
    "edXML:TraceHeaderList/edXML:Bussiness/edXML:ReplacementInfoList/"
    "edXML:ReplacementInfo/edXML:DocumentId"
)


class NothingPending(Exception):
    """The incoming document holds no update or replacement to decide."""


class Refused(Exception):
    """The sender's request cannot go out; ``problems`` name the fields."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def _actor() -> str:
    user = api.user.get_current()
    return user.getId() if user is not None else ""


# -- the recipient's side ----------------------------------------------------


def _copies(message) -> list:
    """Our copies, from this sender, of the documents the package names."""
    found = []
    for document_id in core.named_documents(
        message.business_doc_type, message.effective_document_id, message.replaces
    ):
        found += [
            copy
            for copy in statuses._copies(document_id)
            if getattr(copy, "exchange_sender", None) == message.sender.organ_id
        ]
    return found


def arrives_as_new(message) -> bool:
    """A replacement whose copies from that sender all left the inbox
    before it came — returned to the sender, recalled, or replaced by this
    very package already: nothing is left to replace, and the new document
    is filed as any package is (awaiting registration, 01 to the sender; a
    second delivery of it is a duplicate, 409). Refusing it would lose a
    document the sender sent in due form."""
    if core.KIND_OF_TYPE.get(message.business_doc_type) != core.REPLACE_KIND:
        return False
    copies = _copies(message)
    return bool(copies) and all(
        core.fate(api.content.get_state(copy, default=None)) == core.SKIP
        for copy in copies
    )


def _holds(copy, data: bytes) -> bool:
    """``copy`` has this very package already: applied (its kept package)
    or waiting for the decision — a platform delivering it again."""
    request = getattr(copy, "exchange_request", None) or {}
    for held in (getattr(copy, "exchange_package", None), request.get("package")):
        if held is not None and held.getSize() == len(data) and held.data == data:
            return True
    return False


def held_by_every_copy(message, data: bytes) -> bool:
    """Every copy still in an inbox has this package, applied or waiting
    for its decision (copies of other units than the user's: not yet)."""
    return all(
        _holds(copy, data)
        for copy in _copies(message)
        if core.fate(api.content.get_state(copy, default=None)) != core.SKIP
    )


def receive(context, message, data: bytes) -> list:
    """Apply or keep for decision a type 2/3 package; the documents it
    touched. Raises ``statuses.StatusRefused`` (400) or
    ``importer.NotClerk`` (403) before writing anything."""
    kind = core.KIND_OF_TYPE[message.business_doc_type]
    copies = [
        copy
        for copy in _copies(message)
        if core.fate(api.content.get_state(copy, default=None)) != core.SKIP
    ]
    if not copies:
        named = core.named_documents(
            message.business_doc_type, message.effective_document_id, message.replaces
        )
        raise statuses.StatusRefused(
            Problem(
                UPDATE_ELEMENT if kind == core.UPDATE_KIND else REPLACE_ELEMENT,
                "No document received here has the identifier ${value}.",
                {"value": ", ".join(named)},
            )
        )
    # The copies of the units whose clerical office the user is in (a site
    # administrator's receive step: all); the others wait for their own.
    copies = [copy for copy in copies if statuses._is_clerk_of([copy.unit])]
    if not copies:
        # As for a new document: the addressee's clerical office receives.
        raise importer.NotClerk()
    savepoint = transaction.savepoint()
    try:
        return _receive(copies, kind, message, data)
    except Exception:
        # A replacement refused as a duplicate after another copy was
        # done: nothing half-applied, even when the caller goes on.
        savepoint.rollback()
        raise


def _receive(copies, kind: str, message, data: bytes) -> list:
    reason = message.business_reason or ""
    touched = []
    applied = []
    arrived = []
    for copy in copies:
        if _holds(copy, data):
            # Done or waiting already: no second history line, no second 15.
            touched.append(copy)
            continue
        if core.fate(api.content.get_state(copy)) == core.APPLY:
            changed = _apply(copy, kind, message, data, reason)
            touched += changed
            applied.append(copy)
            arrived += changed[1:]  # a replacement's new document
        else:
            copy.exchange_request = {
                "kind": kind,
                "reason": reason,
                "time": clock.now(),
                "sender_name": message.sender.name,
                "code": message.code,
                # What the clerk agrees to (an update's corrected summary, a
                # replacement's own), read on the page without the package.
                "subject": message.subject,
                "package": importer.package_file(message, data),
            }
            record_step(copy, f"{kind}_requested", reason)
            # "My work" of the unit's clerical office lists it.
            copy.reindexObject(idxs=["modified", "document_waiting"])
            touched.append(copy)
    _tell(applied, arrived)
    return touched


def _tell(agreed, arrived) -> None:
    """01 for each new document, 15 for each copy the change was applied
    to — once everything is written: a package queued for the outbox is not
    taken back by a savepoint's rollback."""
    statuses.announce_arrival(arrived)
    for copy in agreed:
        statuses._tell_sender(copy, status_core.RECALL_AGREED)


def _apply(copy, kind: str, message, data: bytes, reason: str) -> list:
    if kind == core.UPDATE_KIND:
        _update(copy, message, data, reason)
        return [copy]
    return [copy, *_replace(copy, message, data, reason)]


def _update(copy, message, data: bytes, reason: str) -> None:
    """The metadata and files of ``copy`` become the package's; its arrival,
    unit, incoming number and handling stay."""
    fields = mapping.incoming_fields(message, copy.unit, clock.now())
    for kept in ("unit", "received", "confidentiality"):
        fields.pop(kept)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.exchange_due_date = message.due_date
    files = [importer._file(attachment) for attachment in message.attachments]
    if files:
        copy.file = files[0]
        copy.exchange_attachments = tuple(files[1:])
    copy.exchange_package = importer.package_file(message, data)
    record_step(copy, "update_applied", reason)
    # Signatures judged and text read again, the title and index renewed.
    notify(ObjectModifiedEvent(copy))
    copy.reindexObject()


def _replace(copy, message, data: bytes, reason: str) -> list:
    """``copy`` leaves the inbox (state ``recalled``, "replaced" in its
    history); the replacement arrives in its unit, awaiting registration
    (01 goes to the sender for it)."""
    keys = importer.message_keys(message)
    catalog = api.portal.get_tool("portal_catalog")
    for earlier in catalog.unrestrictedSearchResults(
        portal_type=importer.INCOMING,
        document_unit=copy.unit,
        **{importer.INDEX: keys},
    ):
        if api.content.get_uuid(copy) != earlier.UID:
            raise importer.Duplicate(copy.unit, earlier)
    folder = api.portal.get()[DOCUMENTS_PATH]
    new = importer._create(folder, message, copy.unit, clock.now())
    new.exchange_package = importer.package_file(message, data)
    statuses.recall_copy(copy, reason, clock.now(), action="replace")
    copy.exchange_replaced_by = api.content.get_uuid(new)
    return [new]


def pending(document) -> dict | None:
    return getattr(document, "exchange_request", None) or None


def decide(document, agree: bool, reason: str = "") -> list:
    """The clerical office's answer to a kept request; the documents
    changed. Raises ``NothingPending``, ``Refused`` (a refusal without
    reason; a replacement the unit holds already), ``statuses.NotClerk``,
    before writing anything."""
    request = pending(document)
    if request is None:
        raise NothingPending()
    if not statuses._is_clerk_of([document.unit]):
        raise statuses.NotClerk()
    reason = (reason or "").strip()
    if not agree:
        problems = core.reason_problems(reason)
        if problems:
            raise Refused(problems)
    kind = request["kind"]
    if not agree:
        document.exchange_request = None
        record_step(document, f"{kind}_refused", reason)
        statuses._tell_sender(document, status_core.RECALL_REFUSED, reason)
        document.reindexObject(idxs=["modified", "document_waiting"])
        return [document]
    data = request["package"].data
    message = edxml.parse(data)
    savepoint = transaction.savepoint()
    try:
        document.exchange_request = None
        touched = _apply(document, kind, message, data, request["reason"])
    except importer.Duplicate as error:
        # The replacement is a document the unit holds already.
        savepoint.rollback()
        raise Refused(
            [
                Problem(
                    "decision",
                    "The unit holds the replacing document already: ${title}.",
                    {"title": error.earlier.Title},
                )
            ]
        ) from None
    _tell([document], touched[1:])
    return touched


# -- the sender's side -------------------------------------------------------


def correction_of(outgoing) -> dict | None:
    return getattr(outgoing, "exchange_correction", None) or None


def may_correct(outgoing) -> bool:
    """The clerical office of the document's unit, for an issued document
    that went to organisations outside."""
    return (
        api.content.get_state(outgoing, default=None) in ("issued", "sent")
        and bool(getattr(outgoing, "exchange_statuses", None))
        and statuses._is_clerk_of([outgoing.unit])
    )


def replacement_choices(outgoing) -> list[dict]:
    """The unit's issued documents, not sent yet, that may replace it."""
    catalog = api.portal.get_tool("portal_catalog")
    documents = []
    for brain in catalog(
        portal_type="OutgoingDocument",
        document_unit=outgoing.unit,
        review_state="issued",
        sort_on="created",
        sort_order="descending",
    ):
        document = brain.getObject()
        documents.append(
            {
                "uid": brain.UID,
                "state": brain.review_state,
                "replaces": getattr(document, "exchange_replaces", None),
                "confidentiality": getattr(document, "confidentiality", None),
                # "Quyết định 02/QĐ-UBND Về việc …": type and notation lead.
                "title": document.Title(),
                "object": document,
            }
        )
    return core.replacement_choices(documents, api.content.get_uuid(outgoing))


def _record(outgoing, action: str, reason: str, moment) -> None:
    """The correction in the outgoing document's history (its page's
    "Quá trình xử lý", REST ``history``): an entry of the workflow's own
    history that keeps the state."""
    from DateTime import DateTime
    from dienbien.policy.workingtime import to_aware

    workflow = api.portal.get_tool("portal_workflow")
    [chain] = workflow.getChainFor(outgoing)
    workflow.setStatusOf(
        chain,
        outgoing,
        {
            "action": action,
            "review_state": api.content.get_state(outgoing),
            "actor": _actor(),
            "comments": reason,
            "time": DateTime(to_aware(moment)),
        },
    )


def _mark_rows(outgoing, name: str, reason: str, moment) -> None:
    rows = getattr(outgoing, "exchange_statuses", None) or ()
    for row in rows:
        rows = status_core.recorded(
            rows,
            Organ(row["organ_id"], row["name"]),
            None,
            moment,
            reason,
            own=True,
            name=name,
        )
    outgoing.exchange_statuses = rows


def request_update(outgoing, reason: str, summary: str, urgency: str, file=None):
    """Correct ``outgoing`` and send the update (type 2). Raises
    ``Refused`` naming the fields."""
    from dienbien.policy.exchange.export import export_problems
    from dienbien.policy.exchange.export import message_for

    problems = core.request_problems(
        core.UPDATE_KIND,
        reason,
        summary=summary,
        rows=len(getattr(outgoing, "exchange_statuses", None) or ()),
        state=api.content.get_state(outgoing, default=None),
        urgency=urgency,
    )
    if problems:
        raise Refused(problems)
    reason = reason.strip()
    outgoing.summary = summary.strip()
    if urgency:
        outgoing.urgency = urgency
    if file is not None:
        outgoing.file = file
    notify(ObjectModifiedEvent(outgoing))
    outgoing.reindexObject()
    problems = export_problems(outgoing)
    if problems:
        raise Refused(problems)
    moment = clock.now()
    message = evolve(
        message_for(outgoing),
        business_doc_type=core.TYPE_OF_KIND[core.UPDATE_KIND],
        business_reason=reason,
        document_id=statuses.document_id_of(outgoing),
    )
    message = evolve(
        message,
        trace=(*message.trace, TraceHeader(message.sender.organ_id, _second(moment))),
    )
    transport.send(edxml.build(message), "update")
    outgoing.exchange_correction = {
        "kind": core.UPDATE_KIND,
        "reason": reason,
        "time": moment,
    }
    _mark_rows(outgoing, core.REQUESTED[core.UPDATE_KIND], reason, moment)
    _record(outgoing, "exchange_update", reason, moment)


def _second(moment):
    return moment.replace(microsecond=0)


def request_replacement(outgoing, reason: str, replacement_uid: str):
    """``replacement_uid`` (an issued document of the unit, not sent yet)
    replaces ``outgoing``: it is sent (its ``send`` step: its recipients,
    internal ones included), its package type 3 naming the old one."""
    choices = {choice["uid"]: choice for choice in replacement_choices(outgoing)}
    chosen = choices.get(replacement_uid or "")
    problems = core.request_problems(
        core.REPLACE_KIND,
        reason,
        replacement_found=chosen is not None,
        rows=len(getattr(outgoing, "exchange_statuses", None) or ()),
        state=api.content.get_state(outgoing, default=None),
    )
    if problems:
        raise Refused(problems)
    new = chosen["object"]
    workflow = api.portal.get_tool("portal_workflow")
    if "send" not in {step["id"] for step in workflow.getTransitionsFor(new)}:
        raise Refused([Problem("replacement", "You may not send the chosen document.")])
    reason = reason.strip()
    new.exchange_replaces = (statuses.document_id_of(outgoing),)
    new.exchange_replace_reason = reason
    # The replacement goes where the old one went, outside the site.
    new.external_organisations = list(
        dict.fromkeys(
            [
                *(getattr(new, "external_organisations", None) or ()),
                *(getattr(outgoing, "external_organisations", None) or ()),
            ]
        )
    )
    api.content.transition(obj=new, transition="send")
    moment = clock.now()
    outgoing.exchange_correction = {
        "kind": core.REPLACE_KIND,
        "reason": reason,
        "time": moment,
        "by": replacement_uid,
    }
    _mark_rows(outgoing, core.REQUESTED[core.REPLACE_KIND], reason, moment)
    _record(outgoing, "exchange_replace", f"{reason} ({new.Title()})", moment)
    return new


def with_correction(document, message):
    """The package of ``document`` as it travels: a replacement's type 3
    with the ``DocumentId`` it replaces and the reason."""
    replaces = tuple(getattr(document, "exchange_replaces", None) or ())
    if not replaces:
        return message
    return evolve(
        message,
        business_doc_type=core.TYPE_OF_KIND[core.REPLACE_KIND],
        business_reason=getattr(document, "exchange_replace_reason", "") or "",
        replaces=replaces,
    )


def answer_name(outgoing, code: str) -> str | None:
    """The row's status for a 15/16 on ``outgoing``: the answer to its
    update or replacement, else to its recall."""
    correction = correction_of(outgoing)
    recalled = api.content.get_state(outgoing, default=None) == "recalled"
    kind = core.RECALL_KIND if recalled or not correction else correction["kind"]
    return core.answer_name(kind, code)
