"""The register's results in force on a day: the few documents checked on
their timeline take their place among the catalog's lazy results, newest
signed first, without waking the others."""

from datetime import date
from dienbien.policy.legal.search import NewestFirst
from hypothesis import given
from hypothesis import strategies as st
from types import SimpleNamespace


class Lazy(list):
    """A catalog result that notes the furthest item read."""

    read = 0

    def __getitem__(self, index):
        Lazy.read = max(Lazy.read, index + 1)
        return super().__getitem__(index)


def brains(days):
    return [SimpleNamespace(legal_signed=day) for day in days]


DAYS = st.lists(st.dates().map(lambda day: day.isoformat()), max_size=30)


@given(DAYS, DAYS)
def test_the_same_as_one_sorted_list(long_days, few_days):
    long = sorted(brains(long_days), key=lambda b: b.legal_signed, reverse=True)
    few = sorted(brains(few_days), key=lambda b: b.legal_signed, reverse=True)
    merged = NewestFirst(Lazy(long), few)
    expected = sorted(long + few, key=lambda b: b.legal_signed, reverse=True)
    assert len(merged) == len(expected)
    assert [b.legal_signed for b in merged[:]] == [b.legal_signed for b in expected]
    assert {id(b) for b in merged[:]} == {id(b) for b in expected}
    if expected:
        assert merged[-1].legal_signed == expected[-1].legal_signed


def test_a_page_wakes_only_the_documents_before_its_end():
    days = [f"2020-01-{day:02d}" for day in range(28, 0, -1) for _ in range(500)]
    long = Lazy(brains(days))
    long.actual_result_count = 20_000  # the catalog sorted only a part
    Lazy.read = 0
    merged = NewestFirst(long, brains(["2020-01-27", "2020-01-15"]))
    page = merged[25:50]
    assert len(merged) == 20_002
    assert [b.legal_signed for b in page] == ["2020-01-28"] * 25
    assert Lazy.read <= 50
    assert merged[1000].legal_signed == "2020-01-27"  # after the same day's


@given(st.lists(st.dates(), min_size=1, max_size=6, unique=True), st.dates())
def test_a_stored_timeline_read_as_text_agrees_with_the_core(days, day):
    from dienbien.policy.core.legal import validity
    from dienbien.policy.legal.search import _in_status
    from dienbien.policy.legal.search import _periods
    from dienbien.policy.legal.validity import as_stored

    days = sorted(days)
    statuses = [validity.NOT_YET, validity.IN_FORCE, validity.SUSPENDED]
    periods = [
        validity.Period(start, end, statuses[i % 2 + (i % 3 == 2)])
        for i, (start, end) in enumerate(
            zip([date.min, *days], [*days, validity.FOREVER], strict=True)
        )
    ]
    stored = as_stored(periods)
    expected = validity.status_on(_periods(stored), day)
    for status in statuses:
        assert _in_status(stored, day.isoformat(), status) == (status == expected)
