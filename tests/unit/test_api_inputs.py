"""Core pieces the API's input checks rest on."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.calendar import FIRST_YEAR
from dienbien.policy.core.calendar import in_calendar
from dienbien.policy.core.calendar import LAST_YEAR
from dienbien.policy.core.procedures import query_words
from hypothesis import given
from hypothesis import strategies as st

import pytest


@pytest.mark.parametrize(
    ("day", "answer"),
    [
        (date(FIRST_YEAR, 1, 1), True),
        (datetime(LAST_YEAR, 12, 31, 23, 59), True),
        (date(1999, 12, 31), False),
        (date(9999, 12, 31), False),
        (datetime(1, 1, 1), False),
    ],
)
def test_in_calendar(day, answer):
    assert in_calendar(day) is answer


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("chung thu", ["chung", "thu"]),
        ("Chứng thực (bản sao)", ["Chứng", "thực", "bản", "sao"]),
        ("-khai sinh", ["khai", "sinh"]),
        ("\U000496a6\x9e)", []),
        ("- * ? AND", []),
        ("1.000948", ["1.000948"]),
        ("", []),
    ],
)
def test_query_words(text, words):
    assert query_words(text) == words


@given(st.text())
def test_query_words_are_words(text):
    """Every word holds a letter or digit and is no query operator."""
    for word in query_words(text):
        assert any(ch.isalnum() or ch == "_" for ch in word)
        assert not word.startswith("-")
        assert not set(word) & set('"()*?')
