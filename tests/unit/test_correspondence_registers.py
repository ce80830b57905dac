"""Register series and numbering (Decree 30/2020 Art. 15, 22; domain.md §3):
per unit and calendar year in Vietnam time, secret and normative series
apart, consecutive numbers, uniqueness in the year."""

from datetime import date
from datetime import datetime
from datetime import UTC
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.correspondence.doctypes import document_type
from dienbien.policy.core.correspondence.notation import parse_notation
from dienbien.policy.core.correspondence.registers import check_series
from dienbien.policy.core.correspondence.registers import duplicate_key
from dienbien.policy.core.correspondence.registers import incoming_series
from dienbien.policy.core.correspondence.registers import issue_notation
from dienbien.policy.core.correspondence.registers import next_number
from dienbien.policy.core.correspondence.registers import number_year
from dienbien.policy.core.correspondence.registers import outgoing_series
from dienbien.policy.core.correspondence.registers import Series
from dienbien.policy.core.correspondence.registers import uniqueness_key
from hypothesis import given
from hypothesis import strategies as st

import pytest


UNIT = "a1b2c3"  # a unit's UID
DECISION = document_type("decision")
DISPATCH = document_type("dispatch")
REPORT = document_type("report")
NOON = datetime(2026, 3, 3, 10, 0)


# -- the year of a number ------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        (datetime(2026, 12, 31, 23, 59, 59), 2026),  # naive: local already
        (datetime(2027, 1, 1, 0, 0), 2027),
        (datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC), 2026),  # 23:59:59 here
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), 2027),  # 00:00 on 1 January
        (datetime(2027, 1, 1, 0, 30, tzinfo=UTC), 2027),
    ],
)
def test_the_year_is_the_calendar_year_in_vietnam(moment, year):
    assert number_year(moment) == year


def test_rollover_at_midnight_on_31_december_starts_a_new_series():
    before = outgoing_series(
        UNIT, datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC), DECISION
    )
    after = outgoing_series(UNIT, datetime(2026, 12, 31, 17, 0, tzinfo=UTC), DECISION)
    assert before.key == f"{UNIT}|2026|outgoing"
    assert after.key == f"{UNIT}|2027|outgoing"
    # A new series: its counter has issued nothing, so the first number is 01.
    assert str(issue_notation(after, next_number(None), DECISION, "UBND")) == (
        "01/QĐ-UBND"
    )
    incoming_before = incoming_series(UNIT, datetime(2026, 12, 31, 23, 59))
    incoming_after = incoming_series(UNIT, datetime(2027, 1, 1, 0, 0))
    assert (incoming_before.year, incoming_after.year) == (2026, 2027)


def test_normative_notation_takes_the_year_of_issue_in_vietnam():
    late = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1 January 2027
    series = outgoing_series(UNIT, late, DECISION, normative=True)
    assert issue_notation(series, 1, DECISION, "UBND").line == "Số: 01/2027/QĐ-UBND"


# -- which series ------------------------------------------------------------


def test_outgoing_series_of_ordinary_documents_is_shared_by_every_type():
    assert outgoing_series(UNIT, NOON, DECISION) == outgoing_series(
        UNIT, NOON, DISPATCH
    )
    assert outgoing_series(UNIT, NOON, REPORT).key == f"{UNIT}|2026|outgoing"


@pytest.mark.parametrize("level", ["confidential", "secret", "top_secret"])
def test_secret_documents_have_their_own_series(level):
    ordinary = outgoing_series(UNIT, NOON, DISPATCH)
    secret = outgoing_series(UNIT, NOON, DISPATCH, confidentiality=level)
    assert secret != ordinary
    assert secret.key == f"{UNIT}|2026|outgoing_secret"
    assert secret.secret and not ordinary.secret
    # Every level of secrecy shares one series.
    assert secret == outgoing_series(
        UNIT, NOON, DECISION, confidentiality="confidential"
    )
    assert incoming_series(UNIT, NOON, level).key == f"{UNIT}|2026|incoming_secret"
    assert incoming_series(UNIT, NOON).key == f"{UNIT}|2026|incoming"


