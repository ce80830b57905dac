"""``GET /@procedures``: the public catalogue of procedures, searched.

Answered from catalog metadata (no procedure object is woken up); the search
words go through the site's full-text index, which folds Vietnamese
diacritics, each word as a prefix. ``GET /@procedures/fields`` lists the
fields with their number of published procedures. See docs/api.md.
"""

from dienbien.policy.procedures.search import check_parameters
from dienbien.policy.procedures.search import field_counts
from dienbien.policy.procedures.search import ResultFormatter
from dienbien.policy.procedures.search import search
from dienbien.policy.services.errors import bad_request
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class ProceduresGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        if self.params == ["fields"]:
            return {
                "@id": f"{self.context.absolute_url()}/@procedures/fields",
                "items": field_counts(self.context),
            }
        if self.params:
            self.request.response.setStatus(404)
            return {
                "type": "NotFound",
                "message": f"No such resource: @procedures/{'/'.join(self.params)}",
            }
        errors = check_parameters(self.context, self.request.form)
        if errors:
            return bad_request(self.request, errors)
        brains = search(self.context, self.request.form)
        batch = HypermediaBatch(self.request, brains)
        formatter = ResultFormatter(self.context, self.request)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [formatter(brain) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result
