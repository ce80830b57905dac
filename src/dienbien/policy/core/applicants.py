"""Finding a dossier by its applicant: search terms for the name (folded,
without diacritics), the phone and the ID number (normalised digits).

The catalog keeps these terms keyed-hashed (``hashed``): a staff search
hashes its query the same way and meets them, but the catalog holds no phone
or ID number in clear, and without the site's key nobody can try the ten
billion phone numbers against it. Numbers match whole (exact or normalised),
never by a few digits: the last four digits are the public lookup's secret.

    >>> applicant_terms("Lò Thị Ún", "+84 987 654 321", "001 203 004 005")
    ['n:lo', 'n:thi', 'n:un', 'd:0987654321', 'd:001203004005']
    >>> query_terms("lo thi un 0987.654.321")
    ['d:0987654321', 'n:lo', 'n:thi', 'n:un']
"""

from .text import words

import hashlib
import hmac
import re


#: A phone or ID number as typed: digits with spaces, dots or dashes, an
#: optional leading ``+``; six digits at least.
NUMBER = re.compile(r"(?<!\w)\+?\d[\d .\-]*\d(?!\w)")
MIN_DIGITS = 6


def number_term(text: str) -> str:
    """A phone or ID number, normalised: letters and digits only, lower
    case, and a Vietnamese phone's country code (``+84``, ``84``) read as
    the leading ``0``."""
    plain = "".join(c for c in text if c.isalnum()).lower()
    if plain.isdigit() and plain.startswith("84") and len(plain) == 11:
        plain = "0" + plain[2:]
    return plain


def applicant_terms(name: str, phone: str = "", id_number: str = "") -> list[str]:
    """The terms under which a dossier is found: ``n:<word>`` for each word
    of the name, ``d:<number>`` for the phone and the ID number."""
    terms = [f"n:{word}" for word in words(name or "")]
    for number in (phone, id_number):
        if number and number_term(number):
            terms.append(f"d:{number_term(number)}")
    return list(dict.fromkeys(terms))


def query_terms(query: str) -> list[str]:
    """The terms a staff query must all match: numbers (six digits or more,
    separators allowed) and words with digits (an ID with letters) as
    numbers, other words as name words."""
    terms = []
    rest = query or ""
    for match in NUMBER.finditer(query or ""):
        if sum(c.isdigit() for c in match.group()) >= MIN_DIGITS:
            terms.append(f"d:{number_term(match.group())}")
            rest = rest.replace(match.group(), " ", 1)
    for word in words(rest):
        if any(c.isdigit() for c in word):
            terms.append(f"d:{number_term(word)}")
        else:
            terms.append(f"n:{word}")
    return list(dict.fromkeys(terms))


def hashed(terms: list[str], key: bytes) -> list[str]:
    """The terms as the catalog keeps them: HMAC-SHA256 under the site's
    key, 20 hex digits (80 bits: no two terms of one site meet by chance)."""
    return [
        hmac.new(key, term.encode("utf-8"), hashlib.sha256).hexdigest()[:20]
        for term in terms
    ]
