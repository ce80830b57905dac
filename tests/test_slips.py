"""The one-stop slips over HTTP: Mẫu 01–05 of a dossier and the tracking
register (Mẫu 06), as print-ready HTML and as .docx downloads; who may see
them; 404 for the slips that do not apply yet."""

from conftest import STAFF_PASSWORD
from dienbien.policy.dossiers.slips.model import MOTTO
from dienbien.policy.dossiers.slips.model import NATIONAL_HEADING

import base64
import docx
import io
import pytest
import re
import struct


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Páo",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 345 678",
    "applicant_email": "pao@example.invalid",
    "applicant_address": "Bản Him Lam, xã Thanh Xương",
    "papers": [
        {"name": "Bản chính giấy khai sinh", "kind": "original", "count": 1},
        {"name": "Căn cước công dân", "kind": "copy", "count": 2},
    ],
    "fee": 2000,
    "accepted": "2026-03-03T09:00:00+07:00",
}
PROCEDURE = "Chứng thực bản sao từ bản chính"
RECEIVED = "09 giờ 00 phút, ngày 03 tháng 3 năm 2026"
APPOINTMENT = "09 giờ 00 phút, ngày 04 tháng 3 năm 2026"


@pytest.fixture
def pages(http, staff):
    """HTML clients of the staff (the ``staff`` clients ask for JSON)."""
    clients = {name: http(name, STAFF_PASSWORD) for name in staff}
    clients["anonymous"] = http()
    for client in clients.values():
        client.headers["Accept"] = "text/html"
    return clients


def receive(staff, **changes):
    response = staff["clerk"].post("ho-so", json={**DOSSIER, **changes})
    assert response.status_code == 201, response.text
    return response.json()


def step(client, dossier, transition, comment=None):
    body = {"comment": comment} if comment else {}
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == 200, response.text


