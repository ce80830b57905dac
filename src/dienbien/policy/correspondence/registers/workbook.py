"""A register as an .xlsx workbook (``@registers`` with ``format=xlsx`` and
the register pages' download link): plain Python on openpyxl.

The heading rows (the unit, the register's title, the year and period),
one header row repeated on every printed page, then the rows of
``core.correspondence.register_rows`` as they are: dates as Excel dates
shown ``dd/mm/yyyy``, numbers as numbers. A4 landscape, fitted to the
page's width. Written row by row (openpyxl's write-only mode): a year's
register of 20,000 rows takes about a second. No time stamp of its own:
the same register gives the same bytes.
"""

from collections.abc import Iterable
from collections.abc import Sequence
from copy import copy
from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence.register_rows import Column
from dienbien.policy.formats.stablezip import StableZip
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

import io
import re
import zipfile


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"
_STAMP = datetime(2000, 1, 1)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_register(
    columns: Sequence[Column],
    titles: Sequence[str],
    rows: Iterable[tuple],
    heading: Sequence[str] = (),
    title: str = "",
    subtitle: Sequence[str] = (),
    sheet_title: str = "",
) -> bytes:
    """The register as a one-sheet workbook.

    ``columns`` give kinds and widths, ``titles`` the translated column
    titles; ``heading`` the unit's lines (top left on paper), ``title`` the
    register's name, ``subtitle`` the year and period lines.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(
        (_SHEET_FORBIDDEN.sub("-", sheet_title or title).strip()[:31]) or "Register"
    )
    for position, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = column.width
    last = get_column_letter(len(columns))
    # A4 landscape, the columns fitted to the page's width.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def line(value, **font):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(name=FONT, **font)
        return cell

    top = 0
    for text in heading:
        sheet.append([line(text, bold=True, size=12)])
        top += 1
    if title:
        sheet.append([line(title, bold=True, size=14)])
        top += 1
        sheet.merged_cells.add(f"A{top}:{last}{top}")
    for text in subtitle:
        sheet.append([line(text, italic=True, size=12)])
        top += 1
        sheet.merged_cells.add(f"A{top}:{last}{top}")
    sheet.append([])
    top += 1

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=FONT, bold=True, size=11)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for text in titles:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.alignment, cell.border = header_font, centred, border
        header.append(cell)
    sheet.append(header)
    top += 1
    # Repeated on each printed page; the rows scroll under it on screen.
    sheet.print_title_rows = f"{top}:{top}"
    sheet.freeze_panes = f"A{top + 1}"

    # Styles are looked up once: a cell styled one by one hashes its font,
    # border and alignment each time (15 s for 20,000 rows instead of 1).
    plain, dated = _styled(sheet, None), _styled(sheet, DATE_FORMAT)
    kinds = [column.kind for column in columns]
    for row in rows:
        cells = []
        for kind, value in zip(kinds, row, strict=True):
            cell = WriteOnlyCell(sheet, value=value if value != "" else None)
            if cell.data_type == "f":
                # Typed text, never a formula: a summary "=HYPERLINK(…)"
                # stays the words the clerk typed.
                cell.data_type = "s"
            model = dated if kind == "date" and isinstance(value, date) else plain
            cell._style = copy(model)
            cells.append(cell)
        sheet.append(cells)

    workbook.properties.created = _STAMP
    workbook.properties.modified = _STAMP
    workbook.properties.creator = "dienbien.policy"
    buffer = io.BytesIO()
    with StableZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def _styled(sheet, number_format):
    """The style of a body cell (Times New Roman, bordered, wrapped, top):
    the ``StyleArray`` each cell then copies."""
    thin = Side(style="thin")
    cell = WriteOnlyCell(sheet)
    cell.font = Font(name=FONT, size=11)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if number_format:
        cell.number_format = number_format
    return cell._style
