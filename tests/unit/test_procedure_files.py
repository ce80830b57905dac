"""The procedure catalogue's file format, without Plone."""

from datetime import date
from datetime import datetime
from datetime import time
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import check_procedure
from dienbien.policy.core.procedures import CODE_PATTERN
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import CUTOFF_PATTERN
from dienbien.policy.core.procedures import DEFAULT_FIELDS
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.core.procedures import TIME_UNITS
from dienbien.policy.procedures.files.forms import read_forms
from dienbien.policy.procedures.files.layout import CHANNEL_COLUMNS
from dienbien.policy.procedures.files.layout import describe
from dienbien.policy.procedures.files.layout import format_of
from dienbien.policy.procedures.files.layout import ILLEGAL_CHARACTERS
from dienbien.policy.procedures.files.layout import PROCEDURE_COLUMNS
from dienbien.policy.procedures.files.layout import STATES
from dienbien.policy.procedures.files.reading import read_workbook
from dienbien.policy.procedures.files.writing import write_workbook
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

import csv
import io
import json
import openpyxl
import pytest
import zipfile


BIRTH = Procedure(
    code="1.001193",
    title="Đăng ký khai sinh",
    field="ho-tich",
    level="commune",
    unit="H15.50.05.01",
    applicants="Cha, mẹ hoặc người thân thích của trẻ",
    steps="<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>",
    legal_basis="Luật Hộ tịch số 60/2014/QH13",
    boundary_free=True,
    in_force_from=date(2016, 1, 1),
    channels=(
        ChannelTerms("in_person", 0, "same_day", "15:00", 0, "Ngay trong ngày"),
        ChannelTerms("online", 1, "working_days", fee=0),
    ),
    components=(
        Component("Tờ khai đăng ký khai sinh", 1, 0, "to-khai-dang-ky-khai-sinh.docx"),
        Component("Giấy chứng sinh", 1, 0),
    ),
)
LAND = Procedure(
    code="1.004227.H15",
    title="Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    field="dat-dai",
    level="district",
    unit="H15.50.05",
    online_service="partial",
    online_partial_reason="Phải đo đạc, kiểm tra thực địa.",
    in_force_from=date(2024, 8, 1),
    abolished_on=date(2025, 7, 1),
    channels=(
        ChannelTerms("in_person", 30, "working_days", fee=100000),
        ChannelTerms("post", 30, "calendar_days", fee=100000, note="=qua bưu điện"),
    ),
    components=(Component("Đơn đăng ký", 1, 0), Component("Giấy tờ về đất", 0, 1)),
)
ITEMS = [(BIRTH, "published"), (LAND, "abolished")]
FIELDS = {token for token, _name in DEFAULT_FIELDS}
UNITS = {"H15.50.05.01", "H15.50.05"}


def located(problems):
    return sorted((p.sheet or "", p.line or 0, p.field) for p in problems)


def xlsx(items=ITEMS):
    """A workbook as written, opened for editing like a person would."""
    return openpyxl.load_workbook(io.BytesIO(write_workbook(items, "xlsx")))


def put(sheet, row, column, value):
    sheet.cell(row, column).value = value  # cell(..., value=None) clears nothing


