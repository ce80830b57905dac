"""Number and notation of a document (số, ký hiệu; Decree 30/2020 Appendix I).

- ``Số: 05/QĐ-UBND``: number / type abbreviation - issuer abbreviation;
- công văn ``Số: 05/UBND-VP``: number / issuer - drafting department
  (the type has no abbreviation, Appendix III);
- normative documents add the year: ``Số: 05/2026/QĐ-UBND``;
- numbers below 10 take a leading zero (``05``).

Parsing reads the notations other issuers write on what we receive, which
follow the same grammar but with any issuer (``7816/VPCP-TTĐT``,
``12/2024/NĐ-CP``, ``64/2025/QH15``): a notation is a number, an optional
year, and a symbol of dash-separated parts.
"""

from ..messages import Problem
from . import doctypes
from dataclasses import dataclass

import re
import unicodedata


#: One part of a symbol: letters (any script, Đ included) and digits, as in
#: ``QĐ``, ``UBND``, ``TTĐT``, ``UBTVQH15``.
PART = re.compile(r"^[^\W_]+$")
NUMBER = re.compile(r"^[0-9]+$")
YEAR = re.compile(r"^[0-9]{4}$")
#: "Số:" copied with the number (also typed without marks), before its digits.
PREFIX = re.compile(r"^s[ốôo]\s*:?\s*(?=[0-9]|$)", re.IGNORECASE)


