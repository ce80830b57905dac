"""The yearly expired list and the systematisation (core/legal/lists.py):
grounds table-driven, each document once, the period's reference date."""

from datetime import date
from datetime import timedelta
from dienbien.policy.core.legal import lists
from dienbien.policy.core.legal import validity as v
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from unit.test_legal_validity import IDS
from unit.test_legal_validity import registers

import pytest


D = date
OLD = v.Document("old", effective=D(2024, 1, 10))
NEW = v.Document("new", effective=D(2026, 7, 1))


def entries(documents, relations, year=2026):
    register = v.Register(documents, relations)
    return [
        (e.id, e.status, e.day, [(g.kind, g.cause, g.part) for g in e.grounds])
        for e in lists.expired_list(register, year)
    ]


@pytest.mark.parametrize(
    "relation, expected",
    [
        (
            v.Relation(v.REPLACES, "new", "old"),
            [("old", v.EXPIRED, D(2026, 7, 1), [(v.REPLACES, "new", "")])],
        ),
        (
            v.Relation(v.REPLACES, "new", "old", part="Điều 3"),
            [
                (
                    "old",
                    v.PARTLY_EXPIRED,
                    D(2026, 7, 1),
                    [(v.REPLACES, "new", "Điều 3")],
                )
            ],
        ),
        (
            v.Relation(v.REPEALS, "new", "old", on=D(2026, 9, 1)),
            [("old", v.EXPIRED, D(2026, 9, 1), [(v.REPEALS, "new", "")])],
        ),
        (
            v.Relation(v.REPEALS, "new", "old", part="Khoản 2 Điều 5"),
            [
                (
                    "old",
                    v.PARTLY_EXPIRED,
                    D(2026, 7, 1),
                    [(v.REPEALS, "new", "Khoản 2 Điều 5")],
                )
            ],
        ),
        (
            v.Relation(v.AMENDS, "new", "old", part="Điều 4"),
            [("old", v.PARTLY_EXPIRED, D(2026, 7, 1), [(v.AMENDS, "new", "Điều 4")])],
        ),
        # Suspending, basing on, referring to: not grounds of expiry.
        (v.Relation(v.SUSPENDS, "new", "old", until=D(2026, 8, 1)), []),
        (v.Relation(v.BASED_ON, "new", "old"), []),
        (v.Relation(v.REFERS_TO, "new", "old"), []),
        # The next year's change belongs to the next year's list.
        (v.Relation(v.REPLACES, "new", "old", on=D(2027, 1, 1)), []),
        # A change of the last day of the year is of that year.
        (
            v.Relation(v.REPLACES, "new", "old", on=D(2026, 12, 31)),
            [("old", v.EXPIRED, D(2026, 12, 31), [(v.REPLACES, "new", "")])],
        ),
    ],
)
def test_grounds_of_one_relation(relation, expected):
    assert entries([OLD, NEW], [relation]) == expected


def test_end_date_and_detailing_document():
    ends = v.Document("ends", effective=D(2025, 1, 1), end=D(2026, 3, 1))
    guide = v.Document("guide", effective=D(2025, 2, 1))
    stays = v.Document("stays", effective=D(2025, 2, 1), survives=True)
    relations = [
        v.Relation(v.DETAILS, "guide", "ends"),
        v.Relation(v.DETAILS, "stays", "ends"),
    ]
    assert entries([ends, guide, stays], relations) == [
        ("ends", v.EXPIRED, D(2026, 3, 1), [("end", "", "")]),
        ("guide", v.EXPIRED, D(2026, 3, 1), [("detailed_expired", "ends", "")]),
    ]
    assert entries([ends, guide, stays], relations, year=2025) == []


def test_partly_amended_then_wholly_replaced_in_the_year_is_listed_once():
    amending = v.Document("amending", effective=D(2026, 2, 1))
    relations = [
        v.Relation(v.AMENDS, "amending", "old", part="Điều 2"),
        v.Relation(v.REPLACES, "new", "old"),
    ]
    assert entries([OLD, NEW, amending], relations) == [
        ("old", v.EXPIRED, D(2026, 7, 1), [(v.REPLACES, "new", "")]),
    ]
    # Amended this year, replaced next year: partly expired this year,
    # wholly the next.
    later = v.Document("new", effective=D(2027, 7, 1))
    assert entries([OLD, later, amending], relations) == [
        ("old", v.PARTLY_EXPIRED, D(2026, 2, 1), [(v.AMENDS, "amending", "Điều 2")]),
    ]
    assert entries([OLD, later, amending], relations, year=2027) == [
        ("old", v.EXPIRED, D(2027, 7, 1), [(v.REPLACES, "new", "")]),
    ]


