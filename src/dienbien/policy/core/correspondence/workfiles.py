"""Work files (hồ sơ công việc, Decree 30/2020/NĐ-CP Art. 28–30; domain.md §3).

Each unit keeps a yearly **file plan** (danh mục hồ sơ): one entry per file it
expects to keep, with its number and symbol (``01.TH``), title, retention
period and the officer who keeps it. The officer **opens** the file, adds every
document of the work to it (a document may belong to several files without
being copied: Appendix VI) and **closes** it when the work ends. A closed file
goes to the unit's archive within one year (Art. 29); Appendix VI asks to warn
30 days before.

Retention is ``permanent`` or a number of years (Circular 10/2022/TT-BNV),
counted from the year the work ends; the periods offered are data
(``data/correspondence/retention.json``, **[unverified]**).
"""

from ..messages import Problem
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from dienbien.policy.core.numbers import is_whole
from functools import lru_cache

import json
import pathlib
import re
import unicodedata


DATA = pathlib.Path(__file__).parents[2] / "data" / "correspondence"
RETENTION_FILE = DATA / "retention.json"

#: The states of a work file (the workflow's ids).
PLANNED = "planned"
OPEN = "open"
CLOSED = "closed"
STATES = (PLANNED, OPEN, CLOSED)

PERMANENT = "permanent"

#: Appendix VI: FileNotation is 20 characters, a work file's Title 500.
SYMBOL_MAX = 20
TITLE_MAX = 500

#: How long after the work ends the file must be in the archive (Art. 29).
ARCHIVE_AFTER_YEARS = 1
#: Appendix VI: warn this many days before a file is due for archive.
ARCHIVE_WARNING_DAYS = 30

#: A symbol: parts of letters and digits joined by ``.``, ``-`` or ``/``
#: (``01.TH``, ``TH-01``, ``02/KT``).
_SEPARATORS = re.compile(r"\s*([./-])\s*")
_PART = re.compile(r"^\w+$")
_DIGITS = re.compile(r"(\d+)")


# -- retention -----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Retention:
    """Permanent (``years is None``) or a number of years."""

    years: int | None = None

    def __post_init__(self):
        if self.years is not None and self.years < 1:
            raise ValueError("a retention period is at least one year")

    @property
    def permanent(self) -> bool:
        return self.years is None

    @property
    def token(self) -> str:
        """What records and forms store: ``permanent`` or ``10``."""
        return PERMANENT if self.permanent else str(self.years)


def parse_retention(value) -> Retention:
    """``"permanent"``, ``10`` or ``"10"``; ``ValueError`` otherwise."""
    if isinstance(value, Retention):
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        if text == PERMANENT:
            return Retention()
        if not is_whole(text):
            raise ValueError(f"not a retention period: {value!r}")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not a retention period: {value!r}")
    return Retention(value)


@dataclass(frozen=True)
class RetentionGroup:
    """A group of documents of the Circular's table with its suggested period."""

    id: str
    title: str
    retention: Retention
    unverified: str = ""


@dataclass(frozen=True)
class RetentionTable:
    periods: tuple[Retention, ...]
    default: Retention
    groups: tuple[RetentionGroup, ...]


@lru_cache(maxsize=4)
def load_retention(path: pathlib.Path = RETENTION_FILE) -> RetentionTable:
    """The periods a file plan offers, from the data file."""
    with path.open(encoding="utf-8") as stream:
        data = json.load(stream)
    periods = tuple(parse_retention(value) for value in data["periods"])
    if len(set(periods)) != len(periods):
        raise ValueError("retention periods must be unique")
    default = parse_retention(data["default"])
    groups = tuple(
        RetentionGroup(
            row["id"],
            row["title"],
            parse_retention(row["retention"]),
            row.get("unverified", ""),
        )
        for row in data.get("groups", ())
    )
    if default not in periods or any(g.retention not in periods for g in groups):
        raise ValueError("the default and the groups use the periods offered")
    return RetentionTable(periods, default, groups)


def retention_end(closed: date, retention: Retention) -> date | None:
    """The last day a closed file must be kept: ``None`` for a permanent one;
    else 31 December of the year the work ended plus the period (counted from
    the year the work ends: a file closed in 2026 kept 10 years is kept to
    31/12/2036)."""
    if retention.permanent:
        return None
    return date(closed.year + retention.years, 12, 31)


# -- the file's number and symbol ----------------------------------------------


def normalise_symbol(text: str) -> str:
    """The symbol as it is stored: composed Vietnamese marks, no spaces
    around separators, upper case letters (``01 . th`` → ``01.TH``)."""
    text = unicodedata.normalize("NFC", (text or "").strip())
    return _SEPARATORS.sub(r"\1", text).upper()


def check_symbol(text: str) -> list[Problem]:
    symbol = normalise_symbol(text)
    if not symbol:
        return [Problem("symbol", "The file's number and symbol is required.")]
    if len(symbol) > SYMBOL_MAX:
        return [
            Problem(
                "symbol",
                "The file's number and symbol has at most ${max} characters.",
                {"max": SYMBOL_MAX},
            )
        ]
    parts = re.split(r"[./-]", symbol)
    if not all(_PART.match(part) and "_" not in part for part in parts):
        return [
            Problem(
                "symbol",
                "Write the file's number and symbol with letters and digits "
                "joined by '.', '-' or '/', e.g. 01.TH.",
            )
        ]
    return []


