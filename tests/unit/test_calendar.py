"""The working calendar against the official breaks, and its properties."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from dienbien.policy.core.calendar import DAY_OFF
from dienbien.policy.core.calendar import Override
from dienbien.policy.core.calendar import WorkingCalendar
from dienbien.policy.core.officehours import OfficeHours
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import pytest


CAL = WorkingCalendar()


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


# Official breaks for the state sector (domain.md §2): every day of the break
# is off, the days around it are working days, make-up Saturdays work.
BREAKS = [
    ("Tết 2025", date(2025, 1, 25), date(2025, 2, 2), []),
    ("30/4–1/5 2025", date(2025, 4, 30), date(2025, 5, 4), [date(2025, 4, 26)]),
    ("New Year 2026", date(2026, 1, 1), date(2026, 1, 4), [date(2026, 1, 10)]),
    ("Tết 2026", date(2026, 2, 14), date(2026, 2, 22), []),
    ("National Day 2026", date(2026, 8, 29), date(2026, 9, 2), [date(2026, 8, 22)]),
]


@pytest.mark.parametrize(("name", "first", "last", "made_up"), BREAKS)
def test_official_breaks(name, first, last, made_up):
    for day in days(first, last):
        assert not CAL.is_working_day(day), f"{name}: {day} should be off"
    before, after = first - timedelta(days=1), last + timedelta(days=1)
    assert CAL.is_working_day(before) or before.weekday() >= 5
    assert CAL.is_working_day(after), f"{name}: {after} should be a working day"
    for saturday in made_up:
        assert saturday.weekday() == 5
        assert CAL.is_working_day(saturday), f"{name}: make-up Saturday {saturday}"


def test_new_year_2026_override_is_what_the_library_misses():
    bare = WorkingCalendar(overrides=())
    assert bare.is_working_day(date(2026, 1, 2))
    assert not bare.is_working_day(date(2026, 1, 10))
    info = CAL.day_info(date(2026, 1, 2))
    assert (info.working, info.source) == (False, "override")
    assert "12729/VPCP-KGVX" in info.reference


def test_culture_day_2026():
    assert not CAL.is_working_day(date(2026, 11, 24))


def test_domain_examples():
    tuesday = datetime(2026, 3, 3, 9, 0)
    assert CAL.add_working_days(tuesday, 1) == datetime(2026, 3, 4, 9, 0)
    assert CAL.add_working_days(datetime(2026, 3, 3, 7, 0), 1) == datetime(
        2026, 3, 3, 17, 0
    )
    # Half a day is 4 hours.
    assert CAL.add_working_days(datetime(2026, 3, 3, 7, 0), 0.5) == datetime(
        2026, 3, 3, 11, 0
    )
    assert CAL.add_working_hours(datetime(2026, 3, 3, 7, 0), 4) == datetime(
        2026, 3, 3, 11, 0
    )


def test_acceptance_outside_office_hours():
    # Lunch break: counts from 13:30.
    assert CAL.add_working_hours(datetime(2026, 3, 3, 12, 0), 1) == datetime(
        2026, 3, 3, 14, 30
    )
    # Evening: counts from the next morning.
    assert CAL.add_working_hours(datetime(2026, 3, 3, 18, 0), 1) == datetime(
        2026, 3, 4, 8, 0
    )
    # Friday evening before Tết 2026: counts from Monday 23 February.
    assert CAL.add_working_days(datetime(2026, 2, 13, 17, 30), 1) == datetime(
        2026, 2, 23, 17, 0
    )


def test_deadline_crosses_a_holiday_and_a_make_up_saturday():
    # Accepted Thu 8 Jan 2026 at 15:00 with 2 working days: Fri 9, then the
    # make-up Saturday 10 Jan.
    assert CAL.add_working_days(datetime(2026, 1, 8, 15, 0), 2) == datetime(
        2026, 1, 10, 15, 0
    )
    # Accepted Wed 31 Dec 2025 at 10:00, 1 day: 1 and 2 Jan are off, Sat 3/Sun 4 too.
    assert CAL.add_working_days(datetime(2025, 12, 31, 10, 0), 1) == datetime(
        2026, 1, 5, 10, 0
    )


def test_same_day():
    cutoff = time(15, 0)
    assert CAL.same_day(datetime(2026, 3, 3, 14, 59), cutoff) == datetime(
        2026, 3, 3, 17, 0
    )
    assert CAL.same_day(datetime(2026, 3, 3, 15, 0), cutoff) == datetime(
        2026, 3, 4, 17, 0
    )
    # Friday after the cut-off: Monday.
    assert CAL.same_day(datetime(2026, 3, 6, 16, 0), cutoff) == datetime(
        2026, 3, 9, 17, 0
    )
    # Saturday: counts from Monday morning, before any cut-off.
    assert CAL.same_day(datetime(2026, 3, 7, 9, 0), cutoff) == datetime(
        2026, 3, 9, 17, 0
    )


def test_calendar_days():
    # 10 days from Mon 2 Mar 2026 09:00 is Thu 12 Mar, a working day.
    assert CAL.add_calendar_days(datetime(2026, 3, 2, 9, 0), 10) == datetime(
        2026, 3, 12, 9, 0
    )
    # Landing on Sat 14 Feb 2026 (Tết): moves to the close of Mon 23 Feb.
    assert CAL.add_calendar_days(datetime(2026, 2, 4, 9, 0), 10) == datetime(
        2026, 2, 23, 17, 0
    )


def test_seasonal_hours():
    summer = WorkingCalendar(
        OfficeHours(time(7, 30), time(11, 30), time(14, 0), time(17, 30))
    )
    assert summer.day_minutes == 450
    assert summer.add_working_days(datetime(2026, 3, 3, 7, 30), 1) == datetime(
        2026, 3, 3, 17, 30
    )


def test_override_day_off():
    cal = WorkingCalendar(
        overrides=[Override(date(2026, 3, 4), DAY_OFF, "test", "Bão")]
    )
    assert cal.add_working_days(datetime(2026, 3, 3, 9, 0), 1) == datetime(
        2026, 3, 5, 9, 0
    )


def test_year_listing():
    days_off, working = CAL.year(2026)
    off = {info.day for info in days_off}
    assert date(2026, 1, 2) in off and date(2026, 2, 17) in off
    assert date(2026, 1, 3) not in off  # weekends are not listed
    assert {info.day for info in working} == {date(2026, 1, 10), date(2026, 8, 22)}


def test_working_minutes_between():
    start, end = datetime(2026, 3, 3, 9, 0), datetime(2026, 3, 4, 9, 0)
    assert CAL.working_minutes_between(start, end) == 8 * 60


# -- properties --------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)
).map(lambda moment: moment.replace(second=0, microsecond=0))
amounts = st.integers(min_value=0, max_value=40 * 8 * 60)


def in_office_hours(moment):
    if not CAL.is_working_day(moment.date()):
        return False
    return any(start <= moment.time() <= end for start, end in CAL.hours.periods)


@settings(max_examples=300, deadline=None)
@given(moments, amounts)
def test_result_lies_in_office_hours_of_a_working_day(start, minutes):
    assert in_office_hours(CAL.add_working_minutes(start, minutes))


@settings(max_examples=300, deadline=None)
@given(moments, amounts, amounts)
def test_adding_a_then_b_is_adding_a_plus_b(start, a, b):
    assert CAL.add_working_minutes(CAL.add_working_minutes(start, a), b) == (
        CAL.add_working_minutes(start, a + b)
    )


@settings(max_examples=300, deadline=None)
@given(moments, amounts, amounts)
def test_more_time_is_never_earlier(start, a, b):
    low, high = sorted((a, b))
    assert CAL.add_working_minutes(start, low) <= CAL.add_working_minutes(start, high)


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(min_value=0, max_value=20 * 8 * 60))
def test_working_minutes_between_inverts_adding(start, minutes):
    opened = CAL.opening(start)
    assert (
        CAL.working_minutes_between(opened, CAL.add_working_minutes(opened, minutes))
        == minutes
    )


# "Due this week" (the dossier listing) runs to the week's last closing.


def test_week_closing_is_friday_of_an_ordinary_week():
    assert CAL.week_closing(date(2026, 3, 3)) == datetime(2026, 3, 6, 17, 0)


def test_week_closing_counts_a_make_up_saturday():
    # Sat 10/1/2026 is worked (Official Dispatch 12729/VPCP-KGVX).
    assert CAL.week_closing(date(2026, 1, 5)) == datetime(2026, 1, 10, 17, 0)


def test_week_closing_of_a_week_off_is_none():
    # Tết 2026: Mon 16/2 to Sun 22/2 are all days off.
    assert CAL.week_closing(date(2026, 2, 18)) is None


@settings(max_examples=200)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_week_closing_is_the_last_working_day_of_the_week(day):
    closing = CAL.week_closing(day)
    monday = day - timedelta(days=day.weekday())
    week = [monday + timedelta(days=n) for n in range(7)]
    working = [d for d in week if CAL.is_working_day(d)]
    if not working:
        assert closing is None
    else:
        assert closing == CAL.closing(working[-1])
        assert closing.date() in week
