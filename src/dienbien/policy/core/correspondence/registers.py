"""Registers and their number series (Decree 30/2020 Art. 15, 22; domain.md §3).

Each unit numbers per calendar year, from 01 on 1 January:

- outgoing documents, in order of issue;
- incoming documents, in order of arrival (Art. 22);
- secret documents (mật and above) in a series of their own, apart from the
  ordinary one — for outgoing and, by the same rule, incoming;
- each normative-document type (Nghị quyết, Quyết định) in its own series,
  whose notation carries the year (``05/2026/QĐ-UBND``).

The year of a number is the calendar year in Asia/Ho_Chi_Minh of the moment of
issue or registration. A counter keyed by ``Series.key`` hands out the numbers
(``next_number``); it lives in the Plone wing, in the same transaction as the
document, so that numbers have neither gaps nor duplicates.
"""

from . import doctypes
from . import marks
from .notation import Notation
from .notation import notation_for
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo


TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

OUTGOING = "outgoing"
INCOMING = "incoming"
OUTGOING_SECRET = "outgoing_secret"
INCOMING_SECRET = "incoming_secret"
NORMATIVE = "normative"
REGISTERS = (OUTGOING, INCOMING, OUTGOING_SECRET, INCOMING_SECRET, NORMATIVE)


def local_moment(moment: datetime) -> datetime:
    """A moment as naive Vietnam time: an aware one is converted, a naive one
    is local already (the house convention: ``workingtime.to_local``)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(TIMEZONE).replace(tzinfo=None)


def number_year(moment: datetime) -> int:
    """The year a number belongs to, in Vietnam time (UTC+7): 16:59 UTC on
    31 December is still that year, 17:00 UTC is 00:00 on 1 January and the
    next year's series."""
    return local_moment(moment).year


@dataclass(frozen=True, order=True)
class Series:
    """One numbered series: a unit (its UID, so that a new code or name
    keeps the series), a year, a register and, for normative documents, the
    type id."""

    unit: str
    year: int
    register: str
    type: str = ""

    def __post_init__(self):
        if self.register not in REGISTERS:
            raise ValueError(f"unknown register {self.register!r}")
        if (self.register == NORMATIVE) != bool(self.type):
            raise ValueError("a type names the series of normative documents only")
        if not self.unit or "|" in self.unit:
            raise ValueError("a series needs a unit id without '|'")

    @property
    def key(self) -> str:
        """The counter's key: ``<unit>|2026|outgoing`` or
        ``<unit>|2026|normative|decision``."""
        parts = [self.unit, str(self.year), self.register]
        if self.type:
            parts.append(self.type)
        return "|".join(parts)

    @property
    def secret(self) -> bool:
        return self.register in (OUTGOING_SECRET, INCOMING_SECRET)

    @property
    def normative(self) -> bool:
        return self.register == NORMATIVE


def outgoing_series(
    unit: str,
    moment: datetime,
    doctype: doctypes.DocumentType,
    normative: bool = False,
    confidentiality: str = "normal",
) -> Series:
    """The series an outgoing document takes its number from at ``moment``
    (the moment of issue)."""
    year = number_year(moment)
    secret = marks.is_secret(confidentiality)
    if normative:
        if not doctype.may_be_normative:
            raise ValueError(f"a {doctype.title} cannot be a normative document")
        if secret:
            # Not settled: a normative document is published; which series a
            # classified one would take is an open legal question.
            raise ValueError("a normative document cannot be numbered as secret")
        return Series(unit, year, NORMATIVE, doctype.id)
    return Series(unit, year, OUTGOING_SECRET if secret else OUTGOING)


def incoming_series(
    unit: str, moment: datetime, confidentiality: str = "normal"
) -> Series:
    """The series of the incoming number, at ``moment`` of registration."""
    secret = marks.is_secret(confidentiality)
    return Series(unit, number_year(moment), INCOMING_SECRET if secret else INCOMING)


def next_number(last: int | None) -> int:
    """The number after ``last`` in one series: 1 for a new series (nothing
    issued yet: ``None`` or 0), else ``last + 1`` — no gaps, no reuse."""
    if last is None:
        return 1
    if last < 0:
        raise ValueError("the last number of a series is never negative")
    return last + 1


def issue_notation(
    series: Series,
    number: int,
    doctype: doctypes.DocumentType,
    issuer: str,
    department: str = "",
) -> Notation:
    """The notation of the ``number`` taken from ``series``: with the year
    when the series is normative."""
    if series.register not in (OUTGOING, OUTGOING_SECRET, NORMATIVE):
        raise ValueError("incoming numbers have no notation of ours")
    if series.normative and series.type != doctype.id:
        raise ValueError("the series belongs to another document type")
    year = series.year if series.normative else None
    return notation_for(number, doctype, issuer, department, year)


def uniqueness_key(series: Series, notation: Notation) -> tuple:
    """Number + notation are unique in the year (Art. 15). The secret series
    restarts at 01 alongside the ordinary one, so ``05/QĐ-UBND`` can exist in
    both: the key keeps them apart (see docs/correspondence.md)."""
    return (series.unit, series.year, series.secret, notation.canonical)


def duplicate_key(sender: str, notation: Notation, document_date: date) -> tuple:
    """What identifies a received document, to warn the clerk who registers
    it twice (Appendix VI: the same number, notation and issuer). The
    sender's numbers restart each year, so the year of its date is part."""
    return (sender, document_date.year, notation.canonical)


@dataclass(frozen=True)
class SeriesCheck:
    missing: tuple[int, ...]
    duplicates: tuple[int, ...]

    @property
    def consecutive(self) -> bool:
        return not self.missing and not self.duplicates


def check_series(numbers: Iterable[int]) -> SeriesCheck:
    """The numbers a series has handed out, checked against 1…max: missing
    ones (gaps) and those handed out twice."""
    seen: set[int] = set()
    duplicates = set()
    for number in numbers:
        if number in seen:
            duplicates.add(number)
        seen.add(number)
    highest = max(seen, default=0)
    missing = tuple(n for n in range(1, highest + 1) if n not in seen)
    return SeriesCheck(missing, tuple(sorted(duplicates)))