def test_two_parts_in_one_year_are_one_entry_and_events_before_force_none():
    amending = v.Document("amending", effective=D(2026, 2, 1))
    early = v.Document("early", effective=D(2026, 10, 1))
    relations = [
        v.Relation(v.AMENDS, "amending", "old", part="Điều 2"),
        v.Relation(v.REPEALS, "new", "old", part="Điều 6"),
        # Repealed in part before it took effect: not a ground.
        v.Relation(v.REPEALS, "new", "early", part="Điều 1"),
    ]
    assert entries([OLD, NEW, amending, early], relations) == [
        (
            "old",
            v.PARTLY_EXPIRED,
            D(2026, 2, 1),
            [(v.AMENDS, "amending", "Điều 2"), (v.REPEALS, "new", "Điều 6")],
        ),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [("2019-2023", (2019, 2023)), ("2024-2028", (2024, 2028))],
)
def test_period(text, expected):
    assert lists.parse_period(text) == expected
    assert lists.reference_date(expected[1]) == D(expected[1], 12, 31)


@pytest.mark.parametrize("text", ["", "2019", "2019-2022", "2023-2019", "abcd-efgh"])
def test_bad_period(text):
    with pytest.raises(lists.PeriodError):
        lists.parse_period(text)


def test_systematisation_at_the_reference_date():
    documents = [
        v.Document("before", effective=D(2017, 1, 1), end=D(2018, 6, 1)),
        v.Document("kept", effective=D(2018, 1, 1)),
        v.Document("replaced", effective=D(2019, 3, 1)),
        v.Document("replacing", effective=D(2021, 5, 1)),
        v.Document("cut", effective=D(2020, 1, 1)),
        v.Document("held", effective=D(2020, 1, 1)),
        v.Document("signed_late", effective=D(2024, 1, 10)),
        v.Document("next_period", effective=D(2024, 3, 1)),
    ]
    relations = [
        v.Relation(v.REPLACES, "replacing", "replaced"),
        v.Relation(v.REPEALS, "replacing", "cut", part="Điều 8"),
        v.Relation(v.SUSPENDS, "replacing", "held", on=D(2023, 11, 1)),
        v.Relation(v.SUSPENDS, "next_period", "kept", part="Điều 1"),
    ]
    issued = {
        "before": D(2016, 12, 1),
        "kept": D(2017, 12, 1),
        "replaced": D(2019, 2, 1),
        "replacing": D(2021, 4, 1),
        "cut": D(2019, 12, 1),
        "held": D(2019, 12, 1),
        "signed_late": D(2023, 12, 29),
        "next_period": D(2024, 2, 1),
    }
    marks = {
        "kept": (lists.AMEND, "Không còn phù hợp với Luật 64/2025"),
        "replaced": (lists.REPLACE, "Đã được thay thế"),
    }
    result = lists.systematise(
        v.Register(documents, relations), 2019, 2023, issued, marks
    )
    assert result.reference == D(2023, 12, 31)
    assert result.in_force == (
        ("cut", v.PARTLY_EXPIRED),
        ("kept", v.IN_FORCE),
        ("replacing", v.IN_FORCE),
        ("signed_late", v.NOT_YET),
    )
    assert [(e.id, e.status, e.day) for e in result.expired] == [
        ("cut", v.PARTLY_EXPIRED, D(2021, 5, 1)),
        ("replaced", v.EXPIRED, D(2021, 5, 1)),
        ("held", v.SUSPENDED, D(2023, 11, 1)),
    ]
    assert result.to_revise == (
        ("kept", lists.AMEND, "Không còn phù hợp với Luật 64/2025"),
    )


@settings(max_examples=150, deadline=None)
@given(registers(), st.integers(2020, 2030))
def test_each_document_once_with_the_status_its_grounds_give(register, year):
    found = lists.expired_list(register, year)
    assert len({entry.id for entry in found}) == len(found)
    for entry in found:
        assert entry.day.year == year and entry.grounds
        whole = register.expires_wholly(entry.id)
        assert register.status(entry.id, entry.day) != v.NOT_YET
        if entry.status == v.EXPIRED:
            assert whole == entry.day
            assert register.status(entry.id, entry.day) == v.EXPIRED
        else:
            assert entry.status == v.PARTLY_EXPIRED
            assert whole is None or whole > entry.day
    # Whoever was in force and is wholly expired by the year's end, having
    # been in force on its first day, is listed wholly expired.
    for document_id in IDS:
        end = D(year, 12, 31)
        before = D(year, 1, 1) - timedelta(days=1)
        if register.status(document_id, end) == v.EXPIRED and register.status(
            document_id, before
        ) not in (v.NOT_YET, v.EXPIRED):
            assert (document_id, v.EXPIRED) in {(e.id, e.status) for e in found}
