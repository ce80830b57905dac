"""The site's working calendar (from its settings) and local time.

The core computes on naive Asia/Ho_Chi_Minh datetimes; these helpers read the
settings into a ``WorkingCalendar`` and convert at the edges.
"""

from datetime import datetime
from datetime import time
from dienbien.policy.core.calendar import in_calendar
from dienbien.policy.core.calendar import parse_override_rows
from dienbien.policy.core.calendar import WorkingCalendar
from dienbien.policy.core.officehours import OfficeHours
from dienbien.policy.core.officehours import parse_hhmm
from plone import api
from zoneinfo import ZoneInfo


TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PREFIX = "dienbien.settings."


def _setting(name, default=None):
    return api.portal.get_registry_record(PREFIX + name, default=default)


def site_calendar() -> WorkingCalendar:
    hours = OfficeHours.from_settings(
        morning_start=_setting("morning_start", "07:00"),
        morning_end=_setting("morning_end", "11:30"),
        afternoon_start=_setting("afternoon_start", "13:30"),
        afternoon_end=_setting("afternoon_end", "17:00"),
    )
    overrides, _problems = parse_override_rows(_setting("calendar_overrides", ()))
    return WorkingCalendar(hours, overrides)


def same_day_cutoff() -> time:
    return parse_hhmm(_setting("same_day_cutoff", "15:00"))


def to_local(moment: datetime) -> datetime:
    """An aware datetime as naive local time; a naive one is local already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(TIMEZONE).replace(tzinfo=None)


class OutsideCalendar(ValueError):
    """A date and time whose year the working calendar does not answer for."""


def parse_local(text, to_minute: bool = False) -> datetime:
    """An ISO 8601 date and time sent by a client, as naive local time (to the
    minute with ``to_minute``). The one parser of request date-times: raises
    ``ValueError`` for anything else, ``OutsideCalendar`` for a year the
    calendar does not answer for (9999 would overflow Python's dates)."""
    moment = datetime.fromisoformat(str(text))
    if not in_calendar(moment):
        raise OutsideCalendar(f"year {moment.year}")
    moment = to_local(moment)
    return moment.replace(second=0, microsecond=0) if to_minute else moment


def display_time(moment: datetime | None) -> str:
    """A time as people read it on every page and slip: ``17:00 03/08/2026``,
    in the site's zone (``""`` for none)."""
    return f"{to_local(moment):%H:%M %d/%m/%Y}" if moment else ""


def to_aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=TIMEZONE)
