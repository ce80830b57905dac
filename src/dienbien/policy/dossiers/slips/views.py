"""The one-stop slips as print-ready pages and .docx downloads.

``<dossier>/@@slip-01`` … ``@@slip-05`` (Mẫu 01–05) and ``@@slip-0N.docx``;
``/ho-so/@@register-06?from=YYYY-MM-DD&to=YYYY-MM-DD`` (Mẫu 06, the tracking
register of the dossiers the user may see, received in the period) and
``@@register-06.docx``. The content comes from ``forms`` (built of ``model``
and ``words``, written as Word by ``word``); this module only gathers a
dossier's facts and answers the request. A slip that does not
apply yet (no refusal for Mẫu 03, …) answers 404 with a short message.
"""

from datetime import date
from datetime import timedelta
from dienbien.policy import _
from dienbien.policy.core.calendar import in_calendar
from dienbien.policy.core.dossiers import STATUS_TITLES
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.lifecycle import find_procedure
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.slips import forms
from dienbien.policy.dossiers.slips import model
from dienbien.policy.dossiers.slips import word
from dienbien.policy.dossiers.slips import words
from dienbien.policy.orgunits.lookup import unit_brains
from html import escape
from plone import api
from Products.CMFCore.utils import getToolByName
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate

import base64


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LOOKUP_PAGE = "tra-cuu-ho-so"
REGISTER_PAGE_SIZE = 100
REGISTER_MAX_PAGE_SIZE = 500

NOT_APPLICABLE = {
    "not_accepted": _(
        "slip_not_accepted", default="This dossier has not been accepted yet."
    ),
    "no_supplement_request": _(
        "slip_no_supplement_request",
        default="No supplement has been requested for this dossier.",
    ),
    "not_refused": _("slip_not_refused", default="This dossier was not refused."),
    "no_apology": _(
        "slip_no_apology", default="No apology has been issued for this dossier."
    ),
    "no_handover": _(
        "slip_no_handover", default="No hand-over has been recorded for this dossier."
    ),
}


def units(portal) -> dict[str, model.Unit]:
    """Unit code -> ``Unit`` with its parent's title, from catalog metadata."""
    brains = unit_brains(portal)
    titles = {brain.unit_code: brain.Title for brain in brains}
    return {
        brain.unit_code: model.Unit(
            brain.unit_code, brain.Title, titles.get(brain.unit_parent or "", "")
        )
        for brain in brains
    }


def place(known: dict[str, model.Unit], unit: model.Unit) -> str:
    """The place of the People's Committee above ``unit`` ("Điện Biên")."""
    for title in (unit.title, unit.parent_title):
        name = words.place_name(title)
        if name:
            return name
    for other in known.values():
        name = words.place_name(other.title)
        if name:
            return name
    return ""


class Names:
    """User id -> full name (the id when the user has none), remembered."""

    def __init__(self):
        self.known = {}

    def __call__(self, userid: str) -> str:
        if not userid:
            return ""
        if userid not in self.known:
            user = api.user.get(userid=userid)
            fullname = user.getProperty("fullname", "") if user else ""
            self.known[userid] = fullname or userid
        return self.known[userid]


