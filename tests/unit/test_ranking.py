"""Ranking catalogue results by relevance, without Plone."""

from dienbien.policy.core.ranking import BODY_ALL
from dienbien.policy.core.ranking import BODY_SOME
from dienbien.policy.core.ranking import query_terms
from dienbien.policy.core.ranking import rank
from dienbien.policy.core.ranking import relevance
from dienbien.policy.core.ranking import TITLE_ALL
from dienbien.policy.core.ranking import TITLE_SOME
from hypothesis import given
from hypothesis import strategies as st
from itertools import pairwise

import pytest


FOOD = (
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở "
    "sản xuất, kinh doanh nông, lâm, thủy sản"
)
COPY = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
SIGNATURE = "Chứng thực chữ ký trong các giấy tờ, văn bản"
LAND = "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"
BIRTH = "Đăng ký khai sinh"


def ranked(query, items):
    """``items``: (title, matches_all) pairs; the titles best first."""
    return [title for title, _all in rank(query, items, lambda i: i[0], lambda i: i[1])]


def test_chung_thuc_puts_certification_before_food_safety():
    items = [(FOOD, True), (LAND, False), (SIGNATURE, True), (COPY, True)]
    assert ranked("chung thuc", items) == [COPY, SIGNATURE, FOOD, LAND]


def test_prefix_of_the_last_word_still_counts_as_together():
    items = [(FOOD, True), (COPY, True)]
    assert ranked("chung thu", items) == [COPY, FOOD]


def test_groups():
    terms = query_terms("khai sinh")
    assert relevance(terms, BIRTH, True)[0] == TITLE_ALL
    assert relevance(terms, "Đăng ký kết hôn", True)[0] == BODY_ALL
    assert relevance(terms, "Cấp bản sao trích lục khai tử", False)[0] == TITLE_SOME
    assert relevance(terms, "Đăng ký kết hôn", False)[0] == BODY_SOME


def test_title_before_body_and_all_before_some():
    items = [
        ("Đăng ký kết hôn", False),  # some words, body only
        ("Cấp bản sao trích lục khai tử", False),  # "khai" in the title
        ("Đăng ký nhận cha, mẹ, con", True),  # both words, in the body
        (BIRTH, True),
    ]
    assert ranked("khai sinh", items) == [
        BIRTH,
        "Đăng ký nhận cha, mẹ, con",
        "Cấp bản sao trích lục khai tử",
        "Đăng ký kết hôn",
    ]


def test_whole_words_before_prefixes_then_name():
    items = [("Thuê đất", True), ("Thu hồi đất", True), ("Bồi thường, thu hồi", True)]
    # All hold "thu" in the title; "Thuê đất" only as a prefix.
    assert ranked("thu", items) == ["Bồi thường, thu hồi", "Thu hồi đất", "Thuê đất"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Chứng thực", ["chung", "thuc"]),
        ("chung* thuc?", ["chung", "thuc"]),
        (["ban", "sao", "ban"], ["ban", "sao"]),
        ("", []),
    ],
)
def test_query_terms(query, expected):
    assert query_terms(query) == expected


# -- Properties ---------------------------------------------------------------

WORDS = st.sampled_from(
    ["chứng", "thực", "bản", "sao", "đăng", "ký", "khai", "sinh", "đất", "thu"]
)
TITLES = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
ITEMS = st.lists(st.tuples(TITLES, st.booleans()), max_size=12)
QUERIES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)


def _title_has_all(query, title):
    title_words = query_terms(title)
    return all(
        any(word.startswith(term) for word in title_words)
        for term in query_terms(query)
    )


@given(QUERIES, ITEMS)
def test_ranking_is_a_permutation(query, items):
    assert sorted(ranked(query, items)) == sorted(title for title, _ in items)


@given(QUERIES, ITEMS)
def test_titles_with_every_word_come_first(query, items):
    order = [_title_has_all(query, title) for title in ranked(query, items)]
    assert order == sorted(order, reverse=True)


@given(QUERIES, ITEMS)
def test_all_words_before_some(query, items):
    result = rank(query, items, lambda i: i[0], lambda i: i[1])
    has_all = [_title_has_all(query, title) or every for title, every in result]
    assert has_all == sorted(has_all, reverse=True)


@given(QUERIES, ITEMS)
def test_equal_relevance_is_by_name(query, items):
    terms = query_terms(query)
    result = rank(query, items, lambda i: i[0], lambda i: i[1])
    keys = [relevance(terms, title, every) for title, every in result]
    for before, after in pairwise(keys):
        if before[:4] == after[:4]:
            assert before[4] <= after[4]


@given(QUERIES, ITEMS)
def test_order_of_the_input_does_not_matter(query, items):
    assert ranked(query, items) == ranked(query, list(reversed(items)))
