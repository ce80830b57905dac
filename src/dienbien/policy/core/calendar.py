"""The Vietnamese working calendar and deadline arithmetic (domain.md §1–2).

Working days are Monday to Friday, minus public holidays and their
substitute days, plus make-up Saturdays — all from ``holidays.VN`` — with an
override table on top for what the library misses (the yearly official
dispatches of the Government Office). Working time is the office hours of a
working day. Every datetime here is naive local time (Asia/Ho_Chi_Minh); the
Plone shell converts at the edges.

Deadlines (domain.md §1, [decision]):

- N working days = N working-day lengths of working time (8 h with the
  default hours), counted only inside office hours, from the acceptance
  moment; acceptance outside office hours counts from the next opening.
  A deadline that ends exactly at a closing time stays there (Tue 07:00 + 1
  day = Tue 17:00).
- Same-day: accepted before the cut-off -> closing time that day; otherwise
  closing time of the next working day.
- Calendar days: N days later; a result on a day off moves to the closing
  time of the next working day.
"""

from .messages import Problem
from .officehours import OfficeHours
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from functools import lru_cache

import holidays


DAY_OFF = "day_off"
WORKING_DAY = "working_day"
OVERRIDE_KINDS = (DAY_OFF, WORKING_DAY)

#: How far a search for the next working day may go before it is a bug in the
#: data (a year of days off), not a long holiday.
MAX_SEARCH_DAYS = 370


@dataclass(frozen=True)
class Override:
    """A day the Government made a day off or a working day by dispatch."""

    day: date
    kind: str
    reference: str
    name: str = ""


#: Shipped overrides (domain.md §2): what holidays.VN misses.
DEFAULT_OVERRIDES = (
    Override(
        date(2026, 1, 2),
        DAY_OFF,
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
        "Nghỉ Tết Dương lịch 2026 (hoán đổi)",
    ),
    Override(
        date(2026, 1, 10),
        WORKING_DAY,
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
        "Làm bù cho ngày 02/01/2026",
    ),
)


@lru_cache(maxsize=64)
def _statutory(year: int):
    return holidays.VN(years=year)


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    name: str
    source: str  # "holidays.VN", "override", "weekend", "weekday"
    reference: str = ""


