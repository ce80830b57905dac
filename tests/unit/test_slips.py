"""The slips' content without Plone: words for dates, times, money and
processing times; each form's data from a dossier's facts; the .docx."""

from dataclasses import replace
from datetime import date
from datetime import datetime
from dienbien.policy.dossiers.slips import forms
from dienbien.policy.dossiers.slips import model
from dienbien.policy.dossiers.slips import word
from dienbien.policy.dossiers.slips import words
from dienbien.policy.dossiers.slips.model import BLANK
from dienbien.policy.dossiers.slips.model import Paper
from dienbien.policy.dossiers.slips.model import SlipData
from dienbien.policy.dossiers.slips.model import Step
from dienbien.policy.dossiers.slips.model import Unit

import docx
import io
import pytest
import struct


DESK = Unit("H15.50.MC", "Bộ phận Một cửa huyện", "UBND huyện Điện Biên")
AGENCY = Unit("H15.50.03", "Phòng Tư pháp", "UBND huyện Điện Biên")
UNITS = {unit.code: unit for unit in (DESK, AGENCY)}
ACCEPTED = datetime(2026, 3, 3, 9, 0)
DUE = datetime(2026, 3, 4, 9, 0)
LOOKUP = "https://dienbien.example/dienbien/tra-cuu-ho-so"
TERMS = {
    "channel": "in_person",
    "time_value": 1.0,
    "time_unit": "working_days",
    "cutoff": "",
    "fee": 2000,
    "note": "",
}


def step(action, minute, from_unit, to_unit, **kwargs):
    values = {
        "time": datetime(2026, 3, 3, 10, minute),
        "action": action,
        "actor": "Nguyễn Thị Hoa",
        "from_unit": from_unit,
        "to_unit": to_unit,
        "timeliness": "early",
        "appointment": DUE,
    }
    values.update(kwargs)
    return Step(**values)


ACCEPT = step("accept", 0, None, "H15.50.MC", time=ACCEPTED)
TRANSFER = step("transfer", 5, "H15.50.MC", "H15.50.03", actor="Lò Văn Tú")


def dossier(*steps, **changes) -> SlipData:
    data = SlipData(
        code="H15.50.MC-260303-0001",
        procedure="2.000815",
        procedure_title="Chứng thực bản sao từ bản chính",
        receiving_unit=DESK,
        handling_unit=AGENCY,
        applicant_name="Lò Văn Páo",
        applicant_id_number="011234567890",
        applicant_phone="0912 345 678",
        applicant_email="pao@example.invalid",
        applicant_address="Bản Him Lam, xã Thanh Xương",
        channel="in_person",
        papers=(
            Paper("Bản chính giấy khai sinh", "original", 1),
            Paper("Căn cước công dân", "copy", 2),
        ),
        fee=2000,
        submitted=ACCEPTED,
        accepted=ACCEPTED,
        appointment=DUE,
        terms=TERMS,
        state="processing",
        state_title="Đang xử lý",
        steps=steps or (ACCEPT, TRANSFER),
        lookup_url=LOOKUP,
        place="Điện Biên",
        units=UNITS,
    )
    return replace(data, **changes)


def texts(slip) -> list[str]:
    return slip.text().splitlines()


# -- Words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 3, 3), "ngày 03 tháng 3 năm 2026"),
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (date(2026, 12, 25), "ngày 25 tháng 12 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    ],
)
def test_day_text(day, text):
    assert words.day_text(day) == text


def test_times():
    assert words.clock_text(datetime(2026, 3, 4, 9, 0)) == "09 giờ 00 phút"
    assert words.clock_text(datetime(2026, 3, 4, 16, 5)) == "16 giờ 05 phút"
    assert (
        words.moment_text(datetime(2026, 3, 4, 9, 0))
        == "09 giờ 00 phút, ngày 04 tháng 3 năm 2026"
    )
    assert words.moment_text(None) == BLANK
    assert words.short_text(datetime(2026, 3, 4, 9, 0)) == "09:00 04/03/2026"
    assert words.short_text(None) == ""