class NotationError(ValueError):
    """A notation that cannot be read or written; carries a ``Problem``."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _check_number(number: int) -> None:
    if number < 1:
        raise NotationError(
            Problem(
                "notation",
                "A document number starts at 1, not ${number}.",
                {"number": number},
            )
        )


def format_number(number: int) -> str:
    """``5`` → ``05``; ``12`` → ``12`` (a leading zero below 10)."""
    _check_number(number)
    return f"{number:02d}"


@dataclass(frozen=True)
class Notation:
    """A number and its symbol. ``type_abbreviation`` is empty for the
    công văn form, where ``department`` holds the drafting department;
    ``year`` is set for normative documents only."""

    number: int
    issuer: str
    type_abbreviation: str = ""
    department: str = ""
    year: int | None = None

    @property
    def symbol(self) -> str:
        """The ký hiệu: ``QĐ-UBND``, ``UBND-VP``, with the year in front for
        normative documents (``2026/QĐ-UBND``)."""
        parts = [self.type_abbreviation, self.issuer, self.department]
        symbol = "-".join(part for part in parts if part)
        return f"{self.year}/{symbol}" if self.year else symbol

    def __str__(self) -> str:
        return f"{format_number(self.number)}/{self.symbol}"

    @property
    def line(self) -> str:
        """As printed under the issuer: ``Số: 05/QĐ-UBND``."""
        return f"Số: {self}"

    @property
    def canonical(self) -> str:
        """The same notation written one way (numbers without leading zeros,
        type abbreviations as in Appendix III, parts without case), for
        uniqueness checks: ``5/QĐ-UBND`` and ``05/qđ-ubnd`` are one."""
        year = f"{self.year}/" if self.year else ""
        return f"{self.number}/{year}{self.symbol.split('/')[-1].casefold()}"


def _check_part(value: str, problem: Problem) -> None:
    if not PART.match(value):
        raise NotationError(problem)


def notation_for(
    number: int,
    doctype: doctypes.DocumentType,
    issuer: str,
    department: str = "",
    year: int | None = None,
) -> Notation:
    """The notation of a document we issue. ``year`` makes it normative,
    which only Nghị quyết and Quyết định may be; a công văn needs the
    drafting department."""
    format_number(number)
    _check_part(
        issuer,
        Problem(
            "notation",
            "The issuer's abbreviation ${value} must be letters and digits, "
            "without spaces or dashes.",
            {"value": issuer},
        ),
    )
    if year is not None:
        if not doctype.may_be_normative:
            raise NotationError(
                Problem(
                    "notation",
                    "A ${type} is not a normative document: its number has no year.",
                    {"type": doctype.title},
                )
            )
        if not 1 <= year <= 9999:
            raise NotationError(
                Problem("notation", "The year ${year} is not a year.", {"year": year})
            )
    if doctype.dispatch_form:
        if not department:
            raise NotationError(
                Problem(
                    "notation",
                    "A ${type} names its drafting department after the issuer "
                    "(05/UBND-VP).",
                    {"type": doctype.title},
                )
            )
        _check_part(
            department,
            Problem(
                "notation",
                "The drafting department's abbreviation ${value} must be letters "
                "and digits, without spaces or dashes.",
                {"value": department},
            ),
        )
        return Notation(number, issuer, "", department, year)
    if department:
        raise NotationError(
            Problem(
                "notation",
                "Only a công văn names the drafting department; a ${type} is "
                "numbered ${example}.",
                {
                    "type": doctype.title,
                    "example": f"05/{doctype.abbreviation}-{issuer}",
                },
            )
        )
    return Notation(number, issuer, doctype.abbreviation, "", year)


def _normalise(text: str) -> str:
    # Vietnamese typed on different keyboards: precomposed or combining
    # marks, spaces around the separators, a "Số:" copied with the number.
    text = unicodedata.normalize("NFC", str(text or "")).strip()
    text = PREFIX.sub("", text)
    return re.sub(r"\s*([/-])\s*", r"\1", text)


def parse_notation(text: str, doctype: doctypes.DocumentType | None = None) -> Notation:
    """Read a notation such as ``05/QĐ-UBND``, ``Số: 3954/UBND-VX`` or
    ``12/2024/NĐ-CP``; ``NotationError`` says what is wrong.

    Which part is the type: the ``doctype`` when the clerk has chosen it; else
    a first part that is an Appendix III abbreviation; else, for a numbered
    year (normative acts of any issuer: ``NĐ``, ``TT``), a first part followed
    by another; otherwise the công văn form (issuer, then department).
    """
    text = _normalise(text)
    if not text:
        raise NotationError(Problem("notation", "The number and notation are empty."))
    pieces = text.split("/")
    if len(pieces) < 2:
        raise NotationError(
            Problem(
                "notation",
                "${value} has no '/' between the number and the symbol (05/QĐ-UBND).",
                {"value": text},
            )
        )
    if len(pieces) > 3:
        raise NotationError(
            Problem(
                "notation", "${value} has too many '/' (05/QĐ-UBND).", {"value": text}
            )
        )
    number_text, *middle, symbol = pieces
    if not NUMBER.match(number_text):
        raise NotationError(
            Problem(
                "notation",
                "The number ${value} must be digits (05/QĐ-UBND).",
                {"value": number_text},
            )
        )
    number = int(number_text)
    _check_number(number)
    year = None
    if middle:
        if not YEAR.match(middle[0]) or int(middle[0]) < 1:
            raise NotationError(
                Problem(
                    "notation",
                    "${value} between the number and the symbol must be a year "
                    "(05/2026/QĐ-UBND).",
                    {"value": middle[0]},
                )
            )
        year = int(middle[0])
    parts = symbol.split("-")
    if not symbol or not all(parts):
        raise NotationError(
            Problem(
                "notation", "The symbol ${value} has an empty part.", {"value": symbol}
            )
        )
    for part in parts:
        _check_part(
            part,
            Problem(
                "notation",
                "The part ${value} of the symbol must be letters and digits "
                "(05/QĐ-UBND).",
                {"value": part},
            ),
        )
    return _split(number, year, parts, doctype)


def _split(number, year, parts, doctype) -> Notation:
    first, rest = parts[0], parts[1:]
    if doctype is not None:
        if doctype.dispatch_form:
            return Notation(number, first, "", "-".join(rest), year)
        if first.casefold() != doctype.abbreviation.casefold():
            raise NotationError(
                Problem(
                    "notation",
                    "A ${type} is numbered ${example}, not ${value}.",
                    {
                        "type": doctype.title,
                        "example": f"05/{doctype.abbreviation}-…",
                        "value": first,
                    },
                )
            )
        if not rest:
            raise NotationError(
                Problem(
                    "notation",
                    "The symbol names no issuer after ${type}.",
                    {"type": first},
                )
            )
        return Notation(number, rest[0], doctype.abbreviation, "-".join(rest[1:]), year)
    known = doctypes.by_abbreviation(first)
    if rest and (known is not None or year is not None):
        abbreviation = known.abbreviation if known is not None else first
        return Notation(number, rest[0], abbreviation, "-".join(rest[1:]), year)
    return Notation(number, first, "", "-".join(rest), year)
