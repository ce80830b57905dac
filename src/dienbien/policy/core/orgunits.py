"""Organisational units: their kinds, rules, functions and file format.

The organisation is data, never code (domain.md §0): the demo district, its
communes and the two-tier communes of 2025 are all records of the same shape,
linked by ``parent`` and ``successor`` codes and bounded by validity dates, so
that records of a dissolved unit stay readable and transferable.
"""

from .messages import Problem
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace
from datetime import date

import csv
import io
import json
import re


#: Unit kinds, in the order an administrator meets them.
KINDS = (
    "province",
    "district",
    "agency",
    "commune",
    "ward",
    "village",
    "one_stop_desk",
    "peoples_council",
)

#: The functions every unit staffs; each becomes a Plone group of the unit.
#: ``editor`` and ``reviewer`` write and publish the unit's portal news
#: (docs/workflows.md, ``dienbien_editorial_workflow``).
FUNCTIONS = ("clerical", "desk", "officer", "leader", "editor", "reviewer")

#: Unit identifiers (Decision 20/2020/QĐ-TTg codes are 13 characters, e.g.
#: ``H15.50.05.13``); letters, digits, dots and dashes, as they appear inside
#: dossier codes ``{unit}-{yymmdd}-{NNNN}``, so no spaces and no ``-`` run-ons.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.]{0,30}[A-Za-z0-9])?$")
ABBREVIATION_MAX = 20

FIELDS = (
    "code",
    "title",
    "kind",
    "abbreviation",
    "parent",
    "valid_from",
    "valid_to",
    "successor",
)
REQUIRED = ("code", "title", "kind")


