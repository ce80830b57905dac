"""``is_whole``: what ``int()`` reads without fail, so that bad input is a
400 and never a 500."""

from dienbien.policy.core.numbers import is_whole
from hypothesis import given
from hypothesis import strategies as st

import pytest


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_every_plain_number_is_whole(number):
    assert is_whole(str(number))
    assert is_whole(number)


@pytest.mark.parametrize(
    "text",
    ["", "²", "2²", "٣", "１２", "-1", "+1", "1.5", " 12", "12 ", "9" * 19, "9" * 5000],
)
def test_what_int_would_refuse_or_misread_is_not(text):
    assert not is_whole(text)


@given(st.text(max_size=30))
def test_a_whole_number_always_converts(text):
    if is_whole(text):
        assert 0 <= int(text) < 10**18
