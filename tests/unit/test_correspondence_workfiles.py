"""Work files (Decree 30/2020 Art. 28–30; domain.md §3): the file plan's
entries, retention, the archive deadline a year after closing."""

from datetime import date
from datetime import timedelta
from dienbien.policy.core.correspondence import workfiles
from dienbien.policy.core.correspondence.workfiles import add_items
from dienbien.policy.core.correspondence.workfiles import archive_deadline
from dienbien.policy.core.correspondence.workfiles import archive_status
from dienbien.policy.core.correspondence.workfiles import check_entry
from dienbien.policy.core.correspondence.workfiles import check_symbol
from dienbien.policy.core.correspondence.workfiles import due_for_archive
from dienbien.policy.core.correspondence.workfiles import file_code
from dienbien.policy.core.correspondence.workfiles import load_retention
from dienbien.policy.core.correspondence.workfiles import may_add_documents
from dienbien.policy.core.correspondence.workfiles import normalise_symbol
from dienbien.policy.core.correspondence.workfiles import parse_retention
from dienbien.policy.core.correspondence.workfiles import plan_order
from dienbien.policy.core.correspondence.workfiles import PlanEntry
from dienbien.policy.core.correspondence.workfiles import remove_items
from dienbien.policy.core.correspondence.workfiles import Retention
from dienbien.policy.core.correspondence.workfiles import retention_end
from dienbien.policy.core.correspondence.workfiles import symbol_sort_key
from hypothesis import given
from hypothesis import strategies as st

import pytest


DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
UIDS = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=8)


# -- retention -----------------------------------------------------------------


def test_retention_tokens():
    assert parse_retention("permanent") == Retention()
    assert parse_retention("Permanent ").permanent
    assert parse_retention("10") == Retention(10)
    assert parse_retention(5).token == "5"
    assert Retention().token == "permanent"


@pytest.mark.parametrize("value", ["", "ten", "-3", "0", 0, 2.5, None, True])
def test_retention_refused(value):
    with pytest.raises(ValueError):
        parse_retention(value)


def test_retention_table_from_data():
    table = load_retention()
    assert table.periods[0] == Retention()
    assert Retention(10) in table.periods
    assert Retention(70) in table.periods
    assert table.default == Retention(10)
    assert all(group.unverified for group in table.groups)


def test_retention_end_counts_from_the_year_the_work_ends():
    assert retention_end(date(2026, 3, 4), Retention(10)) == date(2036, 12, 31)
    assert retention_end(date(2026, 12, 31), Retention(2)) == date(2028, 12, 31)
    assert retention_end(date(2026, 3, 4), Retention()) is None


@given(DAYS, st.integers(min_value=1, max_value=70))
def test_retention_end_is_a_31_december_after_closing(closed, years):
    end = retention_end(closed, Retention(years))
    assert (end.month, end.day) == (12, 31)
    assert end.year - closed.year == years
    assert end > closed


# -- symbols -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01.TH", "01.TH"),
        (" 01 . th ", "01.TH"),
        ("tckh-02", "TCKH-02"),
        ("03/VP", "03/VP"),
        ("05.Đ", "05.Đ"),
        ("05.ke\u0302", "05.K\u00ca"),  # decomposed marks composed
    ],
)
def test_symbol_normalised(typed, stored):
    assert normalise_symbol(typed) == stored
    assert check_symbol(typed) == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "The file's number and symbol is required."),
        ("  ", "The file's number and symbol is required."),
        (
            "01.TH.QUÁ.DÀI.MỘT.CHÚT",
            "The file's number and symbol has at most 20 characters.",
        ),
        (
            "01..TH",
            "Write the file's number and symbol with letters and digits joined by '.', '-' or '/', e.g. 01.TH.",
        ),
        (
            "01 TH",
            "Write the file's number and symbol with letters and digits joined by '.', '-' or '/', e.g. 01.TH.",
        ),
        (
            "01_TH",
            "Write the file's number and symbol with letters and digits joined by '.', '-' or '/', e.g. 01.TH.",
        ),
        (
            ".TH",
            "Write the file's number and symbol with letters and digits joined by '.', '-' or '/', e.g. 01.TH.",
        ),
    ],
)
def test_symbol_refused(typed, message):
    problems = check_symbol(typed)
    assert [(p.field, p.message) for p in problems] == [("symbol", message)]


def test_plan_order_is_numeric():
    entries = [
        PlanEntry(symbol, "t", Retention(5), "u")
        for symbol in ("10.TH", "2.TH", "01.KT", "01.TH", "TH")
    ]
    assert [e.symbol for e in plan_order(entries)] == [
        "01.KT",
        "01.TH",
        "2.TH",
        "10.TH",
        "TH",
    ]


