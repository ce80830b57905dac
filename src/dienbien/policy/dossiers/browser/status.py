"""``/tra-cuu-ho-so``: the citizens' dossier status lookup page."""

from datetime import datetime
from dienbien.policy.dossiers.ratelimit import STATUS_LOOKUPS
from dienbien.policy.dossiers.status import find
from dienbien.policy.dossiers.status import public_view
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.services.errors import single
from plone import api
from Products.Five.browser import BrowserView


def local_text(iso: str | None) -> str:
    """``2026-03-04T09:00:00+07:00`` -> ``09:00 ngày 04/03/2026``."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso)
    return f"{moment:%H:%M} {moment:%d/%m/%Y}"


class DossierStatusView(BrowserView):
    result = None
    not_found = False
    too_many = False

    def __call__(self):
        # A repeated parameter (a list) counts as not given.
        self.code = (single(self.request.form, "code") or "").strip()
        self.verify = (single(self.request.form, "verify") or "").strip()
        # The receipt's QR code opens the page with the code only: show the
        # form filled in, waiting for the 4 digits (no lookup is counted).
        if self.code and self.verify:
            allowed, wait = STATUS_LOOKUPS.allow(self.request.getClientAddr() or "")
            if not allowed:
                self.too_many = True
                self.request.response.setStatus(429)
                self.request.response.setHeader("Retry-After", str(wait))
            else:
                dossier = find(self.code, self.verify)
                if dossier is None:
                    self.not_found = True
                else:
                    self.result = public_view(dossier, unit_titles(api.portal.get()))
        return self.index()

    def when(self, iso):
        return local_text(iso)
