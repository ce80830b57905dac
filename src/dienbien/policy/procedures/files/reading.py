"""The file format of the procedure catalogue: XLSX, zipped CSV and JSON.

One procedure spreads over three tables, each with the column ids in row 1:

``procedures``
    one row per procedure: code, title, field, level, unit, applicants, steps,
    conditions, result, legal_basis, publication_decision, online_service,
    online_partial_reason, boundary_free, in_force_from, abolished_on, state
``channels``
    one row per way of submitting it (code, channel, time_value, time_unit,
    cutoff, fee, note), linked to its procedure by ``code``
``components``
    one row per paper of the dossier (code, name, originals, copies, form)

Formats (``fmt``):

``xlsx``
    a workbook with the three sheets, for people: typed cells (dates, numbers,
    TRUE/FALSE), drop-down lists for the fixed vocabularies, frozen headers.
``csv``
    a ``.zip`` holding ``procedures.csv``, ``channels.csv`` and
    ``components.csv`` (UTF-8 with BOM, so Excel shows Vietnamese correctly;
    ``;`` separators as Excel writes them in a Vietnamese locale are accepted)
    and, optionally, the form files as ``forms/<procedure code>/<form>``. The
    zip is the complete catalogue: the only format that carries form files,
    readable by any tool and diffable line by line.
``json``
    ``{"procedures": [{..., "channels": [...], "components": [...]}]}``, the
    shape of the core dataclasses; the demo data is kept in it.

``state`` is the workflow state (draft, pending, published, abolished) or
empty: an existing procedure keeps its state, a new one stays a draft.

Reading reports every problem at once, each located where a person fixes it:
``Problem.sheet`` (the sheet or CSV file), ``Problem.line`` (the spreadsheet
row, header = 1) and ``Problem.field`` (the column id). JSON problems carry
the position of the procedure in the list as ``line`` and a path such as
``channels.2.fee`` as ``field``. Values are read stripped of surrounding white
space; writing is deterministic (same catalogue, same bytes) and
``read_workbook(write_workbook(items, fmt), fmt)`` gives ``items`` back
(in XLSX numbers to 15 significant digits, Excel's precision).
"""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from datetime import datetime
from datetime import time
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import CHANNELS
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import check_procedure
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import ONLINE_SERVICES
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.core.procedures import TIME_UNITS
from dienbien.policy.formats.stablezip import StableZip

import csv
import io
import json
import math
import pathlib
import re
import zipfile


FORMATS = ("xlsx", "csv", "json")
#: File name suffix -> format.
SUFFIXES = {".xlsx": "xlsx", ".zip": "csv", ".json": "json"}
STATES = ("draft", "pending", "published", "abolished")

PROCEDURE_COLUMNS = (
    "code",
    "title",
    "field",
    "level",
    "unit",
    "applicants",
    "steps",
    "conditions",
    "result",
    "legal_basis",
    "publication_decision",
    "online_service",
    "online_partial_reason",
    "boundary_free",
    "in_force_from",
    "abolished_on",
    "state",
)
CHANNEL_COLUMNS = (
    "code",
    "channel",
    "time_value",
    "time_unit",
    "cutoff",
    "fee",
    "note",
)
COMPONENT_COLUMNS = ("code", "name", "originals", "copies", "form")
SHEETS = {
    "procedures": PROCEDURE_COLUMNS,
    "channels": CHANNEL_COLUMNS,
    "components": COMPONENT_COLUMNS,
}
REQUIRED_COLUMNS = {
    "procedures": ("code", "title", "field", "level"),
    "channels": ("code", "channel"),
    "components": ("code", "name"),
}
#: A catalogue without components is possible; without channels it is not.
REQUIRED_SHEETS = ("procedures", "channels")
FORMS_FOLDER = "forms"
#: The id a form file gets inside its procedure.
FORM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

#: Refuse archives that unpack to more than this (zip bombs).
MAX_UNPACKED = 200 * 2**20
#: Excel's limit on the text of one cell.
XLSX_CELL_MAX = 32767
#: Characters XML 1.0 (so XLSX) cannot hold; dropped on writing, any format.
ILLEGAL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
#: Zip entries get this time stamp, so that equal catalogues are equal bytes.
#: CSV cells starting like a formula are written behind an apostrophe, which
#: the reader drops again (spreadsheet formula injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