def save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zipped(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def unzipped(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# Round trips ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_examples_round_trip(fmt):
    data = write_workbook(ITEMS, fmt)
    assert read_workbook(data, fmt, FIELDS, UNITS) == (ITEMS, [])
    assert write_workbook(ITEMS, fmt) == data  # same catalogue, same bytes


def test_xlsx_is_a_workbook_for_people():
    workbook = xlsx()
    assert workbook.sheetnames == ["procedures", "channels", "components"]
    procedures = workbook["procedures"]
    assert [c.value for c in procedures[1]] == list(PROCEDURE_COLUMNS)
    assert procedures.freeze_panes == "A2"
    # Typed cells: a real date, a real boolean, a number.
    row = {c: procedures.cell(2, i + 1).value for i, c in enumerate(PROCEDURE_COLUMNS)}
    assert row["in_force_from"] == datetime(2016, 1, 1)
    assert row["boundary_free"] is True
    channels = workbook["channels"]
    assert [c.value for c in channels[1]] == list(CHANNEL_COLUMNS)
    assert channels.cell(4, 6).value == 100000
    # Drop-down lists for the fixed vocabularies.
    lists = {v.formula1 for v in channels.data_validations.dataValidation}
    assert '"{}"'.format(",".join(TIME_UNITS)) in lists
    # Text that starts like a formula stays text.
    assert channels.cell(5, 7).value == "=qua bưu điện"
    assert channels.cell(5, 7).data_type == "s"


def test_csv_zip_opens_in_excel():
    files = unzipped(write_workbook(ITEMS, "csv"))
    assert sorted(files) == ["channels.csv", "components.csv", "procedures.csv"]
    text = files["channels.csv"].decode("utf-8")
    assert text.startswith("\ufeffcode,channel,")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    # A cell that starts like a formula is written behind an apostrophe.
    assert rows[-1][-1] == "'=qua bưu điện"
    procedures = files["procedures.csv"].decode("utf-8-sig")
    assert "Đăng ký khai sinh" in procedures and "true,2016-01-01" in procedures


def test_json_is_compact_and_readable():
    data = json.loads(write_workbook(ITEMS, "json"))
    birth = data["procedures"][0]
    assert "conditions" not in birth  # empty values are left out
    assert birth["channels"][0] == {
        "channel": "in_person",
        "time_value": 0,
        "time_unit": "same_day",
        "cutoff": "15:00",
        "fee": 0,
        "note": "Ngay trong ngày",
    }
    assert birth["in_force_from"] == "2016-01-01"


def test_forms_travel_in_the_zip():
    forms = {("1.001193", "to-khai-dang-ky-khai-sinh.docx"): b"PK\x03\x04 docx"}
    data = write_workbook(ITEMS, "csv", forms=forms)
    assert "forms/1.001193/to-khai-dang-ky-khai-sinh.docx" in unzipped(data)
    items, problems = read_workbook(data, "csv")
    assert problems == []
    assert read_forms(data, items) == (forms, [])


def test_forms_nobody_names_are_refused():
    data = zipped(
        {
            **unzipped(write_workbook(ITEMS, "csv")),
            "forms/1.001193/other.docx": b"x",
            "forms/stray.docx": b"x",
        }
    )
    forms, problems = read_forms(data, ITEMS)
    assert forms == {}
    assert [(p.sheet, p.field) for p in problems] == [
        ("forms", "form"),
        ("forms", "file"),
    ]
    assert "other.docx" in problems[0].message


# Hypothesis: read(write(x)) == x --------------------------------------------

_SAFE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(
        chr(c) for c in range(0x10000) if ILLEGAL_CHARACTERS.match(chr(c))
    ),
)
# Text as people type it, plus anything Unicode has (stripped: values are
# read without surrounding white space).
words = st.sampled_from(
    ["Đăng ký", "khai sinh", "=SUM(A1)", "'", "-", "@x", "50.000", "1.000948", "\n"]
)
text = st.lists(words | st.text(_SAFE, max_size=12), max_size=4).map(
    lambda parts: " ".join(parts).strip()
)
nonempty = text.filter(bool)
dates = st.none() | st.dates(date(1900, 3, 1), date(9999, 12, 31))
# Excel keeps 15 significant digits; processing times need three decimals.
times = st.integers(1, 10**9).map(lambda n: n / 1000) | st.integers(1, 10**6)


@st.composite
def channels(draw, channel):
    unit = draw(st.sampled_from(TIME_UNITS))
    value = draw(st.just(0) | times) if unit == "same_day" else draw(times)
    return ChannelTerms(
        channel=channel,
        time_value=value,
        time_unit=unit,
        cutoff=draw(st.just("") | st.from_regex(CUTOFF_PATTERN, fullmatch=True)),
        fee=draw(st.integers(0, 10**12)),
        note=draw(text),
    )


components = st.builds(
    Component,
    name=nonempty,
    originals=st.integers(0, 50),
    copies=st.integers(0, 50),
    form=st.just("") | st.from_regex(r"\A[a-z0-9][a-z0-9.-]{0,20}\Z"),
)


@st.composite
def procedures(draw):
    online = draw(st.sampled_from(["full", "partial"]))
    start, end = draw(dates), draw(dates)
    if start and end and end < start:
        start, end = end, start
    names = draw(st.permutations(["in_person", "online", "post"]))
    count = draw(st.integers(1, 3))
    return Procedure(
        code=draw(st.from_regex(CODE_PATTERN, fullmatch=True).map(str.strip)),
        title=draw(nonempty),
        field=draw(st.sampled_from(sorted(FIELDS))),
        level=draw(st.sampled_from(LEVELS)),
        unit=draw(st.sampled_from(["", *sorted(UNITS)])),
        applicants=draw(text),
        steps=draw(text.map(lambda t: f"<ol><li>{t}</li></ol>" if t else "")),
        conditions=draw(text),
        result=draw(text),
        legal_basis=draw(text),
        publication_decision=draw(text),
        online_service=online,
        online_partial_reason=draw(nonempty if online == "partial" else text),
        boundary_free=draw(st.booleans()),
        in_force_from=start,
        abolished_on=end,
        channels=tuple(draw(channels(name)) for name in names[:count]),
        components=tuple(draw(st.lists(components, max_size=4))),
    )


catalogues = st.lists(
    st.tuples(procedures(), st.sampled_from(["", *STATES])),
    max_size=4,
    unique_by=lambda item: item[0].code,
)


def test_generated_procedures_are_valid():
    """The round trip below is over procedures the core accepts."""

    # Generation is slow on a loaded machine; the property is what counts.
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(procedures())
    def check(procedure):
        assert check_procedure(procedure, FIELDS, UNITS) == []

    check()


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=catalogues)
def test_round_trip(fmt, items):
    data = write_workbook(items, fmt)
    assert read_workbook(data, fmt, FIELDS, UNITS) == (items, [])
    assert write_workbook(items, fmt) == data