def slip_data(dossier, known: dict, names: Names, lookup_url: str) -> model.SlipData:
    """The plain facts of ``dossier`` for the slips."""

    def unit(code):
        return known.get(code) or model.Unit(code or "", code or "")

    state = api.content.get_state(dossier)
    title = dossier.procedure_title
    if not title and dossier.procedure:
        procedure = find_procedure(dossier, dossier.procedure)
        title = procedure.Title() if procedure is not None else ""
    steps = tuple(
        model.Step(
            time=entry["time"],
            action=entry["action"],
            actor=names(entry.get("actor") or ""),
            from_unit=entry.get("from_unit"),
            to_unit=entry.get("to_unit"),
            note=entry.get("note") or "",
            timeliness=entry.get("timeliness"),
            appointment=entry.get("appointment"),
            previous_appointment=entry.get("previous_appointment"),
            papers=tuple(entry.get("papers") or ()),
        )
        for entry in log.entries(dossier)
    )
    receiving = unit(dossier.receiving_unit)
    return model.SlipData(
        code=dossier.code or "",
        procedure=dossier.procedure or "",
        procedure_title=title or "",
        receiving_unit=receiving,
        handling_unit=unit(dossier.handling_unit),
        applicant_name=dossier.applicant_name or "",
        applicant_id_number=dossier.applicant_id_number or "",
        applicant_phone=dossier.applicant_phone or "",
        applicant_email=dossier.applicant_email or "",
        applicant_address=dossier.applicant_address or "",
        channel=dossier.channel or "",
        papers=tuple(
            model.Paper(
                paper.get("name") or "",
                paper.get("kind") or "original",
                paper.get("count") or 1,
            )
            for paper in dossier.papers or ()
        ),
        fee=dossier.fee or 0,
        submitted=dossier.submitted,
        accepted=dossier.accepted,
        appointment=dossier.appointment,
        resolved=getattr(dossier, "resolved", None),
        returned=dossier.returned,
        terms=dict(dossier.terms) if dossier.terms else None,
        state=state or "",
        state_title=STATUS_TITLES.get(state, state or ""),
        steps=steps,
        lookup_url=lookup_url,
        place=place(known, receiving),
        units=known,
    )


class SlipPage(BrowserView):
    """Shared by the slips and the register: the HTML page and the .docx."""

    index = ViewPageTemplateFile("templates/slip.pt")
    slip = None
    message = None

    def build(self) -> model.Slip:
        raise NotImplementedError

    def tr(self, message) -> str:
        return translate(message, context=self.request)

    def _build_or_refuse(self):
        try:
            self.slip = self.build()
        except model.NotApplicable as refused:
            self.message = self.tr(NOT_APPLICABLE[refused.reason])
            self.request.response.setStatus(404)
        return self.slip

    def _standalone(self):
        """No theme, no transforms: the page is a document of its own (the
        CSRF transform would re-serialise it with every Vietnamese letter as
        a character reference); it holds no form that posts."""
        response = self.request.response
        self.request.environ["plone.transformchain.disable"] = True
        response.setHeader("X-Theme-Disabled", "1")
        response.setHeader("X-Frame-Options", "SAMEORIGIN")
        response.setHeader("Cache-Control", "private, no-store")

    def _problem(self):
        self._standalone()
        response = self.request.response
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        language = api.portal.get_current_language() or "vi"
        return (
            f'<!DOCTYPE html><html lang="{escape(language)}"><head>'
            '<meta charset="utf-8"><title>'
            f"{escape(self.message)}</title></head><body>"
            f"<p>{escape(self.message)}</p>"
            f'<p><a href="{escape(self.back_url())}">'
            f"{escape(self.context.Title())}</a></p></body></html>"
        )

    def back_url(self) -> str:
        return self.context.absolute_url()

    def __call__(self):
        if self._build_or_refuse() is None:
            return self._problem()
        self._standalone()
        self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        return self.index()

    def docx(self):
        if self._build_or_refuse() is None:
            return self._problem()
        body = word.to_docx(self.slip)
        response = self.request.response
        response.setHeader("Content-Type", DOCX)
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.slip.filename}"'
        )
        response.setHeader("Content-Length", str(len(body)))
        response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("X-Frame-Options", "SAMEORIGIN")
        return body

    # For the template.

    def docx_url(self) -> str:
        url = self.request.getURL()
        query = self.request.get("QUERY_STRING")
        return f"{url}.docx" + (f"?{query}" if query else "")

    def page_class(self) -> str:
        return "slip landscape" if self.slip.landscape else "slip"

    def table_class(self, table) -> str:
        """Tables of eight columns or more (the control slip, the register)
        are set smaller, and scroll sideways on a phone."""
        return "grid dense" if len(table.headers) >= 8 else "grid"

    def data_url(self, png: bytes) -> str:
        return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

    def register(self):
        return None


