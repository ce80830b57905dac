"""The labels of a document's states for the UI and REST, in the
``dienbien.policy`` i18n domain (Vietnamese by default), and the names of
the document types as the ``DocumentTypes`` vocabulary gives them."""

from dienbien.policy import _
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


STATES = {
    "outgoing": {
        "draft": _("document_state_outgoing_draft", default="Draft"),
        "pending": _("document_state_outgoing_pending", default="Awaiting approval"),
        "approved": _("document_state_outgoing_approved", default="Approved"),
        "issued": _("document_state_outgoing_issued", default="Issued"),
        "sent": _("document_state_outgoing_sent", default="Sent"),
        "recalled": _("document_state_outgoing_recalled", default="Recalled"),
    },
    "incoming": {
        "received": _(
            "document_state_incoming_received", default="Awaiting registration"
        ),
        "registered": _("document_state_incoming_registered", default="Registered"),
        "assigned": _("document_state_incoming_assigned", default="Assigned"),
        "in_progress": _("document_state_incoming_in_progress", default="In progress"),
        "done": _("document_state_incoming_done", default="Done"),
        "returned": _(
            "document_state_incoming_returned", default="Returned to the sender"
        ),
    },
}


def state_title(kind: str | None, state: str | None, request) -> str:
    """The state's name in the request's language ("" for an unknown one)."""
    message = STATES.get(kind or "", {}).get(state or "")
    return translate(message, context=request) if message else ""


class TypeTitles:
    """Type id -> its name in the request's language, read once."""

    def __init__(self, request, context=None):
        factory = getUtility(IVocabularyFactory, "dienbien.policy.DocumentTypes")
        self.titles = {
            term.value: translate(term.title, context=request)
            for term in factory(context)
        }

    def __call__(self, type_id: str | None) -> str:
        return self.titles.get(type_id, type_id or "")