# Bad files: every problem at its sheet, row and column ---------------------


def test_bad_cells_are_located():
    workbook = xlsx()
    procedures, channels, components = (
        workbook[name] for name in ("procedures", "channels", "components")
    )
    column = {name: i + 1 for i, name in enumerate(PROCEDURE_COLUMNS)}
    put(procedures, 2, column["level"], "tỉnh")
    put(procedures, 2, column["state"], "live")
    put(procedures, 3, column["in_force_from"], "31/02/2025")
    put(procedures, 3, column["online_partial_reason"], None)  # partial needs one
    put(channels, 3, 3, "ba ngày")  # time_value of BIRTH's online channel
    put(channels, 4, 6, -5)  # fee of LAND in person: check_procedure's rule
    put(channels, 5, 4, "weeks")  # time_unit
    components.append(["9.999999", "Giấy lạc", 1, 0, ""])  # no such procedure
    put(components, 3, 3, "một")  # originals
    items, problems = read_workbook(save(workbook), "xlsx")
    assert located(problems) == [
        ("channels", 3, "time_value"),
        ("channels", 4, "fee"),
        ("channels", 5, "time_unit"),
        ("components", 3, "originals"),
        ("components", 6, "code"),
        ("procedures", 2, "level"),
        ("procedures", 2, "state"),
        ("procedures", 3, "in_force_from"),
        ("procedures", 3, "online_partial_reason"),
    ]
    by_place = {(p.sheet, p.line, p.field): p for p in problems}
    # An unreadable cell is reported once, not again by the core's check.
    assert by_place["channels", 3, "time_value"].message == "ba ngày is not a number."
    assert "-5" in by_place["channels", 4, "fee"].message
    assert "9.999999" in by_place["components", 6, "code"].message
    # Everything readable was read, so one run shows every mistake.
    assert [p.code for p, _state in items] == ["1.001193", "1.004227.H15"]


def test_problems_come_in_file_order():
    workbook = xlsx()
    put(workbook["channels"], 3, 6, "nhiều")
    put(workbook["procedures"], 3, 4, "")
    _items, problems = read_workbook(save(workbook), "xlsx")
    assert [(p.sheet, p.line) for p in problems] == [("procedures", 3), ("channels", 3)]
    assert describe(problems[0]).startswith(
        "procedures row 3, column level: Unknown level"
    )
    assert describe(problems[1]) == (
        "channels row 3, column fee: nhiều is not a whole number."
    )


def test_site_fields_and_units_are_checked_where_they_are():
    workbook = xlsx()
    put(workbook["procedures"], 3, 3, "ho-khau")
    put(workbook["procedures"], 2, 5, "H15.99")
    _items, problems = read_workbook(save(workbook), "xlsx", FIELDS, UNITS)
    assert located(problems) == [("procedures", 2, "unit"), ("procedures", 3, "field")]
    # Without the site's lists, any token passes.
    assert read_workbook(save(workbook), "xlsx")[1] == []


def test_duplicate_codes_and_missing_channels():
    workbook = xlsx()
    procedures = workbook["procedures"]
    procedures.append([c.value for c in procedures[2]])  # BIRTH again, row 4
    procedures.append(["1.000001", "Thủ tục không có kênh", "ho-tich", "commune"])
    _items, problems = read_workbook(save(workbook), "xlsx")
    assert located(problems) == [("procedures", 4, "code"), ("procedures", 5, "code")]
    assert "first on row 2" in problems[0].message
    assert "no row in the channels sheet" in problems[1].message


def test_channel_rows_need_a_known_code():
    workbook = xlsx()
    put(workbook["channels"], 2, 1, None)
    put(workbook["channels"], 3, 1, "1.001194")
    _items, problems = read_workbook(save(workbook), "xlsx")
    assert located(problems) == [
        ("channels", 2, "code"),
        ("channels", 3, "code"),
        ("procedures", 2, "code"),  # BIRTH is left without a channel
    ]


