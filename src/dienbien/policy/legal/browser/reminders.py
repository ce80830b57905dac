"""``/van-ban-qppl/@@legal-reminders`` (Nhắc việc văn bản QPPL): for the
people who may edit normative documents, the published documents whose end
date comes within 30 days and those whose basis was replaced or repealed,
wholly or in part — what the daily mail sends each issuer's editors
(``legal/reminders.py``), all issuers on one page."""

from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.legal import reminders as rules
from dienbien.policy.legal.reminders import collect
from dienbien.policy.legal.reminders import day_text
from dienbien.policy.orgunits.lookup import unit_titles
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


SECTIONS = (
    (
        rules.ENDING,
        _("legal_reminders_ending", default="Ending within 30 days"),
    ),
    (
        rules.BASIS_ENDED,
        _("legal_reminders_basis_ended", default="Basis replaced or repealed"),
    ),
    (
        rules.BASIS_PARTLY,
        _(
            "legal_reminders_basis_partly",
            default="Basis replaced or repealed in part",
        ),
    ),
)
RELATIONS = {
    "replaces": _("legal_reminder_replaced", default="replaced"),
    "repeals": _("legal_reminder_repealed", default="repealed"),
}


class LegalRemindersView(BrowserView):
    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        self.today = clock.today()
        titles = unit_titles(api.portal.get())
        rows = collect(self.today)
        for row in rows:
            row["issuer_title"] = titles.get(row["issuer"], row["issuer"])
            row["day_text"] = day_text(row["day"])
            row["relation_title"] = self.tr(RELATIONS.get(row["relation"], ""))
        self.sections = [
            {
                "id": kind,
                "title": self.tr(title),
                "rows": [row for row in rows if row["kind"] == kind],
            }
            for kind, title in SECTIONS
        ]
        self.total = len(rows)

    def tr(self, message) -> str:
        return translate(message, context=self.request) if message else ""

    def today_text(self) -> str:
        return day_text(self.today)