_DEFAULTS = {
    **{f.name: f.default for f in dataclass_fields(Procedure)},
    **{f.name: f.default for f in dataclass_fields(ChannelTerms)},
    **{f.name: f.default for f in dataclass_fields(Component)},
    "state": "",
}
_INTEGERS = ("fee", "originals", "copies")
_DATES = ("in_force_from", "abolished_on")
_GROUPED = re.compile(r"^-?\d{1,3}([.,\s])\d{3}(\1\d{3})*$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")

Item = tuple[Procedure, str]
FormKey = tuple[str, str]


def format_of(filename: str) -> str:
    """The format of a file by its name: ``.xlsx``, ``.zip`` (CSV), ``.json``."""
    suffix = pathlib.PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{filename}: expected a .xlsx, .zip (CSV) or .json file")
    return SUFFIXES[suffix]


def describe(problem: Problem) -> str:
    """One problem as a person reads it: where, then what."""
    if problem.sheet:
        where = problem.sheet
        if problem.line is not None:
            where += f" row {problem.line}"
        where += f", column {problem.field}" if problem.field != "file" else ""
    elif problem.line is not None:
        where = f"procedure {problem.line}, {problem.field}"
    else:
        where = problem.field
    return f"{where}: {problem.message}"


# Cells -> values -----------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _code(value) -> str:
    # Excel turns a typed 2.000630 into the number 2.00063: national codes
    # have six decimals, so a number is read back with six.
    if isinstance(value, float) and 0 <= value < 10:
        return f"{value:.6f}"
    return _text(value)


def _cutoff(value) -> str:
    if isinstance(value, datetime | time):
        return value.strftime("%H:%M")
    return _text(value)


def _number(name, value):
    if value is None or value == "":
        return _DEFAULTS[name], None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value):
            return value, None
    else:
        text = _text(value).replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # Vietnamese decimal comma: 0,5
        try:
            return int(text), None
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number, None
    return _DEFAULTS[name], Problem(
        name, "${value} is not a number.", {"value": _text(value)}
    )


def _integer(name, value):
    if value is None or value == "":
        return _DEFAULTS[name], None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, float) and value.is_integer():
        return int(value), None
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text), None
        if _GROUPED.match(text):  # 50.000 or 50,000 or 50 000 đồng
            return int(re.sub(r"[.,\s]", "", text)), None
    return _DEFAULTS[name], Problem(
        name, "${value} is not a whole number.", {"value": _text(value)}
    )


_TRUE = {"true", "yes", "x", "1", "có", "co"}
_FALSE = {"false", "no", "0", "không", "khong", ""}


def _boolean(name, value):
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value), None
    text = _text(value).lower()
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return False, Problem(
        name,
        "${value} is not yes or no (TRUE/FALSE, x or empty).",
        {"value": _text(value)},
    )


def _date(name, value):
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.match(text)
        try:
            if match:  # 01/07/2025, as dates are written in Vietnam
                day, month, year = (int(part) for part in match.groups())
                return date(year, month, day), None
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text), None
        except ValueError:
            pass
    return None, Problem(
        name,
        "${value} is not a date (YYYY-MM-DD or DD/MM/YYYY).",
        {"value": _text(value)},
    )


def _choice(name, value) -> str:
    text = _text(value)
    return text if text else _DEFAULTS[name]


def _parse(name, value):
    """One cell as the value of column ``name``, and what is wrong with it."""
    if isinstance(value, list | dict):
        return _DEFAULTS[name], Problem(name, "Expected a single value, not a list.")
    if name == "code":
        return _code(value), None
    if name == "cutoff":
        return _cutoff(value), None
    if name == "time_value":
        return _number(name, value)
    if name in _INTEGERS:
        return _integer(name, value)
    if name == "boundary_free":
        return _boolean(name, value)
    if name in _DATES:
        return _date(name, value)
    if name in ("online_service", "time_unit"):
        return _choice(name, value), None
    return _text(value), None


# Rows ----------------------------------------------------------------------


@dataclass
class _Row:
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
            values[name], problem = _parse(name, self.values.get(name))
            if problem:
                problems.append(self.locate(problem))
        return values, problems


