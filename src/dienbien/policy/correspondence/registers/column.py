"""The ``document_register`` catalog column: what the registers print of a
document that the other columns do not hold (the outgoing file copy,
copies and sending; the incoming document's date, handling unit,
forwarding, closing, last progress note and reply), so that a year's
register is read from the catalog without waking a document.

A plain dict of text, numbers, dates and naive local datetimes. The
document is reindexed by every workflow step (``lifecycle.after_transition``)
and by every edit; an outgoing reply reindexes the incoming document it
answers when it is issued (``reply_issued``), so its notation reaches the
follow-up register."""

from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.documents import IOutgoingDocument
from plone import api
from plone.indexer import indexer


def _minute(value):
    return value.replace(second=0, microsecond=0, tzinfo=None) if value else None


@indexer(IOutgoingDocument)
def outgoing_register(obj):
    return {
        "file_keeper": (obj.file_keeper or "").strip(),
        "copies": obj.copies,
        "sent": _minute(obj.sent),
    }


def _last_progress(obj) -> str:
    entries = list(obj.progress or ())
    if not entries:
        return ""
    last = entries[-1]
    return (last.get("text") if isinstance(last, dict) else str(last)) or ""


def reply_notation(uid) -> str:
    """The notation of the outgoing document ``uid`` (its catalog column;
    empty while it has none, or when it is gone)."""
    if not uid:
        return ""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return (brains[0].document_notation or "") if brains else ""


@indexer(IIncomingDocument)
def incoming_register(obj):
    return {
        "sender_date": obj.sender_date,
        "sender_unit": obj.sender_unit or "",
        "handling_unit": obj.handling_unit or "",
        "assigned": _minute(obj.assigned),
        "closed": _minute(obj.closed),
        "progress": _last_progress(obj),
        "reply": reply_notation(obj.reply),
    }


def reply_issued(document, event):
    """An outgoing reply got its notation: the document it answers shows it
    in the follow-up register."""
    if event.transition is None or event.transition.id != "issue":
        return
    uid = getattr(document, "reply_to", None)
    if not uid:
        return
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        answered = brain._unrestrictedGetObject()
        if getattr(answered, "reply", None) in (None, "", document.UID()):
            answered.reindexObject(idxs=["document_kind"])
