"""The one-stop report, shared by ``@dossier-stats`` and the leaders'
dashboard: parameters, facts, titles of groups and columns."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from dienbien.policy import _
from dienbien.policy.core.calendar import in_calendar
from dienbien.policy.core.reorganisation import any_handed_over
from dienbien.policy.core.reorganisation import attribute
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import FIELDS
from dienbien.policy.core.statistics import GROUPS
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.statistics.facts import countable_units
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import received_units
from dienbien.policy.dossiers.statistics.workbook import write_xlsx
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.procedures.vocabularies import CHANNEL_TITLES
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.services.errors import form_problems
from dienbien.policy.services.errors import out_of_calendar
from plone import api
from zope.i18n import translate


COLUMN_TITLES = {
    "key": _("stats_group", default="Group"),
    "carried_over": _("stats_carried_over", default="Carried over"),
    "new": _("stats_new", default="New"),
    "new_in_person": _("stats_new_in_person", default="New, in person"),
    "new_online": _("stats_new_online", default="New, online"),
    "new_post": _("stats_new_post", default="New, by post"),
    "received_total": _("stats_received_total", default="Received in total"),
    "early": _("stats_early", default="Resolved early"),
    "on_time": _("stats_on_time", default="Resolved on time"),
    "late": _("stats_late", default="Resolved late"),
    "resolved_total": _("stats_resolved_total", default="Resolved in total"),
    "in_progress_within": _(
        "stats_in_progress_within", default="In progress, within deadline"
    ),
    "in_progress_overdue": _(
        "stats_in_progress_overdue", default="In progress, overdue"
    ),
    "in_progress_total": _("stats_in_progress_total", default="In progress in total"),
    "waiting_supplement": _(
        "stats_waiting_supplement", default="Waiting for supplement"
    ),
    "stopped": _("stats_stopped", default="Stopped"),
    "withdrawn": _("stats_withdrawn", default="Withdrawn"),
    "on_time_rate": _("stats_on_time_rate", default="On-time rate"),
    "average_calendar_days": _("stats_average_days", default="Average days to resolve"),
}
PARAMETERS = ("from", "to", "group_by", "unit", "format", "as")
#: ``as=historical``: each dossier counts for the unit that held it at the end
#: of the period; ``as=current``: for the unit that answers for that one now.
ATTRIBUTIONS = ("historical", "current")


def parse(form) -> tuple[dict, list]:
    """Checked parameters (``start``, ``end`` exclusive, ``group_by``, ``unit``,
    ``format``) and the ``[(parameter, message)]`` problems."""
    errors = form_problems(form, PARAMETERS)
    if errors:
        return {}, errors
    params = {
        "group_by": form.get("group_by") or "field",
        "unit": form.get("unit") or None,
    }
    for name in ("from", "to"):
        value = form.get(name)
        try:
            params[name] = date.fromisoformat(value) if value else None
        except ValueError:
            errors.append(
                (
                    name,
                    _(
                        "${value} is not a date in the form YYYY-MM-DD.",
                        mapping={"value": value},
                    ),
                )
            )
    for name in ("from", "to"):
        if params.get(name) and not in_calendar(params[name]):
            errors.append((name, out_of_calendar()))
            params[name] = None
    if not form.get("from"):
        errors.append(("from", _("from is required (YYYY-MM-DD).")))
    if not form.get("to"):
        errors.append(("to", _("to is required (YYYY-MM-DD).")))
    if params.get("from") and params.get("to") and params["to"] < params["from"]:
        errors.append(("to", _("to must not be before from.")))
    if params["group_by"] not in GROUPS:
        errors.append(
            (
                "group_by",
                _(
                    "Unknown value ${value}; expected one of ${allowed}.",
                    mapping={"value": params["group_by"], "allowed": ", ".join(GROUPS)},
                ),
            )
        )
    params["as"] = form.get("as") or "historical"
    if params["as"] not in ATTRIBUTIONS:
        errors.append(
            (
                "as",
                _(
                    "Unknown value ${value}; expected one of ${allowed}.",
                    mapping={"value": params["as"], "allowed": ", ".join(ATTRIBUTIONS)},
                ),
            )
        )
    params["format"] = form.get("format") or "json"
    if params["format"] not in ("json", "xlsx"):
        errors.append(("format", _("format is json or xlsx.")))
    if not errors:
        params["start"] = datetime.combine(params["from"], datetime.min.time())
        # ``to`` is the last day of the period.
        params["end"] = datetime.combine(
            params["to"] + timedelta(days=1), datetime.min.time()
        )
    return params, errors


def key_titles(group_by: str, request) -> dict[str, str]:
    if group_by == "field":
        return procedure_fields()
    if group_by == "unit":
        return unit_titles(api.portal.get())
    if group_by == "channel":
        return {k: translate(v, context=request) for k, v in CHANNEL_TITLES.items()}
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.procedure_code: brain.Title
        for brain in catalog.unrestrictedSearchResults(portal_type="Procedure")
    }


def column_titles(request) -> dict[str, str]:
    return {
        key: translate(title, context=request) for key, title in COLUMN_TITLES.items()
    }


def build(params: dict):
    facts = dossier_facts(
        params["end"],
        countable_units(),
        params["unit"],
        received_units(),
        start=params["start"],
    )
    facts = attributed(facts, params)
    return compute(
        facts, params["start"], params["end"], params["group_by"], as_of=now()
    )


def attributed(facts, params: dict):
    """The facts with each dossier's unit as the report counts it (``as``),
    keeping only the requested ``unit``'s."""
    succession = references.succession() if params.get("as") == "current" else None
    if succession is None and not any_handed_over(facts):
        result = facts  # nothing was reorganised: the units are as they were
    else:
        result = list(attribute(facts, params["end"], succession))
    if params["unit"]:
        unit = FIELDS.index("unit")
        result = [row for row in result if row[unit] == params["unit"]]
    return result


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def send_workbook(report, params: dict, request) -> bytes:
    """The report as an Excel workbook, with its download headers set on
    ``request``'s response (for ``@dossier-stats`` and the dashboard)."""
    title = translate(
        # The workbook's heading adds the period itself.
        _("stats_title", default="One-stop dossiers"),
        context=request,
    )
    body = write_xlsx(
        report,
        key_titles(params["group_by"], request),
        column_titles(request),
        title=title,
        total_title=translate(_("stats_total", default="Total"), context=request),
    )
    response = request.response
    response.setHeader("Content-Type", XLSX)
    response.setHeader(
        "Content-Disposition",
        f'attachment; filename="thong-ke-ho-so-{params["from"]}-{params["to"]}.xlsx"',
    )
    return body