def _build(
    entries: list[tuple[_Row, list[_Row], list[_Row]]], fields, units
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


def _group(rows: list[_Row], codes: set[str]):
    """Rows of a channel or component sheet by procedure code, in file order;
    rows whose code names no procedure are problems."""
    grouped: dict[str, list[_Row]] = {}
    problems = []
    for row in rows:
        code = _code(row.values.get("code"))
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
    records: dict[str, list[_Row]] = {}
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
        header = [_text(cell).lower() for cell in (rows[0] if rows else ())]
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
            if all(_text(cell) == "" for cell in cells):
                continue  # blank rows are spacing, not records
            values = {name: cells[i] if i < len(cells) else None for i, name in wanted}
            records[sheet].append(_Row(values, line, sheet))
    return records if complete else None


def _from_tables(tables, fields, units, problems):
    records = _tables(tables, problems)
    if records is None:
        return []
    codes = {_code(row.values.get("code")) for row in records["procedures"]}
    channels, found = _group(records["channels"], codes)
    problems.extend(found)
    components, found = _group(records["components"], codes)
    problems.extend(found)
    # A repeated code is an error; its rows share the first one's channels,
    # so that they are not also told they have none.
    entries = [
        (row, channels.get(code, []), components.get(code, []))
        for row in records["procedures"]
        for code in [_code(row.values.get("code"))]
    ]
    items, found = _build(entries, fields, units)
    problems.extend(found)
    return items


# Reading -------------------------------------------------------------------


def read_workbook(
    data: bytes,
    fmt: str,
    fields: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
) -> tuple[list[Item], list[Problem]]:
    """Read a catalogue file into ``(procedure, state)`` pairs, in file order.

    ``fields`` and ``units`` are the site's field tokens and unit codes
    (``None``: not checked). All problems are returned, located; procedures
    are returned even when they have problems, so that one run reports
    everything (an importer imports nothing unless the list is empty).
    """
    fields = set(fields) if fields is not None else None
    units = set(units) if units is not None else None
    problems: list[Problem] = []
    if fmt == "xlsx":
        tables = _xlsx_tables(data, problems)
        items = _from_tables(tables, fields, units, problems) if tables else []
    elif fmt == "csv":
        tables = _csv_tables(data, problems)
        items = _from_tables(tables, fields, units, problems) if tables else []
    elif fmt == "json":
        items = _read_json(data, fields, units, problems)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    unique = {
        (p.sheet, p.line, p.field, p.message): p for p in problems
    }  # a repeated code shares its rows, and their problems
    return items, sorted(unique.values(), key=_order)


def _order(problem: Problem):
    sheets = list(SHEETS)
    columns = SHEETS.get(problem.sheet or "", ())
    return (
        sheets.index(problem.sheet) if problem.sheet in sheets else -1,
        problem.line or 0,
        columns.index(problem.field) if problem.field in columns else len(columns),
        problem.field,
    )


def _unpacked_size_ok(archive: zipfile.ZipFile, problems) -> bool:
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        problems.append(
            Problem(
                "file",
                "The file unpacks to more than ${limit} MB.",
                {"limit": MAX_UNPACKED // 2**20},
            )
        )
        return False
    return True


def _xlsx_tables(data: bytes, problems) -> dict | None:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not _unpacked_size_ok(archive, problems):
                return None
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a bad file
        problems.append(
            Problem(
                "file",
                "Not an Excel workbook (.xlsx): ${error}.",
                {"error": str(exc) or type(exc).__name__},
            )
        )
        return None
    try:
        tables = {}
        for worksheet in workbook.worksheets:
            name = worksheet.title.strip().lower()
            if name in SHEETS and name not in tables:
                tables[name] = [
                    list(row) for row in worksheet.iter_rows(values_only=True)
                ]
        return tables
    finally:
        workbook.close()


def _csv_tables(data: bytes, problems) -> dict | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        problems.append(
            Problem(
                "file",
                "Not a .zip file of procedures.csv, channels.csv and components.csv.",
            )
        )
        return None
    with archive:
        if not _unpacked_size_ok(archive, problems):
            return None
        tables = {}
        for info in archive.infolist():
            path = pathlib.PurePosixPath(info.filename)
            sheet = path.stem.lower()
            if (
                info.is_dir()
                or path.suffix.lower() != ".csv"
                or sheet not in SHEETS
                or "__MACOSX" in path.parts
                or FORMS_FOLDER in path.parts[:-1]
            ):
                continue
            if sheet in tables:
                problems.append(
                    Problem(
                        "file",
                        "The zip holds ${name} twice.",
                        {"name": path.name},
                        sheet=sheet,
                    )
                )
                continue
            tables[sheet] = _csv_rows(archive.read(info), sheet, problems)
        return tables


def _csv_rows(raw: bytes, sheet: str, problems) -> list | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                "file",
                '${sheet}.csv is not UTF-8 text (save it as "CSV UTF-8").',
                {"sheet": sheet},
                raw[: exc.start].count(b"\n") + 1,
                sheet,
            )
        )
        return None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = []
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append([_unescape(cell) for cell in cells])
    return rows


