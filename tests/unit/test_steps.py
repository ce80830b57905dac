"""What a dossier step asks for and when the input is enough (no Plone)."""

from datetime import datetime
from dienbien.policy.core.calendar import WorkingCalendar
from dienbien.policy.core.steps import apology_problems
from dienbien.policy.core.steps import in_order
from dienbien.policy.core.steps import parse_amount
from dienbien.policy.core.steps import received_papers
from dienbien.policy.core.steps import requested_papers
from dienbien.policy.core.steps import step_problems
from hypothesis import given
from hypothesis import strategies as st

import pytest


def test_requested_papers_drop_numbering_and_blank_lines():
    note = "1. Bản sao giấy khai sinh\n\n2) Ảnh 4x6\n- Sổ hộ khẩu\n  • Giấy ủy quyền  "
    assert requested_papers(note) == [
        "Bản sao giấy khai sinh",
        "Ảnh 4x6",
        "Sổ hộ khẩu",
        "Giấy ủy quyền",
    ]
    assert requested_papers("") == []


@given(st.lists(st.text(min_size=1)), st.lists(st.text(min_size=1)))
def test_received_papers_are_requested_ones_in_request_order(requested, ticked):
    received = received_papers(requested, ticked)
    assert all(paper in requested and paper in ticked for paper in received)
    assert received == [paper for paper in requested if paper in set(ticked)]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("75.000", 75000), ("75 000", 75000), ("2000", 2000), ("0", 0)],
)
def test_amounts_as_people_type_them(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "-5", "7,5e3", "  "])
def test_not_an_amount(text):
    assert parse_amount(text) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_amounts_read_back(amount):
    assert parse_amount(f"{amount:,}".replace(",", ".")) == amount


@pytest.mark.parametrize("step", ["refuse", "request_supplement", "withdraw", "stop"])
def test_steps_that_state_a_reason(step):
    assert [p.field for p in step_problems(step, "  ")] == ["reason"]
    assert step_problems(step, "Thiếu giấy tờ") == []


def test_other_steps_need_no_reason():
    assert step_problems("transfer", "") == []
    assert step_problems("resolve", "") == []


def test_payment_steps_need_an_amount():
    assert [p.field for p in step_problems("request_payment", "", "")] == ["amount"]
    assert step_problems("confirm_payment", "", "75.000") == []


@pytest.mark.parametrize("step", ["request_payment", "confirm_payment"])
@pytest.mark.parametrize("amount", ["0", "0.000", " 00 "])
def test_payment_steps_need_more_than_nothing(step, amount):
    problems = step_problems(step, "", amount)
    assert [(p.field, p.template) for p in problems] == [
        ("amount", "The amount must be more than 0 đồng.")
    ]


MOMENT = datetime(2026, 3, 3, 10, 0)
DUE = datetime(2026, 3, 4, 10, 0)


def test_an_apology_before_the_appointment_passes():
    later = datetime(2026, 3, 6, 16, 0)
    assert apology_problems("processing", DUE, later, "Cần xác minh", MOMENT) == []


@pytest.mark.parametrize(
    ("state", "new", "reason", "moment", "fields"),
    [
        ("processing", datetime(2026, 3, 6, 16), "", MOMENT, ["reason"]),
        ("processing", DUE, "x", MOMENT, ["new_appointment"]),
        (
            "processing",
            datetime(2026, 3, 6, 16),
            "x",
            datetime(2026, 3, 4, 10, 1),
            ["new_appointment"],
        ),
        ("resolved", datetime(2026, 3, 6, 16), "x", MOMENT, ["state"]),
        ("processing", None, "x", MOMENT, []),
    ],
)
def test_apologies_refused(state, new, reason, moment, fields):
    problems = apology_problems(state, DUE, new, reason, moment)
    assert [p.field for p in problems] == fields


@pytest.mark.parametrize(
    ("new", "refused"),
    [
        (datetime(2026, 3, 6, 17, 0), False),  # Friday, by closing time
        (datetime(2026, 3, 6, 7, 0), False),  # Friday, at opening
        (datetime(2026, 3, 6, 6, 59), True),  # before opening
        (datetime(2026, 3, 6, 13, 30), False),  # the afternoon's opening
        (datetime(2026, 3, 6, 13, 29), True),
        (datetime(2026, 3, 6, 11, 31), True),
        (datetime(2026, 3, 6, 11, 30), False),  # the end of the morning
        (datetime(2026, 3, 6, 12, 0), True),  # the lunch break
        (datetime(2026, 3, 6, 17, 1), True),  # after closing
        (datetime(2026, 3, 6, 17, 0, 30), True),
        (datetime(2026, 3, 8, 10, 0), True),  # a Sunday
        (datetime(2026, 12, 27, 20, 0), True),  # Sunday evening
        (datetime(2026, 9, 2, 10, 0), True),  # National Day
    ],
)
def test_an_apology_appoints_office_hours_of_a_working_day(new, refused):
    problems = apology_problems(
        "processing", DUE, new, "Cần xác minh", MOMENT, WorkingCalendar()
    )
    assert [p.message for p in problems] == (
        ["The new appointment must be in office hours on a working day."]
        if refused
        else []
    )


def test_an_apology_may_appoint_a_make_up_saturday():
    """Saturday 10/01/2026 is a working day (made up for Friday 02/01)."""
    saturday = datetime(2026, 1, 10, 9, 0)
    moment = datetime(2026, 1, 5, 9, 0)
    calendar = WorkingCalendar()
    assert apology_problems("processing", None, saturday, "x", moment, calendar) == []
    sunday = datetime(2026, 1, 11, 9, 0)
    assert [
        p.field
        for p in apology_problems("processing", None, sunday, "x", moment, calendar)
    ] == ["new_appointment"]


def test_buttons_lead_with_the_way_forward():
    assert in_order(["refuse", "transfer", "withdraw", "request_supplement"]) == [
        "transfer",
        "request_supplement",
        "refuse",
        "withdraw",
    ]
