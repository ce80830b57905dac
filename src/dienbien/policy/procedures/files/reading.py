"""Reading a catalogue file (.xlsx, .zip of CSV, .json) into procedures and
problems: ``read_workbook``."""

from collections.abc import Iterable
from dienbien.policy.core.messages import Problem
from dienbien.policy.procedures.files.layout import CHANNEL_COLUMNS
from dienbien.policy.procedures.files.layout import COMPONENT_COLUMNS
from dienbien.policy.procedures.files.layout import FORMS_FOLDER
from dienbien.policy.procedures.files.layout import Item
from dienbien.policy.procedures.files.layout import MAX_UNPACKED
from dienbien.policy.procedures.files.layout import PROCEDURE_COLUMNS
from dienbien.policy.procedures.files.layout import SHEETS
from dienbien.policy.procedures.files.rows import build
from dienbien.policy.procedures.files.rows import from_tables
from dienbien.policy.procedures.files.rows import Row

import csv
import io
import json
import pathlib
import zipfile


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
        items = from_tables(tables, fields, units, problems) if tables else []
    elif fmt == "csv":
        tables = _csv_tables(data, problems)
        items = from_tables(tables, fields, units, problems) if tables else []
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


def unpacked_size_ok(archive: zipfile.ZipFile, problems) -> bool:
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
            if not unpacked_size_ok(archive, problems):
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
        if not unpacked_size_ok(archive, problems):
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
                nested[name].append(Row(entry, line, None, prefix))
        entries.append((Row(record, line), nested["channels"], nested["components"]))
    items, found = build(entries, fields, units)
    problems.extend(found)
    return items