def text_of(html: str) -> str:
    """The visible text of a page, whitespace folded."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def docx_text(body: bytes) -> str:
    document = docx.Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return " ".join(" ".join(parts).split())


def get_slip(client, dossier, name):
    response = client.get(f"{dossier['@id']}/@@{name}")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/html")
    return text_of(response.text), response.text


def get_docx(client, dossier, name, filename=None):
    response = client.get(f"{dossier['@id']}/@@{name}.docx")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == DOCX
    if filename:
        assert (
            response.headers["Content-Disposition"]
            == f'attachment; filename="{filename}"'
        )
    return response.content


def assert_heading(text):
    assert NATIONAL_HEADING in text
    assert MOTTO in text


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_receipt(pages, staff):
    dossier = receive(staff)
    code = dossier["code"]
    text, html = get_slip(pages["clerk"], dossier, "slip-01")
    assert_heading(text)
    assert "UBND HUYỆN ĐIỆN BIÊN" in text
    assert "BỘ PHẬN MỘT CỬA HUYỆN" in text
    assert "Điện Biên, ngày 03 tháng 3 năm 2026" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    for expected in (
        f"Mã hồ sơ: {code}",
        "Lò Văn Páo",
        "011234567890",
        "0912 345 678",
        "Bản Him Lam, xã Thanh Xương",
        PROCEDURE,
        f"Thời gian nhận hồ sơ: {RECEIVED}",
        f"Thời gian trả kết quả giải quyết hồ sơ: {APPOINTMENT}",
        "1 ngày làm việc",
        "2.000 đồng",
        "1 Bản chính giấy khai sinh Bản chính 01",
        "2 Căn cước công dân Bản sao 02",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert expected in text, expected
    # The print button and the download link are UI, in Vietnamese.
    assert ">In<" in html
    assert "Tải về .docx" in text
    assert f"{dossier['@id']}/@@slip-01.docx" in html
    # The QR code: an inline PNG linking to the lookup page with the code.
    match = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert match
    width, height = png_size(base64.b64decode(match.group(1)))
    assert width == height and 100 <= width <= 600
    assert f"tra-cuu-ho-so?code={code}" in html
    assert "verify" not in html


def test_receipt_docx(pages, staff):
    dossier = receive(staff)
    code = dossier["code"]
    body = get_docx(pages["clerk"], dossier, "slip-01", f"{code}-mau-01.docx")
    document = docx.Document(io.BytesIO(body))
    text = docx_text(body)
    assert_heading(text)
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        code,
        "Lò Văn Páo",
        PROCEDURE,
        APPOINTMENT,
        RECEIVED,
        "Bản chính giấy khai sinh",
        "Căn cước công dân",
    ):
        assert expected in text, expected
    # The QR code is there as an inline picture, 3 cm wide.
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.cm, 1) == 3.0
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (
        21.0,
        29.7,
    )
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 13


def test_supplement_request(pages, staff):
    dossier = receive(staff)
    response = pages["clerk"].get(f"{dossier['@id']}/@@slip-02")
    assert response.status_code == 404
    assert "chưa có yêu cầu bổ sung" in response.text
    # The dossier's page offers only the slips that exist, and names its steps.
    page = text_of(pages["clerk"].get(dossier["@id"]).text)
    assert "Mẫu 01" in page and "Mẫu 05" in page
    assert "Mẫu 02" not in page and "Mẫu 03" not in page and "Mẫu 04" not in page
    assert "Tiếp nhận hồ sơ" in page
    step(staff["clerk"], dossier, "transfer")
    step(
        staff["officer"],
        dossier,
        "request_supplement",
        "Bản sao căn cước công dân có chứng thực\nTờ khai có chữ ký của người yêu cầu",
    )
    page = text_of(pages["officer"].get(dossier["@id"]).text)
    assert "Mẫu 02" in page and "Chuyển hồ sơ đến cơ quan giải quyết" in page
    text, _html = get_slip(pages["officer"], dossier, "slip-02")
    assert_heading(text)
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        dossier["code"],
        "Lò Văn Páo",
        PROCEDURE,
        "1. Bản sao căn cước công dân có chứng thực",
        "2. Tờ khai có chữ ký của người yêu cầu",
        "PHÒNG TƯ PHÁP",
        "NGƯỜI HƯỚNG DẪN",
        "officer",
    ):
        assert expected in text, expected
    body = get_docx(
        pages["clerk"], dossier, "slip-02", f"{dossier['code']}-mau-02.docx"
    )
    text = docx_text(body)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "2. Tờ khai có chữ ký của người yêu cầu" in text
    assert "Lò Văn Páo" in text


@pytest.fixture
def online_dossier(one_stop):
    """A dossier submitted online, not accepted: the desk may refuse it."""
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    setRoles(one_stop, TEST_USER_ID, ["Manager"])
    dossier = api.content.create(
        container=one_stop["ho-so"],
        type="Dossier",
        id="online-1",
        procedure="2.000815",
        channel="online",
        receiving_unit="H15.50.MC",
        handling_unit="H15.50.03",
        applicant_name="Mùa A Sử",
        applicant_phone="0911 222 333",
        applicant_address="Bản Pa Thơm",
    )
    dossier.code = "H15.50.MC-260303-0900"
    dossier.reindexObject()
    transaction.commit()
    return {"@id": dossier.absolute_url(), "code": dossier.code}


def test_refusal(pages, staff, online_dossier):
    dossier = online_dossier
    assert pages["clerk"].get(f"{dossier['@id']}/@@slip-03").status_code == 404
    # Not accepted: no receipt either.
    response = pages["clerk"].get(f"{dossier['@id']}/@@slip-01")
    assert response.status_code == 404
    assert "chưa được tiếp nhận" in response.text
    step(staff["clerk"], dossier, "refuse", "Hồ sơ không thuộc thẩm quyền giải quyết")
    text, _html = get_slip(pages["clerk"], dossier, "slip-03")
    assert_heading(text)
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "H15.50.MC-260303-0900",
        "Mùa A Sử",
        "Bản Pa Thơm",
        PROCEDURE,  # looked up from the catalogue: never accepted
        "Hồ sơ không thuộc thẩm quyền giải quyết",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert expected in text, expected
    text = docx_text(
        get_docx(
            pages["clerk"], dossier, "slip-03", "H15.50.MC-260303-0900-mau-03.docx"
        )
    )
    assert "Hồ sơ không thuộc thẩm quyền giải quyết" in text
    assert "Mùa A Sử" in text


def test_apology(pages, staff):
    dossier = receive(staff, accepted="2099-01-05T09:00:00+07:00")
    assert pages["officer"].get(f"{dossier['@id']}/@@slip-04").status_code == 404
    step(staff["clerk"], dossier, "transfer")
    response = staff["officer"].post(
        f"{dossier['@id']}/@apology",
        json={
            "new_appointment": "2099-01-09T16:00:00+07:00",
            "reason": "Cần xác minh thêm với UBND xã",
        },
    )
    assert response.status_code == 200, response.text
    text, _html = get_slip(pages["officer"], dossier, "slip-04")
    assert_heading(text)
    for expected in (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà Lò Văn Páo",
        dossier["code"],
        PROCEDURE,
        "09 giờ 00 phút, ngày 06 tháng 01 năm 2099",  # the old appointment
        "16 giờ 00 phút, ngày 09 tháng 01 năm 2099",  # the new one
        "Cần xác minh thêm với UBND xã",
        "PHÒNG TƯ PHÁP",
        "THỦ TRƯỞNG CƠ QUAN",
    ):
        assert expected in text, expected
    text = docx_text(get_docx(pages["clerk"], dossier, "slip-04"))
    assert "16 giờ 00 phút, ngày 09 tháng 01 năm 2099" in text
    assert "Lò Văn Páo" in text


def test_control_slip(pages, staff):
    dossier = receive(staff)
    clerk, officer, leader = staff["clerk"], staff["officer"], staff["leader"]
    step(clerk, dossier, "transfer")
    step(officer, dossier, "request_payment")
    step(clerk, dossier, "confirm_payment")
    step(leader, dossier, "resolve")
    step(clerk, dossier, "return_result")
    text, html = get_slip(pages["leader"], dossier, "slip-05")
    assert_heading(text)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert dossier["code"] in text
    assert "Lò Văn Páo" in text
    assert "@page { size: A4 landscape" in html
    rows = re.findall(r"<tr>\s*<td.*?</tr>", html, flags=re.S)
    assert len(rows) == 6
    expected_rows = [
        ("1", RECEIVED, "Người nộp hồ sơ", "Bộ phận Một cửa huyện", "Tiếp nhận hồ sơ"),
        ("2", "Bộ phận Một cửa huyện", "Phòng Tư pháp", "Chuyển hồ sơ"),
        ("3", "Phòng Tư pháp", "Bộ phận Một cửa huyện", "nghĩa vụ tài chính"),
        ("4", "Bộ phận Một cửa huyện", "Phòng Tư pháp", "Xác nhận"),
        ("5", "Phòng Tư pháp", "Bộ phận Một cửa huyện", "Hoàn thành xử lý"),
        ("6", "Bộ phận Một cửa huyện", "Người nộp hồ sơ", "Trả kết quả"),
    ]
    for row, expected in zip(rows, expected_rows, strict=True):
        row_text = text_of(row)
        assert row_text.startswith(expected[0] + " ")
        for part in expected[1:]:
            assert part in row_text, (part, row_text)
    assert "clerk" in text_of(rows[1]) and "leader" in text_of(rows[4])
    document = docx.Document(io.BytesIO(get_docx(pages["clerk"], dossier, "slip-05")))
    table = next(t for t in document.tables if len(t.columns) == 8)
    assert table.rows[0].cells[2].text == "Bên giao"
    assert len(table.rows) == 7
    assert table.rows[2].cells[4].text == "Chuyển hồ sơ đến cơ quan giải quyết"
    assert table.rows[6].cells[3].text == "Người nộp hồ sơ"


@pytest.mark.parametrize("name", ["slip-01", "slip-05", "slip-01.docx"])
def test_anonymous_and_other_units_are_refused(pages, staff, anonymous, name):
    dossier = receive(staff)
    url = f"{dossier['@id']}/@@{name}"
    # Clients that are no browsers get a plain 401 ...
    assert anonymous.get(url).status_code == 401
    for person in ("other_officer", "other_leader"):
        assert staff[person].get(url).status_code == 401, person
    # ... browsers go to the login form, and never see the dossier.
    for person in ("anonymous", "other_officer", "other_leader"):
        response = pages[person].get(url, allow_redirects=False)
        assert response.status_code == 302, person
        assert "require_login" in response.headers["Location"]
        assert "Lò Văn Páo" not in pages[person].get(url).text


def test_register(pages, staff):
    march = receive(staff, accepted="2026-03-03T09:00:00+07:00")
    later = receive(staff, accepted="2026-03-20T14:00:00+07:00")
    other_unit = receive(
        staff,
        accepted="2026-03-10T10:00:00+07:00",
        handling_unit="H15.50.05",
        applicant_name="Quàng Văn Ún",
    )
    april = receive(staff, accepted="2026-04-02T08:00:00+07:00")
    step(staff["clerk"], march, "transfer")
    period = {"from": "2026-03-01", "to": "2026-03-31"}

    def codes(person):
        response = pages[person].get("ho-so/@@register-06", params=period)
        assert response.status_code == 200, response.text
        return re.findall(r"H15\.50\.MC-\d{6}-\d{4}", text_of(response.text))

    # The desk received them all; each agency sees its own; April is out.
    assert codes("clerk") == [march["code"], other_unit["code"], later["code"]]
    assert codes("officer") == [march["code"], later["code"]]
    assert codes("other_leader") == [other_unit["code"]]
    assert april["code"] not in codes("clerk")

    response = pages["clerk"].get("ho-so/@@register-06", params=period)
    text = text_of(response.text)
    assert_heading(text)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    assert (
        "1 H15.50.MC-260303-0001 Chứng thực bản sao từ bản chính 01 Lò Văn Páo" in text
    )
    assert "09:00 03/03/2026" in text  # received
    assert "09:00 04/03/2026" in text  # appointment
    assert "Quàng Văn Ún" in text and "Phòng Tài nguyên và Môi trường" in text

    # A page of one goes on counting; the .docx holds the same rows.
    second = pages["clerk"].get(
        "ho-so/@@register-06", params={**period, "b_start": 1, "b_size": 1}
    )
    assert "2 " + other_unit["code"] in text_of(second.text)
    assert march["code"] not in text_of(second.text)
    response = pages["clerk"].get("ho-so/@@register-06.docx", params=period)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DOCX
    assert "mau-06" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.sections[0].page_width > document.sections[0].page_height
    text = docx_text(response.content)
    for dossier in (march, later, other_unit):
        assert dossier["code"] in text
    assert april["code"] not in text


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-03-31", "to": "2026-03-01"},
        {"from": "March", "to": "2026-03-31"},
        {"from": "2026-03-01", "to": "2026-03-31", "b_size": "0"},
    ],
)
def test_register_bad_period(pages, staff, params):
    response = pages["clerk"].get("ho-so/@@register-06", params=params)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text


def test_register_refused_to_anonymous(pages, anonymous, one_stop):
    assert anonymous.get("ho-so/@@register-06").status_code == 401
    assert anonymous.get("ho-so/@@register-06.docx").status_code == 401
    response = pages["anonymous"].get("ho-so/@@register-06", allow_redirects=False)
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]
