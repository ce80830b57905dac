"""Office hours and the other working-time settings, as values.

domain.md §1: office hours 07:00–11:30 and 13:30–17:00 (8 h = one working
day), a same-day cut-off of 15:00, and a rule for the clock after a supplement.
They are settings because mountain provinces keep seasonal hours.
"""

from .messages import Problem
from dataclasses import dataclass
from datetime import time

import itertools
import re


SUPPLEMENT_RULES = ("restart", "resume")

HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
CLOCK_SETTINGS = (
    "morning_start",
    "morning_end",
    "afternoon_start",
    "afternoon_end",
    "same_day_cutoff",
)


def parse_hhmm(value: str) -> time:
    """``"07:30"`` -> ``time(7, 30)``; anything else is a ValueError."""
    match = HHMM.match(value or "")
    if not match:
        raise ValueError(f"not a time HH:MM: {value!r}")
    return time(int(match.group(1)), int(match.group(2)))


def check_settings(values: dict) -> list[Problem]:
    """Problems of a set of clock settings given as ``HH:MM`` strings."""
    problems = []
    for name in CLOCK_SETTINGS:
        if name in values and not HHMM.match(values[name] or ""):
            problems.append(
                Problem(
                    name,
                    "${name}: ${value} is not a time of day in the form HH:MM.",
                    {"name": name, "value": values[name]},
                )
            )
    if problems:
        return problems
    hours = OfficeHours.from_settings(
        **{name: values[name] for name in CLOCK_SETTINGS[:4]}
    )
    return check_office_hours(hours, parse_hhmm(values["same_day_cutoff"]))


@dataclass(frozen=True)
class OfficeHours:
    morning_start: time = time(7, 0)
    morning_end: time = time(11, 30)
    afternoon_start: time = time(13, 30)
    afternoon_end: time = time(17, 0)

    @classmethod
    def from_settings(cls, **values: str) -> "OfficeHours":
        return cls(**{name: parse_hhmm(value) for name, value in values.items()})

    @property
    def periods(self) -> tuple[tuple[time, time], tuple[time, time]]:
        return (
            (self.morning_start, self.morning_end),
            (self.afternoon_start, self.afternoon_end),
        )


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def check_office_hours(hours: OfficeHours, cutoff: time | None = None) -> list[Problem]:
    """Office hours must run forwards: morning, then a break, then afternoon."""
    order = [
        ("morning_start", hours.morning_start),
        ("morning_end", hours.morning_end),
        ("afternoon_start", hours.afternoon_start),
        ("afternoon_end", hours.afternoon_end),
    ]
    problems = []
    for (before_name, before), (name, value) in itertools.pairwise(order):
        strictly = name != "afternoon_start"  # no lunch break is allowed
        if _minutes(value) < _minutes(before) or (
            strictly and _minutes(value) == _minutes(before)
        ):
            problems.append(
                Problem(
                    name,
                    "${name} (${value}) must come after ${before_name} (${before}).",
                    {
                        "name": name,
                        "value": value.strftime("%H:%M"),
                        "before_name": before_name,
                        "before": before.strftime("%H:%M"),
                    },
                )
            )
    if cutoff is not None and not (
        _minutes(hours.morning_start)
        <= _minutes(cutoff)
        <= _minutes(hours.afternoon_end)
    ):
        problems.append(
            Problem(
                "same_day_cutoff",
                "The same-day cut-off ${value} must lie within office hours.",
                {"value": cutoff.strftime("%H:%M")},
            )
        )
    return problems
