"""Returning a draft and withdrawing a published document need a reason."""

from Products.CMFCore.WorkflowCore import WorkflowException


NEEDS_REASON = {"reject", "withdraw"}


def before_transition(document, event):
    if event.transition is None or event.transition.id not in NEEDS_REASON:
        return
    comment = ((event.kwargs or {}).get("comment") or "").strip()
    if not comment:
        raise WorkflowException(
            f"The transition {event.transition.id} needs a reason (comment)."
        )