def _unescape(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell.startswith("'") else cell


def _read_json(data: bytes, fields, units, problems) -> list[Item]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem("file", "The file is not UTF-8 text."))
        return []
    except json.JSONDecodeError as exc:
        problems.append(
            Problem("file", "Not valid JSON: ${error}.", {"error": exc.msg}, exc.lineno)
        )
        return []
    if isinstance(document, dict):
        for key in document:
            if key != "procedures" and not key.startswith("_"):
                problems.append(Problem("file", "Unknown key ${key}.", {"key": key}))
        document = document.get("procedures")
    if not isinstance(document, list):
        problems.append(Problem("file", "Expected a list of procedures."))
        return []
    entries = []
    for line, record in enumerate(document, start=1):
        if not isinstance(record, dict):
            problems.append(
                Problem("procedure", "Each procedure must be an object.", line=line)
            )
            continue
        known = {*PROCEDURE_COLUMNS, "channels", "components"}
        for name in sorted(set(record) - known):
            problems.append(
                Problem(name, "Unknown field ${name}.", {"name": name}, line)
            )
        nested = {}
        for name, columns in (
            ("channels", CHANNEL_COLUMNS),
            ("components", COMPONENT_COLUMNS),
        ):
            nested[name] = []
            rows = record.get(name) or []
            if not isinstance(rows, list):
                problems.append(
                    Problem(name, "${name} must be a list.", {"name": name}, line)
                )
                continue
            for index, entry in enumerate(rows, start=1):
                prefix = f"{name}.{index}."
                if not isinstance(entry, dict):
                    problems.append(
                        Problem(
                            f"{name}.{index}", "Each row must be an object.", line=line
                        )
                    )
                    continue
                for extra in sorted(set(entry) - set(columns[1:])):
                    problems.append(
                        Problem(
                            prefix + extra,
                            "Unknown field ${name}.",
                            {"name": extra},
                            line,
                        )
                    )
                nested[name].append(_Row(entry, line, None, prefix))
        entries.append((_Row(record, line), nested["channels"], nested["components"]))
    items, found = _build(entries, fields, units)
    problems.extend(found)
    return items


# Writing -------------------------------------------------------------------


def _records(items: Iterable[Item]):
    """The three tables of a catalogue, as typed values."""
    tables = {sheet: [] for sheet in SHEETS}
    for procedure, state in items:
        row = {name: getattr(procedure, name, None) for name in PROCEDURE_COLUMNS}
        row["state"] = state or ""
        tables["procedures"].append(row)
        for channel in procedure.channels:
            tables["channels"].append({"code": procedure.code, **channel.__dict__})
        for component in procedure.components:
            tables["components"].append({"code": procedure.code, **component.__dict__})
    return tables


