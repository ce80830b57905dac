"""The register's results in force on a day: the few documents checked on
their timeline take their place among the catalog's lazy results, newest
signed first, without waking the others."""

from dienbien.policy.legal.search import NewestFirst
from hypothesis import given
from hypothesis import strategies as st
from types import SimpleNamespace


class Lazy(list):
    """A catalog result that counts the items read."""

    read = 0

    def __getitem__(self, index):
        Lazy.read += 1
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


def test_a_page_wakes_only_what_it_shows_and_a_binary_search():
    long = Lazy(brains(f"2020-01-{day:02d}" for day in range(28, 0, -1)) * 500)
    long.sort(key=lambda b: b.legal_signed, reverse=True)
    Lazy.read = 0
    merged = NewestFirst(long, brains(["2020-01-15"]))
    page = merged[25:50]
    assert len(page) == 25 and len(merged) == 14_001
    assert Lazy.read < 25 + 2 * 15
