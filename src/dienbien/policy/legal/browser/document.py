"""A normative document's page: its validity today as a badge, its record,
the relations both ways ("Bị thay thế bởi 05/2026/QĐ-UBND từ 01/07/2026"),
the history of what changed its validity, its text and signed PDF."""

from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.legal import validity
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.legal.browser.register import day_text
from dienbien.policy.legal.document import ILegalDocument
from dienbien.policy.legal.document import INVERSE_TITLES
from dienbien.policy.legal.document import RELATION_TITLES
from dienbien.policy.legal.document import STATUS_TITLES
from dienbien.policy.legal.validity import build_register
from dienbien.policy.legal.validity import display_notation
from dienbien.policy.legal.validity import facts
from dienbien.policy.orgunits.lookup import unit_title
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


EVENT_TITLES = {
    "effective": _("legal_event_effective", default="Takes effect"),
    "end": _("legal_event_end", default="Its end date"),
    "suspension_lifted": _("legal_event_lifted", default="Suspension ends"),
    "detailed_expired": _(
        "legal_event_detailed_expired", default="The document it details expires"
    ),
}


class LegalDocumentView(BrowserView):
    def __call__(self):
        self.key = facts(self.context)[0]
        self.today = clock.today()
        self._catalog = api.portal.get_tool("portal_catalog")
        self.register, self.brains = build_register(self._related())
        return self.index()

    def _published(self, **query):
        return self._catalog(
            portal_type="LegalDocument", review_state="published", **query
        )

    def _related(self) -> list:
        """This document, those that relate to it, what it details and what
        relates to those: all its validity depends on."""
        found = {}
        own = self._catalog.unrestrictedSearchResults(UID=self.context.UID())
        for brain in own:
            found[brain.UID] = brain
        detailed = [
            target
            for kind, target, *_rest in facts(self.context)[3]
            if kind == validity.DETAILS
        ]
        for brain in self._published(legal_targets=[self.key, *detailed]):
            found[brain.UID] = brain
        if detailed:
            for brain in self._published(legal_key=detailed):
                found[brain.UID] = brain
        return list(found.values())

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    # -- what the page shows ------------------------------------------------

    def published(self) -> bool:
        return api.content.get_state(self.context) == "published"

    def status(self) -> dict:
        code = (
            self.register.status(self.key, self.today)
            if self.published() and self.key in self.register.documents
            else validity.NOT_YET
        )
        return {"code": code, "title": self._t(STATUS_TITLES[code])}

    def description(self) -> str:
        return f"{type_name(self.context.doctype)} {self.context.summary or ''}"

    def record(self) -> list[tuple]:
        """``(label, value)`` rows, labelled as the edit form is."""
        context = self.context
        rows = [
            ("notation", context.notation),
            ("doctype", type_name(context.doctype)),
            ("issuer", unit_title(context, context.issuer)),
            (
                "signer",
                ", ".join(p for p in (context.signer_position, context.signer) if p),
            ),
            ("signed", _date(context.signed)),
            ("in_force_from", _date(context.in_force_from)),
            ("in_force_until", _date(context.in_force_until)),
        ]
        return [
            (self._t(ILegalDocument[name].title), value)
            for name, value in rows
            if value
        ]

    def _link(self, key: str) -> dict:
        brains = self._published(legal_key=key)
        if brains:
            return {"url": brains[0].getURL(), "notation": brains[0].legal_notation}
        return {"url": None, "notation": display_notation(key)}

    def relations(self) -> list[dict]:
        """What this document does to others, then what others do to it."""
        rows = []
        for kind, target, on, until, part in facts(self.context)[3]:
            rows.append(
                {
                    "title": self._t(RELATION_TITLES[kind]),
                    **self._link(target),
                    "part": part,
                    "on": day_text(on),
                    "until": day_text(until),
                }
            )
        for brain in self._published(legal_targets=self.key):
            _source_key, effective, _end, relations = brain.legal_facts
            for kind, target, on, until, part in relations:
                if target != self.key:
                    continue
                rows.append(
                    {
                        "title": self._t(INVERSE_TITLES[kind]),
                        "url": brain.getURL(),
                        "notation": brain.legal_notation,
                        "part": part,
                        "on": day_text(on or effective),
                        "until": day_text(until),
                    }
                )
        return rows

    def history(self) -> list[dict]:
        if self.key not in self.register.documents:
            return []
        rows = []
        for event in self.register.history(self.key):
            if event.kind in EVENT_TITLES:
                what = self._t(EVENT_TITLES[event.kind])
            else:
                what = self._t(INVERSE_TITLES[event.kind])
            status = self.register.status(self.key, event.day)
            cause = self._link(event.cause) if event.cause else None
            rows.append(
                {
                    "day": event.day.strftime("%d/%m/%Y"),
                    "what": what,
                    "cause": cause,
                    "part": event.part,
                    "status": status,
                    "status_title": self._t(STATUS_TITLES[status]),
                    "future": event.day > self.today,
                }
            )
        return rows

    def file_url(self) -> str | None:
        if self.context.file is None:
            return None
        return f"{self.context.absolute_url()}/@@download/file"


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