def test_headers_are_checked():
    workbook = xlsx()
    put(workbook["channels"], 1, 2, "kênh")  # channel renamed: a required column
    put(workbook["components"], 1, 6, "ghi chú")  # an extra column
    workbook.create_sheet("notes")  # other sheets are ignored
    _items, problems = read_workbook(save(workbook), "xlsx")
    assert located(problems) == [
        ("channels", 1, "channel"),
        ("channels", 1, "kênh"),
        ("components", 1, "ghi chú"),
    ]  # rows are not checked against a broken header: that would be noise


def test_missing_sheet_and_not_a_workbook():
    workbook = xlsx()
    del workbook["channels"]
    _items, problems = read_workbook(save(workbook), "xlsx")
    assert ("channels", 0, "file") in located(problems)
    for fmt in ("xlsx", "csv"):
        items, problems = read_workbook(b"code,title\n", fmt)
        assert items == [] and [p.field for p in problems] == ["file"]


def test_blank_rows_keep_spreadsheet_row_numbers():
    workbook = xlsx()
    channels = workbook["channels"]
    channels.insert_rows(3, 2)  # two empty rows; the rest move down
    put(channels, 6, 6, "x")
    items, problems = read_workbook(save(workbook), "xlsx")
    assert located(problems) == [("channels", 6, "fee")]
    assert len(items[0][0].channels) == 2


def test_cells_as_excel_leaves_them():
    workbook = xlsx()
    procedures, channels = workbook["procedures"], workbook["channels"]
    column = {name: i + 1 for i, name in enumerate(PROCEDURE_COLUMNS)}
    put(procedures, 2, column["code"], 1.001193)  # Excel made the code a number
    put(procedures, 2, column["boundary_free"], "x")
    put(procedures, 3, column["boundary_free"], "không")
    put(procedures, 2, column["in_force_from"], "01/01/2016")
    put(channels, 2, 5, time(15, 0))  # cut-off typed as a time
    put(channels, 3, 3, "1,0")  # decimal comma
    put(channels, 4, 6, "100.000")  # thousands separator
    items, problems = read_workbook(save(workbook), "xlsx")
    assert problems == []
    assert items == ITEMS


def test_csv_from_a_vietnamese_excel():
    """Semicolons, a BOM, a folder inside the zip: still read."""
    files = {}
    for name, content in unzipped(write_workbook(ITEMS, "csv")).items():
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        files[f"thu-tuc/{name}"] = out.getvalue().encode("utf-8")
    assert read_workbook(zipped(files), "csv") == (ITEMS, [])


def test_csv_in_a_legacy_encoding_is_refused_with_its_line():
    files = unzipped(write_workbook(ITEMS, "csv"))
    text = files["procedures.csv"].decode("utf-8-sig")
    files["procedures.csv"] = text.encode("cp1258", errors="replace")
    _items, problems = read_workbook(zipped(files), "csv")
    assert located(problems) == [("procedures", 2, "file")]
    assert "CSV UTF-8" in problems[0].message


def test_csv_problems_are_located_too():
    files = unzipped(write_workbook(ITEMS, "csv"))
    text = files["components.csv"].decode("utf-8-sig")
    files["components.csv"] = text.replace(
        "Giấy chứng sinh,1,0", "Giấy chứng sinh,-1,0"
    )
    _items, problems = read_workbook(zipped(files), "csv")
    assert located(problems) == [("components", 3, "originals")]


def test_json_problems_name_procedure_and_path():
    document = json.loads(write_workbook(ITEMS, "json"))
    document["_comment"] = "sample data"
    document["procedures"][1]["channels"][1]["fee"] = "free"
    document["procedures"][1]["components"][0]["pages"] = 2
    document["procedures"][0]["level"] = "village"
    document["procedures"].append(document["procedures"][0])
    _items, problems = read_workbook(json.dumps(document).encode(), "json")
    assert [(p.line, p.field) for p in problems] == [
        (1, "level"),
        (2, "channels.2.fee"),
        (2, "components.1.pages"),
        (3, "code"),
        (3, "level"),
    ]
    assert all(p.sheet is None for p in problems)
    assert describe(problems[1]).startswith("procedure 2, channels.2.fee: ")


def test_broken_json():
    assert [p.field for p in read_workbook(b"[{", "json")[1]] == ["file"]
    assert [p.field for p in read_workbook(b'{"x": []}', "json")[1]] == ["file"] * 2


def test_formats_by_file_name():
    assert format_of("catalogue.XLSX") == "xlsx"
    assert format_of("/tmp/thu-tuc.zip") == "csv"
    assert format_of("demo.json") == "json"
    with pytest.raises(ValueError):
        format_of("procedures.csv")
    with pytest.raises(ValueError):
        read_workbook(b"", "ods")


def test_texts_too_long_for_excel_are_refused():
    long = BIRTH.__class__(**{**BIRTH.__dict__, "steps": "x" * 40000})
    with pytest.raises(ValueError, match="procedures row 2, column steps"):
        write_workbook([(long, "")], "xlsx")
