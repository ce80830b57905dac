"""Vietnamese text folded for search: no diacritics, no case.

domain.md §5: citizens type without diacritics, and "dang ky khai sinh" must
find "Đăng ký khai sinh". Folding both the indexed text and the query to the
same plain ASCII form makes them meet::

    >>> fold("Đăng ký khai sinh")
    'dang ky khai sinh'
    >>> words("Chứng thực bản sao; Ủy ban nhân dân")
    ['chung', 'thuc', 'ban', 'sao', 'uy', 'ban', 'nhan', 'dan']
    >>> terms("Chứng* th?c")
    ['chung*', 'th?c']

Unidecode does the transliteration (``đ``/``Đ`` are mapped to ``d``
explicitly, since they are the one Vietnamese letter that is not a base
letter plus marks). Word characters stay word characters, and other
characters never become word characters or the glob characters ``*`` and
``?``, so folding does not join or split the words of Vietnamese text.
"""

from functools import lru_cache
from unidecode import unidecode

import re
import unicodedata


#: Letters that are not a Latin letter plus combining marks, mapped by hand.
SPECIAL = {"đ": "d", "Đ": "d"}

#: A folded word: ASCII letters, digits, underscore.
WORD = re.compile(r"[a-z0-9_]+")

#: A folded query term: a word, then possibly ZCTextIndex's glob characters
#: (``*`` any run, ``?`` one character). Like ZCTextIndex's own splitter, a
#: glob never starts a term.
TERM = re.compile(r"[a-z0-9_]+[a-z0-9_*?]*")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in SPECIAL:
        return SPECIAL[char]
    if char.isascii():
        return char.lower()
    if char.isalnum():
        # A letter or digit of any script: its transliteration's letters
        # and digits only ("ß" -> "ss", "²" -> "2"), so it stays inside its
        # word. Unidecode knows nothing of a few: they fold to nothing.
        return "".join(c for c in unidecode(char) if c.isalnum()).lower()
    if char.isspace():
        return " "
    # Punctuation, symbols, combining marks left over after composition:
    # whatever is not a letter, digit or glob character in their
    # transliteration ("–" -> "-", "©" -> "()", "¿" -> "", U+0301 -> "").
    return "".join(c for c in unidecode(char) if not (c.isalnum() or c in "*?"))


def fold(text: str) -> str:
    """``text`` in lower-case ASCII without diacritics.

    Idempotent, and the same for composed (NFC) and decomposed (NFD) input.
    """
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFC", text)
    return "".join(map(_fold_char, text))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """The folded words of ``text``, keeping the glob characters ``*`` and
    ``?`` that end or sit inside a word (``"Đăng*"`` -> ``["dang*"]``).

    What a lexicon stores for indexed text, and what it looks up for a query:
    the two must fold the same way.
    """
    return TERM.findall(fold(text))