class DossierSlip(SlipPage):
    form = "01"

    def build(self):
        portal = api.portal.get()
        data = slip_data(
            self.context,
            units(portal),
            Names(),
            f"{portal.absolute_url()}/{LOOKUP_PAGE}",
        )
        return forms.FORMS[self.form](data)


class Receipt(DossierSlip):
    form = "01"


class SupplementRequest(DossierSlip):
    form = "02"


class Refusal(DossierSlip):
    form = "03"


class Apology(DossierSlip):
    form = "04"


class ControlSlip(DossierSlip):
    form = "05"


class Register(SlipPage):
    """Mẫu 06: the dossiers the user may see, received in ``from``–``to``
    (both days included; the current month by default), from the catalog,
    waking only the dossiers of the page (``b_start``, ``b_size``)."""

    problem = None

    def period(self) -> tuple[date, date]:
        form = self.request.form
        today = now().date()
        try:
            start = (
                date.fromisoformat(form["from"])
                if form.get("from")
                else today.replace(day=1)
            )
            if not in_calendar(start):
                return None
            end = (
                date.fromisoformat(form["to"])
                if form.get("to")
                else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
                - timedelta(days=1)
            )
            first = int(form.get("b_start") or 0)
            size = int(form.get("b_size") or REGISTER_PAGE_SIZE)
        except (TypeError, ValueError):
            return None
        if (
            not in_calendar(end)
            or end < start
            or first < 0
            or not 1 <= size <= REGISTER_MAX_PAGE_SIZE
        ):
            return None
        self.first, self.size = first, size
        return start, end

    def build(self):
        period = self.period()
        if period is None:
            return None
        self.start, self.end = period
        catalog = getToolByName(self.context, "portal_catalog")
        brains = catalog(
            portal_type="Dossier",
            path="/".join(self.context.getPhysicalPath()),
            dossier_accepted={
                "query": (
                    f"{self.start:%Y-%m-%d}T00:00",
                    f"{self.end:%Y-%m-%d}T23:59",
                ),
                "range": "min:max",
            },
            sort_on=("dossier_accepted", "dossier_code"),
        )
        self.total = len(brains)
        page = brains[self.first : self.first + self.size]
        portal = api.portal.get()
        known = units(portal)
        names = Names()
        lookup = f"{portal.absolute_url()}/{LOOKUP_PAGE}"
        dossiers = [
            slip_data(brain.getObject(), known, names, lookup) for brain in page
        ]
        desks = {data.receiving_unit.code for data in dossiers}
        if len(desks) == 1:
            issuer_unit = dossiers[0].receiving_unit
        else:
            roots = [unit for unit in known.values() if not unit.parent_title]
            issuer_unit = roots[0] if len(roots) == 1 else model.Unit("", "")
        return forms.tracking_register(
            dossiers,
            (self.start, self.end),
            issuer=issuer_unit.heading() if issuer_unit.title else (),
            place=place(known, issuer_unit),
            first_number=self.first + 1,
            issued=now().date(),
        )

    def _build_or_refuse(self):
        self.slip = self.build()
        if self.slip is None:
            self.message = self.tr(
                _(
                    "register_bad_period",
                    default="Give the period as from=YYYY-MM-DD and "
                    "to=YYYY-MM-DD, the first day not after the last; b_size "
                    "from 1 to 500.",
                )
            )
            self.request.response.setStatus(400)
        return self.slip

    def register(self):
        """The period form and the page links, for the template."""
        base = self.request.getURL()

        def link(first):
            query = {
                "from": self.start.isoformat(),
                "to": self.end.isoformat(),
                "b_start": first,
                "b_size": self.size,
            }
            return f"{base}?{urlencode(query)}"

        previous = self.first - self.size if self.first > 0 else None
        following = self.first + self.size
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "total": self.total,
            "previous": link(max(previous, 0)) if previous is not None else None,
            "next": link(following) if following < self.total else None,
        }
