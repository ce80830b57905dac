"""The register's lists as downloads from the public page (``/van-ban-qppl``):
``@@legal-expired-list?year=&issuer=&format=xlsx|docx`` and
``@@legal-systematisation?period=&issuer=&format=``, the same files as
``@legal-documents/expired`` and ``/systematisation`` (a browser's form
asks for HTML, which the REST services do not answer)."""

from dienbien.policy.legal import annex
from dienbien.policy.legal.lists import check_expired
from dienbien.policy.legal.lists import check_systematisation
from dienbien.policy.legal.lists import RegisterLists
from dienbien.policy.services.errors import error_list
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


#: What a list's form sent, given back to the page after a refusal under
#: these names (the page's own filters are ``year``, ``issuer``…).
KEPT = {"year": "list_year", "issuer": "list_issuer", "period": "list_period"}


class LegalListDownload(BrowserView):
    def _refuse(self, errors):
        request = self.request
        if "text/html" in request.getHeader("Accept", ""):
            # The page's form: back to it with what was sent; the page
            # checks it again and says, at the form, what to mend, in the
            # words of its labels (register.py, ``list_problems``).
            kept = {
                KEPT[name]: str(value)[:20]
                for name, value in request.form.items()
                if name in KEPT and isinstance(value, str) and value
            }
            query = f"?{urlencode(kept)}" if kept else ""
            return request.response.redirect(
                f"{self.context.absolute_url()}{query}#legal-lists-heading"
            )
        request.response.setStatus(400)
        request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return "\n".join(
            f"{entry['field']}: {entry['message']}"
            for entry in error_list(errors, request)
        )

    def _send(self, check, build, write):
        portal = api.portal.get()
        if self.request.form.get("format") not in ("xlsx", "docx"):
            self.request.form["format"] = "xlsx"
        params, errors = check(portal, self.request)
        if errors:
            return self._refuse(errors)
        data = build(RegisterLists(portal, self.request), params)
        body, name = write(data, params, self.request)
        return annex.send(self.request, body, name, params.format)

    def expired(self):
        return self._send(check_expired, RegisterLists.expired, annex.expired_file)

    def systematisation(self):
        return self._send(
            check_systematisation,
            RegisterLists.systematisation,
            annex.systematisation_file,
        )
