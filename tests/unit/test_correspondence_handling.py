"""Handling an incoming document: the registration form's checks, the
deadline a leader is offered on the working calendar, "forwarded the same
working day", progress, return and overdue (core/correspondence/handling.py)."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.calendar import WorkingCalendar
from dienbien.policy.core.correspondence import handling
from hypothesis import given
from hypothesis import strategies as st

import pytest


NOW = datetime(2026, 3, 3, 10, 0)  # a Tuesday
CALENDAR = WorkingCalendar()


def register(**changes):
    values = {
        "received": datetime(2026, 3, 3, 9, 30),
        "sender_unit": "",
        "sender_name": "Sở Nội vụ tỉnh Điện Biên",
        "sender_notation": "Số: 3954/SNV-VP",
        "sender_date": date(2026, 3, 2),
        "doctype": "dispatch",
        "summary": "V/v báo cáo công tác cải cách hành chính quý I",
        "urgency": "normal",
        "confidentiality": "normal",
        "now": NOW,
        "known_units": ("H15.50", "H15.50.03"),
    }
    values.update(changes)
    return handling.check_registration(**values)


def fields(problems):
    return [problem.field for problem in problems]


def test_a_complete_registration_reads_the_notation():
    registration, problems = register()
    assert problems == []
    assert registration.sender_notation == "3954/SNV-VP"
    assert registration.notation.issuer == "SNV"
    assert registration.notation.department == "VP"


def test_the_sender_is_a_unit_or_a_name():
    _registration, problems = register(sender_name="")
    assert fields(problems) == ["sender_name"]
    registration, problems = register(sender_name="", sender_unit="H15.50.03")
    assert problems == []
    assert registration.sender_unit == "H15.50.03"
    _registration, problems = register(sender_unit="X.99")
    assert fields(problems) == ["sender_unit"]


def test_the_notation_is_checked_against_the_chosen_type():
    _registration, problems = register(doctype="decision", sender_notation="12/TB-UBND")
    assert fields(problems) == ["sender_notation"]
    assert "Quyết định" in problems[0].message
    _registration, problems = register(sender_notation="3954 UBND")
    assert fields(problems) == ["sender_notation"]
    assert "/" in problems[0].message
    _registration, problems = register(sender_notation="  ")
    assert fields(problems) == ["sender_notation"]


def test_every_missing_field_is_named():
    _registration, problems = register(
        received=None,
        sender_name="",
        sender_notation="",
        sender_date=None,
        doctype="",
        summary=" ",
        urgency="x",
        confidentiality="y",
    )
    assert fields(problems) == [
        "received",
        "sender_name",
        "doctype",
        "sender_notation",
        "sender_date",
        "summary",
        "urgency",
        "confidentiality",
    ]


def test_dates_in_the_future_are_refused():
    _registration, problems = register(received=datetime(2026, 3, 3, 10, 1))
    assert fields(problems) == ["received"]
    _registration, problems = register(sender_date=date(2026, 3, 4))
    assert fields(problems) == ["sender_date"]


def test_the_same_document_twice_has_the_same_duplicate_key():
    first, _ = register(sender_notation="3954/SNV-VP")
    again, _ = register(
        sender_notation="số: 3954 / snv - vp", sender_name="SỞ NỘI VỤ TỈNH ĐIỆN BIÊN"
    )
    other_year, _ = register(sender_date=date(2025, 12, 30))
    assert first.duplicate_key == again.duplicate_key
    assert first.duplicate_key != other_year.duplicate_key
    unit, _ = register(sender_unit="H15.50", sender_name="")
    assert unit.duplicate_key[0] == "unit:H15.50"


@pytest.mark.parametrize(
    "urgency,days", [("normal", 10), ("urgent", 5), ("very_urgent", 2), ("flash", 0)]
)
def test_urgent_documents_get_fewer_days(urgency, days):
    assert handling.handling_days(urgency) == days


@given(st.integers(min_value=1, max_value=60))
def test_an_urgent_document_never_gets_more_days(normal_days):
    days = [
        handling.handling_days(level, normal_days)
        for level in ("normal", "urgent", "very_urgent", "flash")
    ]
    assert days == sorted(days, reverse=True)
    assert days[-1] == 0
    assert days[1] >= 1


def test_the_proposed_deadline_counts_working_days():
    # Tuesday 3 March 2026 + 10 working days = Tuesday 17 March.
    assert handling.proposed_deadline(CALENDAR, NOW, "normal") == date(2026, 3, 17)
    assert handling.proposed_deadline(CALENDAR, NOW, "flash") == date(2026, 3, 3)
    # Assigned on Friday evening: counted from Monday.
    friday = datetime(2026, 3, 6, 18, 0)
    assert handling.proposed_deadline(CALENDAR, friday, "very_urgent") == date(
        2026, 3, 11
    )


def test_the_deadline_skips_tet():
    # Tết 2026: Saturday 14 to Sunday 22 February are days off.
    before = datetime(2026, 2, 12, 9, 0)  # Thursday
    # Two working days (half of four): Friday 13, then Monday 23 after Tết.
    assert handling.proposed_deadline(CALENDAR, before, "urgent", 4) == date(
        2026, 2, 23
    )


def test_forwarding_the_same_working_day():
    registered = datetime(2026, 3, 3, 16, 0)
    limit = handling.forwarding_limit(CALENDAR, registered)
    assert limit == datetime(2026, 3, 3, 17, 0)
    assert not handling.assigned_late(CALENDAR, registered, limit)
    assert handling.assigned_late(CALENDAR, registered, datetime(2026, 3, 4, 8, 0))
    # Registered after hours on Friday: Monday's close is the limit.
    late_friday = datetime(2026, 3, 6, 19, 0)
    assert handling.forwarding_limit(CALENDAR, late_friday) == datetime(
        2026, 3, 9, 17, 0
    )


def test_assignment_needs_someone_and_a_deadline():
    assign = {
        "instruction": "Giao Phòng Tư pháp chủ trì",
        "handling_unit": "",
        "handler": "",
        "co_handlers": [],
        "deadline": None,
        "today": NOW.date(),
        "staff": {"officer", "other"},
        "known_units": ("H15.50.03",),
    }
    assert fields(handling.check_assignment(**assign)) == ["handler", "deadline"]
    assign.update(handler="officer", deadline=date(2026, 3, 2))
    assert fields(handling.check_assignment(**assign)) == ["deadline"]
    assign.update(deadline=date(2026, 3, 3), co_handlers=["officer", "stranger"])
    assert fields(handling.check_assignment(**assign)) == [
        "co_handlers",
        "co_handlers",
    ]
    assign.update(co_handlers=["other"], handler="stranger")
    assert fields(handling.check_assignment(**assign)) == ["handler"]
    assign.update(handler="", handling_unit="H15.50.03", co_handlers=[])
    assert handling.check_assignment(**assign) == []
    assign.update(handling_unit="Z")
    assert fields(handling.check_assignment(**assign)) == ["handling_unit"]


def test_progress_and_return_need_text():
    entry, problems = handling.progress_entry(NOW, "officer", "  Đã dự thảo  ")
    assert problems == []
    assert entry == {"time": NOW, "user": "officer", "text": "Đã dự thảo"}
    assert fields(handling.progress_entry(NOW, "officer", " ")[1]) == ["text"]
    assert fields(handling.check_reason("")) == ["reason"]
    assert handling.check_reason("Gửi nhầm đơn vị") == []


def test_overdue():
    deadline = date(2026, 3, 17)
    assert not handling.is_overdue(deadline, date(2026, 3, 17))
    assert handling.is_overdue(deadline, date(2026, 3, 18))
    assert not handling.is_overdue(
        deadline, date(2026, 4, 1), closed=datetime(2026, 3, 17, 16, 0)
    )
    assert handling.is_overdue(
        deadline, date(2026, 3, 18), closed=datetime(2026, 3, 18, 8, 0)
    )
    assert not handling.is_overdue(None, date(2030, 1, 1))
