"""Processing times as people say them (``core.procedures.time_label``)."""

from dienbien.policy.core.procedures import time_label

import pytest


@pytest.mark.parametrize(
    ("value", "unit", "label"),
    [
        (1, "working_days", ("${value} working day", {"value": "1"})),
        (5, "working_days", ("${value} working days", {"value": "5"})),
        (1, "working_hours", ("${value} working hour", {"value": "1"})),
        (1.5, "working_days", ("${value} working days", {"value": "1,5"})),
        (1, "calendar_days", ("${value} day", {"value": "1"})),
        (30, "calendar_days", ("${value} days", {"value": "30"})),
        (0, "same_day", ("Same day", {})),
    ],
)
def test_one_is_singular_in_english(value, unit, label):
    assert time_label(value, unit) == label
