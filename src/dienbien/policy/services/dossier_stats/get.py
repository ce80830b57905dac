"""``GET /@dossier-stats?from=&to=&group_by=field|procedure|unit|channel``:
the one-stop report of a period (``to`` included) for leaders and officers,
as JSON or, with ``format=xlsx``, as an Excel workbook of the same table."""

from dienbien.policy import _
from dienbien.policy.core.statistics import period_label
from dienbien.policy.core.statistics import write_xlsx
from dienbien.policy.dossiers.report import build
from dienbien.policy.dossiers.report import column_titles
from dienbien.policy.dossiers.report import key_titles
from dienbien.policy.dossiers.report import parse
from dienbien.policy.services.errors import bad_request
from plone.restapi.services import Service
from zope.i18n import translate

import json


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
            title = translate(
                _(
                    "stats_title",
                    default="One-stop dossiers, ${period}",
                    mapping={"period": period_label(report.start, report.end)},
                ),
                context=self.request,
            )
            body = write_xlsx(
                report,
                titles,
                column_titles(self.request),
                title=title,
                total_title=translate(
                    _("stats_total", default="Total"), context=self.request
                ),
            )
            response = self.request.response
            response.setHeader("Content-Type", XLSX)
            response.setHeader(
                "Content-Disposition",
                f'attachment; filename="thong-ke-ho-so-{params["from"]}-{params["to"]}.xlsx"',
            )
            return body
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
