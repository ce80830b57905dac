"""The reviewers' queue (``@@tin-cho-duyet``) and the step form that asks
the reason when a reviewer returns or takes down an item
(``@@editorial-step``; the state menu opens it too).

Nothing changes on GET: a step is a POST carrying plone.protect's
authenticator, and the workflow's guards decide who may take it (the unit's
local roles in its newsroom, ``localroles.py``).
"""

from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.editorial import reason_missing
from dienbien.policy.core.editorial import schedule
from dienbien.policy.core.editorial import TYPES
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.editorial.newsroom import newsrooms
from dienbien.policy.editorial.schedule import _local
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.ownpages import IOwnPage
from dienbien.policy.workingtime import display_time
from dienbien.policy.workingtime import to_local
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer


QUEUE = "tin-cho-duyet"
REVIEW_NEWS = "dienbien.policy: Review news"
#: Administrators see every unit's queue.
ALL_UNITS = "Manage portal"

TYPE_TITLES = {
    "News Item": _("editorial_type_news", default="News"),
    "Event": _("editorial_type_event", default="Event"),
    "Document": _("editorial_type_page", default="Page"),
}

STEP_TITLES = {
    "submit": _("editorial_step_submit", default="Submit for review"),
    "recall": _("editorial_step_recall", default="Take back"),
    "reject": _("editorial_step_reject", default="Return to the editors"),
    "publish": _("editorial_step_publish", default="Publish"),
    "retract": _("editorial_step_retract", default="Take off the site"),
}

STEP_DONE = {
    "submit": _("editorial_done_submit", default="Sent to the unit's reviewers."),
    "recall": _("editorial_done_recall", default="Taken back: it is a draft again."),
    "reject": _("editorial_done_reject", default="Returned to the editors."),
    "publish": _("editorial_done_publish", default="Published."),
    "retract": _("editorial_done_retract", default="Taken off the site."),
}


def _fullname(user_id: str) -> str:
    user = api.user.get(userid=user_id) if user_id else None
    return (user.getProperty("fullname") if user else "") or user_id or ""


@implementer(IOwnPage)
class ReviewQueueView(BrowserView):
    """The items waiting for the current reviewer: those of the units whose
    reviewer group he is in, oldest submission first."""

    page_title = _("editorial_queue_title", default="News waiting for review")

    def __call__(self):
        without_side_columns(self.request)
        return self.index()

    def _rooms(self) -> list:
        rooms = newsrooms(self.context)
        if api.user.has_permission(ALL_UNITS, obj=self.context):
            return list(rooms.values())
        mine = user_units(rooms)["reviewer"]
        return [rooms[code] for code in sorted(mine)]

    def units(self) -> list[str]:
        return [room.Title() for room in self._rooms()]

    def items(self) -> list[dict]:
        rooms = self._rooms()
        if not rooms:
            return []
        catalog = api.portal.get_tool("portal_catalog")
        # Scheduled items wait in the queue too: the catalog would leave
        # them out for a reviewer without "Access inactive portal content".
        brains = catalog(
            path=["/".join(room.getPhysicalPath()) for room in rooms],
            portal_type=list(TYPES),
            review_state="pending",
            show_inactive=True,
        )
        rows = [self._row(brain.getObject()) for brain in brains]
        return sorted(rows, key=lambda row: row["sort"])

    def _row(self, obj) -> dict:
        history = obj.workflow_history.get("dienbien_editorial_workflow") or [{}]
        submitted = history[-1]
        time = submitted.get("time")
        moment = to_local(time.asdatetime()) if time is not None else None
        effective = _local(getattr(obj, "effective_date", None))
        expires = _local(getattr(obj, "expiration_date", None))
        now = clock.now()
        return {
            "title": obj.Title(),
            "url": obj.absolute_url(),
            "type": translate(TYPE_TITLES[obj.portal_type], context=self.request),
            "unit": obj.aq_parent.Title(),
            "by": _fullname(submitted.get("actor")),
            "when": display_time(moment),
            # What the editor wrote when sending it (the step form's note).
            "note": (submitted.get("comments") or "").strip(),
            "sort": moment.isoformat() if moment else "",
            "scheduled": display_time(effective)
            if schedule(effective, None, now) == "scheduled"
            else "",
            "expires": display_time(expires),
        }


class EditorialStepView(BrowserView):
    """One step of an item's review, asking the reason where one is due."""

    def __call__(self):
        self.transition = self.request.form.get("transition", "")
        self.error = ""
        if self.context.portal_type not in TYPES or (
            self.transition not in self.available()
        ):
            raise NotFound(self.transition)
        without_side_columns(self.request)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.back())
            return self.take()
        return self.index()

    def available(self) -> set[str]:
        workflow = api.portal.get_tool("portal_workflow")
        return {t["id"] for t in workflow.getTransitionsFor(self.context)}

    def title(self) -> str:
        return translate(STEP_TITLES[self.transition], context=self.request)

    def asks_reason(self) -> bool:
        return reason_missing(self.transition, "")

    def reason(self) -> str:
        value = self.request.form.get("reason", "")
        return value if isinstance(value, str) else ""

    def from_queue(self) -> bool:
        return self.request.form.get("came_from") == "queue"

    def back(self) -> str:
        if self.from_queue():
            return f"{api.portal.get().absolute_url()}/@@{QUEUE}"
        return self.context.absolute_url()

    def take(self):
        reason = self.reason().strip()
        if reason_missing(self.transition, reason):
            self.error = translate(
                _("editorial_reason_required", default="Please give the reason."),
                context=self.request,
            )
            self.request.response.setStatus(400)
            return self.index()
        back = self.back()
        api.portal.get_tool("portal_workflow").doActionFor(
            self.context, self.transition, comment=reason
        )
        api.portal.show_message(
            translate(STEP_DONE[self.transition], context=self.request),
            request=self.request,
        )
        return self.request.response.redirect(back)
