"""The dossier folder's page for staff: the working list of each desk clerk,
officer and leader — the dossiers their units handle (the catalog's local
roles by unit decide which), soonest appointment first, from catalog
metadata, fifty a page.

Filters by status, overdue, due this week and procedure travel in the
address (GET): a leader bookmarks "overdue", the dashboard links to it.
The search by applicant (name without diacritics, a whole phone or ID
number) is posted and read from the body only: a name or phone typed into
it never lands in an address bar, a browser's history or an access log.
"""

from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.dossiers import CLOCK_RUNS
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.dossiers.applicants import catalog_query
from dienbien.policy.dossiers.due import running_by_appointment
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.slips.words import short_text
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.workingtime import site_calendar
from plone import api
from Products.CMFPlone.PloneBatch import Batch
from Products.Five.browser import BrowserView


#: The filters a GET may carry (and a link or bookmark keep).
FILTERS = ("state", "overdue", "due", "procedure")
MINUTE = "%Y-%m-%dT%H:%M"  # the catalog's local time (dossiers.indexers._iso)


def deadline_range(moment: datetime, overdue: bool, this_week: bool, calendar):
    """The ``dossier_appointment`` range of "overdue" and/or "due this week".

    Overdue: the appointment is before ``moment`` (as the dashboard counts
    it); due this week: from ``moment`` to the close of the week's last
    working day; both: everything due by then. ``None``: no limit; ``()``:
    nothing can match (a week with no working time left)."""
    # Appointments are whole minutes: "before moment" is "at most the minute
    # before it" when ``moment`` is itself a whole minute.
    latest_overdue = (moment - timedelta(microseconds=1)).strftime(MINUTE)
    first_due = (
        datetime.strptime(latest_overdue, MINUTE) + timedelta(minutes=1)
    ).strftime(MINUTE)
    if not this_week:
        return {"query": latest_overdue, "range": "max"} if overdue else None
    closing = calendar.week_closing(moment.date())
    last = closing.strftime(MINUTE) if closing else None
    if overdue:
        return {"query": max(last or latest_overdue, latest_overdue), "range": "max"}
    if last is None or last < first_due:
        return ()
    return {"query": (first_due, last), "range": "min:max"}


class DossierListing(BrowserView):
    PAGE = 50

    def __call__(self):
        form = self.request.form
        self.filters = self._filters(form)
        # The applicant is searched only from a posted form: never from an
        # address, which would keep it in histories and logs.
        q = form.get("q", "") if self.request.method == "POST" else ""
        self.query = q.strip() if isinstance(q, str) else ""
        self.no_terms = False
        self.moment = now()
        return self.index()

    def _filters(self, form) -> dict:
        state = form.get("state")
        procedure = form.get("procedure")
        return {
            "state": state if state in STATUS_CODES else "",
            "overdue": "1" if form.get("overdue") == "1" else "",
            "due": "week" if form.get("due") == "week" else "",
            "procedure": procedure.strip()[:40] if isinstance(procedure, str) else "",
        }

    def catalog_query(self) -> dict | None:
        """The catalog query of the page, ``None`` when nothing can match."""
        query = {
            "portal_type": "Dossier",
            "path": "/".join(self.context.getPhysicalPath()),
            "sort_on": "dossier_appointment",
        }
        filters = self.filters
        states = [filters["state"]] if filters["state"] else None
        if filters["overdue"] or filters["due"]:
            # Only a running clock can be overdue or fall due.
            states = [s for s in (states or CLOCK_RUNS) if s in CLOCK_RUNS]
            limit = deadline_range(
                self.moment,
                bool(filters["overdue"]),
                bool(filters["due"]),
                site_calendar(),
            )
            if limit == () or not states:
                return None
            if limit:
                query["dossier_appointment"] = limit
        if states:
            query["review_state"] = states
        if filters["procedure"]:
            query["dossier_procedure"] = filters["procedure"]
        if self.query:
            applicant = catalog_query(self.query)
            if applicant is None:
                self.no_terms = True
                return None
            query.update(applicant)
        return query

    def results(self):
        query = self.catalog_query()
        catalog = api.portal.get_tool("portal_catalog")
        if not query:
            brains = []
        elif "dossier_appointment" in query:
            # Overdue or due this week: only running dossiers (``dossiers.due``).
            brains = running_by_appointment(catalog, query)
        else:
            brains = catalog(**query)
        start = self.request.form.get("b_start", "0")
        start = int(start) if is_whole(start) else 0
        return Batch(brains, self.PAGE, start)

    def row(self, brain) -> dict:
        appointment = brain.dossier_appointment
        state = brain.review_state
        due = datetime.strptime(appointment, MINUTE) if appointment else None
        code = brain.dossier_code or ""
        title = brain.Title or ""
        return {
            "url": brain.getURL(),
            "code": code,
            # The title is "code – procedure": the code has its own column.
            "procedure": title.split(" – ", 1)[1] if " – " in title else title,
            "state": status_title(state, self.request),
            "appointment": short_text(due),
            "overdue": bool(due and state in CLOCK_RUNS and due < self.moment),
        }

    # The filter form -------------------------------------------------------

    def states(self) -> list[dict]:
        return [
            {
                "id": state,
                "title": status_title(state, self.request),
                "selected": state == self.filters["state"],
            }
            for state in STATUS_CODES
        ]

    def procedures(self) -> list[dict]:
        """Every procedure of the catalogue, by name (a dossier may be of
        one abolished since): the clerk picks a name, not a code."""
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="Procedure", sort_on="sortable_title"
        )
        return [
            {
                "code": brain.procedure_code,
                "title": brain.Title,
                "selected": brain.procedure_code == self.filters["procedure"],
            }
            for brain in brains
            if brain.procedure_code
        ]

    def filtered(self) -> bool:
        return any(self.filters.values())

    def hidden_filters(self) -> list[dict]:
        """The filters, for the posted search to keep them."""
        return [{"name": k, "value": v} for k, v in self.filters.items() if v]

    def week_until(self) -> str:
        closing = site_calendar().week_closing(self.moment.date())
        return short_text(closing)

    def receive_url(self) -> str | None:
        """The add form, for those who may receive a dossier here (the
        desk): the toolbar's "Add new" menu is not where a desk looks."""
        portal_type = api.portal.get_tool("portal_types").getTypeInfo("Dossier")
        if portal_type is None or not portal_type.isConstructionAllowed(self.context):
            return None
        return f"{self.context.absolute_url()}/++add++Dossier"

    def register_url(self) -> str:
        """Mẫu 06, the tracking register (the current month by default)."""
        return f"{self.context.absolute_url()}/@@register-06"
