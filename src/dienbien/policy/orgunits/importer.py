"""Import units from a JSON or CSV file: all or nothing, and idempotent.

The core reads and checks the whole file against the site's units before
anything is written; a unit whose fields already match is left alone, so a
second run of the same file changes nothing.
"""

from dataclasses import dataclass
from dataclasses import field
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.orgunits import changed_fields
from dienbien.policy.core.orgunits import check_import
from dienbien.policy.core.orgunits import FIELDS
from dienbien.policy.core.orgunits import order_for_import
from dienbien.policy.core.orgunits import read_units
from dienbien.policy.core.orgunits import Unit
from dienbien.policy.orgunits.orgunit import all_units
from dienbien.policy.orgunits.orgunit import IOrgUnit
from dienbien.policy.orgunits.orgunit import unit_id
from plone import api
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import modified

import pathlib


ORGANISATION_PATH = "to-chuc"


class UnitImportRefused(Exception):
    """The file was refused; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def format_of(path: str) -> str:
    suffix = pathlib.Path(path).suffix.lower().lstrip(".")
    if suffix not in ("json", "csv"):
        raise ValueError(f"{path}: expected a .json or .csv file")
    return suffix


def organisation(portal):
    return portal[ORGANISATION_PATH]


def _units_by_code(folder) -> dict:
    found = {}
    for obj in folder.objectValues():
        if obj.portal_type == "OrgUnit" and obj.code:
            found[obj.code] = obj
    return found


def import_units(portal, text: str, fmt: str) -> ImportReport:
    """Import the units of one file into ``/to-chuc``.

    Raises ``UnitImportRefused`` with every problem (line and field) when the file
    cannot be imported as a whole; nothing has been written then. The caller
    owns the transaction.
    """
    incoming, problems = read_units(text, fmt)
    # Check the rows that could be read too, so one run reports everything.
    problems = sorted(
        problems + check_import(incoming, all_units(portal)),
        key=lambda problem: (problem.line or 0, problem.field),
    )
    if problems:
        raise UnitImportRefused(problems)

    folder = organisation(portal)
    objects = _units_by_code(folder)
    report = ImportReport()
    for unit in order_for_import(unit for _, unit in incoming):
        obj = objects.get(unit.code)
        if obj is None:
            _create(folder, unit)
            report.created.append(unit.code)
            continue
        changes = changed_fields(obj.as_unit(), unit)
        if not changes:
            report.unchanged.append(unit.code)
            continue
        _update(obj, unit, changes)
        report.updated.append(unit.code)
    return report


def _values(unit: Unit) -> dict:
    return {name: getattr(unit, name) or None for name in FIELDS if name != "title"}


def _create(folder, unit: Unit):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=folder,
            type="OrgUnit",
            id=unit_id(unit.code),
            title=unit.title,
            **_values(unit),
        )


def _update(obj, unit: Unit, changes: set[str]) -> None:
    for name in changes:
        value = getattr(unit, name)
        setattr(obj, name, value if value else None)
    if "title" in changes:
        obj.title = unit.title
    modified(obj, Attributes(IOrgUnit, *sorted(changes)))
    obj.reindexObject()
