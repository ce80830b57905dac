"""``GET /@due-date``: the appointment time for an acceptance moment and a
processing time, on the site's working calendar (domain.md §1)."""

from dienbien.policy import _
from dienbien.policy.core.officehours import HHMM
from dienbien.policy.core.officehours import parse_hhmm
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from dienbien.policy.services.errors import moment_param
from dienbien.policy.workingtime import same_day_cutoff
from dienbien.policy.workingtime import site_calendar
from dienbien.policy.workingtime import to_aware
from dienbien.policy.workingtime import to_local
from plone.restapi.services import Service

import math


RULES = ("days", "hours", "same_day", "calendar_days")
PARAMETERS = ("accepted", *RULES, "cutoff")
#: Far enough for any procedure (the longest are a few months).
MAX_DAYS = 3650


def _number(value, integer=False):
    try:
        number = int(value) if integer else float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number < 0 or number > MAX_DAYS * 24:
        return None
    return number


class DueDateGet(Service):
    def reply(self):
        errors = form_problems(self.request.form, PARAMETERS)
        if errors:
            return bad_request(self.request, errors)
        form = self.request.form
        accepted = None
        if not form.get("accepted"):
            errors.append(("accepted", _("accepted is required (ISO 8601).")))
        else:
            accepted = moment_param("accepted", form["accepted"], errors)
        given = [name for name in RULES if name in form]
        if len(given) != 1:
            errors.append(
                (
                    "days" if not given else given[-1],
                    _("Give exactly one of days, hours, same_day=1, calendar_days."),
                )
            )
        rule = given[0] if len(given) == 1 else None
        value = None
        if rule == "same_day":
            if form["same_day"] != "1":
                errors.append(("same_day", _("same_day must be 1.")))
        elif rule:
            value = _number(form[rule], integer=rule == "calendar_days")
            if value is None or (rule == "days" and value > MAX_DAYS):
                errors.append(
                    (
                        rule,
                        _(
                            "${name} must be a number of zero or more.",
                            mapping={"name": rule},
                        ),
                    )
                )
        if "cutoff" in form and (rule != "same_day" or not HHMM.match(form["cutoff"])):
            errors.append(
                ("cutoff", _("cutoff is a time HH:MM, and only goes with same_day=1."))
            )
        if errors:
            return bad_request(self.request, errors)

        calendar = site_calendar()
        local = to_local(accepted)
        if rule == "days":
            due = calendar.add_working_days(local, value)
        elif rule == "hours":
            due = calendar.add_working_hours(local, value)
        elif rule == "calendar_days":
            due = calendar.add_calendar_days(local, value)
        else:
            cutoff = (
                parse_hhmm(form["cutoff"]) if "cutoff" in form else same_day_cutoff()
            )
            due = calendar.same_day(local, cutoff)
            value = cutoff.strftime("%H:%M")
        return {
            "accepted": to_aware(local).isoformat(),
            "due": to_aware(due).isoformat(),
            "rule": {"kind": rule, "value": value},
        }
