"""Rows to procedures: the three tables' rows grouped by procedure code,
built into core ``Procedure``s and checked, every problem located at its
sheet, line and column."""

from collections.abc import Mapping
from dataclasses import dataclass
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import check_procedure
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.procedures.files.cells import cell_code
from dienbien.policy.procedures.files.cells import cell_text
from dienbien.policy.procedures.files.cells import parse_cell
from dienbien.policy.procedures.files.layout import CHANNEL_COLUMNS
from dienbien.policy.procedures.files.layout import COMPONENT_COLUMNS
from dienbien.policy.procedures.files.layout import Item
from dienbien.policy.procedures.files.layout import PROCEDURE_COLUMNS
from dienbien.policy.procedures.files.layout import REQUIRED_COLUMNS
from dienbien.policy.procedures.files.layout import REQUIRED_SHEETS
from dienbien.policy.procedures.files.layout import SHEETS
from dienbien.policy.procedures.files.layout import STATES


@dataclass
class Row:
    """One record of a file and where it is: a row of a sheet, or (JSON) a
    procedure of the list, its nested rows addressed by a path prefix."""

    values: dict
    line: int
    sheet: str | None = None
    prefix: str = ""

    def locate(self, problem: Problem) -> Problem:
        return Problem(
            self.prefix + problem.field,
            problem.template,
            problem.mapping,
            self.line,
            self.sheet,
        )

    def parse(self, columns) -> tuple[dict, list[Problem]]:
        values, problems = {}, []
        for name in columns:
            values[name], problem = parse_cell(name, self.values.get(name))
            if problem:
                problems.append(self.locate(problem))
        return values, problems


def build(
    entries: list[tuple[Row, list[Row], list[Row]]], fields, units
) -> tuple[list[Item], list[Problem]]:
    """Procedures from their rows: ``(procedure row, channel rows, component
    rows)``; every problem located in the row and column it comes from."""
    items: list[Item] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for row, channel_rows, component_rows in entries:
        values, found = row.parse(PROCEDURE_COLUMNS)
        code = values["code"]
        if code in first:
            template = (
                "The procedure code ${value} appears again (first on row ${first})."
                if row.sheet
                else "The procedure code ${value} appears again (first as "
                "procedure ${first})."
            )
            found.append(
                row.locate(
                    Problem("code", template, {"value": code, "first": first[code]})
                )
            )
        elif code:
            first[code] = row.line
        channels = []
        for channel_row in channel_rows:
            terms, more = channel_row.parse(CHANNEL_COLUMNS[1:])
            found.extend(more)
            channels.append(ChannelTerms(**terms))
        components = []
        for component_row in component_rows:
            parts, more = component_row.parse(COMPONENT_COLUMNS[1:])
            found.extend(more)
            components.append(Component(**parts))
        state = values.pop("state")
        if state and state not in STATES:
            found.append(
                row.locate(
                    Problem(
                        "state",
                        "Unknown state ${value}; expected one of ${allowed} "
                        "(or empty).",
                        {"value": state, "allowed": ", ".join(STATES)},
                    )
                )
            )
        procedure = Procedure(
            **values, channels=tuple(channels), components=tuple(components)
        )
        seen = {(p.sheet, p.line, p.field) for p in found}
        for problem in check_procedure(procedure, fields, units):
            located = _locate(problem, row, channel_rows, component_rows, code)
            # A cell that could not be read already has its problem.
            if (located.sheet, located.line, located.field) not in seen:
                found.append(located)
        problems.extend(found)
        items.append((procedure, state))
    return items, problems


def _locate(problem, row, channel_rows, component_rows, code) -> Problem:
    """Place a problem of ``check_procedure`` (``channels.2.fee``) in the file."""
    head, _, rest = problem.field.partition(".")
    if head in ("channels", "components") and rest:
        index, _, name = rest.partition(".")
        rows = channel_rows if head == "channels" else component_rows
        nested = rows[int(index) - 1]
        return nested.locate(Problem(name, problem.template, problem.mapping))
    if problem.field == "channels" and row.sheet:
        return row.locate(
            Problem(
                "code",
                "The procedure ${value} has no row in the channels sheet; a "
                "procedure needs at least one channel.",
                {"value": code},
            )
        )
    return row.locate(problem)


