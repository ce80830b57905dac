"""Writing the catalogue (.xlsx, .zip of CSV with the form files, .json):
``write_workbook``, deterministic (same catalogue, same bytes)."""

from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from dienbien.policy.core.procedures import CHANNELS
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import ONLINE_SERVICES
from dienbien.policy.core.procedures import TIME_UNITS
from dienbien.policy.formats.stablezip import StableZip
from dienbien.policy.procedures.files.layout import CHANNEL_COLUMNS
from dienbien.policy.procedures.files.layout import COMPONENT_COLUMNS
from dienbien.policy.procedures.files.layout import FormKey
from dienbien.policy.procedures.files.layout import FORMS_FOLDER
from dienbien.policy.procedures.files.layout import FORMULA_START
from dienbien.policy.procedures.files.layout import ILLEGAL_CHARACTERS
from dienbien.policy.procedures.files.layout import Item
from dienbien.policy.procedures.files.layout import PROCEDURE_COLUMNS
from dienbien.policy.procedures.files.layout import SHEETS
from dienbien.policy.procedures.files.layout import STATES
from dienbien.policy.procedures.files.layout import XLSX_CELL_MAX

import csv
import io
import json
import zipfile


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
