"""The statistics report as an .xlsx workbook (``format=xlsx`` of
``@dossier-stats`` and ``@@dossier-stats.xlsx``): plain Python, openpyxl."""

from datetime import datetime
from datetime import time
from datetime import timedelta
from dienbien.policy.core.statistics import Report
from dienbien.policy.formats.stablezip import StableZip
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

import io
import re
import zipfile


_STAMP = datetime(2000, 1, 1)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def period_label(start: datetime, end: datetime) -> str:
    """``01/01/2026 – 31/03/2026``: the period with its last day included
    (an ``end`` at midnight shows the day before)."""

    def moment(value: datetime) -> str:
        if value.time() == time(0, 0):
            return f"{value:%d/%m/%Y}"
        return f"{value:%d/%m/%Y %H:%M}"

    last = end - timedelta(days=1) if end.time() == time(0, 0) else end
    return f"{moment(start)} – {moment(last)}"


def sheet_title(title: str) -> str:
    """A sheet's name from the report's title: Excel allows 31 characters,
    cut after a whole word rather than in one or before a space."""
    text = _SHEET_FORBIDDEN.sub("-", title).strip()
    if len(text) > 31:
        cut = text[:32]
        text = cut[: cut.rfind(" ")] if " " in cut else text[:31]
    return text.strip(" -") or "Statistics"


def write_xlsx(
    report: Report,
    titles: dict[str, str],
    column_titles: dict[str, str],
    title: str = "",
    total_title: str = "Total",
) -> bytes:
    """The report as a one-sheet workbook: a title row, a header row, one row
    per group, the total row.

    ``titles`` names the group keys, ``column_titles`` the columns and, under
    ``"key"``, the first column; both come translated from the caller. A
    missing title shows the id. Counts are numbers, the on-time rate a
    percentage. No time stamp of its own: the same report gives the same
    bytes.
    """
    columns = list(report.columns)
    heading = f"{title} ({period_label(report.start, report.end)})"
    if not title:
        heading = period_label(report.start, report.end)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    bold = Font(bold=True)
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(
        start_row=1, start_column=1, end_row=1, end_column=len(columns) + 1
    )
    sheet.append(
        [column_titles.get("key", report.group_by)]
        + [column_titles.get(column, column) for column in columns]
    )
    for cell in sheet[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in report.rows:
        sheet.append(
            [titles.get(row["key"], row["key"])] + [row[column] for column in columns]
        )
    sheet.append([total_title] + [report.total[column] for column in columns])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    formats = {"on_time_rate": "0.00%", "average_calendar_days": "0.00"}
    for position, column in enumerate(columns, start=2):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 14
        number_format = formats.get(column)
        if number_format:
            for line in range(3, sheet.max_row + 1):
                sheet[f"{letter}{line}"].number_format = number_format
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "B3"
    workbook.properties.created = _STAMP
    workbook.properties.modified = _STAMP
    workbook.properties.creator = "dienbien.policy"
    buffer = io.BytesIO()
    with StableZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