def test_place_and_date():
    assert words.place_name("UBND huyện Điện Biên") == "Điện Biên"
    assert words.place_name("Ủy ban nhân dân xã Thanh Xương") == "Thanh Xương"
    assert words.place_name("UBND thành phố Điện Biên Phủ") == "Điện Biên Phủ"
    assert words.place_name("UBND tỉnh Điện Biên") == "Điện Biên"
    assert words.place_name("Phòng Tư pháp") == ""
    assert words.place_name("") == ""
    assert (
        words.place_date("Điện Biên", date(2026, 3, 3))
        == "Điện Biên, ngày 03 tháng 3 năm 2026"
    )
    assert words.place_date("", date(2026, 3, 3)) == "Ngày 03 tháng 3 năm 2026"
    assert words.place_date("Điện Biên", None) == ("Điện Biên, ngày …… tháng …… năm ……")


def test_money():
    assert words.money_text(2000) == "2.000 đồng"
    assert words.money_text(1500000) == "1.500.000 đồng"
    assert words.money_text(0) == "Không thu phí, lệ phí"
    assert words.money_text(None) == "Không thu phí, lệ phí"


@pytest.mark.parametrize(
    ("unit", "value", "cutoff", "text"),
    [
        ("working_days", 1.0, "", "1 ngày làm việc"),
        ("working_days", 0.5, "", "0,5 ngày làm việc"),
        ("working_hours", 4, "", "4 giờ làm việc"),
        ("calendar_days", 30, "", "30 ngày"),
        (
            "same_day",
            0,
            "15:00",
            "Trong ngày làm việc (hồ sơ nhận trước 15 giờ 00 phút)",
        ),
        ("same_day", 0, "", "Trong ngày làm việc"),
    ],
)
def test_processing_time(unit, value, cutoff, text):
    terms = {**TERMS, "time_unit": unit, "time_value": value, "cutoff": cutoff}
    assert words.processing_time_text(terms) == text


def test_processing_time_unknown():
    assert words.processing_time_text(None) == BLANK


def test_lookup_link_has_the_code_only():
    link = words.lookup_link(LOOKUP, "H15.50.MC-260303-0001")
    assert link == f"{LOOKUP}?code=H15.50.MC-260303-0001"
    assert words.lookup_link(LOOKUP, "A B&c") == f"{LOOKUP}?code=A%20B%26c"


def test_qr_png():
    png = words.qr_png(f"{LOOKUP}?code=H15.50.MC-260303-0001")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width == height
    assert 150 <= width <= 600
    assert len(png) < 10_000
    assert words.qr_png(f"{LOOKUP}?code=H15.50.MC-260303-0001") == png
    assert words.qr_png(f"{LOOKUP}?code=H15.50.MC-260303-0002") != png


def test_unit_heading():
    assert DESK.heading() == ("UBND HUYỆN ĐIỆN BIÊN", "BỘ PHẬN MỘT CỬA HUYỆN")
    assert Unit("X", "Văn phòng").heading() == ("VĂN PHÒNG",)


# -- Forms -------------------------------------------------------------------


def test_receipt():
    slip = forms.receipt(dossier())
    assert slip.form == "01"
    assert slip.form_label == "Mẫu số 01"
    assert slip.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    assert slip.issuer == ("UBND HUYỆN ĐIỆN BIÊN", "BỘ PHẬN MỘT CỬA HUYỆN")
    assert slip.national_heading == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert slip.place_date == "Điện Biên, ngày 03 tháng 3 năm 2026"
    assert slip.subtitle[0].text == "Mã hồ sơ: H15.50.MC-260303-0001"
    assert slip.filename == "H15.50.MC-260303-0001-mau-01.docx"
    lines = texts(slip)
    for expected in (
        "Bộ phận Một cửa huyện tiếp nhận hồ sơ của: Lò Văn Páo",
        "Số định danh cá nhân: 011234567890",
        "Địa chỉ: Bản Him Lam, xã Thanh Xương",
        "Số điện thoại: 0912 345 678; Email: pao@example.invalid",
        "Nội dung yêu cầu giải quyết: Chứng thực bản sao từ bản chính "
        "(mã thủ tục 2.000815)",
        "Hình thức nộp: Nộp trực tiếp",
        "1 | Bản chính giấy khai sinh | Bản chính | 01",
        "2 | Căn cước công dân | Bản sao | 02",
        "3. Thời gian giải quyết hồ sơ theo quy định: 1 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 03 tháng 3 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: "
        "09 giờ 00 phút, ngày 04 tháng 3 năm 2026",
        "6. Phí, lệ phí: 2.000 đồng",
        "7. Nhận kết quả tại: Bộ phận Một cửa huyện",
    ):
        assert expected in lines, expected
    qr = next(block for block in slip.blocks if block.kind == "qr")
    assert qr.url == f"{LOOKUP}?code=H15.50.MC-260303-0001"
    assert qr.png == words.qr_png(qr.url)
    assert "H15.50.MC-260303-0001" in "".join(run.text for run in qr.caption)
    assert [(s.title, s.name) for s in slip.signatures] == [
        ("NGƯỜI NỘP HỒ SƠ", "Lò Văn Páo"),
        ("NGƯỜI TIẾP NHẬN HỒ SƠ", "Nguyễn Thị Hoa"),
    ]


