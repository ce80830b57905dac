"""Which dossiers a period's statistics need (``open_months`` and
``period_terms``): the terms on concrete dossiers, and, over random dossiers
and periods, that the dossiers found by the terms give the same report as
all of them."""

from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import DossierFacts
from dienbien.policy.core.statistics import open_months
from dienbien.policy.core.statistics import period_terms
from dienbien.policy.core.statistics import STATUS_CODES
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import pytest


def dossier(state, accepted, **moments):
    return DossierFacts(
        code="X",
        state=state,
        channel="in_person",
        field="ho-tich",
        procedure="1.000001",
        unit="A",
        accepted=accepted,
        **moments,
    )


@pytest.mark.parametrize(
    "facts, terms",
    [
        # Received in November 2024, resolved in February 2025 (then
        # returned): every month between.
        (
            dossier(
                "returned",
                datetime(2024, 11, 28, 9),
                resolved=datetime(2025, 2, 3, 9),
                returned=datetime(2025, 2, 4, 9),
            ),
            ("2024-11", "2024-12", "2025-01", "2025-02"),
        ),
        # Withdrawn the same month: that month.
        (
            dossier(
                "withdrawn",
                datetime(2025, 3, 3, 9),
                state_changed=datetime(2025, 3, 20, 9),
            ),
            ("2025-03",),
        ),
        # Not finished, whatever its age: open.
        (dossier("processing", datetime(2021, 5, 5, 9)), ("open",)),
        (dossier("supplement_requested", datetime(2025, 5, 5, 9)), ("open",)),
        # Resolved before it was accepted (bad data): its acceptance month.
        (
            dossier(
                "resolved", datetime(2025, 6, 2, 9), resolved=datetime(2025, 5, 1, 9)
            ),
            ("2025-06",),
        ),
        # Never counted: refused, or never accepted.
        (dossier("refused", datetime(2025, 6, 2, 9)), ()),
        (dossier("submitted", None), ()),
    ],
)
def test_open_months(facts, terms):
    assert open_months(facts) == terms


def test_period_terms():
    assert period_terms(datetime(2025, 1, 1), datetime(2026, 1, 1)) == [
        *(f"2025-{month:02d}" for month in range(1, 13)),
        "open",
    ]
    # ``to`` of @dossier-stats is the last day: the end is the next midnight.
    assert period_terms(datetime(2025, 3, 15), datetime(2025, 4, 1, 0, 0)) == [
        "2025-03",
        "open",
    ]
    assert period_terms(datetime(2024, 12, 31), datetime(2025, 1, 1, 0, 1)) == [
        "2024-12",
        "2025-01",
        "open",
    ]


# Several years, with the first days of months (period bounds) often drawn.
BOUNDS = [datetime(year, month, 1) for year in (2024, 2025, 2026) for month in (1, 7)]
moments = st.one_of(
    st.sampled_from(BOUNDS),
    st.datetimes(min_value=datetime(2023, 6, 1), max_value=datetime(2026, 12, 31)),
)
maybe = st.none() | moments
facts = st.builds(
    DossierFacts,
    code=st.just("X"),
    state=st.sampled_from(sorted(STATUS_CODES)),
    channel=st.sampled_from(["in_person", "online"]),
    field=st.sampled_from(["ho-tich", "dat-dai"]),
    procedure=st.just("1.000001"),
    unit=st.just("A"),
    accepted=maybe,
    appointment=maybe,
    resolved=maybe,
    returned=maybe,
    state_changed=maybe,
)
periods = st.lists(moments, min_size=2, max_size=2, unique=True).map(sorted)


@settings(max_examples=150, deadline=None)
@given(st.lists(facts, max_size=30), periods)
def test_the_terms_find_every_dossier_a_period_counts(dossiers, period):
    start, end = period
    terms = set(period_terms(start, end))
    found = [row for row in dossiers if terms & set(open_months(row))]
    assert (
        compute(found, start, end, "field", as_of=end).as_dict()
        == compute(dossiers, start, end, "field", as_of=end).as_dict()
    )
