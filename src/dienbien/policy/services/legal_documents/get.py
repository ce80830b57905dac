"""``GET /@legal-documents``: the public register of normative documents,
with each document's validity on a day (today by default) — answered from
catalog metadata, published documents only. Its lists are below it:
``/@legal-documents/expired`` (services/legal_expired) and
``/@legal-documents/systematisation`` (services/legal_systematisation),
in JSON, .xlsx or .docx. See docs/api.md."""

from dienbien.policy import clock
from dienbien.policy.legal.search import check_parameters
from dienbien.policy.legal.search import query_day
from dienbien.policy.legal.search import ResultFormatter
from dienbien.policy.legal.search import search
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.legal_expired.get import reply as expired
from dienbien.policy.services.legal_systematisation.get import reply as systematisation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import json


#: The lists under the register, each its own endpoint folder.
SUBPATHS = {
    "expired": expired,
    "systematisation": systematisation,
}


@implementer(IPublishTraverse)
class LegalDocumentsGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def canonical_url(self) -> str:
        url = "/".join((self.context.absolute_url(), "@legal-documents", *self.params))
        query = self.request.get("QUERY_STRING")
        return f"{url}?{query}" if query else url

    def render(self):
        # A file is the body itself; JSON goes the usual way.
        self.check_permission()
        content = self.reply()
        if isinstance(content, bytes):
            return content
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(content, indent=2, sort_keys=True, separators=(", ", ": "))

    def reply(self):
        if self.params:
            handler = SUBPATHS.get(self.params[0]) if len(self.params) == 1 else None
            if handler is None:
                self.request.response.setStatus(404)
                return {
                    "type": "NotFound",
                    "message": "No such list: @legal-documents/"
                    + "/".join(self.params)
                    + f" (one of {', '.join(SUBPATHS)})",
                }
            return handler(self)
        form = self.request.form
        errors = check_parameters(self.context, form)
        if errors:
            return bad_request(self.request, errors)
        day = query_day(form, clock.today())
        batch = HypermediaBatch(self.request, ())
        # The catalog sorts only as far as the page asked for ends.
        limit = batch.b_start + batch.b_size
        brains = search(self.context, form, clock.today(), limit)
        batch = HypermediaBatch(self.request, brains)
        formatter = ResultFormatter(self.context, self.request, day)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [formatter(brain) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result
