"""The file plan (danh mục hồ sơ) as an .xlsx workbook: a title row, the
columns of the plan (Decree 30/2020 Appendix V), one row per file in the
plan's order. Plain openpyxl; the same plan gives the same bytes."""

from datetime import datetime
from dienbien.policy.formats.stablezip import StableZip
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

import io
import zipfile


_STAMP = datetime(2000, 1, 1)

#: Column widths of the plan, in characters.
WIDTHS = (16, 60, 16, 28, 16, 24)


def write_plan(title: str, headers: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục hồ sơ"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for position, width in enumerate(WIDTHS[: len(headers)], start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    workbook.properties.created = _STAMP
    workbook.properties.modified = _STAMP
    workbook.properties.creator = "dienbien.policy"
    buffer = io.BytesIO()
    with StableZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
