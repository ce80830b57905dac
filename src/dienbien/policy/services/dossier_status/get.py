"""``@dossier-status``: a dossier's status for anyone who knows its code and
the last 4 digits of the applicant's phone or ID number. No personal data;
identical 404s; 429 past 20 lookups a minute from one client, or for an hour
after 5 wrong digit sets for one code.

``POST`` with ``{"code", "digits"}`` in the body is the form to use: the
digits stay out of URLs, access logs and Referer headers. ``GET
?code=…&verify=NNNN`` still answers for older clients.
"""

from dienbien.policy.dossiers.status import look_up
from dienbien.policy.dossiers.status import public_view
from dienbien.policy.orgunits.lookup import unit_titles
from plone.restapi.services import Service


NOT_FOUND = {
    "type": "NotFound",
    "message": "No dossier matches this code and verification number.",
}
TOO_MANY = {
    "client": "Too many lookups; try again later.",
    "code": "Too many wrong verifications for this dossier code; try again later.",
}


class StatusService(Service):
    def answer(self, code: str, digits: str):
        result = look_up(self.request, code, digits)
        if result.status == 429:
            self.request.response.setStatus(429)
            self.request.response.setHeader("Retry-After", str(result.retry_after))
            return {"type": "TooManyRequests", "message": TOO_MANY[result.too_many]}
        if result.status == 404:
            self.request.response.setStatus(404)
            return dict(NOT_FOUND)
        return public_view(result.dossier, unit_titles(self.context), self.request)


class DossierStatusGet(StatusService):
    def reply(self):
        return self.answer(
            str(self.request.form.get("code", "")).strip(),
            str(self.request.form.get("verify", "")),
        )