def test_secret_and_ordinary_numbers_run_side_by_side():
    counters = {}

    def issue(confidentiality):
        series = outgoing_series(UNIT, NOON, DECISION, confidentiality=confidentiality)
        counters[series.key] = next_number(counters.get(series.key))
        return str(issue_notation(series, counters[series.key], DECISION, "UBND"))

    assert [issue(level) for level in ("normal", "secret", "normal", "normal")] == [
        "01/QĐ-UBND",
        "01/QĐ-UBND",
        "02/QĐ-UBND",
        "03/QĐ-UBND",
    ]
    assert counters == {f"{UNIT}|2026|outgoing": 3, f"{UNIT}|2026|outgoing_secret": 1}


def test_each_normative_type_has_its_own_series():
    decision = outgoing_series(UNIT, NOON, DECISION, normative=True)
    resolution = outgoing_series(
        UNIT, NOON, document_type("resolution"), normative=True
    )
    assert decision.key == f"{UNIT}|2026|normative|decision"
    assert resolution.key == f"{UNIT}|2026|normative|resolution"
    assert decision != outgoing_series(UNIT, NOON, DECISION)
    assert str(issue_notation(decision, 5, DECISION, "UBND")) == "05/2026/QĐ-UBND"
    assert str(
        issue_notation(outgoing_series(UNIT, NOON, DECISION), 5, DECISION, "UBND")
    ) == ("05/QĐ-UBND")


def test_series_are_per_unit():
    assert outgoing_series("u1", NOON, DECISION) != outgoing_series(
        "u2", NOON, DECISION
    )


def test_series_refuse_what_cannot_be():
    with pytest.raises(ValueError, match="cannot be a normative document"):
        outgoing_series(UNIT, NOON, REPORT, normative=True)
    with pytest.raises(ValueError, match="cannot be numbered as secret"):
        outgoing_series(UNIT, NOON, DECISION, normative=True, confidentiality="secret")
    with pytest.raises(ValueError, match="unknown confidentiality"):
        outgoing_series(UNIT, NOON, DECISION, confidentiality="mat")
    with pytest.raises(ValueError, match="unknown register"):
        Series(UNIT, 2026, "outbound")
    with pytest.raises(ValueError, match="normative documents only"):
        Series(UNIT, 2026, "outgoing", "decision")
    with pytest.raises(ValueError, match="normative documents only"):
        Series(UNIT, 2026, "normative")
    with pytest.raises(ValueError, match="unit id"):
        Series("a|b", 2026, "outgoing")
    with pytest.raises(ValueError, match="incoming numbers"):
        issue_notation(incoming_series(UNIT, NOON), 1, DECISION, "UBND")
    with pytest.raises(ValueError, match="another document type"):
        issue_notation(
            outgoing_series(UNIT, NOON, DECISION, normative=True),
            1,
            document_type("resolution"),
            "HĐND",
        )


# -- numbers -----------------------------------------------------------------


def test_next_number():
    assert next_number(None) == 1
    assert next_number(0) == 1
    assert next_number(41) == 42
    with pytest.raises(ValueError):
        next_number(-1)


@given(st.integers(1, 500))
def test_numbers_of_a_series_are_consecutive_from_one(count):
    last = None
    numbers = []
    for _ in range(count):
        last = next_number(last)
        numbers.append(last)
    assert numbers == list(range(1, count + 1))
    assert check_series(numbers).consecutive


@given(st.lists(st.integers(1, 60), max_size=80))
def test_check_series_finds_every_gap_and_duplicate(numbers):
    check = check_series(numbers)
    highest = max(numbers, default=0)
    assert set(check.missing) == set(range(1, highest + 1)) - set(numbers)
    assert set(check.duplicates) == {n for n in numbers if numbers.count(n) > 1}
    assert check.consecutive == (sorted(numbers) == list(range(1, len(numbers) + 1)))


def test_check_series_reports_sorted():
    check = check_series([1, 2, 2, 5, 1])
    assert check.missing == (3, 4)
    assert check.duplicates == (1, 2)


# -- uniqueness ---------------------------------------------------------------


def test_number_and_notation_are_unique_in_the_year():
    series = outgoing_series(UNIT, NOON, DECISION)
    key = uniqueness_key(series, issue_notation(series, 5, DECISION, "UBND"))
    assert key == uniqueness_key(series, parse_notation("5/qđ-ubnd"))
    next_year = outgoing_series(UNIT, datetime(2027, 1, 4, 9, 0), DECISION)
    assert key != uniqueness_key(
        next_year, issue_notation(next_year, 5, DECISION, "UBND")
    )
    other_unit = outgoing_series("u2", NOON, DECISION)
    assert key != uniqueness_key(other_unit, parse_notation("05/QĐ-UBND"))