def _group(rows: list[Row], codes: set[str]):
    """Rows of a channel or component sheet by procedure code, in file order;
    rows whose code names no procedure are problems."""
    grouped: dict[str, list[Row]] = {}
    problems = []
    for row in rows:
        code = cell_code(row.values.get("code"))
        if not code:
            problems.append(
                row.locate(Problem("code", "The row names no procedure code."))
            )
        elif code not in codes:
            problems.append(
                row.locate(
                    Problem(
                        "code",
                        "No procedure in the procedures sheet has the code ${value}.",
                        {"value": code},
                    )
                )
            )
        else:
            grouped.setdefault(code, []).append(row)
    return grouped, problems


def _tables(tables: Mapping[str, list | None], problems: list[Problem]):
    """Rows of cells per sheet -> records per sheet, header checked.

    ``tables[sheet] is None``: the table is there but could not be read (its
    problem is reported). Returns ``None`` when a table is missing or its
    header unusable: row-by-row problems would then only be noise.
    """
    records: dict[str, list[Row]] = {}
    complete = True
    for sheet, columns in SHEETS.items():
        if sheet not in tables or tables[sheet] is None:
            if sheet in tables or sheet in REQUIRED_SHEETS:
                complete = False
            if sheet not in tables and sheet in REQUIRED_SHEETS:
                problems.append(
                    Problem(
                        "file",
                        "The file has no ${sheet} table.",
                        {"sheet": sheet},
                        sheet=sheet,
                    )
                )
            records[sheet] = []
            continue
        rows = tables[sheet]
        header = [cell_text(cell).lower() for cell in (rows[0] if rows else ())]
        usable = True
        for position, name in enumerate(header):
            if name and name not in columns:
                problems.append(
                    Problem(
                        name,
                        "Unknown column ${column}; the ${sheet} columns are "
                        "${allowed}.",
                        {"column": name, "sheet": sheet, "allowed": ", ".join(columns)},
                        1,
                        sheet,
                    )
                )
            elif name and name in header[:position]:
                problems.append(
                    Problem(
                        name,
                        "The column ${column} appears twice.",
                        {"column": name},
                        1,
                        sheet,
                    )
                )
                usable = False
        for name in REQUIRED_COLUMNS[sheet]:
            if name not in header:
                problems.append(
                    Problem(
                        name,
                        "Row 1 lacks the column ${column}.",
                        {"column": name},
                        1,
                        sheet,
                    )
                )
                usable = False
        records[sheet] = []
        if not usable:
            complete = False
            continue
        wanted = [(i, name) for i, name in enumerate(header) if name in columns]
        for line, cells in enumerate(rows[1:], start=2):
            if all(cell_text(cell) == "" for cell in cells):
                continue  # blank rows are spacing, not records
            values = {name: cells[i] if i < len(cells) else None for i, name in wanted}
            records[sheet].append(Row(values, line, sheet))
    return records if complete else None


def from_tables(tables, fields, units, problems):
    records = _tables(tables, problems)
    if records is None:
        return []
    codes = {cell_code(row.values.get("code")) for row in records["procedures"]}
    channels, found = _group(records["channels"], codes)
    problems.extend(found)
    components, found = _group(records["components"], codes)
    problems.extend(found)
    # A repeated code is an error; its rows share the first one's channels,
    # so that they are not also told they have none.
    entries = [
        (row, channels.get(code, []), components.get(code, []))
        for row in records["procedures"]
        for code in [cell_code(row.values.get("code"))]
    ]
    items, found = build(entries, fields, units)
    problems.extend(found)
    return items
