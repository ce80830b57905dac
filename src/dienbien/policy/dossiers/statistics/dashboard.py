"""The leaders' dashboard: the year's one-stop figures by field, in columns
that add up, and the monthly on-time rate of each field with its counts."""

from datetime import datetime
from dienbien.policy import _
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import monthly_timeliness
from dienbien.policy.core.statistics import unbalanced
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.statistics.chart import bar_chart_svg
from dienbien.policy.dossiers.statistics.facts import countable_units
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import received_units
from dienbien.policy.dossiers.statistics.report import build
from dienbien.policy.dossiers.statistics.report import column_titles
from dienbien.policy.dossiers.statistics.report import parse
from dienbien.policy.dossiers.statistics.report import send_workbook
from dienbien.policy.ownpages import IOwnPage
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.services.errors import error_list
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zope.interface import implementer


#: The table's column groups, in the order of the identities of
#: ``core.statistics.IDENTITIES``: received = carried over + new, and
#: received = resolved + in progress + supplement + stopped + withdrawn.
#: ``(group title or None, [(column, short title or None), ...])``.
GROUPS = (
    (
        _("stats_group_received", default="Received"),
        [
            ("carried_over", None),
            ("new", _("stats_short_new", default="New")),
            ("received_total", _("stats_short_total", default="Total")),
        ],
    ),
    (
        _("stats_group_resolved", default="Resolved"),
        [
            ("early", _("stats_short_early", default="Early")),
            ("on_time", _("stats_short_on_time", default="On time")),
            ("late", _("stats_short_late", default="Late")),
            ("resolved_total", _("stats_short_total", default="Total")),
        ],
    ),
    (
        _("stats_group_in_progress", default="In progress"),
        [
            ("in_progress_within", _("stats_short_within", default="Within deadline")),
            ("in_progress_overdue", _("stats_short_overdue", default="Overdue")),
            ("in_progress_total", _("stats_short_total", default="Total")),
        ],
    ),
    (None, [("waiting_supplement", None)]),
    (None, [("stopped", None)]),
    (None, [("withdrawn", None)]),
    (None, [("on_time_rate", None)]),
)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_of(form, today) -> int | None:
    """The year asked for (this year when none is), ``None`` when the
    address holds something else than a year of the calendar."""
    if "year" not in form:
        return today.year
    value = str(form["year"]).strip()
    if not is_whole(value) or not FIRST_YEAR <= int(value) <= LAST_YEAR:
        return None
    return int(value)


@implementer(IOwnPage)
class DossierDashboard(BrowserView):
    @property
    def page_title(self):
        if self.year is None:
            return _("dashboard_title_no_year", default="One-stop dossiers")
        return _(
            "dashboard_title",
            default="One-stop dossiers: ${year}",
            mapping={"year": self.year},
        )

    def __call__(self):
        self.year = year_of(self.request.form, now().date())
        self.titles = procedure_fields()
        self.columns = column_titles(self.request)
        self.decimal = "," if self.language().startswith("vi") else "."
        if self.year is None:
            # Say so: showing this year instead would pass for the year asked.
            self.request.response.setStatus(400)
            self.report = None
            return self.index()
        start, end = datetime(self.year, 1, 1), datetime(self.year + 1, 1, 1)
        facts = dossier_facts(
            end, countable_units(), received=received_units(), start=start
        )
        self.report = compute(facts, start, end, "field", as_of=now())
        self.months = monthly_timeliness(facts, self.year, "field")
        return self.index()

    def language(self) -> str:
        return api.portal.get_current_language() or "vi"

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def header(self) -> dict:
        """The table's two header rows: the groups (a column without a group
        spans both rows) and the columns under the groups."""
        top, below = [], []
        for group, columns in GROUPS:
            if group is None:
                (name, _short), *_rest = columns
                top.append({"title": self.columns[name], "colspan": 1, "rowspan": 2})
                continue
            top.append({"title": self.t(group), "colspan": len(columns), "rowspan": 1})
            below.extend(
                {
                    "title": self.t(short) if short else self.columns[name],
                    "full": self.columns[name],
                }
                for name, short in columns
            )
        return {"top": top, "below": below}

    def shown(self) -> list[str]:
        return [name for _group, columns in GROUPS for name, _short in columns]

    def percent(self, good: int, count: int) -> str:
        """``66,7% (2/3)``: a rate always comes with its counts."""
        if not count:
            return "—"
        rate = f"{good / count * 100:.1f}".replace(".", self.decimal)
        return f"{rate}% ({good}/{count})"

    def cell(self, row, name):
        if name == "on_time_rate":
            return self.percent(row["early"] + row["on_time"], row["resolved_total"])
        return row[name]

    def adds_up(self) -> bool:
        report = self.report
        return not any(unbalanced(row) for row in [*report.rows, report.total])

    def charts(self) -> list[dict]:
        """One small chart per field with a dossier resolved in the year."""
        labels = [f"{month:02d}" for month in range(1, 13)]
        charts = []
        for key, months in self.months.items():
            title = self.titles.get(key, key)
            good = sum(month[0] for month in months)
            resolved = sum(month[1] for month in months)
            tips = [
                self.t(
                    _(
                        "dashboard_month_rate",
                        default="Month ${month}: ${rate} on time",
                        mapping={"month": label, "rate": self.percent(*counts)},
                    )
                )
                for label, counts in zip(labels, months, strict=True)
            ]
            charts.append(
                {
                    "key": key,
                    "title": title,
                    "summary": self.percent(good, resolved),
                    "svg": bar_chart_svg(months, labels, tips, title),
                }
            )
        return charts

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
