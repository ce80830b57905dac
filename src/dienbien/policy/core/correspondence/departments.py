"""The drafting departments of a unit (phòng, ban, văn phòng), as its
officers write them after the issuer in the notation of a công văn
(``05/UBND-VP``: drafted by the office, VP).

A unit keeps them as rows (abbreviation, title) on its record; a unit that
has none yet is valid (records from before the field have no rows).
"""

from ..messages import Problem
from .notation import PART
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass


FIELD = "departments"
#: Long enough for "TCKH" or "VHTT"; a notation (CodeNotation) holds 30.
ABBREVIATION_MAX = 10


@dataclass(frozen=True)
class Department:
    abbreviation: str
    title: str

    @property
    def label(self) -> str:
        """As offered in the draft form: ``VP — Văn phòng``."""
        return (
            f"{self.abbreviation} — {self.title}" if self.title else self.abbreviation
        )


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def departments_of(rows: Iterable[Mapping] | None) -> tuple[Department, ...]:
    """The stored rows as departments, in their order; rows without an
    abbreviation are skipped (never stored by the rules, but tolerated)."""
    found = []
    for row in rows or ():
        if not isinstance(row, Mapping):
            continue
        abbreviation = _text(row.get("abbreviation"))
        if abbreviation:
            found.append(Department(abbreviation, _text(row.get("title"))))
    return tuple(found)


def department_problems(rows: Iterable[Mapping] | None) -> list[Problem]:
    """What is wrong with a unit's department rows: each needs an
    abbreviation of letters and digits (it goes into notations) and a title;
    no abbreviation twice (ignoring case, as notations are compared)."""
    problems = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows or (), start=1):
        row = row if isinstance(row, Mapping) else {}
        abbreviation = _text(row.get("abbreviation"))
        title = _text(row.get("title"))
        if not abbreviation:
            problems.append(
                Problem(
                    FIELD,
                    "Row ${line}: enter the department's abbreviation (e.g. VP).",
                    {"line": line},
                )
            )
        elif not PART.match(abbreviation) or len(abbreviation) > ABBREVIATION_MAX:
            problems.append(
                Problem(
                    FIELD,
                    "Row ${line}: the abbreviation ${value} must be letters and "
                    "digits, without spaces or dashes, at most ${max} characters.",
                    {"line": line, "value": abbreviation, "max": ABBREVIATION_MAX},
                )
            )
        else:
            folded = abbreviation.casefold()
            if folded in seen:
                problems.append(
                    Problem(
                        FIELD,
                        "Row ${line}: the abbreviation ${value} is already on "
                        "row ${other}.",
                        {"line": line, "value": abbreviation, "other": seen[folded]},
                    )
                )
            else:
                seen[folded] = line
        if not title:
            problems.append(
                Problem(
                    FIELD,
                    "Row ${line}: enter the department's name.",
                    {"line": line},
                )
            )
    return problems


def find_department(
    departments: Iterable[Department], abbreviation: str
) -> Department | None:
    """The unit's department written ``abbreviation`` (any case)."""
    wanted = _text(abbreviation).casefold()
    for department in departments:
        if department.abbreviation.casefold() == wanted:
            return department
    return None
