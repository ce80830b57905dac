"""The sliding windows of the status lookup: exact counts, an injected
clock, and memory that stays bounded."""

from dienbien.policy.core.ratelimit import SlidingWindow
from hypothesis import given
from hypothesis import strategies as st

import pytest


class Clock:
    def __init__(self, now=0.0):
        self.now = now

    def __call__(self):
        return self.now


def test_limit_per_key_and_exact_wait():
    clock = Clock()
    limit = SlidingWindow(limit=3, window=60, clock=clock)
    for _ in range(3):
        assert limit.allow("a") == (True, 0)
        clock.now += 10
    # Three at 0, 10 and 20; now 30: the first leaves the window at 60.
    assert limit.allow("a") == (False, 30)
    assert limit.allow("b") == (True, 0)
    clock.now = 59.5
    assert limit.allow("a") == (False, 1)
    clock.now = 60
    assert limit.allow("a") == (True, 0)
    # Refused requests were not counted: one slot freed, one taken.
    assert limit.allow("a") == (False, 10)


def test_idle_clients_are_forgotten():
    clock = Clock()
    limit = SlidingWindow(limit=20, window=60, clock=clock)
    for number in range(1000):
        limit.allow(f"10.0.{number // 256}.{number % 256}")
    assert len(limit) == 1000
    clock.now = 30
    limit.allow("192.0.2.1")
    assert len(limit) == 1001
    clock.now = 60  # every client of time 0 is idle for a whole window
    assert len(limit) == 1
    clock.now = 90
    assert len(limit) == 0


def test_a_flood_of_new_keys_stays_within_max_keys():
    clock = Clock()
    limit = SlidingWindow(limit=5, window=3600, max_keys=100, clock=clock)
    limit.hit("victim")
    for number in range(10_000):
        limit.allow(f"key-{number}")
        clock.now += 0.001
    assert len(limit) == 100
    # The least recently active went first.
    assert limit.retry_after("victim") == 0
    assert limit.hit("victim") == 1


def test_failures_lock_a_key_for_the_rest_of_the_hour():
    clock = Clock(1000)
    failures = SlidingWindow(limit=5, window=3600, clock=clock)
    for expected in range(1, 5):
        assert failures.hit("code") == expected
        assert not failures.is_locked("code")
        clock.now += 60
    assert failures.hit("code") == 5  # at 1240
    assert failures.is_locked("code")
    assert failures.retry_after("code") == 3360  # the hour of the first (1000)
    clock.now = 1000 + 3599
    assert failures.retry_after("code") == 1
    # Hits while locked are not recorded: the lock does not grow.
    assert failures.hit("code") == 5
    clock.now = 1000 + 3600
    assert not failures.is_locked("code")
    assert failures.hit("code") == 5
    assert failures.is_locked("code")
    assert failures.retry_after("code") == 60


def test_reset():
    limit = SlidingWindow(limit=1, window=60, clock=Clock())
    limit.allow("a")
    limit.reset()
    assert len(limit) == 0
    assert limit.allow("a") == (True, 0)


@pytest.mark.parametrize(
    "arguments", [{"limit": 0, "window": 1}, {"limit": 1, "window": 0}]
)
def test_refuses_nonsense(arguments):
    with pytest.raises(ValueError):
        SlidingWindow(**arguments)


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdefgh"), st.floats(min_value=0, max_value=50)),
        max_size=200,
    )
)
def test_never_more_than_limit_in_any_window(events):
    """Whatever the traffic, no key gets more than ``limit`` allowed events
    in any window, and memory never holds more than ``max_keys`` keys."""
    clock = Clock()
    limit = SlidingWindow(limit=3, window=10, max_keys=5, clock=clock)
    allowed: dict[str, list[float]] = {}
    for key, step in events:
        clock.now += step
        if limit.allow(key)[0]:
            allowed.setdefault(key, []).append(clock.now)
        assert len(limit._hits) <= 5
    for times in allowed.values():
        for start in times:
            assert sum(1 for t in times if start <= t < start + 10) <= 3
