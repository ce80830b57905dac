"""The editors' reminders (core/legal/reminders.py) on exact days: an end
date 30 days ahead is listed, 31 days not yet; a basis replaced or repealed
in the past or within the horizon is, further ahead not yet; in part it is
the softer reminder."""

from datetime import date
from dienbien.policy.core.legal import reminders as r
from dienbien.policy.core.legal import validity as v

import pytest


TODAY = date(2026, 6, 1)
LAW = v.Document("law", effective=date(2020, 1, 1))
OURS = v.Document("ours", effective=date(2024, 1, 1))
BASED = v.Relation(v.BASED_ON, "ours", "law")


def on(documents, relations=(), today=TODAY):
    return r.reminders(v.Register(documents, relations), today)


@pytest.mark.parametrize(
    "end, listed",
    [
        # The end date is the first day no longer in force: from it on,
        # too late to remind.
        (date(2026, 6, 1), False),
        (date(2026, 6, 2), True),  # tomorrow
        (date(2026, 7, 1), True),  # day 30
        (date(2026, 7, 2), False),  # day 31
    ],
)
def test_an_end_date_within_30_days(end, listed):
    document = v.Document("ours", effective=date(2024, 1, 1), end=end)
    expected = [r.Reminder(r.ENDING, "ours", end)] if listed else []
    assert on([document]) == expected


def test_no_end_date_reminder_once_replaced_earlier():
    document = v.Document("ours", effective=date(2024, 1, 1), end=date(2026, 6, 20))
    new = v.Document("new", effective=date(2026, 6, 10))
    replaced = v.Relation(v.REPLACES, "new", "ours")
    assert on([document, new], [replaced]) == []
    # Before the replacement takes effect the end date is still not the
    # end: the replacement comes first.
    assert on([document, new], [replaced], today=date(2026, 6, 5)) == []


@pytest.mark.parametrize(
    "replaced_on, listed",
    [
        (date(2025, 3, 1), True),  # in the past: the basis is gone
        (date(2026, 6, 1), True),  # today
        (date(2026, 7, 1), True),  # day 30 ahead
        (date(2026, 7, 2), False),  # day 31 ahead: not yet
    ],
)
def test_a_basis_replaced(replaced_on, listed):
    new_law = v.Document("new-law", effective=replaced_on)
    replaces = v.Relation(v.REPLACES, "new-law", "law")
    expected = [
        r.Reminder(
            r.BASIS_ENDED,
            "ours",
            replaced_on,
            basis="law",
            cause="new-law",
            relation=v.REPLACES,
        )
    ]
    assert on([LAW, OURS, new_law], [BASED, replaces]) == (expected if listed else [])


def test_a_basis_repealed_in_part_is_the_softer_reminder():
    repealing = v.Document("repealing", effective=date(2026, 1, 1))
    repeals = v.Relation(
        v.REPEALS, "repealing", "law", on=date(2026, 2, 1), part="Điều 3"
    )
    assert on([LAW, OURS, repealing], [BASED, repeals]) == [
        r.Reminder(
            r.BASIS_PARTLY,
            "ours",
            date(2026, 2, 1),
            basis="law",
            cause="repealing",
            relation=v.REPEALS,
            part="Điều 3",
        )
    ]


def test_amended_or_suspended_basis_and_unrelated_documents_are_not_reminded():
    other = v.Document("other", effective=date(2025, 1, 1))
    relations = [
        BASED,
        v.Relation(v.AMENDS, "other", "law", part="Điều 2"),
        v.Relation(v.SUSPENDS, "other", "law"),
    ]
    assert on([LAW, OURS, other], relations) == []
    # A document not based on the replaced one hears nothing of it.
    replaced = [v.Relation(v.REPLACES, "other", "law")]
    assert on([LAW, OURS, other], replaced) == []


def test_expired_documents_and_changes_after_their_end_are_not_reminded():
    ours = v.Document("ours", effective=date(2024, 1, 1), end=date(2026, 6, 10))
    new_law = v.Document("new-law", effective=date(2026, 6, 20))
    relations = [BASED, v.Relation(v.REPLACES, "new-law", "law")]
    # The basis goes on 20 June, after ours ends on 10 June: only its end.
    assert on([LAW, ours, new_law], relations) == [
        r.Reminder(r.ENDING, "ours", date(2026, 6, 10))
    ]
    # On 10 June ours is expired: nothing.
    assert on([LAW, ours, new_law], relations, today=date(2026, 6, 10)) == []


def test_sorted_by_day_then_kind():
    ending = v.Document("a-ending", effective=date(2024, 1, 1), end=date(2026, 6, 5))
    new_law = v.Document("new-law", effective=date(2026, 6, 5))
    relations = [BASED, v.Relation(v.REPLACES, "new-law", "law")]
    found = on([LAW, OURS, ending, new_law], relations)
    assert [(item.kind, item.document) for item in found] == [
        (r.ENDING, "a-ending"),
        (r.BASIS_ENDED, "ours"),
    ]