def _plain(value):
    """A value as it is written: whole floats as integers, text cleaned."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS.sub("", value).strip()
    return value


def write_workbook(
    items: Iterable[Item], fmt: str, forms: Mapping[FormKey, bytes] | None = None
) -> bytes:
    """A catalogue file of ``(procedure, state)`` pairs, in the given order.

    ``forms`` (``{(code, form id): bytes}``) go into the zip of the ``csv``
    format; the other formats name form files but cannot hold them.
    """
    items = list(items)
    if fmt == "xlsx":
        return _write_xlsx(_records(items))
    if fmt == "csv":
        return _write_zip(_records(items), forms or {})
    if fmt == "json":
        return _write_json(items)
    raise ValueError(f"unknown format {fmt!r}")


_WIDTHS = {
    "code": 14,
    "title": 48,
    "steps": 48,
    "applicants": 32,
    "conditions": 32,
    "result": 32,
    "legal_basis": 40,
    "name": 48,
    "note": 32,
    "online_partial_reason": 32,
    "publication_decision": 28,
    "form": 32,
}
_LISTS = {
    "level": LEVELS,
    "online_service": ONLINE_SERVICES,
    "state": STATES,
    "channel": CHANNELS,
    "time_unit": TIME_UNITS,
}


def _write_xlsx(tables) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for sheet, columns in SHEETS.items():
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(columns)
        for cell in worksheet[1]:
            cell.font = bold
        worksheet.freeze_panes = "A2"
        for position, name in enumerate(columns, start=1):
            letter = get_column_letter(position)
            worksheet.column_dimensions[letter].width = _WIDTHS.get(name, 12)
            if name in _LISTS:
                validation = DataValidation(
                    type="list",
                    formula1='"{}"'.format(",".join(_LISTS[name])),
                    allow_blank=True,
                )
                validation.add(f"{letter}2:{letter}1048576")
                worksheet.add_data_validation(validation)
        for line, record in enumerate(tables[sheet], start=2):
            for position, name in enumerate(columns, start=1):
                value = _plain(record[name])
                if value == "" or value is None:
                    continue
                if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
                    raise ValueError(
                        f"{sheet} row {line}, column {name}: more than "
                        f"{XLSX_CELL_MAX} characters, Excel's limit for one cell"
                    )
                cell = worksheet.cell(row=line, column=position, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text that starts with = stays text
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    stamp = datetime(2000, 1, 1)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "dienbien.policy"
    buffer = io.BytesIO()
    with StableZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def _csv_cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def _write_zip(tables, forms: Mapping[FormKey, bytes]) -> bytes:
    buffer = io.BytesIO()
    with StableZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet, columns in SHEETS.items():
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(columns)
            for record in tables[sheet]:
                writer.writerow([_csv_cell(record[name]) for name in columns])
            archive.writestr(f"{sheet}.csv", "\ufeff" + text.getvalue())
        for (code, form), content in sorted(forms.items()):
            archive.writestr(f"{FORMS_FOLDER}/{code}/{form}", content)
    return buffer.getvalue()


def _json_value(value):
    value = _plain(value)
    return value.isoformat() if isinstance(value, date) else value


def _omit(value) -> bool:
    return value is None or value == "" or value is False


def _write_json(items: list[Item]) -> bytes:
    procedures = []
    for procedure, state in items:
        record = {}
        for name in PROCEDURE_COLUMNS:
            value = state if name == "state" else getattr(procedure, name)
            if name in (
                "code",
                "title",
                "field",
                "level",
                "online_service",
            ) or not _omit(value):
                record[name] = _json_value(value)
        record["channels"] = [
            {
                name: _json_value(getattr(row, name))
                for name in CHANNEL_COLUMNS[1:]
                if name in ("channel", "time_value", "time_unit", "fee")
                or not _omit(getattr(row, name))
            }
            for row in procedure.channels
        ]
        record["components"] = [
            {
                name: _json_value(getattr(row, name))
                for name in COMPONENT_COLUMNS[1:]
                if name != "form" or row.form
            }
            for row in procedure.components
        ]
        procedures.append(record)
    text = json.dumps({"procedures": procedures}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


# Form files in the zip -----------------------------------------------------


def read_forms(data: bytes, items: Iterable[Item]) -> tuple[dict, list[Problem]]:
    """The form files a zipped CSV catalogue carries: ``{(code, form): bytes}``.

    Each must be named ``forms/<procedure code>/<form>`` by a component of
    that procedure in the same file.
    """
    named = {
        (procedure.code, component.form)
        for procedure, _state in items
        for component in procedure.components
        if component.form
    }
    forms, problems = {}, []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return {}, []  # read_workbook has said so
    with archive:
        if not _unpacked_size_ok(archive, []):
            return {}, []
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            parts = pathlib.PurePosixPath(info.filename).parts
            if info.is_dir() or "__MACOSX" in parts or FORMS_FOLDER not in parts[:-1]:
                continue
            if len(parts) < 3 or parts[-3] != FORMS_FOLDER:
                problems.append(
                    Problem(
                        "file",
                        "${path}: form files go in forms/<procedure code>/<file>.",
                        {"path": info.filename},
                        sheet=FORMS_FOLDER,
                    )
                )
                continue
            key = (parts[-2], parts[-1])
            if not FORM_ID.match(key[1]) or key not in named:
                problems.append(
                    Problem(
                        "form",
                        "${path}: no component of procedure ${code} names the "
                        "form ${form} (form names are letters, digits, dots and "
                        "dashes).",
                        {"path": info.filename, "code": key[0], "form": key[1]},
                        sheet=FORMS_FOLDER,
                    )
                )
                continue
            forms[key] = archive.read(info)
    return forms, problems
