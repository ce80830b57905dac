"""The parameters of ``@documents``, and when a document is overdue."""

from datetime import date
from dienbien.policy.core.correspondence.listing import check_listing
from dienbien.policy.core.correspondence.listing import is_overdue
from dienbien.policy.core.correspondence.listing import Listing
from dienbien.policy.core.correspondence.listing import PARAMETERS
from hypothesis import given
from hypothesis import strategies as st

import pytest


def problems(form):
    return [(p.field, p.message) for p in check_listing(form)[1]]


def test_no_parameters_lists_everything():
    assert check_listing({}) == (Listing(), [])


def test_parameters_read():
    listing, found = check_listing(
        {
            "kind": "incoming",
            "state": "assigned",
            "unit": "H15.50",
            "year": "2026",
            "q": "Báo cáo 3954",
            "urgent": "1",
            "overdue": "0",
            "b_start": "20",
            "b_size": "10",
        }
    )
    assert found == []
    assert listing == Listing(
        kind="incoming",
        states=("assigned",),
        unit="H15.50",
        year=2026,
        words=("Báo", "cáo", "3954"),
        urgent=True,
    )


def test_overdue_keeps_the_states_in_hand():
    assert check_listing({"overdue": "1"})[0].states == (
        "registered",
        "assigned",
        "in_progress",
    )
    assert check_listing({"overdue": "1", "state": "assigned"})[0].states == (
        "assigned",
    )
    # Nothing done is overdue: the listing is empty, not an error.
    assert check_listing({"overdue": "1", "state": "done"})[0].states == ()


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (
            {"kind": "memo"},
            [("kind", "Unknown value memo; expected one of outgoing, incoming.")],
        ),
        (
            {"kind": "outgoing", "state": "assigned"},
            [
                (
                    "state",
                    "Unknown value assigned; expected one of draft, pending, "
                    "approved, issued, sent, recalled.",
                )
            ],
        ),
        ({"year": "26"}, [("year", "year must be a year from 2000 to 2100.")]),
        ({"year": "2101"}, [("year", "year must be a year from 2000 to 2100.")]),
        ({"overdue": "yes"}, [("overdue", "overdue must be 0 or 1.")]),
        ({"urgent": "2"}, [("urgent", "urgent must be 0 or 1.")]),
        (
            {"q": "- * ?"},
            [("q", "Enter words of the summary, the notation or the sender.")],
        ),
        ({"q": "x" * 201}, [("q", "q must be text of at most 200 characters.")]),
        ({"b_size": "0"}, [("b_size", "b_size must be a whole number from 1 to 100.")]),
        (
            {"b_size": "101"},
            [("b_size", "b_size must be a whole number from 1 to 100.")],
        ),
        ({"b_start": "-1"}, [("b_start", "b_start must be a whole number.")]),
        (
            {"kind": "outgoing", "overdue": "1"},
            [
                (
                    "overdue",
                    "Outgoing documents have no deadline: leave out overdue or kind.",
                )
            ],
        ),
    ],
)
def test_bad_parameters_are_named(form, expected):
    assert problems(form) == expected


@pytest.mark.parametrize(
    ("state", "deadline", "overdue"),
    [
        ("assigned", "2026-03-02", True),
        ("in_progress", date(2026, 3, 2), True),
        ("assigned", "2026-03-03", False),
        ("done", "2026-03-01", False),
        ("returned", "2026-03-01", False),
        ("assigned", None, False),
        ("assigned", "not a date", False),
        ("issued", "2026-03-01", False),
    ],
)
def test_is_overdue(state, deadline, overdue):
    assert is_overdue(state, deadline, date(2026, 3, 3)) is overdue


@given(st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=12)))
def test_any_text_is_read_or_refused_by_name(form):
    listing, found = check_listing(form)
    assert {p.field for p in found} <= set(PARAMETERS)
    assert isinstance(listing, Listing)