def test_receipt_after_a_supplement_shows_the_new_appointment():
    again = step(
        "receive_supplement",
        30,
        "H15.50.MC",
        "H15.50.MC",
        time=datetime(2026, 3, 5, 14, 0),
        appointment=datetime(2026, 3, 6, 14, 0),
        actor="Quàng Văn Sơn",
    )
    slip = forms.receipt(dossier(ACCEPT, TRANSFER, again))
    lines = texts(slip)
    assert "4. Thời gian nhận hồ sơ: 14 giờ 00 phút, ngày 05 tháng 3 năm 2026" in lines
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: "
        "14 giờ 00 phút, ngày 06 tháng 3 năm 2026"
    ) in lines
    assert slip.signatures[1].name == "Quàng Văn Sơn"


def test_receipt_after_a_supplement_lists_the_papers_that_arrived():
    """The reissued receipt lists what the dossier holds: the papers given
    at acceptance and those of each supplement received until then."""
    request = step("request_supplement", 10, "H15.50.03", "H15.50.MC")
    first = step(
        "receive_supplement",
        30,
        "H15.50.MC",
        "H15.50.03",
        time=datetime(2026, 3, 5, 14, 0),
        papers=("Giấy xác nhận cư trú", "Bản sao sổ hộ khẩu"),
    )
    slip = forms.receipt(dossier(ACCEPT, TRANSFER, request, first))
    lines = texts(slip)
    assert "1 | Bản chính giấy khai sinh | Bản chính | 01" in lines
    assert "2 | Căn cước công dân | Bản sao | 02" in lines
    assert "3 | Giấy xác nhận cư trú (bổ sung ngày 05/03/2026) |  | " in lines
    assert "4 | Bản sao sổ hộ khẩu (bổ sung ngày 05/03/2026) |  | " in lines
    # A second supplement: the receipt issued then lists both, each dated.
    second = step(
        "receive_supplement",
        40,
        "H15.50.MC",
        "H15.50.03",
        time=datetime(2026, 3, 9, 8, 0),
        papers=("Giấy ủy quyền",),
    )
    lines = texts(forms.receipt(dossier(ACCEPT, TRANSFER, request, first, second)))
    assert "4 | Bản sao sổ hộ khẩu (bổ sung ngày 05/03/2026) |  | " in lines
    assert "5 | Giấy ủy quyền (bổ sung ngày 09/03/2026) |  | " in lines


def test_receipt_needs_an_acceptance_and_shows_blanks():
    with pytest.raises(model.NotApplicable) as refused:
        forms.receipt(dossier(accepted=None, steps=()))
    assert refused.value.reason == "not_accepted"
    bare = dossier(applicant_email="", papers=(), lookup_url="", terms=None, fee=0)
    slip = forms.receipt(bare)
    lines = texts(slip)
    assert f"Số điện thoại: 0912 345 678; Email: {BLANK}" in lines
    assert f" | {BLANK} |  | " in lines
    assert f"3. Thời gian giải quyết hồ sơ theo quy định: {BLANK}" in lines
    assert "6. Phí, lệ phí: Không thu phí, lệ phí" in lines
    assert not [block for block in slip.blocks if block.kind == "qr"]


def test_supplement_request():
    with pytest.raises(model.NotApplicable) as refused:
        forms.supplement_request(dossier())
    assert refused.value.reason == "no_supplement_request"
    asked = step(
        "request_supplement",
        20,
        "H15.50.03",
        "H15.50.MC",
        note="1. Bản sao CCCD có chứng thực\n- Tờ khai có chữ ký\n\n",
        actor="Lò Văn Tú",
        time=datetime(2026, 3, 3, 14, 20),
    )
    slip = forms.supplement_request(dossier(ACCEPT, TRANSFER, asked))
    assert slip.title == "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    assert slip.issuer == ("UBND HUYỆN ĐIỆN BIÊN", "PHÒNG TƯ PHÁP")
    assert slip.place_date == "Điện Biên, ngày 03 tháng 3 năm 2026"
    lines = texts(slip)
    assert "Hồ sơ của: Lò Văn Páo" in lines
    assert "1. Bản sao CCCD có chứng thực" in lines
    assert "2. Tờ khai có chữ ký" in lines
    assert "3. " not in slip.text()
    assert slip.signatures[0].title == "NGƯỜI HƯỚNG DẪN"
    assert slip.signatures[0].name == "Lò Văn Tú"