@given(st.integers(0, 999), st.integers(0, 999))
def test_symbol_numbers_sort_as_numbers(a, b):
    assert (symbol_sort_key(f"{a}.TH") < symbol_sort_key(f"{b}.TH")) == (a < b)


def test_file_code():
    assert file_code("H15.50.05", 2026, "01.th") == "H15.50.05.2026.01.TH"


# -- entries -------------------------------------------------------------------


def test_entry_accepted():
    assert check_entry("01.TH", "Hồ sơ hội nghị tổng kết năm 2026", "canbo") == []


def test_entry_duplicate_symbol_in_the_plan():
    problems = check_entry("01.th", "Báo cáo", "canbo", taken=["02.TH", "01.TH"])
    assert [p.message for p in problems] == ["The file plan already has a file 01.TH."]


def test_entry_missing_everything():
    problems = check_entry("", " ", "")
    assert [p.field for p in problems] == ["symbol", "title", "owner"]


def test_entry_title_too_long():
    problems = check_entry("01.TH", "x" * 501, "canbo")
    assert [p.message for p in problems] == [
        "The file's title has at most 500 characters."
    ]


def test_entry_key_ignores_case_and_spaces():
    assert PlanEntry("01 . th", "t", Retention(), "u").key == "01.th"


# -- the file's life -------------------------------------------------------------


def test_documents_are_added_to_open_files_only():
    assert may_add_documents(workfiles.OPEN)
    assert not may_add_documents(workfiles.CLOSED)
    assert not may_add_documents(workfiles.PLANNED)


def test_add_and_remove_items():
    assert add_items(("a", "b"), ["b", "c", "", "a", "d"]) == ("a", "b", "c", "d")
    assert remove_items(("a", "b", "c"), ["b", "x"]) == ("a", "c")


@given(UIDS, UIDS)
def test_add_items_keeps_each_once_in_order(items, new):
    result = add_items(items, new)
    assert len(result) == len(set(result))
    assert set(result) == set(items) | set(new)
    # what was there stays first, in its order
    assert result[: len(set(items))] == tuple(dict.fromkeys(items))


@given(UIDS, UIDS)
def test_remove_what_was_added(items, new):
    base = tuple(dict.fromkeys(items))
    added = add_items(base, new)
    assert remove_items(added, [uid for uid in new if uid not in base]) == base


# -- the archive ---------------------------------------------------------------


def test_archive_deadline_is_a_year_after_closing():
    assert archive_deadline(date(2025, 11, 30)) == date(2026, 11, 30)
    assert archive_deadline(date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 10, 30), "not_due"),
        (date(2026, 10, 31), "soon"),  # 30 days before
        (date(2026, 11, 29), "soon"),
        (date(2026, 11, 30), "due"),  # the anniversary: the last day allowed
        (date(2027, 5, 1), "due"),
    ],
)
def test_archive_status(today, status):
    assert archive_status(date(2025, 11, 30), today) == status


def test_an_open_file_is_never_due():
    assert archive_status(None, date(2099, 1, 1)) == "not_due"
    assert not due_for_archive(None, date(2099, 1, 1))


@given(DAYS, st.integers(min_value=0, max_value=800))
def test_due_exactly_from_the_deadline(closed, days):
    today = closed + timedelta(days=days)
    assert due_for_archive(closed, today) == (today >= archive_deadline(closed))
    # a year is 365 or 366 days: never due before 365, always from 366
    if days < 365:
        assert not due_for_archive(closed, today)
    if days >= 366:
        assert due_for_archive(closed, today)


@given(DAYS, DAYS)
def test_due_is_monotonic(closed, today):
    if due_for_archive(closed, today):
        assert due_for_archive(closed, today + timedelta(days=1))


@pytest.mark.parametrize(
    ("day", "latest"),
    [
        (date(2026, 11, 30), date(2025, 11, 30)),
        (date(2025, 2, 28), date(2024, 2, 29)),  # closed 29/02 is due 28/02
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2028, 3, 1), date(2027, 3, 1)),
    ],
)
def test_latest_closing_day(day, latest):
    assert workfiles.latest_closing_day(day) == latest


@given(DAYS)
def test_latest_closing_day_is_the_boundary(day):
    latest = workfiles.latest_closing_day(day)
    assert archive_deadline(latest) <= day
    assert archive_deadline(latest + timedelta(days=1)) > day


@given(st.integers(0, 99999), st.integers(0, 99999))
def test_symbol_sort_text_orders_like_the_plan(a, b):
    left = workfiles.symbol_sort_text(f"{a}.TH")
    right = workfiles.symbol_sort_text(f"{b}.TH")
    assert (left < right) == (a < b)
    assert workfiles.symbol_sort_text("2.th") == "000002.th"
