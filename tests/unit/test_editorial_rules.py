"""When a published item is on the site, and which steps need a reason."""

from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.editorial import on_air
from dienbien.policy.core.editorial import reason_missing
from dienbien.policy.core.editorial import schedule
from hypothesis import given
from hypothesis import strategies as st

import pytest


NOW = datetime(2026, 3, 3, 10, 0)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))


@pytest.mark.parametrize(
    "effective, expires, expected",
    [
        (None, None, "on_air"),
        (NOW, None, "on_air"),
        (NOW + timedelta(minutes=1), None, "scheduled"),
        (None, NOW, "on_air"),
        (None, NOW - timedelta(minutes=1), "expired"),
        (NOW - timedelta(days=9), NOW + timedelta(days=1), "on_air"),
    ],
)
def test_schedule(effective, expires, expected):
    assert schedule(effective, expires, NOW) == expected
    assert on_air(effective, expires, NOW) == (expected == "on_air")


@given(moments, moments, moments)
def test_on_air_exactly_between_the_dates(effective, expires, now):
    assert on_air(effective, expires, now) == (effective <= now <= expires)


@pytest.mark.parametrize(
    "transition, comment, missing",
    [
        ("reject", "", True),
        ("reject", "   ", True),
        ("reject", "Thiếu ảnh.", False),
        ("retract", None, True),
        ("publish", "", False),
        ("submit", None, False),
    ],
)
def test_reasons(transition, comment, missing):
    assert reason_missing(transition, comment) is missing