def test_refusal():
    with pytest.raises(model.NotApplicable) as refused:
        forms.refusal(dossier())
    assert refused.value.reason == "not_refused"
    refuse = step("refuse", 0, "H15.50.MC", None, note="Sai thủ tục")
    slip = forms.refusal(
        dossier(refuse, accepted=None, procedure_title="", state="refused")
    )
    assert slip.title == "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    lines = texts(slip)
    assert "- Sai thủ tục" in lines
    assert "Nội dung yêu cầu giải quyết: 2.000815" in lines
    assert "Xin thông báo cho Ông/Bà được biết và thực hiện./." in lines
    assert slip.signatures[0].name == "Nguyễn Thị Hoa"


def test_apology():
    with pytest.raises(model.NotApplicable) as refused:
        forms.apology(dossier())
    assert refused.value.reason == "no_apology"
    sorry = step(
        "apology",
        40,
        "H15.50.03",
        "H15.50.MC",
        note="Cần xác minh thêm",
        appointment=datetime(2026, 3, 9, 16, 0),
        previous_appointment=DUE,
    )
    slip = forms.apology(dossier(ACCEPT, TRANSFER, sorry))
    assert slip.title == "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert slip.issuer == ("UBND HUYỆN ĐIỆN BIÊN", "PHÒNG TƯ PHÁP")
    lines = texts(slip)
    assert "Kính gửi: Ông/Bà Lò Văn Páo" in lines
    assert (
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: "
        "09 giờ 00 phút, ngày 04 tháng 3 năm 2026"
    ) in lines
    assert "16 giờ 00 phút, ngày 09 tháng 3 năm 2026" in lines
    assert "Lý do: Cần xác minh thêm" in lines
    assert slip.signatures[0].title == "THỦ TRƯỞNG CƠ QUAN"
    assert slip.signatures[0].name == ""


def test_control_slip():
    with pytest.raises(model.NotApplicable) as refused:
        forms.control_slip(dossier(steps=()))
    assert refused.value.reason == "no_handover"
    sorry = step(
        "apology",
        40,
        "H15.50.03",
        "H15.50.MC",
        note="Cần xác minh thêm",
        appointment=datetime(2026, 3, 9, 16, 0),
        timeliness="early",
    )
    back = step("return_result", 50, "H15.50.MC", None, timeliness="late")
    slip = forms.control_slip(dossier(ACCEPT, TRANSFER, sorry, back))
    assert not slip.landscape  # a slip: portrait, the register alone is landscape
    assert slip.title == "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    table = next(block for block in slip.blocks if block.kind == "table")
    assert len(table.rows) == 4
    assert len(table.headers) == len(table.widths) == len(table.aligns) == 8
    assert table.rows[0] == (
        "1",
        "09:00 03/03/2026",
        "Người nộp hồ sơ",
        "Bộ phận Một cửa huyện",
        "Tiếp nhận hồ sơ",
        "Nguyễn Thị Hoa",
        "Trước hạn",
        "",
    )
    assert table.rows[1][2:6] == (
        "Bộ phận Một cửa huyện",
        "Phòng Tư pháp",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Lò Văn Tú",
    )
    assert table.rows[2][7] == "Cần xác minh thêm (hẹn lại: 16:00 09/03/2026)"
    assert table.rows[3][3] == "Người nộp hồ sơ"
    assert table.rows[3][6] == "Quá hạn"


def test_control_slip_note_on_one_line():
    asked = step(
        "request_supplement",
        10,
        "H15.50.03",
        "H15.50.MC",
        note="1. Bản sao căn cước\n2. Tờ khai có chữ ký\n",
    )
    table = next(
        block
        for block in forms.control_slip(dossier(ACCEPT, asked)).blocks
        if block.kind == "table"
    )
    assert table.rows[0][7] == ""
    assert table.rows[1][7] == "Bản sao căn cước; Tờ khai có chữ ký"


def test_unknown_unit_shows_its_code():
    moved = step("transfer", 5, "H15.50.MC", "H15.50.99")
    table = next(
        block
        for block in forms.control_slip(dossier(ACCEPT, moved)).blocks
        if block.kind == "table"
    )
    assert table.rows[1][3] == "H15.50.99"


