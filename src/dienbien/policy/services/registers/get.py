"""``GET /@registers/{outgoing|incoming|follow-up}?unit=&year=&from=&to=&secret=``:
a unit's register of a year (Decree 30/2020 Appendix IV) as JSON rows,
batched, or, with ``format=xlsx`` or ``Accept:`` the .xlsx type, as the
whole register in a workbook. Rows are read from catalog metadata and
filtered by the catalog's security (a secret register lists only what its
reader is named on). See docs/api.md."""

from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.registers import query
from dienbien.policy.services.errors import bad_request
from plone import api
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import json


@implementer(IPublishTraverse)
class RegistersGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def render(self):
        # The workbook is the body itself; JSON goes the usual way.
        self.check_permission()
        content = self.reply()
        if isinstance(content, bytes):
            return content
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(content, indent=2, sort_keys=True, separators=(", ", ": "))

    def wants_workbook(self, params) -> bool:
        accept = self.request.getHeader("Accept") or ""
        return params.format == "xlsx" or (
            "format" not in self.request.form and query.XLSX in accept
        )

    def reply(self):
        if len(self.params) != 1 or self.params[0] not in rr.KINDS:
            self.request.response.setStatus(404)
            return {
                "type": "NotFound",
                "message": "No such register: @registers/"
                + "/".join(self.params)
                + f" (one of {', '.join(rr.KINDS)})",
            }
        kind = self.params[0]
        portal = api.portal.get()
        reader = query.Reader(portal, self.request)
        params, errors = query.parse(kind, self.request.form, reader.units)
        if errors:
            return bad_request(self.request, errors)
        if self.wants_workbook(params):
            return query.send_workbook(self.context, params, self.request)
        brains = query.search(self.context, params)
        batch = HypermediaBatch(self.request, brains)
        rows = reader.rows(kind, list(batch))
        columns = rr.COLUMNS[kind]
        titles = query.column_titles(kind, self.request)
        unit = reader.unit(params.unit)
        result = {
            "@id": batch.canonical_url,
            "register": kind,
            "title": query.register_title(kind, params.secret, self.request),
            "unit": {"code": unit.code, "title": unit.title},
            "year": params.year,
            "from": params.start.isoformat() if params.start else None,
            "to": params.end.isoformat() if params.end else None,
            "secret": params.secret,
            "columns": [
                {"id": column.id, "title": title, "type": column.kind}
                for column, title in zip(columns, titles, strict=True)
            ],
            "items_total": batch.items_total,
            "items": [rr.as_record(kind, row) for row in rows],
        }
        if batch.links:
            result["batching"] = batch.links
        return result
