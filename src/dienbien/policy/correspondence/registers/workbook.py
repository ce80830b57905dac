"""A register as an .xlsx workbook (``@registers`` with ``format=xlsx`` and
the register pages' download link): plain Python on XlsxWriter.

The heading rows (the unit, the register's title, the year and period),
one header row repeated on every printed page, then the rows of
``core.correspondence.register_rows`` as they are: dates as Excel dates
shown ``dd/mm/yyyy``, numbers as numbers, text always as text (a summary
``=HYPERLINK(…)`` stays the words the clerk typed). A4 landscape, fitted to
the page's width. No time stamp of its own: the same register gives the
same bytes.

Why XlsxWriter and not openpyxl (which reads workbooks elsewhere):
openpyxl's write-only mode builds every cell twice (the styled cell we
hand it and its own copy) and took 3.6 s for a year's register of 20,000
rows; XlsxWriter in ``constant_memory`` mode writes each row to a
temporary file as it comes, with one format object per style, in about a
third of that (``bench/register_export.py``, docs/benchmarks.md).
"""

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence.register_rows import Column

import io
import re
import xlsxwriter


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"
_STAMP = datetime(2000, 1, 1)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Excel's paper size code of A4.
A4 = 9
#: Day 0 of Excel's (1900) date system, for days from 1 March 1900 (before
#: it, Excel counts a 29 February 1900 that never was).
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_SAFE = date(1900, 3, 1)


def sheet_name(title: str) -> str:
    """A sheet name Excel takes: no ``[]:*?/\\``, at most 31 characters,
    no apostrophe at either end (the English follow-up register's title,
    cut at 31, ends with one)."""
    name = _SHEET_FORBIDDEN.sub("-", title).strip()[:31].strip("' ")
    return name or "Register"


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
    buffer = io.BytesIO()
    # constant_memory: each row goes to a temporary file once the next one
    # starts, so a year's register never sits in memory as cells.
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_urls": False}
    )
    workbook.set_properties(
        {"created": _STAMP, "author": "dienbien.policy", "title": title}
    )
    sheet = workbook.add_worksheet(sheet_name(sheet_title or title))
    for position, column in enumerate(columns):
        sheet.set_column(position, position, column.width)
    last = len(columns) - 1
    # A4 landscape, the columns fitted to the page's width.
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)

    def font(**properties):
        return workbook.add_format({"font_name": FONT, **properties})

    top = 0
    for text in heading:
        sheet.write_string(top, 0, text, font(bold=True, font_size=12))
        top += 1
    if title:
        sheet.merge_range(top, 0, top, last, title, font(bold=True, font_size=14))
        top += 1
    for text in subtitle:
        sheet.merge_range(top, 0, top, last, text, font(italic=True, font_size=12))
        top += 1
    top += 1  # an empty row

    boxed = {"border": 1, "text_wrap": True}
    header = font(bold=True, font_size=11, align="center", valign="vcenter", **boxed)
    for position, text in enumerate(titles):
        sheet.write_string(top, position, text, header)
    # Repeated on each printed page; the rows scroll under it on screen.
    sheet.repeat_rows(top)
    top += 1
    sheet.freeze_panes(top, 0)

    plain = font(font_size=11, valign="top", **boxed)
    dated = font(font_size=11, valign="top", num_format=DATE_FORMAT, **boxed)
    blank, string, number = sheet.write_blank, sheet.write_string, sheet.write_number
    moment = sheet.write_datetime
    count = len(columns)
    for line, row in enumerate(rows, start=top):
        if len(row) != count:
            raise ValueError(f"a row of {len(row)} cells for {count} columns")
        for position, value in enumerate(row):
            if value is None or value == "":
                blank(line, position, None, plain)
            elif isinstance(value, str):
                string(line, position, value, plain)
            elif isinstance(value, date):
                if type(value) is date and value >= _SERIAL_SAFE:
                    # A day is its serial number under the date format: the
                    # same cell as write_datetime's, without its conversion
                    # (a year's register has tens of thousands of dates).
                    number(line, position, (value - _EXCEL_EPOCH).days, dated)
                else:
                    moment(line, position, value, dated)
            else:
                number(line, position, value, plain)
    workbook.close()
    return buffer.getvalue()
