"""The leaders' dashboard: the year's one-stop figures by field and a chart
of the monthly on-time rate per field."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import monthly_on_time_rate
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.statistics.chart import legend
from dienbien.policy.dossiers.statistics.chart import line_chart_svg
from dienbien.policy.dossiers.statistics.facts import countable_units
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.report import build
from dienbien.policy.dossiers.statistics.report import column_titles
from dienbien.policy.dossiers.statistics.report import parse
from dienbien.policy.dossiers.statistics.report import send_workbook
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.services.errors import error_list
from Products.Five.browser import BrowserView


SHOWN = (
    "received_total",
    "resolved_total",
    "early",
    "on_time",
    "late",
    "in_progress_overdue",
    "on_time_rate",
)


class DossierDashboard(BrowserView):
    def __call__(self):
        today = date.today()
        try:
            self.year = int(self.request.form.get("year", today.year))
        except ValueError:
            self.year = today.year
        if not 2000 <= self.year <= 2100:
            self.year = today.year
        start, end = datetime(self.year, 1, 1), datetime(self.year + 1, 1, 1)
        facts = dossier_facts(end, countable_units())
        self.report = compute(facts, start, end, "field", as_of=now())
        self.titles = procedure_fields()
        self.columns = column_titles(self.request)
        self.rates = monthly_on_time_rate(facts, self.year, "field")
        return self.index()

    def shown(self):
        return [{"id": name, "title": self.columns[name]} for name in SHOWN]

    def cell(self, row, name):
        value = row.get(name)
        if name == "on_time_rate":
            return "—" if value is None else f"{value * 100:.1f}%"
        return value

    def chart(self):
        labels = [f"{month:02d}" for month in range(1, 13)]
        return line_chart_svg(self.rates, labels, self.titles)

    def legend(self):
        return legend(self.rates, self.titles)

    def export_url(self):
        base = self.context.absolute_url()
        return (
            f"{base}/@@dossier-stats.xlsx?from={self.year}-01-01&to={self.year}-12-31"
            "&group_by=field"
        )


class DossierStatsWorkbook(BrowserView):
    """``@@dossier-stats.xlsx``: the workbook of ``@dossier-stats`` for a
    browser link (REST services answer only JSON requests)."""

    def __call__(self):
        form = {k: v for k, v in self.request.form.items() if k != "format"}
        params, errors = parse({**form, "format": "xlsx"})
        if errors:
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return "\n".join(
                f"{e['field']}: {e['message']}"
                for e in error_list(errors, self.request)
            )
        return send_workbook(build(params), params, self.request)
