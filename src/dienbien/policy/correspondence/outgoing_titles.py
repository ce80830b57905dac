"""The labels of an outgoing document's states and steps, for its pages,
through the ``dienbien.policy`` i18n domain (Vietnamese by default)."""

from dienbien.policy import _
from zope.i18n import translate


STATES = {
    "draft": _("outgoing_state_draft", default="Draft"),
    "pending": _("outgoing_state_pending", default="Waiting for approval"),
    "approved": _("outgoing_state_approved", default="Approved, waiting for issue"),
    "issued": _("outgoing_state_issued", default="Issued"),
    "sent": _("outgoing_state_sent", default="Sent"),
    "recalled": _("outgoing_state_recalled", default="Recalled"),
}
STEPS = {
    "submit": _("outgoing_step_submit", default="Submit for approval"),
    "approve": _("outgoing_step_approve", default="Approve"),
    "return": _("outgoing_step_return", default="Return to the drafter"),
    "issue": _("outgoing_step_issue", default="Issue (give the number)"),
    "send": _("outgoing_step_send", default="Send"),
    "recall": _("outgoing_step_recall", default="Recall"),
    # Not steps of the workflow: entries of its history (exchange/corrections.py).
    "exchange_update": _(
        "outgoing_step_exchange_update", default="Update sent to organisations outside"
    ),
    "exchange_replace": _(
        "outgoing_step_exchange_replace", default="Replaced by another document"
    ),
}
#: What each step does, said on its confirmation form.
STEP_HELP = {
    "submit": _(
        "outgoing_help_submit",
        default="The draft goes to the signer for approval; you can no longer "
        "change it unless it is returned.",
    ),
    "approve": _(
        "outgoing_help_approve",
        default="The draft is approved for issue: the clerical office gives it "
        "its number and issues it.",
    ),
    "return": _(
        "outgoing_help_return",
        default="The draft goes back to its drafter with your reason.",
    ),
    "issue": _(
        "outgoing_help_issue",
        default="The document takes the next number of the unit's register, "
        "with today's date. The number and notation are shown on the document "
        "once it is issued.",
    ),
    "send": _(
        "outgoing_help_send",
        default="The document is sent to its recipients; units of the "
        "organisation receive it in their inbox.",
    ),
    "recall": _(
        "outgoing_help_recall",
        default="The document is recalled and frozen: nothing can change it "
        "any more. Recipients are told with your reason.",
    ),
}


def state_title(state: str, request) -> str:
    title = STATES.get(state)
    return translate(title, context=request) if title is not None else state


def step_title(step: str, request) -> str:
    title = STEPS.get(step)
    return translate(title, context=request) if title is not None else step