class WorkingCalendar:
    def __init__(self, hours: OfficeHours | None = None, overrides=DEFAULT_OVERRIDES):
        self.hours = hours or OfficeHours()
        self.overrides = {override.day: override for override in overrides}
        self.periods = [
            (_minutes(start), _minutes(end)) for start, end in self.hours.periods
        ]
        self.day_minutes = sum(end - start for start, end in self.periods)

    # -- days ------------------------------------------------------------

    def day_info(self, day: date) -> DayInfo:
        override = self.overrides.get(day)
        if override:
            return DayInfo(
                day,
                override.kind == WORKING_DAY,
                override.name,
                "override",
                override.reference,
            )
        statutory = _statutory(day.year)
        if day in statutory:
            return DayInfo(day, False, statutory.get(day), "holidays.VN")
        if day in getattr(statutory, "weekend_workdays", ()):
            return DayInfo(day, True, "Make-up working day", "holidays.VN")
        if day.weekday() >= 5:
            return DayInfo(day, False, "", "weekend")
        return DayInfo(day, True, "", "weekday")

    def is_working_day(self, day: date) -> bool:
        return self.day_info(day).working

    def next_working_day(self, day: date, include: bool = False) -> date:
        current = day if include else day + timedelta(days=1)
        for _ in range(MAX_SEARCH_DAYS):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise ValueError(f"no working day within {MAX_SEARCH_DAYS} days of {day}")

    def year(self, year: int) -> tuple[list[DayInfo], list[DayInfo]]:
        """The year's days off (weekdays only) and extra working days."""
        days_off, working = [], []
        day = date(year, 1, 1)
        while day.year == year:
            info = self.day_info(day)
            if not info.working and info.source != "weekend":
                days_off.append(info)
            elif info.working and day.weekday() >= 5:
                working.append(info)
            day += timedelta(days=1)
        return days_off, working

    # -- time --------------------------------------------------------------

    def is_working_time(self, moment: datetime) -> bool:
        """Inside office hours of a working day (opening included, closing not)."""
        if not self.is_working_day(moment.date()):
            return False
        minute = _minutes(moment.time())
        return any(start <= minute < end for start, end in self.periods)

    def in_office_hours(self, moment: datetime) -> bool:
        """On a working day, from an opening to a closing, both included: an
        appointment "by 17:00" is one. (``is_working_time`` leaves the
        closing out, as the counting of working minutes must.)"""
        if not self.is_working_day(moment.date()):
            return False
        minute = _minutes(moment.time())
        late = bool(moment.second or moment.microsecond)
        return any(
            start <= minute < end or (minute == end and not late)
            for start, end in self.periods
        )

    def opening(self, moment: datetime) -> datetime:
        """The moment itself if it is working time, else the next opening.

        Time is counted in whole minutes; a moment with seconds counts from
        the next minute.
        """
        day = moment.date()
        minute = _minutes(moment.time()) + (
            1 if moment.second or moment.microsecond else 0
        )
        if self.is_working_day(day):
            for start, end in self.periods:
                if minute < end:
                    return _at(day, max(minute, start))
        return _at(self.next_working_day(day), self.periods[0][0])

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        if minutes < 0:
            raise ValueError("working time to add must not be negative")
        moment = self.opening(start)
        if minutes == 0:
            return moment
        day = moment.date()
        minute = _minutes(moment.time())
        remaining = minutes
        while True:
            for period_start, period_end in self.periods:
                if minute >= period_end:
                    continue
                minute = max(minute, period_start)
                available = period_end - minute
                if remaining <= available:
                    return _at(day, minute + remaining)
                remaining -= available
                minute = period_end
            day = self.next_working_day(day)
            minute = self.periods[0][0]

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        return self.add_working_minutes(start, round(hours * 60))

    def add_working_days(self, start: datetime, days: float) -> datetime:
        return self.add_working_minutes(start, round(days * self.day_minutes))

    def closing(self, day: date) -> datetime:
        return _at(day, self.periods[-1][1])

    def week_closing(self, day: date) -> datetime | None:
        """The end of office hours on the last working day of ``day``'s
        Monday-to-Sunday week (a make-up Saturday counts), ``None`` for a
        week without working days: "due this week" runs until then."""
        monday = day - timedelta(days=day.weekday())
        for offset in range(6, -1, -1):
            current = monday + timedelta(days=offset)
            if self.is_working_day(current):
                return self.closing(current)
        return None

    def same_day(self, accepted: datetime, cutoff: time) -> datetime:
        moment = self.opening(accepted)
        if moment.date() == accepted.date() and moment.time() < cutoff:
            return self.closing(moment.date())
        if moment.date() != accepted.date():
            # Accepted on a day off or after hours: it counts from the next
            # opening, which is before any cut-off.
            return self.closing(moment.date())
        return self.closing(self.next_working_day(moment.date()))

    def add_calendar_days(self, accepted: datetime, days: int) -> datetime:
        moment = self.opening(accepted)
        result = moment + timedelta(days=days)
        if self.is_working_day(result.date()):
            return result
        return self.closing(self.next_working_day(result.date()))

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Working time from ``start`` to ``end`` in minutes (0 if end is earlier)."""
        total = 0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                low = _minutes(start.time()) if day == start.date() else 0
                high = _minutes(end.time()) if day == end.date() else 24 * 60
                for period_start, period_end in self.periods:
                    total += max(0, min(high, period_end) - max(low, period_start))
            day += timedelta(days=1)
        return total


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _at(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60)


def override_row(override: Override) -> dict:
    """An override as one row of the setting (``day``, ``kind``, ``reference``,
    ``name``)."""
    return {
        "day": override.day,
        "kind": override.kind,
        "reference": override.reference,
        "name": override.name,
    }


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def parse_override_rows(rows) -> tuple[list[Override], list]:
    """Read the override setting; every problem names its row and column."""
    overrides: list[Override] = []
    problems = []
    seen: dict[date, int] = {}
    for number, row in enumerate(rows or (), start=1):
        # A line of the former text setting reads too (a site whose upgrade
        # to rows has not run yet).
        row = override_line_to_row(row) if isinstance(row, str) else (row or {})
        raw_day = row.get("day")
        try:
            if raw_day in (None, ""):
                raise ValueError
            day = _day(raw_day)
        except ValueError:
            problems.append(
                Problem(
                    "calendar_overrides",
                    "Row ${line}, day: ${value} is not a date in the form YYYY-MM-DD.",
                    {"line": number, "value": raw_day or ""},
                    line=number,
                )
            )
            continue
        kind = (row.get("kind") or "").strip()
        if kind not in OVERRIDE_KINDS:
            problems.append(
                Problem(
                    "calendar_overrides",
                    "Row ${line}, kind: ${value} is neither day_off nor working_day.",
                    {"line": number, "value": kind},
                    line=number,
                )
            )
            continue
        reference = (row.get("reference") or "").strip()
        if not reference:
            problems.append(
                Problem(
                    "calendar_overrides",
                    "Row ${line}, reference: the legal reference is required.",
                    {"line": number},
                    line=number,
                )
            )
            continue
        if day in seen:
            problems.append(
                Problem(
                    "calendar_overrides",
                    "Row ${line}: ${day} is already overridden in row ${first}.",
                    {"line": number, "day": day.isoformat(), "first": seen[day]},
                    line=number,
                )
            )
            continue
        seen[day] = number
        overrides.append(
            Override(day, kind, reference, (row.get("name") or "").strip())
        )
    return overrides, problems


def override_line_to_row(line: str) -> dict:
    """One line of the former text setting (``day | kind | reference | name``)
    as a row; the row reader judges it. Kept for the upgrade to rows."""
    parts = [part.strip() for part in (line or "").split("|")]
    parts += [""] * (4 - len(parts))
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        day = parts[0]
    return {
        "day": day,
        "kind": parts[1],
        "reference": parts[2],
        "name": " | ".join(part for part in parts[3:] if part),
    }


#: The years the calendar answers for. Python's dates end with 9999 (a
#: deadline counted from 31/12/9999 has no date) and no dispatch or holiday
#: table reaches that far; every date a request gives is checked against them.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def in_calendar(day: date | datetime) -> bool:
    """Whether the calendar answers for ``day``'s year."""
    return FIRST_YEAR <= day.year <= LAST_YEAR
