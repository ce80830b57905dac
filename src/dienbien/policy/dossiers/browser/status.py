"""``/tra-cuu-ho-so``: the citizens' dossier status lookup page.

The form is sent by POST, so the code and the 4 digits stay out of the
address bar, the browser's history, Referer headers and access logs. The
receipt's QR code opens the page by GET with the code only: the form shows
it filled in, waiting for the digits (no lookup is made or counted). A GET
never looks a dossier up, whatever it carries.
"""

from datetime import datetime
from dienbien.policy import _
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.dossiers.status import look_up
from dienbien.policy.dossiers.status import public_view
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.ownpages import IOwnPage
from dienbien.policy.services.errors import single
from dienbien.policy.workingtime import display_time
from plone import api
from Products.Five.browser import BrowserView
from zope.interface import implementer


def local_text(iso: str | None) -> str:
    """``2026-03-04T09:00:00+07:00`` -> ``09:00 04/03/2026``."""
    if not iso:
        return ""
    return display_time(datetime.fromisoformat(iso))


@implementer(IOwnPage)
class DossierStatusView(BrowserView):
    page_title = _("status_page_title", default="Look up a dossier")
    result = None
    not_found = False
    too_many = ""
    #: What a sent form lacks: "code" or "digits" (the browser's own checks
    #: let a code of spaces through, and a form sent without them).
    missing = ""

    def __call__(self):
        form = self.request.form
        self.code = str(single(form, "code") or "").strip()[:64]
        # A repeated parameter (a list) counts as not given. The page never
        # writes the digits back into the form.
        digits = str(single(form, "verify") or "").strip()
        if self.request.method != "POST":
            return self.index()
        if not self.code:
            self.missing = "code"
        elif not (len(digits) == 4 and is_whole(digits)):
            self.missing = "digits"
        if self.missing:
            self.request.response.setStatus(400)
        else:
            self._look_up(digits)
        return self.index()

    def _look_up(self, digits):
        outcome = look_up(self.request, self.code, digits)
        if outcome.status == 429:
            self.too_many = outcome.too_many
            self.request.response.setStatus(429)
            self.request.response.setHeader("Retry-After", str(outcome.retry_after))
        elif outcome.status == 404:
            self.not_found = True
        else:
            self.result = public_view(
                outcome.dossier, unit_titles(api.portal.get()), self.request
            )

    def when(self, iso):
        return local_text(iso)
