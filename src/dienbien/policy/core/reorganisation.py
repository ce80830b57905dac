"""Reorganisations: which unit answers for a record now, and which did then.

A unit that retires names a ``successor`` (domain.md §0: on 1 July 2025 the
districts were abolished and communes merged). Records follow the unit that
holds them: the work still open moves to the successor on the day of the
reform, the finished work stays with the unit that did it. Two questions
come back everywhere, and both are answered here from plain data:

- *as it is now*: the unit that now answers for a unit, following successor
  links through every reform since (``resolve``), and the units that now
  answer through a given one (``predecessors``);
- *as it was*: the unit that held a record at a past moment, from the
  record's hand-overs (``unit_at``), so that a period's figures stay what
  they were when the period closed.

``successions`` maps the code of each retired unit to its successor's code;
units that retired without a successor are simply not in it (their records
stay theirs, readable by managers only).
"""

from .orgunits import Unit
from .statistics import _HANDED_OVER
from .statistics import _UNIT
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from operator import itemgetter


def successions(units: Iterable[Unit], day: date) -> dict[str, str]:
    """``{retired code: successor code}`` for the units retired by ``day``."""
    return {
        unit.code: unit.successor
        for unit in units
        if unit.successor and unit.retired_on(day)
    }


def resolve(code: str, succession: Mapping[str, str]) -> str:
    """The unit that answers for ``code`` now: its successor's successor…

    Stops at the first unit that has not retired into another one. A cycle
    (bad data: A into B, B into A) stops where it would come back, at the
    last unit before the repetition, never loops.
    """
    return chain(code, succession)[-1]


def chain(code: str, succession: Mapping[str, str]) -> list[str]:
    """``code`` and every unit its records passed to, in order."""
    result = [code]
    current = code
    while True:
        following = succession.get(current)
        if not following or following in result:
            return result
        result.append(following)
        current = following


def predecessors(code: str, succession: Mapping[str, str]) -> set[str]:
    """Every unit (other than ``code``) whose records ``code`` now answers for."""
    return {
        unit
        for unit in succession
        if unit != code and resolve(unit, succession) == code
    }


def unit_at(
    unit: str, handed_over: Iterable[tuple[datetime, str]], moment: datetime
) -> str:
    """The unit that held a record just before ``moment``.

    ``unit`` holds it now; ``handed_over`` lists its hand-overs by
    reorganisation, oldest first, each as ``(when, the unit it left)``. A
    hand-over at or after ``moment`` had not happened yet: the record was
    still with the unit it left.
    """
    for when, previous in handed_over:
        if moment <= when:
            return previous
    return unit


def handed_over(row) -> tuple:
    """A facts row's hand-overs (rows stored before profile 1003 have none)."""
    return row[_HANDED_OVER] if len(row) > _HANDED_OVER else ()


def any_handed_over(rows: Sequence) -> bool:
    """Whether one of the facts ``rows`` has hand-overs: a year's report
    asks it of a hundred thousand rows, hence no Python call per row
    unless some row is from before profile 1003."""
    try:
        return any(map(itemgetter(_HANDED_OVER), rows))
    except IndexError:
        return any(map(handed_over, rows))


def attribute(
    rows: Iterable,
    moment: datetime,
    succession: Mapping[str, str] | None = None,
):
    """The dossiers' facts rows (``core.statistics.DossierFacts`` or the
    plain tuples the catalog keeps) with the unit set to the one they are
    counted for.

    Without ``succession``: the unit that held each dossier just before
    ``moment`` (a report's end), the figures as they were. With it: that
    unit's present-day answerer, the figures as the organisation is now.
    Rows with nothing to change are passed on as they are (no copy); the
    others become plain tuples.
    """
    for row in rows:
        unit = current = row[_UNIT]
        moves = handed_over(row)
        if moves:
            unit = unit_at(unit, moves, moment)
        if succession:
            unit = resolve(unit, succession)
        yield row if unit == current else (*row[:_UNIT], unit, *row[_UNIT + 1 :])
