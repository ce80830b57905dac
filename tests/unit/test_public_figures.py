"""The front page's public figures: received this year and last month, and
the on-time rate of what was resolved in each period."""

from datetime import datetime
from dienbien.policy.core.figures import month_before
from dienbien.policy.core.figures import public_figures
from dienbien.policy.core.statistics import as_row
from dienbien.policy.core.statistics import DossierFacts
from itertools import count

import pytest


NUMBERS = count(1)


def dossier(accepted, state="processing", resolved=None, appointment=None):
    return DossierFacts(
        code=f"H15.50.MC-260101-{next(NUMBERS):04d}",
        state=state,
        channel="in_person",
        field="ho-tich",
        procedure="1.000001",
        unit="H15.50.MC",
        submitted=None,
        accepted=accepted,
        appointment=appointment or accepted.replace(day=28),
        resolved=resolved,
        returned=None,
        state_changed=resolved,
    )


@pytest.mark.parametrize(
    "now, start, end",
    [
        (datetime(2026, 3, 3, 10), datetime(2026, 2, 1), datetime(2026, 3, 1)),
        (datetime(2026, 1, 9, 8), datetime(2025, 12, 1), datetime(2026, 1, 1)),
        (datetime(2026, 12, 31, 23, 59), datetime(2026, 11, 1), datetime(2026, 12, 1)),
    ],
)
def test_last_month(now, start, end):
    assert month_before(now) == (start, end)


def test_year_and_last_month():
    dossiers = [
        # Last year: neither period receives it; resolved in January, late.
        dossier(
            datetime(2025, 12, 20, 9),
            state="resolved",
            resolved=datetime(2026, 1, 5, 9),
            appointment=datetime(2025, 12, 30, 9),
        ),
        # February: resolved early.
        dossier(
            datetime(2026, 2, 2, 9),
            state="resolved",
            resolved=datetime(2026, 2, 5, 9),
        ),
        # February, resolved in March on time (the same minute).
        dossier(
            datetime(2026, 2, 20, 9),
            state="resolved",
            resolved=datetime(2026, 3, 2, 9),
            appointment=datetime(2026, 3, 2, 9),
        ),
        # March, still open; and a refused one counts nowhere.
        dossier(datetime(2026, 3, 2, 9)),
        dossier(datetime(2026, 3, 2, 10), state="refused"),
    ]
    figures = public_figures(map(as_row, dossiers), datetime(2026, 3, 3, 10))

    year, month = figures.year, figures.last_month
    assert (year.start, year.end) == (datetime(2026, 1, 1), datetime(2027, 1, 1))
    assert (year.received, year.resolved, year.in_time) == (3, 3, 2)
    assert year.on_time_rate == 0.6667
    assert (month.received, month.resolved, month.in_time) == (2, 1, 1)
    assert month.on_time_rate == 1.0


def test_nothing_resolved_has_no_rate():
    figures = public_figures([], datetime(2026, 3, 3, 10))
    assert figures.year.received == 0
    assert figures.year.on_time_rate is None
