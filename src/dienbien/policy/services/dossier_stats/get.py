"""``GET /@dossier-stats?from=&to=&group_by=field|procedure|unit|channel``:
the one-stop report of a period (``to`` included) for leaders and officers,
as JSON or, with ``format=xlsx``, as an Excel workbook of the same table."""

from dienbien.policy.dossiers.statistics.report import build
from dienbien.policy.dossiers.statistics.report import column_titles
from dienbien.policy.dossiers.statistics.report import key_titles
from dienbien.policy.dossiers.statistics.report import parse
from dienbien.policy.dossiers.statistics.report import send_workbook
from dienbien.policy.services.errors import bad_request
from plone.restapi.services import Service

import json


class DossierStatsGet(Service):
    def render(self):
        # The workbook is the body itself; JSON goes the usual way.
        self.check_permission()
        content = self.reply()
        if isinstance(content, bytes):
            return content
        self.request.response.setHeader("Content-Type", self.content_type)
        return json.dumps(content, indent=2, sort_keys=True, separators=(", ", ": "))

    def reply(self):
        params, errors = parse(self.request.form)
        if errors:
            return bad_request(self.request, errors)
        report = build(params)
        titles = key_titles(params["group_by"], self.request)
        if params["format"] == "xlsx":
            return send_workbook(report, params, self.request)
        data = report.as_dict()
        data["@id"] = self.request["ACTUAL_URL"] + (
            "?" + self.request["QUERY_STRING"]
            if self.request.get("QUERY_STRING")
            else ""
        )
        for row in data["rows"]:
            row["title"] = titles.get(row["key"], row["key"])
        data["column_titles"] = column_titles(self.request)
        return data