def test_tracking_register():
    first = dossier()
    second = dossier(
        code="H15.50.MC-260305-0001",
        applicant_name="Quàng Thị Xuân",
        applicant_address="",
        accepted=datetime(2026, 3, 5, 14, 10),
        appointment=datetime(2026, 3, 6, 14, 10),
        resolved=datetime(2026, 3, 6, 10, 0),
        returned=datetime(2026, 3, 6, 15, 0),
        state_title="Đã trả kết quả",
        steps=(ACCEPT,),
    )
    slip = forms.tracking_register(
        [first, second],
        (date(2026, 3, 1), date(2026, 3, 31)),
        issuer=DESK.heading(),
        place="Điện Biên",
        first_number=11,
        issued=date(2026, 4, 1),
    )
    assert slip.form == "06"
    assert slip.landscape
    assert slip.title == "SỔ THEO DÕI HỒ SƠ"
    assert slip.subtitle[0].text == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    assert slip.place_date == "Điện Biên, ngày 01 tháng 4 năm 2026"
    assert slip.filename == "so-theo-doi-ho-so-mau-06-20260301-20260331.docx"
    (table,) = slip.blocks
    assert len(table.headers) == len(table.widths) == len(table.aligns) == 13
    assert table.rows[0] == (
        "11",
        "H15.50.MC-260303-0001",
        "Chứng thực bản sao từ bản chính",
        "01",
        "Lò Văn Páo",
        "Bản Him Lam, xã Thanh Xương; 0912 345 678",
        "Phòng Tư pháp",
        "09:00 03/03/2026",
        "09:00 04/03/2026",
        "10:05 03/03/2026",
        "",
        "",
        "Đang xử lý",
    )
    assert table.rows[1][0] == "12"
    assert table.rows[1][5] == "0912 345 678"
    assert table.rows[1][9:] == (
        "",
        "10:00 06/03/2026",
        "15:00 06/03/2026",
        "Đã trả kết quả",
    )


def test_empty_register():
    slip = forms.tracking_register([], (date(2026, 3, 1), date(2026, 3, 31)))
    (table,) = slip.blocks
    assert table.rows[0][1] == "Không có hồ sơ trong kỳ."
    assert slip.issuer == ()
    assert slip.place_date == "Ngày …… tháng …… năm ……"


# -- Word --------------------------------------------------------------------


def all_forms():
    asked = step("request_supplement", 20, "H15.50.03", "H15.50.MC", note="Thiếu")
    sorry = step(
        "apology",
        40,
        "H15.50.03",
        "H15.50.MC",
        note="Chậm",
        appointment=datetime(2026, 3, 9, 16, 0),
        previous_appointment=DUE,
    )
    refuse = step("refuse", 50, "H15.50.MC", None, note="Sai thủ tục")
    data = dossier(ACCEPT, TRANSFER, asked, sorry, refuse)
    yield from (builder(data) for builder in forms.FORMS.values())
    yield forms.tracking_register(
        [data], (date(2026, 3, 1), date(2026, 3, 31)), DESK.heading(), "Điện Biên"
    )


def docx_lines(document) -> list[str]:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                cells.append(cell.text)
                lines.extend(p.text for p in cell.paragraphs)
            lines.append(" | ".join(cells))
    return lines


@pytest.mark.parametrize("slip", list(all_forms()), ids=lambda slip: slip.form)
def test_docx(slip):
    document = docx.Document(io.BytesIO(word.to_docx(slip)))
    lines = docx_lines(document)
    for line in texts(slip):
        assert line in lines or any(line in other for other in lines), line
    section = document.sections[0]
    size = (round(section.page_width.cm, 1), round(section.page_height.cm, 1))
    assert size == ((29.7, 21.0) if slip.landscape else (21.0, 29.7))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13
    assert len(document.inline_shapes) == (1 if slip.form == "01" else 0)
    motto = next(p for p in lines if p == model.MOTTO)
    assert motto
    motto_runs = [
        run
        for table in document.tables[:1]
        for cell in table.rows[0].cells
        for para in cell.paragraphs
        for run in para.runs
        if run.text == model.MOTTO
    ]
    assert motto_runs[0].underline and motto_runs[0].bold
    title = next(p for p in document.paragraphs if p.text == slip.title)
    assert title.runs[0].bold
    assert document.core_properties.title == slip.title
