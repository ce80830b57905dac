"""Sending inside the organisation (issue 10, item 5).

The ``send`` transition of an issued outgoing document delivers to each of
its internal recipient units an ``IncomingDocument`` awaiting registration
(state ``received``), built by ``core.correspondence.delivery``: the
sender's number, date, type, summary and marks, and the same file — the
incoming document's file shares the outgoing one's blob, so no byte is
copied (an edit of either file replaces its whole ``NamedBlobFile``, never
the shared blob). The incoming document keeps the outgoing one's UID in
``source``; the outgoing one keeps its deliveries in ``deliveries``
(``{"unit", "uid", "delivered", "returned", "reason"}`` per recipient).

The recipients' clerical offices register or return them through their own
workflow. What the sender sees of them (``delivery_rows``) is read from the
catalog without its security filter — the sender may not open another
unit's incoming document — and only their state and the time of their last
step: never their content. A return's reason is the recipient's message
to the sender: it is copied onto the outgoing document's delivery.

Secret documents are not delivered this way (``core.correspondence.delivery``
says why); ``notice`` gives the send form's explanation.
"""

from DateTime import DateTime
from datetime import datetime
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.correspondence import delivery
from dienbien.policy.correspondence.documents import INCOMING as INCOMING_KIND
from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.orgunits.lookup import unit_title
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.globalrequest import getRequest


INCOMING = "IncomingDocument"


def deliveries(outgoing) -> tuple:
    return tuple(getattr(outgoing, "deliveries", None) or ())


def refusal(outgoing) -> str | None:
    """Why sending this document puts nothing in internal inboxes."""
    return delivery.refusal(
        getattr(outgoing, "confidentiality", None) or "normal",
        getattr(outgoing, "internal_recipients", None) or (),
    )


NOTICES = {
    delivery.SECRET: _(
        "delivery_notice_secret",
        default=(
            "A secret document is not delivered through the system: its "
            "internal recipients receive it on paper, through the secret "
            "registers, from hand to hand."
        ),
    ),
    delivery.NO_RECIPIENTS: _(
        "delivery_notice_none",
        default="No unit of the organisation is among the recipients.",
    ),
}


def notice(outgoing):
    """The message that tells the clerk why ``send`` delivers nothing inside
    the organisation, or ``None`` when it delivers to every internal
    recipient."""
    reason = refusal(outgoing)
    return NOTICES.get(reason) if reason else None


def _share(file):
    """A new ``NamedBlobFile`` on the same blob (no bytes copied)."""
    if file is None:
        return None
    shared = NamedBlobFile(b"", contentType=file.contentType, filename=file.filename)
    shared._blob = file._blob
    return shared


def _facts(outgoing) -> delivery.Outgoing:
    return delivery.Outgoing(
        uid=api.content.get_uuid(outgoing),
        unit=outgoing.unit,
        unit_title=unit_title(outgoing, outgoing.unit) or outgoing.unit,
        notation=getattr(outgoing, "notation", "") or "",
        issued=getattr(outgoing, "issued", None) or clock.now(),
        doctype=outgoing.doctype,
        summary=outgoing.summary or "",
        urgency=getattr(outgoing, "urgency", None) or "normal",
        confidentiality=getattr(outgoing, "confidentiality", None) or "normal",
    )


def deliver(outgoing, now: datetime | None = None) -> list:
    """Put an incoming document in the inbox of each internal recipient that
    has none yet; the new incoming documents. Nothing for a secret document
    or one without internal recipients."""
    if refusal(outgoing):
        return []
    now = now or clock.now()
    done = deliveries(outgoing)
    units = delivery.recipients_to_deliver(
        outgoing.internal_recipients, outgoing.unit, [d["unit"] for d in done]
    )
    if not units:
        return []
    facts = _facts(outgoing)
    container = outgoing.aq_parent
    sender = api.user.get_current().getId()
    created, entries = [], []
    for code in units:
        fields = delivery.incoming_fields(facts, code, now)
        fields["file"] = _share(getattr(outgoing, "file", None))
        # Created for the recipient unit, not for the sending clerk: no add
        # permission asked of him, and no Owner role left to him on it.
        incoming = createContentInContainer(
            container,
            INCOMING,
            checkConstraints=False,
            id=new_id(INCOMING_KIND),
            **fields,
        )
        if sender and "Owner" in dict(incoming.get_local_roles()).get(sender, ()):
            incoming.manage_delLocalRoles([sender])
        # The time of delivery is its first step's (a full reindex would
        # take the server's own time as the modification).
        _time_of_step(incoming, now)
        incoming.reindexObject(idxs=["allowedRolesAndUsers", "modified"])
        created.append(incoming)
        entries.append(
            {
                "unit": code,
                "uid": api.content.get_uuid(incoming),
                "delivered": now,
                "returned": None,
                "reason": "",
            }
        )
    outgoing.deliveries = done + tuple(entries)
    return created


