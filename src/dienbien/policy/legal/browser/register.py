"""The public register page (``/van-ban-qppl``): filters for validity on a
day (today by default), type, issuer, year, field and words, and each
document's status on that day — the search of ``@legal-documents``."""

from dienbien.policy import clock
from dienbien.policy.core.legal import lists
from dienbien.policy.core.legal import validity
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.legal.browser.labels import field_message
from dienbien.policy.legal.browser.labels import FILTER_LABELS
from dienbien.policy.legal.browser.labels import LIST_LABELS
from dienbien.policy.legal.document import STATUS_TITLES
from dienbien.policy.legal.lists import check_expired
from dienbien.policy.legal.lists import check_systematisation
from dienbien.policy.legal.search import check_parameters
from dienbien.policy.legal.search import PARAMETERS
from dienbien.policy.legal.search import query_day
from dienbien.policy.legal.search import ResultFormatter
from dienbien.policy.legal.search import search
from dienbien.policy.procedures.vocabularies import procedure_fields
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate

import re


PAGE_SIZE = 20
#: The first systematisation period the lists offer (Decree 34/2016).
FIRST_PERIOD = 2014
PAGE_PARAMETERS = tuple(name for name in PARAMETERS if name != "b_size")


def day_text(iso: str | None) -> str:
    """``2026-07-01`` -> ``01/07/2026`` (how dates are read here)."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


class SentForm:
    """What a list's download form sent, as the list's check reads a
    request (its ``form``; the format is always given)."""

    def __init__(self, form: dict):
        self.form = form

    def getHeader(self, name, default=None):
        return default


class LegalRegisterView(BrowserView):
    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        self.refused = self.refused_list()
        self.list_errors = self.list_problems()
        portal = api.portal.get()
        form = {
            name: value
            for name, value in self.request.form.items()
            if name in PAGE_PARAMETERS and value not in ("", None)
        }
        # A hand-edited address gets the filters that make sense and a note.
        self.errors = check_parameters(portal, form)
        for name, _message in self.errors:
            form.pop(name, None)
        self.form = form
        today = clock.today()
        self.day = query_day(form, today)
        start = int(form.get("b_start", 0))
        brains = search(portal, form, today, start + PAGE_SIZE)
        self.batch = Batch(brains, PAGE_SIZE, start)
        formatter = ResultFormatter(portal, self.request, self.day)
        self.results = [self.row(formatter(brain)) for brain in self.batch]

    def row(self, item: dict) -> dict:
        return {
            "url": item["@id"],
            "notation": item["docNum"],
            "type": type_name(item["docType"]),
            "summary": item["summary"],
            "issuer": item["agencyName"],
            "signed": day_text(item["issueDate"]),
            "from": day_text(item["effFrom"]),
            "status": item["effStatus"]["code"],
            "status_title": item["effStatus"]["name"],
        }

    def day_text(self) -> str:
        return self.day.strftime("%d/%m/%Y")

    def statuses(self):
        return [
            {
                "token": status,
                "title": translate(STATUS_TITLES[status], context=self.request),
                "selected": self.form.get("status") == status,
            }
            for status in validity.STATUSES
        ]

    def types(self):
        return [
            {
                "token": token,
                "title": type_name(token),
                "selected": self.form.get("type") == token,
            }
            for token in ("resolution", "decision")
        ]

    def issuers(self):
        catalog = api.portal.get_tool("portal_catalog")
        used = set(catalog.uniqueValuesFor("legal_issuer")) - {None, ""}
        titles = ResultFormatter(api.portal.get(), self.request, self.day).units
        return sorted(
            (
                {
                    "token": code,
                    "title": titles.get(code, code),
                    "selected": self.form.get("issuer") == code,
                }
                for code in used
            ),
            key=lambda item: item["title"],
        )

    def fields(self):
        return [
            {
                "token": token,
                "title": title,
                "selected": self.form.get("field") == token,
            }
            for token, title in procedure_fields().items()
        ]

    def error_messages(self):
        return [
            field_message(name, message, FILTER_LABELS, self.request)
            for name, message in self.errors
        ]

    # -- the lists' download forms ------------------------------------------

    def list_year(self) -> str:
        """The year whose list is published now, the last one; or the year
        typed in the form when its download was refused (lists.py)."""
        typed = self.request.form.get("list_year")
        if isinstance(typed, str) and typed:
            return typed[:20]
        return str(clock.today().year - 1)

    def list_issuer(self, form: str) -> str:
        """The issuer chosen in the list's ``form`` (``expired`` or
        ``systematisation``) when its download was refused."""
        if self.refused != form:
            return ""
        chosen = self.request.form.get("list_issuer")
        return chosen if isinstance(chosen, str) else ""

    def refused_list(self) -> str | None:
        """Which list's download was refused (lists.py sends back what it
        was given): ``expired``, ``systematisation`` or ``None``."""
        form = self.request.form
        if isinstance(form.get("list_year"), str):
            return "expired"
        if isinstance(form.get("list_period"), str):
            return "systematisation"
        return None

    def invalid(self, form: str) -> bool:
        """Whether the list's ``form`` was refused for what it holds."""
        return self.refused == form and bool(self.list_errors)

    def list_problems(self) -> list[str]:
        """The refused list's problems, as the page says them, shown at its
        form (the page opens there). Checked once, in ``update``."""
        which = self.refused
        if which is None:
            return []
        typed = self.request.form
        sent = {"issuer": typed.get("list_issuer") or "", "format": "xlsx"}
        if which == "expired":
            sent["year"] = typed.get("list_year") or ""
            check = check_expired
        else:
            sent["period"] = typed.get("list_period") or ""
            check = check_systematisation
        sent = {name: value for name, value in sent.items() if value}
        _params, errors = check(api.portal.get(), SentForm(sent))
        return [
            field_message(name, message, LIST_LABELS, self.request)
            for name, message in errors
        ]

    def periods(self) -> list[dict]:
        """Systematisation periods (2014-2018, 2019-2023…) up to this year's,
        newest first; the last one ended is chosen."""
        this_year = clock.today().year
        spans = []
        first = FIRST_PERIOD
        while first <= this_year:
            spans.append((first, first + lists.PERIOD_YEARS - 1))
            first += lists.PERIOD_YEARS
        ended = [span for span in spans if span[1] < this_year]
        chosen = ended[-1] if ended else spans[-1]
        typed = self.request.form.get("list_period")
        match = re.fullmatch(r"(\d{4})-(\d{4})", typed or "", re.ASCII)
        if isinstance(typed, str) and match:
            chosen = (int(match[1]), int(match[2]))
        return [
            {
                "token": f"{first}-{last}",
                "title": f"{first}–{last}",
                "selected": (first, last) == chosen,
            }
            for first, last in reversed(spans)
        ]

    def page_url(self, start):
        params = {k: v for k, v in self.form.items() if k != "b_start"}
        if start:
            params["b_start"] = start
        query = urlencode(params)
        return f"{self.context.absolute_url()}{'?' + query if query else ''}"
