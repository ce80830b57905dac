"""The register as .xlsx: heading rows, the header repeated on each printed
page, A4 landscape, dates as Excel dates, the same cells as the rows."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.registers.workbook import write_register

import io
import openpyxl


ENTRY = rr.IncomingEntry(
    number=3,
    received=datetime(2026, 3, 2, 14, 15),
    doctype="dispatch",
    summary="V/v báo cáo",
    author="UBND tỉnh Điện Biên",
    notation="3954/UBND-VX",
    document_date=date(2026, 2, 27),
    urgency="urgent",
)


def workbook(rows):
    columns = rr.COLUMNS[rr.INCOMING]
    body = write_register(
        columns,
        [column.title for column in columns],
        rows,
        heading=("UBND HUYỆN ĐIỆN BIÊN", "VĂN PHÒNG HĐND VÀ UBND"),
        title="SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        subtitle=("Năm 2026",),
    )
    return body, openpyxl.load_workbook(io.BytesIO(body)).active


def test_heading_header_and_rows():
    row = rr.incoming_row(ENTRY)
    body, sheet = workbook([row])
    values = list(sheet.iter_rows(values_only=True))
    assert [line[0] for line in values[:4]] == [
        "UBND HUYỆN ĐIỆN BIÊN",
        "VĂN PHÒNG HĐND VÀ UBND",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        "Năm 2026",
    ]
    assert list(values[5]) == [column.title for column in rr.COLUMNS[rr.INCOMING]]
    assert values[6] == (
        datetime(2026, 3, 2),
        3,
        "UBND tỉnh Điện Biên",
        "3954/UBND-VX",
        datetime(2026, 2, 27),
        "Công văn V/v báo cáo",
        None,
        None,
        None,
        "KHẨN",
    )
    assert sheet["A7"].number_format == "dd/mm/yyyy"
    assert sheet["A7"].font.name == "Times New Roman"
    assert sheet["A7"].border.left.style == "thin"
    assert sheet.print_title_rows == "$6:$6"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.column_dimensions["F"].width == 42
    # No time stamp of its own: the same register, the same bytes.
    assert workbook([row])[0] == body


def test_an_empty_register_has_its_header():
    _, sheet = workbook([])
    assert sheet.max_row == 6
