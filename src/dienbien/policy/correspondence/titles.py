"""The labels of a document's states for the UI and REST, in the
``dienbien.policy`` i18n domain (Vietnamese by default), and the names of
the document types as the ``DocumentTypes`` vocabulary gives them."""

from dienbien.policy import _
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


#: The same message ids as the outgoing and incoming pages use.
STATES = {
    "outgoing": {
        "draft": _("outgoing_state_draft", default="Draft"),
        "pending": _("outgoing_state_pending", default="Waiting for approval"),
        "approved": _("outgoing_state_approved", default="Approved, waiting for issue"),
        "issued": _("outgoing_state_issued", default="Issued"),
        "sent": _("outgoing_state_sent", default="Sent"),
        "recalled": _("outgoing_state_recalled", default="Recalled"),
    },
    "incoming": {
        "received": _("incoming_state_received", default="Awaiting registration"),
        "registered": _("incoming_state_registered", default="Registered"),
        "assigned": _("incoming_state_assigned", default="Assigned"),
        "in_progress": _("incoming_state_in_progress", default="In progress"),
        "done": _("incoming_state_done", default="Done"),
        "returned": _("incoming_state_returned", default="Returned to sender"),
        "recalled": _("incoming_state_recalled", default="Recalled by the sender"),
    },
}


def state_title(kind: str | None, state: str | None, request) -> str:
    """The state's name in the request's language ("" for an unknown one)."""
    message = STATES.get(kind or "", {}).get(state or "")
    return translate(message, context=request) if message else ""


class TypeTitles:
    """Type id -> its name in the request's language, each translated once,
    when first asked for."""

    def __init__(self, request, context=None):
        factory = getUtility(IVocabularyFactory, "dienbien.policy.DocumentTypes")
        self.request = request
        self.messages = {term.value: term.title for term in factory(context)}
        self.titles = {}

    def __call__(self, type_id: str | None) -> str:
        if type_id not in self.titles:
            message = self.messages.get(type_id)
            self.titles[type_id] = (
                translate(message, context=self.request)
                if message is not None
                else type_id or ""
            )
        return self.titles[type_id]


class StateTitles:
    """``state_title`` for a listing: each state translated once."""

    def __init__(self, request):
        self.request = request
        self.titles = {}

    def __call__(self, kind: str | None, state: str | None) -> str:
        key = (kind, state)
        if key not in self.titles:
            self.titles[key] = state_title(kind, state, self.request)
        return self.titles[key]
