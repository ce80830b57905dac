"""The editorial workflow's rules that XML cannot say: a returned or taken
down item names the reason, and an item published without a publishing date
is dated by its publication (as Plone's own state menu dates it)."""

from DateTime import DateTime
from dienbien.policy import clock
from dienbien.policy.core.editorial import reason_missing
from Products.CMFCore.WorkflowCore import WorkflowException


WORKFLOW = "dienbien_editorial_workflow"


def _ours(event) -> bool:
    return (
        event.transition is not None
        and event.workflow is not None
        and event.workflow.getId() == WORKFLOW
    )


def site_datetime(moment) -> DateTime:
    """A naive local time of the site's clock as a Zope DateTime."""
    return DateTime(moment.isoformat() + "+07:00")


def before_transition(obj, event) -> None:
    if not _ours(event):
        return
    if reason_missing(event.transition.id, (event.kwargs or {}).get("comment")):
        raise WorkflowException(
            f"The transition {event.transition.id} needs a reason (comment)."
        )


def after_transition(obj, event) -> None:
    if not _ours(event):
        return
    # The step's time as the site's clock has it (the review queue and the
    # page's history show it), like every other time the site records.
    history = obj.workflow_history.get(WORKFLOW)
    if history:
        last = {**history[-1], "time": site_datetime(clock.now())}
        obj.workflow_history[WORKFLOW] = (*history[:-1], last)
    if event.transition.id != "publish":
        return
    if getattr(obj, "effective_date", None) is None:
        obj.effective_date = site_datetime(clock.now())
        obj.reindexObject(idxs=["effective", "effectiveRange"])