def test_secret_number_may_repeat_an_ordinary_notation():
    ordinary = outgoing_series(UNIT, NOON, DECISION)
    secret = outgoing_series(UNIT, NOON, DECISION, confidentiality="confidential")
    notation = parse_notation("05/QĐ-UBND")
    assert uniqueness_key(ordinary, notation) != uniqueness_key(secret, notation)


def test_duplicate_received_document():
    first = duplicate_key(
        "org:vpcp", parse_notation("7816/VPCP-TTĐT"), date(2015, 9, 30)
    )
    again = duplicate_key(
        "org:vpcp", parse_notation("Số: 7816/vpcp-ttđt"), date(2015, 9, 30)
    )
    next_year = duplicate_key(
        "org:vpcp", parse_notation("7816/VPCP-TTĐT"), date(2016, 2, 1)
    )
    assert first == again
    assert first != next_year


# -- marks -------------------------------------------------------------------


def test_urgency_vocabulary_in_order():
    assert [(u.id, u.title, u.stamp) for u in marks.URGENCIES] == [
        ("normal", "Thường", ""),
        ("urgent", "Khẩn", "KHẨN"),
        ("very_urgent", "Thượng khẩn", "THƯỢNG KHẨN"),
        ("flash", "Hỏa tốc", "HỎA TỐC"),
    ]
    assert sorted(
        ["urgent", "normal", "flash", "very_urgent"], key=marks.most_urgent_first
    ) == [
        "flash",
        "very_urgent",
        "urgent",
        "normal",
    ]
    assert [marks.is_urgent(u) for u in marks.URGENCY_IDS] == [False, True, True, True]
    assert marks.urgency_at_least("flash", "very_urgent")
    assert not marks.urgency_at_least("urgent", "very_urgent")
    assert marks.EDXML_PRIORITY["flash"] == 3


def test_confidentiality_vocabulary_in_order():
    assert [(c.id, c.title, c.stamp) for c in marks.CONFIDENTIALITIES] == [
        ("normal", "Thường", ""),
        ("confidential", "Mật", "MẬT"),
        ("secret", "Tối mật", "TỐI MẬT"),
        ("top_secret", "Tuyệt mật", "TUYỆT MẬT"),
    ]
    assert [marks.is_secret(c) for c in marks.CONFIDENTIALITY_IDS] == [
        False,
        True,
        True,
        True,
    ]
    assert marks.confidentiality_at_least("top_secret", "secret")
    assert not marks.confidentiality_at_least("confidential", "secret")
    assert (
        marks.highest_confidentiality(["normal", "secret", "confidential"]) == "secret"
    )
    assert marks.highest_confidentiality([]) == "normal"
    with pytest.raises(ValueError, match="unknown urgency 'hoa_toc'"):
        marks.urgency("hoa_toc")


# -- a year of issuing, as a property ------------------------------------------

#: Moments around the turn of the year, aware (UTC) or naive (local).
MOMENT = st.one_of(
    st.datetimes(datetime(2026, 12, 30), datetime(2027, 1, 2)),
    st.datetimes(datetime(2026, 12, 30), datetime(2027, 1, 2)).map(
        lambda moment: moment.replace(tzinfo=UTC)
    ),
)
ISSUE = st.tuples(
    st.sampled_from(["u1", "u2"]),
    MOMENT,
    st.sampled_from([DECISION, DISPATCH, REPORT, document_type("resolution")]),
    st.booleans(),
    st.sampled_from(marks.CONFIDENTIALITY_IDS),
)


@given(st.lists(ISSUE, max_size=60))
def test_every_series_is_consecutive_and_every_number_unique(issues):
    counters: dict[str, int] = {}
    taken: dict[str, list[int]] = {}
    keys = set()
    for unit, moment, doctype, normative, level in sorted(
        issues, key=lambda issue: number_year(issue[1])
    ):
        normative = (
            normative and doctype.may_be_normative and not marks.is_secret(level)
        )
        series = outgoing_series(unit, moment, doctype, normative, level)
        number = counters[series.key] = next_number(counters.get(series.key))
        taken.setdefault(series.key, []).append(number)
        department = "VP" if doctype.dispatch_form else ""
        notation = issue_notation(series, number, doctype, "UBND", department)
        key = uniqueness_key(series, notation)
        assert key not in keys
        keys.add(key)
        assert notation.year == (series.year if normative else None)
    for numbers in taken.values():
        assert check_series(numbers).consecutive