def symbol_sort_key(symbol: str) -> tuple:
    """Plan order: numbers compared as numbers (``2.TH`` before ``10.TH``)."""
    parts = _DIGITS.split(normalise_symbol(symbol))
    return tuple(
        (0, int(part), "") if is_whole(part) else (1, 0, part.casefold())
        for part in parts
        if part
    )


def symbol_sort_text(symbol: str) -> str:
    """The plan order as text a catalog index sorts: digit runs padded to
    six places (``2.TH`` → ``000002.TH``, before ``000010.TH``)."""
    return _DIGITS.sub(
        lambda match: match.group(1).zfill(6), normalise_symbol(symbol).casefold()
    )


def file_code(organ_id: str, year: int, symbol: str) -> str:
    """The file's code (Appendix VI FileCode): the unit's identifier, the
    plan's year and the file's symbol, joined by dots."""
    return f"{organ_id}.{year}.{normalise_symbol(symbol)}"


# -- plan entries --------------------------------------------------------------


@dataclass(frozen=True)
class PlanEntry:
    """One line of a unit's file plan for a year."""

    symbol: str
    title: str
    retention: Retention
    owner: str

    @property
    def key(self) -> str:
        """What is unique in a plan: the symbol, ignoring case."""
        return normalise_symbol(self.symbol).casefold()


def symbol_taken(symbol: str, taken: Iterable[str]) -> bool:
    """Whether ``symbol`` is among ``taken`` (case and spaces ignored)."""
    wanted = normalise_symbol(symbol).casefold()
    return any(normalise_symbol(other).casefold() == wanted for other in taken)


def check_entry(
    symbol: str, title: str, owner: str, taken: Iterable[str] = ()
) -> list[Problem]:
    """What is wrong with a new entry; ``taken`` are the symbols already in
    the same plan."""
    problems = check_symbol(symbol)
    if not problems and symbol_taken(symbol, taken):
        problems.append(
            Problem(
                "symbol",
                "The file plan already has a file ${symbol}.",
                {"symbol": normalise_symbol(symbol)},
            )
        )
    title = (title or "").strip()
    if not title:
        problems.append(Problem("title", "The file's title is required."))
    elif len(title) > TITLE_MAX:
        problems.append(
            Problem(
                "title",
                "The file's title has at most ${max} characters.",
                {"max": TITLE_MAX},
            )
        )
    if not (owner or "").strip():
        problems.append(Problem("owner", "Name the officer who keeps the file."))
    return problems


def plan_order(entries: Iterable[PlanEntry]) -> list[PlanEntry]:
    return sorted(entries, key=lambda entry: symbol_sort_key(entry.symbol))


# -- the file's life -------------------------------------------------------------


def may_add_documents(state: str) -> bool:
    """Documents are added to an open file only; a closed file is what goes
    to the archive, a planned one has not been opened yet."""
    return state == OPEN


def add_items(items: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    """The file's documents (UIDs) with ``new`` ones added at the end, each
    once, in the order they were added."""
    result = list(dict.fromkeys(items))
    for uid in new:
        if uid and uid not in result:
            result.append(uid)
    return tuple(result)


def remove_items(items: Iterable[str], gone: Iterable[str]) -> tuple[str, ...]:
    gone = set(gone)
    return tuple(uid for uid in dict.fromkeys(items) if uid not in gone)


def archive_deadline(closed: date) -> date:
    """The day by which a file closed on ``closed`` is in the archive: one
    year later (Art. 29). A file closed on 29 February is due on 28 February."""
    try:
        return closed.replace(year=closed.year + ARCHIVE_AFTER_YEARS)
    except ValueError:
        return date(closed.year + ARCHIVE_AFTER_YEARS, 2, 28)


def latest_closing_day(day: date) -> date:
    """The last closing day whose archive deadline falls on or before
    ``day`` (files closed on it or earlier are due by then): what a catalog
    range query on the closing day asks."""
    try:
        latest = day.replace(year=day.year - ARCHIVE_AFTER_YEARS)
    except ValueError:  # 29 February
        latest = date(day.year - ARCHIVE_AFTER_YEARS, 2, 28)
    following = latest + timedelta(days=1)
    if archive_deadline(following) <= day:
        latest = following
    return latest


DUE = "due"
SOON = "soon"
NOT_DUE = "not_due"


def archive_status(
    closed: date | None, today: date, warning_days: int = ARCHIVE_WARNING_DAYS
) -> str:
    """``due`` from the deadline on (a year after closing), ``soon`` in the
    ``warning_days`` before it, else ``not_due`` (an open file is never due)."""
    if closed is None:
        return NOT_DUE
    deadline = archive_deadline(closed)
    if today >= deadline:
        return DUE
    if today >= deadline - timedelta(days=warning_days):
        return SOON
    return NOT_DUE


def due_for_archive(closed: date | None, today: date) -> bool:
    return archive_status(closed, today) == DUE
