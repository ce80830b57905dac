"""Office hours and the other working-time settings, as values.

domain.md §1: office hours 07:00–11:30 and 13:30–17:00 (8 h = one working
day), a same-day cut-off of 15:00, and a rule for the clock after a supplement.
They are settings because mountain provinces keep seasonal hours.
"""

from .messages import Problem
from dataclasses import dataclass
from datetime import time

import itertools


SUPPLEMENT_RULES = ("restart", "resume")

#: The clock positions a setting may take: every 5 minutes of the day.
TIME_STEPS = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 5))


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


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
