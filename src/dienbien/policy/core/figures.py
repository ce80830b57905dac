"""The portal's public figures of the one-stop service: dossiers received
and the on-time rate, this year so far and last month.

Aggregates of ``core.statistics.compute`` over every unit — totals only, no
dossier, unit or applicant — so the front page can show them to anyone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from dienbien.policy.core.statistics import compute


@dataclass(frozen=True)
class PeriodFigures:
    start: datetime
    end: datetime
    received: int  # accepted in the period (tiếp nhận mới)
    resolved: int
    in_time: int  # resolved early or on time
    on_time_rate: float | None  # in_time / resolved, None without resolved


@dataclass(frozen=True)
class PublicFigures:
    year: PeriodFigures
    last_month: PeriodFigures


def month_before(moment: datetime) -> tuple[datetime, datetime]:
    """``[first day of the previous month, first day of this month)``."""
    end = datetime(moment.year, moment.month, 1)
    if end.month == 1:
        return datetime(end.year - 1, 12, 1), end
    start = end.replace(month=end.month - 1)
    return start, end


def _period(dossiers: list, start: datetime, end: datetime, now: datetime):
    total = compute(dossiers, start, end, "unit", as_of=now).total
    in_time = total["early"] + total["on_time"]
    return PeriodFigures(
        start=start,
        end=end,
        received=total["new"],
        resolved=total["resolved_total"],
        in_time=in_time,
        on_time_rate=total["on_time_rate"],
    )


def public_figures(dossiers: Iterable, now: datetime) -> PublicFigures:
    """This year's figures up to ``now`` and last month's."""
    dossiers = list(dossiers)
    year_start = datetime(now.year, 1, 1)
    month_start, month_end = month_before(now)
    return PublicFigures(
        # The whole calendar year, judged at ``now``: nothing is accepted or
        # resolved after the present.
        year=_period(dossiers, year_start, datetime(now.year + 1, 1, 1), now),
        last_month=_period(dossiers, month_start, month_end, now),
    )
