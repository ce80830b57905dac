"""The register as .xlsx: heading rows, the header repeated on each printed
page, A4 landscape, dates as Excel dates, the same cells as the rows."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.registers.workbook import write_register
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

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
    # Excel stores a width with the cell's padding (42 characters: 42.71).
    assert int(sheet.column_dimensions["F"].width) == 42
    assert sheet.freeze_panes == "A7"
    assert sheet["A1"].font.b and sheet["A3"].font.b and sheet["F6"].font.b
    assert "A3:J3" in sheet.merged_cells
    # No time stamp of its own: the same register, the same bytes.
    assert workbook([row])[0] == body


def test_an_empty_register_has_its_header():
    _, sheet = workbook([])
    assert sheet.max_row == 6


TEXT = st.one_of(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
        max_size=30,
    ),
    st.just("=SUM(A1:A2)"),
)
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31))
OUTGOING = st.builds(
    rr.OutgoingEntry,
    notation=TEXT,
    doctype=st.sampled_from(["decision", "dispatch", "report", "unknown"]),
    summary=TEXT,
    issued=MOMENTS,
    signer=TEXT,
    recipients=st.lists(TEXT, max_size=3).map(tuple),
    file_keeper=TEXT,
    copies=st.one_of(st.none(), st.integers(min_value=1, max_value=500)),
    sent=st.one_of(st.none(), MOMENTS),
    state=st.sampled_from(["issued", "sent", "recalled"]),
    urgency=st.sampled_from(["normal", "urgent", "very_urgent", "flash"]),
    confidentiality=st.sampled_from(["normal", "confidential"]),
)


def as_json(value):
    """An .xlsx cell as ``@registers`` writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return value


@settings(max_examples=25, deadline=None)
@given(st.lists(OUTGOING, max_size=8))
def test_the_workbook_holds_the_json_cells(entries):
    rows = rr.rows(rr.OUTGOING, entries, date(2026, 1, 1))
    columns = rr.COLUMNS[rr.OUTGOING]
    body = write_register(columns, [c.title for c in columns], rows)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = list(sheet.iter_rows(min_row=3, values_only=True))
    ids = [column.id for column in columns]
    assert [dict(zip(ids, map(as_json, row), strict=True)) for row in cells] == [
        rr.as_record(rr.OUTGOING, row) for row in rows
    ]


def test_text_that_looks_like_a_formula_stays_text():
    entry = rr.IncomingEntry(
        number=1,
        received=date(2026, 3, 2),
        doctype="",
        summary='=HYPERLINK("http://example.invalid","x")',
        author="=1+1",
    )
    _, sheet = workbook([rr.incoming_row(entry)])
    assert sheet["C7"].value == "=1+1" and sheet["C7"].data_type == "s"
    assert sheet["F7"].value == '=HYPERLINK("http://example.invalid","x")'
    assert sheet["F7"].data_type == "s"


def test_a_title_cut_at_an_apostrophe_still_names_the_sheet():
    columns = rr.COLUMNS[rr.FOLLOW_UP]
    title = "REGISTER OF INCOMING DOCUMENTS' HANDLING"
    body = write_register(columns, [c.title for c in columns], [], title=title)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.title == "REGISTER OF INCOMING DOCUMENTS"
    assert sheet["A1"].value == title
