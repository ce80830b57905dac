"""Time-ordered UIDs for bulk loads (core.uids)."""

from dienbien.policy.core import uids as module
from dienbien.policy.core.uids import OrderedUids
from hypothesis import given
from hypothesis import strategies as st

import doctest
import itertools
import uuid


def test_doctests():
    assert doctest.testmod(module).failed == 0


def test_a_uid_is_a_version_7_uuid_starting_with_the_millisecond():
    uid = OrderedUids(clock=lambda: 1_764_633_600_123_456_789)()

    parsed = uuid.UUID(uid)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert parsed.hex == uid
    assert int(uid[:12], 16) == 1_764_633_600_123


def test_more_than_the_counter_holds_in_one_millisecond_borrows_the_next():
    uids = OrderedUids(clock=lambda: 1_000_000)
    made = [uids() for _ in range(4097)]

    assert [int(uid[:12], 16) for uid in made[4095:]] == [1, 2]
    assert made == sorted(made)


@given(st.lists(st.integers(min_value=0, max_value=2**62), min_size=2, max_size=200))
def test_each_uid_is_greater_than_the_one_before_whatever_the_clock_does(readings):
    clock = iter(readings)
    uids = OrderedUids(clock=lambda: next(clock))
    made = [uids() for _ in readings]

    assert all(before < after for before, after in itertools.pairwise(made))
    assert all(uuid.UUID(uid).version == 7 for uid in made)