@dataclass(frozen=True)
class Unit:
    """One organisational unit, as the core sees it: codes, not objects."""

    code: str
    title: str
    kind: str
    abbreviation: str = ""
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None

    def active_on(self, day: date) -> bool:
        """Whether the unit exists on ``day`` (both bounds inclusive)."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def retired_on(self, day: date) -> bool:
        """Whether the unit has ceased to exist by ``day``."""
        return bool(self.valid_to and day > self.valid_to)

    def as_record(self) -> dict:
        """The unit as a flat record, dates in ISO 8601, for files and REST."""
        return {
            "code": self.code,
            "title": self.title,
            "kind": self.kind,
            "abbreviation": self.abbreviation or "",
            "parent": self.parent or "",
            "valid_from": self.valid_from.isoformat() if self.valid_from else "",
            "valid_to": self.valid_to.isoformat() if self.valid_to else "",
            "successor": self.successor or "",
        }


def check_unit(unit: Unit, others: Mapping[str, Unit]) -> list[Problem]:
    """Everything wrong with ``unit`` among ``others`` (keyed by code).

    ``others`` holds every other unit that exists (or will, in an import);
    it must not contain ``unit`` itself under its own code, so that a
    duplicate code is told apart from the unit being edited.
    """
    problems = []
    if not unit.code:
        problems.append(Problem("code", "The unit code is required."))
    elif not CODE_PATTERN.match(unit.code):
        problems.append(
            Problem(
                "code",
                "The unit code ${value} may only hold letters, digits and dots, "
                "up to 32 characters.",
                {"value": unit.code},
            )
        )
    elif unit.code in others:
        problems.append(
            Problem(
                "code",
                "The unit code ${value} is already used by ${other}.",
                {"value": unit.code, "other": others[unit.code].title},
            )
        )
    if not (unit.title or "").strip():
        problems.append(Problem("title", "The unit name is required."))
    if unit.kind not in KINDS:
        problems.append(
            Problem(
                "kind",
                "Unknown kind ${value}; expected one of ${allowed}.",
                {"value": unit.kind, "allowed": ", ".join(KINDS)},
            )
        )
    if unit.abbreviation and (
        len(unit.abbreviation) > ABBREVIATION_MAX or " " in unit.abbreviation.strip()
    ):
        problems.append(
            Problem(
                "abbreviation",
                "The abbreviation ${value} must be one word of at most ${max} "
                "characters, as it appears in document symbols.",
                {"value": unit.abbreviation, "max": ABBREVIATION_MAX},
            )
        )
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        problems.append(
            Problem(
                "valid_to",
                "The end of validity ${valid_to} lies before its start ${valid_from}.",
                {"valid_to": unit.valid_to, "valid_from": unit.valid_from},
            )
        )
    problems.extend(_check_link(unit, others, "parent"))
    problems.extend(_check_link(unit, others, "successor"))
    if unit.parent and unit.parent in others and _parent_cycle(unit, others):
        problems.append(
            Problem(
                "parent",
                "Unit ${parent} cannot be the parent of ${code}: it lies below it.",
                {"parent": unit.parent, "code": unit.code},
            )
        )
    return problems


def _check_link(unit: Unit, others: Mapping[str, Unit], name: str) -> list[Problem]:
    target = getattr(unit, name)
    if not target:
        return []
    if target == unit.code:
        return [Problem(name, "A unit cannot name itself as ${name}.", {"name": name})]
    if target not in others:
        return [Problem(name, "No unit has the code ${value}.", {"value": target})]
    return []


def _parent_cycle(unit: Unit, others: Mapping[str, Unit]) -> bool:
    """Whether following parents up from ``unit`` comes back to it."""
    seen = {unit.code}
    current = unit.parent
    while current:
        if current in seen:
            return True
        seen.add(current)
        above = others.get(current)
        current = above.parent if above else None
    return False


def group_id(code: str, function: str) -> str:
    """The Plone group id of one function of one unit.

    Predictable from the code so that other systems, imports and later
    features can name a unit's group without looking it up:
    ``group_id("H15.50", "desk") == "unit.h15.50.desk"``.
    """
    if function not in FUNCTIONS:
        raise ValueError(f"unknown function {function!r}")
    return f"unit.{code.lower()}.{function}"


def ancestors(code: str, units: Mapping[str, Unit]) -> list[str]:
    """The codes above ``code``, nearest first (cycle-safe)."""
    result: list[str] = []
    current = units[code].parent if code in units else None
    while current and current not in result and current != code:
        result.append(current)
        current = units[current].parent if current in units else None
    return result


# Files ---------------------------------------------------------------------


def _parse_date(value: str, name: str) -> tuple[date | None, Problem | None]:
    value = (value or "").strip()
    if not value:
        return None, None
    try:
        return date.fromisoformat(value), None
    except ValueError:
        return None, Problem(
            name,
            "${value} is not a date in the form YYYY-MM-DD.",
            {"value": value},
        )


def unit_from_record(record: Mapping) -> tuple[Unit | None, list[Problem]]:
    """Build a unit from one file or REST record; report what cannot be read."""
    problems = []
    if not isinstance(record, Mapping):
        return None, [Problem("record", "Each unit must be an object of fields.")]
    unknown = sorted(set(record) - set(FIELDS))
    for name in unknown:
        problems.append(Problem(name, "Unknown field ${name}.", {"name": name}))
    for name in REQUIRED:
        if not str(record.get(name) or "").strip():
            problems.append(
                Problem(name, "The field ${name} is required.", {"name": name})
            )
    values = {}
    for name in FIELDS:
        raw = record.get(name)
        if raw is not None and not isinstance(raw, str):
            problems.append(
                Problem(name, "The field ${name} must be text.", {"name": name})
            )
            raw = None
        values[name] = (raw or "").strip()
    dates = {}
    for name in ("valid_from", "valid_to"):
        dates[name], problem = _parse_date(values[name], name)
        if problem:
            problems.append(problem)
    if any(problem.field in ("record", *REQUIRED) for problem in problems):
        return None, problems
    # A unit with a bad date is still returned (its date left empty), so that
    # the rest of the record is checked too and one run reports everything.
    unit = Unit(
        code=values["code"],
        title=values["title"],
        kind=values["kind"],
        abbreviation=values["abbreviation"],
        parent=values["parent"] or None,
        valid_from=dates["valid_from"],
        valid_to=dates["valid_to"],
        successor=values["successor"] or None,
    )
    return unit, problems


def read_units(text: str, fmt: str) -> tuple[list[tuple[int, Unit]], list[Problem]]:
    """Parse a JSON or CSV file of units into ``(line, unit)`` pairs.

    JSON: a list of objects (or ``{"units": [...]}``); the "line" of a JSON
    record is its 1-based position in the list. CSV: a header row with the
    field names, UTF-8; lines are counted as a spreadsheet shows them (the
    header is line 1).
    """
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [
                Problem(
                    "file", "Not valid JSON: ${error}.", {"error": exc.msg}, exc.lineno
                )
            ]
        if isinstance(data, dict):
            data = data.get("units")
        if not isinstance(data, list):
            return [], [Problem("file", "Expected a list of units.")]
        rows = list(enumerate(data, start=1))
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            return [], [
                Problem(
                    "file",
                    "The CSV header lacks the columns ${columns}.",
                    {"columns": ", ".join(missing)},
                    1,
                )
            ]
        rows = [
            (reader.line_num, {k: v for k, v in row.items() if k is not None})
            for row in reader
        ]
    else:
        raise ValueError(f"unknown format {fmt!r}")

    units, problems = [], []
    for line, record in rows:
        unit, found = unit_from_record(record)
        problems.extend(problem.at(line) for problem in found)
        if unit:
            units.append((line, unit))
    return units, problems


def check_import(
    incoming: Iterable[tuple[int, Unit]], existing: Mapping[str, Unit]
) -> list[Problem]:
    """Check an import as a whole against the units already on the site.

    Units in the file replace existing units of the same code; links may point
    to units of the file or of the site. Every problem carries its line.
    """
    incoming = list(incoming)
    problems = []
    seen: dict[str, int] = {}
    for line, unit in incoming:
        if unit.code in seen:
            problems.append(
                Problem(
                    "code",
                    "The unit code ${value} appears again (first on line ${first}).",
                    {"value": unit.code, "first": seen[unit.code]},
                    line,
                )
            )
        else:
            seen[unit.code] = line
    merged = dict(existing)
    merged.update({unit.code: unit for _, unit in incoming})
    for line, unit in incoming:
        others = {code: other for code, other in merged.items() if code != unit.code}
        problems.extend(problem.at(line) for problem in check_unit(unit, others))
    return problems


def order_for_import(units: Iterable[Unit]) -> list[Unit]:
    """Parents before children, so each unit's parent exists when it is made."""
    pending = {unit.code: unit for unit in units}
    ordered: list[Unit] = []
    placed: set[str] = set()

    def place(unit: Unit, trail: frozenset) -> None:
        if unit.code in placed:
            return
        parent = pending.get(unit.parent or "")
        if parent and parent.code not in trail:
            place(parent, trail | {unit.code})
        placed.add(unit.code)
        ordered.append(unit)

    for unit in pending.values():
        place(unit, frozenset())
    return ordered


def changed_fields(old: Unit, new: Unit) -> set[str]:
    """The names of the fields in which two versions of a unit differ."""
    return {name for name in FIELDS if getattr(old, name) != getattr(new, name)}


def with_code(unit: Unit, code: str) -> Unit:
    return replace(unit, code=code)
