"""``@@my-work``: the page of what waits for the current user (the groups
of ``correspondence/mywork.py``), most pressing first, each group with its
count and a link to the whole list where one exists."""

from datetime import date
from datetime import datetime
from dienbien.policy import _
from dienbien.policy.correspondence.mywork import group_title
from dienbien.policy.correspondence.mywork import my_work
from dienbien.policy.dossiers.titles import status_title as dossier_status
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.ownpages import IOwnPage
from dienbien.policy.workingtime import display_time
from Products.Five.browser import BrowserView
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory


MINUTE = "%Y-%m-%dT%H:%M"


def _time(text: str | None) -> str:
    if not text:
        return ""
    try:
        return display_time(datetime.strptime(text[:16], MINUTE))
    except ValueError:
        return ""


def _date(text: str | None) -> str:
    if not text:
        return ""
    try:
        return f"{date.fromisoformat(text[:10]):%d/%m/%Y}"
    except ValueError:
        return ""


@implementer(IOwnPage)
class MyWorkView(BrowserView):
    page_title = _("mywork_heading", default="My work")

    def __call__(self):
        self.work = my_work(self.context)
        self.units = unit_titles(self.context)
        return self.index()

    def week_until(self) -> str:
        until = self.work.week_until
        return f"{until:%d/%m/%Y}" if until else ""

    def groups(self) -> list[dict]:
        return [
            {
                "id": group["id"],
                "title": group_title(group["id"], self.request),
                "count": group["count"],
                "more": group["count"] > len(group["items"]),
                "link": self.link(group["id"]),
                "rows": [self.row(item) for item in group["items"]],
            }
            for group in self.work.groups
        ]

    def link(self, group_id: str) -> str | None:
        portal = self.context.absolute_url()
        if group_id == "dossiers_due":
            return f"{portal}/ho-so/@@dossier-listing?overdue=1&due=week"
        return None

    def row(self, item: dict) -> dict:
        if item["kind"] == "dossier":
            return {
                "url": item["@id"],
                "heading": item["code"] or "",
                "title": item["title"].split(" – ", 1)[-1],
                "meta": self._state(item),
                "when_label": "appointment",
                "when": _time(item["appointment"]),
                "urgent": False,
                "overdue": item["overdue"],
                "due_soon": False,
            }
        heading = item["notation"]
        if item["kind"] == "incoming" and item["number"]:
            heading = f"{item['number']:02d} – {heading}" if heading else ""
        return {
            "url": item["@id"],
            "heading": heading,
            "title": item["title"],
            "meta": item["sender"]
            if item["kind"] == "incoming"
            else self.units.get(item["unit"], item["unit"] or ""),
            "when_label": "deadline" if item["deadline"] else "date",
            "when": _date(item["deadline"])
            if item["deadline"]
            else _time(item["date"]),
            "urgent": item["urgent"],
            "urgency": item["urgency"],
            "overdue": item["overdue"],
            "due_soon": item["due_soon"],
        }

    def _state(self, item) -> str:
        return dossier_status(item["review_state"], self.request)

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def urgency_title(self, urgency: str) -> str:
        return urgency_title(urgency, self.request)


def urgency_title(urgency: str, request) -> str:
    """The urgency's name from the site's vocabulary (Khẩn, Hỏa tốc…)."""
    factory = queryUtility(IVocabularyFactory, name="dienbien.policy.Urgencies")
    if factory is not None:
        try:
            term = factory(None).getTerm(urgency)
        except LookupError:
            term = None
        if term is not None:
            return translate(term.title or urgency, context=request)
    return urgency
