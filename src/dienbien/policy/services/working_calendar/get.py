"""``GET /@working-calendar?year=YYYY``: the year's days off and extra
working days, each with its source (statutory or an override's reference)."""

from dienbien.policy import _
from dienbien.policy.core.calendar import FIRST_YEAR
from dienbien.policy.core.calendar import LAST_YEAR
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from dienbien.policy.workingtime import site_calendar
from plone.restapi.services import Service


def _day(info) -> dict:
    return {
        "date": info.day.isoformat(),
        "weekday": info.day.isoweekday(),
        "name": info.name,
        "source": info.source,
        "reference": info.reference,
    }


class WorkingCalendarGet(Service):
    def reply(self):
        problems = form_problems(self.request.form, ("year",))
        year = self.request.form.get("year", "")
        if not problems and (
            not is_whole(year) or not FIRST_YEAR <= int(year) <= LAST_YEAR
        ):
            problems.append(
                (
                    "year",
                    _(
                        "year must be a year from ${first} to ${last}.",
                        mapping={"first": FIRST_YEAR, "last": LAST_YEAR},
                    ),
                )
            )
        if problems:
            return bad_request(self.request, problems)
        calendar = site_calendar()
        days_off, working_days = calendar.year(int(year))
        return {
            "@id": f"{self.context.absolute_url()}/@working-calendar?year={year}",
            "year": int(year),
            "office_hours": [
                [start.strftime("%H:%M"), end.strftime("%H:%M")]
                for start, end in calendar.hours.periods
            ],
            "days_off": [_day(info) for info in days_off],
            "working_days": [_day(info) for info in working_days],
        }
