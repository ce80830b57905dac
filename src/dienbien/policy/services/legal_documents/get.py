"""``GET /@legal-documents``: the public register of normative documents,
with each document's validity on a day (today by default) — answered from
catalog metadata, published documents only. See docs/api.md."""

from dienbien.policy import clock
from dienbien.policy.legal.search import check_parameters
from dienbien.policy.legal.search import query_day
from dienbien.policy.legal.search import ResultFormatter
from dienbien.policy.legal.search import search
from dienbien.policy.services.errors import bad_request
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service


class LegalDocumentsGet(Service):
    def reply(self):
        form = self.request.form
        errors = check_parameters(self.context, form)
        if errors:
            return bad_request(self.request, errors)
        day = query_day(form, clock.today())
        brains = search(self.context, form, clock.today())
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
