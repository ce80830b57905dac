"""Ranking the catalogue's search results by relevance (issue 9, item 6).

A citizen typing "chung thuc" wants "Chứng thực bản sao…", not "Cấp Giấy
chứng nhận … an toàn thực phẩm", although both titles hold both words. The
order, best first:

1. every word of the query in the title;
2. every word somewhere (the body: steps, papers, legal basis…);
3. some words in the title;
4. some words in the body only.

Within a group, a title holding the words together and in order (the last
one may be cut short: "chung thu") comes first, then titles holding more of
the words whole (not only as a prefix), then the name. Words are compared
folded (:mod:`dienbien.policy.core.text`), each query word as a prefix of a
title word, as the full-text index does.
"""

from .text import fold
from .text import words
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import TypeVar


T = TypeVar("T")

#: The groups, best first.
TITLE_ALL, BODY_ALL, TITLE_SOME, BODY_SOME = range(4)


def query_terms(query: str | Sequence[str]) -> list[str]:
    """The folded words of a query (a text or its words), glob characters
    dropped, each word once, in order."""
    text = query if isinstance(query, str) else " ".join(query)
    seen = []
    for word in words(text.replace("*", " ").replace("?", " ")):
        if word not in seen:
            seen.append(word)
    return seen


def _phrase(terms: Sequence[str], title: Sequence[str]) -> bool:
    """Whether ``terms`` stand together and in order in ``title``: whole
    words, except the last, which may be the start of a word."""
    size = len(terms)
    for start in range(len(title) - size + 1):
        window = title[start : start + size]
        if list(window[:-1]) == list(terms[:-1]) and window[-1].startswith(terms[-1]):
            return True
    return False


def relevance(terms: Sequence[str], title: str, matches_all: bool) -> tuple:
    """The sort key of one result (smaller is better).

    ``terms`` come from :func:`query_terms`; ``matches_all`` says whether the
    full-text index found every word in the item (title or body).
    """
    title_words = words(title)
    whole = sum(term in title_words for term in terms)
    prefixed = sum(any(w.startswith(term) for w in title_words) for term in terms)
    if terms and prefixed == len(terms):
        group = TITLE_ALL
    elif matches_all:
        group = BODY_ALL
    elif prefixed:
        group = TITLE_SOME
    else:
        group = BODY_SOME
    together = bool(terms) and _phrase(terms, title_words)
    return (group, not together, -whole, -prefixed, fold(title), title)


def rank(
    query: str | Sequence[str],
    items: Iterable[T],
    title: Callable[[T], str],
    matches_all: Callable[[T], bool],
) -> list[T]:
    """``items`` best first for ``query``."""
    terms = query_terms(query)
    return sorted(
        items, key=lambda item: relevance(terms, title(item) or "", matches_all(item))
    )