def sent(outgoing, event):
    """After ``send`` (once the workflow's own steps are done and indexed):
    deliver to the internal recipients."""
    if event.action == "send":
        deliver(outgoing)


def _time_of_step(incoming, moment: datetime) -> None:
    """Keep the time of a delivery's last step in the catalog's ``modified``
    (what the sender's table reads), in the site's zone."""
    aware = moment.replace(tzinfo=clock.TIMEZONE)
    incoming.setModificationDate(DateTime(aware.isoformat()))


def delivery_moved(incoming, event):
    """After any step of a delivered incoming document: its time for the
    sender; on a return, the recipient's reason on the outgoing document."""
    source = getattr(incoming, "source", None)
    if not source or event.transition is None:
        return
    moment = clock.now()
    _time_of_step(incoming, moment)
    incoming.reindexObject(idxs=["modified"])
    if event.transition.id != "return":
        return
    outgoing = _unrestricted(source)
    if outgoing is None:
        return
    uid = api.content.get_uuid(incoming)
    reason = (
        (event.kwargs or {}).get("comment")
        or (event.status or {}).get("comments")
        or ""
    ).strip()
    outgoing.deliveries = tuple(
        {**entry, "returned": moment, "reason": reason}
        if entry.get("uid") == uid
        else entry
        for entry in deliveries(outgoing)
    )


def _unrestricted(uid):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def _local(modified) -> datetime | None:
    if modified is None:
        return None
    return (
        modified.asdatetime()
        .astimezone(clock.TIMEZONE)
        .replace(tzinfo=None, second=0, microsecond=0)
    )


def delivery_rows(outgoing) -> list[dict]:
    """One row per recipient unit of the deliveries of ``outgoing``: unit
    code and title, status, the time of its last step, a return's reason.

    The recipients' incoming documents are found by their ``source`` with an
    unrestricted catalog query; only the brains' ``review_state`` and
    ``modified`` are read: nothing of what the recipient wrote on it."""
    entries = deliveries(outgoing)
    if not entries:
        return external_rows(outgoing)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=INCOMING, UID=[entry["uid"] for entry in entries]
    )
    found = {
        brain.UID: (brain.review_state, _local(brain.modified)) for brain in brains
    }
    rows = []
    for entry in entries:
        state, moment = found.get(entry["uid"], (None, None))
        rows.append(
            {
                "unit": entry["unit"],
                "unit_title": unit_title(outgoing, entry["unit"]) or entry["unit"],
                "status": delivery.status_of(state),
                "delivered": entry.get("delivered"),
                "changed": moment or entry.get("delivered"),
                "reason": entry.get("reason") or "",
                "missing": state is None,
                "external": False,
            }
        )
    return rows + external_rows(outgoing)


def external_rows(outgoing) -> list[dict]:
    """The rows of the organisations outside the site the document went to
    as a package (``exchange.statuses``): the last status each sent back."""
    return [
        {
            "unit": entry["organ_id"],
            "unit_title": entry["name"],
            "status": entry["status"],
            "delivered": entry.get("sent"),
            "changed": entry.get("changed"),
            "reason": entry.get("reason") or "",
            "missing": False,
            "external": True,
        }
        for entry in getattr(outgoing, "exchange_statuses", None) or ()
    ]


STATUS_TITLES = {
    "delivered": _("delivery_delivered", default="Delivered, awaiting registration"),
    "registered": _("delivery_registered", default="Registered"),
    "assigned": _("delivery_assigned", default="Assigned"),
    "in_progress": _("delivery_in_progress", default="In progress"),
    "done": _("delivery_done", default="Done"),
    "returned": _("delivery_returned", default="Returned"),
    # The exchange's statuses (core.exchange.status): the same table for the
    # organisations outside the site.
    "sent": _("delivery_sent", default="Sent, no answer yet"),
    "recalled": _("delivery_recalled", default="Recalled"),
    "recall_agreed": _("delivery_recall_agreed", default="Recall agreed"),
    "recall_refused": _("delivery_recall_refused", default="Recall refused"),
    "update_sent": _("delivery_update_sent", default="Update sent, no answer yet"),
    "update_agreed": _("delivery_update_agreed", default="Update agreed"),
    "update_refused": _("delivery_update_refused", default="Update refused"),
    "replace_sent": _(
        "delivery_replace_sent", default="Replacement sent, no answer yet"
    ),
    "replace_agreed": _("delivery_replace_agreed", default="Replacement agreed"),
    "replace_refused": _("delivery_replace_refused", default="Replacement refused"),
}


def status_title(status: str, request=None) -> str:
    from zope.i18n import translate

    return translate(STATUS_TITLES[status], context=request or getRequest())
