"""``GET /@dossier-status?code=…&verify=NNNN``: a dossier's status for
anyone who knows its code and the last 4 digits of the applicant's phone or
ID number. No personal data; identical 404s; 429 past 20 lookups a minute."""

from dienbien.policy.dossiers.ratelimit import STATUS_LOOKUPS
from dienbien.policy.dossiers.status import find
from dienbien.policy.dossiers.status import public_view
from dienbien.policy.orgunits.lookup import unit_titles
from plone.restapi.services import Service


NOT_FOUND = {
    "type": "NotFound",
    "message": "No dossier matches this code and verification number.",
}


class DossierStatusGet(Service):
    def reply(self):
        allowed, wait = STATUS_LOOKUPS.allow(self.request.getClientAddr() or "")
        if not allowed:
            self.request.response.setStatus(429)
            self.request.response.setHeader("Retry-After", str(wait))
            return {
                "type": "TooManyRequests",
                "message": "Too many lookups; try again later.",
            }
        dossier = find(
            str(self.request.form.get("code", "")).strip(),
            str(self.request.form.get("verify", "")),
        )
        if dossier is None:
            self.request.response.setStatus(404)
            return dict(NOT_FOUND)
        return public_view(dossier, unit_titles(self.context))
