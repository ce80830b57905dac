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


def docx_parts(body: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """A .docx as a person reads it: its paragraphs (blank ones left out)
    and the text of every table cell, table by table, row by row."""
    document = docx.Document(io.BytesIO(body))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]
    return paragraphs, tables


def heading(unit: str, day: str = "03 tháng 3 năm 2026") -> list[list[str]]:
    """The heading table of a slip issued by ``unit`` of UBND huyện Điện Biên."""
    return [
        [
            f"UBND HUYỆN ĐIỆN BIÊN\n{unit}\n———————",
            f"{NATIONAL_HEADING}\n{MOTTO}\nĐiện Biên, ngày {day}",
        ]
    ]


def signature(title: str, hint: str, name: str) -> list[list[str]]:
    return [["", f"{title}\n{hint}\n\n\n\n{name}"]]


def site_of(dossier) -> str:
    return dossier["@id"].split("/ho-so/")[0]


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
    paragraphs, tables = docx_parts(body)
    assert paragraphs == [
        "Mẫu số 01",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {code}",
        "Bộ phận Một cửa huyện tiếp nhận hồ sơ của: Lò Văn Páo",
        "Số định danh cá nhân: 011234567890",
        "Địa chỉ: Bản Him Lam, xã Thanh Xương",
        "Số điện thoại: 0912 345 678; Email: pao@example.invalid",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE} (mã thủ tục 2.000815)",
        "Hình thức nộp: Nộp trực tiếp",
        "1. Thành phần hồ sơ nộp gồm:",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định: 1 ngày làm việc",
        f"4. Thời gian nhận hồ sơ: {RECEIVED}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {APPOINTMENT}",
        "6. Phí, lệ phí: 2.000 đồng",
        "7. Nhận kết quả tại: Bộ phận Một cửa huyện",
    ]
    lookup = f"{site_of(dossier)}/tra-cuu-ho-so"
    assert tables == [
        heading("BỘ PHẬN MỘT CỬA HUYỆN"),
        [
            ["TT", "Tên loại giấy tờ", "Hình thức (bản chính, bản sao)", "Số lượng"],
            ["1", "Bản chính giấy khai sinh", "Bản chính", "01"],
            ["2", "Căn cước công dân", "Bản sao", "02"],
        ],
        [
            [
                "",
                "Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập "
                f"{lookup}, nhập mã hồ sơ {code} và 4 chữ số cuối của số điện "
                "thoại hoặc số định danh cá nhân đã khai khi nộp hồ sơ.",
            ]
        ],
        [
            [
                "NGƯỜI NỘP HỒ SƠ\n(Ký và ghi rõ họ tên)\n\n\n\nLò Văn Páo",
                "NGƯỜI TIẾP NHẬN HỒ SƠ\n(Ký và ghi rõ họ tên)\n\n\n\nclerk",
            ]
        ],
    ]
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
    paragraphs, tables = docx_parts(body)
    code = dossier["code"]
    assert paragraphs == [
        "Mẫu số 02",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {code}",
        "Hồ sơ của: Lò Văn Páo",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE} (mã thủ tục 2.000815)",
        "Địa chỉ: Bản Him Lam, xã Thanh Xương",
        "Số điện thoại: 0912 345 678; Email: pao@example.invalid",
        f"Thời gian tiếp nhận hồ sơ: {RECEIVED}",
        "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
        "1. Bản sao căn cước công dân có chứng thực",
        "2. Tờ khai có chữ ký của người yêu cầu",
        "Lý do: hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục hành chính.",
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với "
        "Bộ phận Một cửa huyện để được hướng dẫn. Khi nộp hồ sơ bổ sung, Ông/Bà "
        f"vui lòng mang theo phiếu này (mã hồ sơ {code}).",
        "Xin trân trọng cảm ơn!",
    ]
    assert tables == [
        heading("PHÒNG TƯ PHÁP"),
        signature("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", "officer"),
    ]


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
    paragraphs, tables = docx_parts(
        get_docx(
            pages["clerk"], dossier, "slip-03", "H15.50.MC-260303-0900-mau-03.docx"
        )
    )
    assert paragraphs == [
        "Mẫu số 03",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Mã hồ sơ: H15.50.MC-260303-0900",
        "Bộ phận Một cửa huyện tiếp nhận hồ sơ của: Mùa A Sử",
        "Địa chỉ: Bản Pa Thơm",
        "Số điện thoại: 0911 222 333; Email: …………………………",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE} (mã thủ tục 2.000815)",
        "Thời gian nộp hồ sơ: …………………………",
        "Sau khi nghiên cứu, đối chiếu các quy định hiện hành, Bộ phận Một cửa "
        "huyện từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "- Hồ sơ không thuộc thẩm quyền giải quyết",
        "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
    ]
    assert tables == [
        heading("BỘ PHẬN MỘT CỬA HUYỆN"),
        signature("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", "clerk"),
    ]


def test_apology(pages, staff, clock):
    dossier = receive(staff)  # due Wed 4 March 09:00
    assert pages["officer"].get(f"{dossier['@id']}/@@slip-04").status_code == 404
    step(staff["clerk"], dossier, "transfer")
    clock("2026-03-04T08:00")  # before the appointment passes
    response = staff["officer"].post(
        f"{dossier['@id']}/@apology",
        json={
            "new_appointment": "2026-03-06T16:00:00+07:00",
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
        APPOINTMENT,  # the old appointment
        "16 giờ 00 phút, ngày 06 tháng 3 năm 2026",  # the new one
        "Cần xác minh thêm với UBND xã",
        "PHÒNG TƯ PHÁP",
        "THỦ TRƯỞNG CƠ QUAN",
    ):
        assert expected in text, expected
    paragraphs, tables = docx_parts(get_docx(pages["clerk"], dossier, "slip-04"))
    assert paragraphs == [
        "Mẫu số 04",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà Lò Văn Páo",
        "Bộ phận Một cửa huyện đã tiếp nhận hồ sơ của Ông/Bà Lò Văn Páo đề nghị "
        f"giải quyết thủ tục hành chính: {PROCEDURE} (mã thủ tục 2.000815).",
        f"Mã hồ sơ: {dossier['code']}",
        f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {APPOINTMENT}",
        "Tuy nhiên, Phòng Tư pháp chưa thể trả kết quả giải quyết hồ sơ đúng thời "
        "gian đã hẹn.",
        "Lý do: Cần xác minh thêm với UBND xã",
        "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Phòng Tư pháp xin lỗi Ông/Bà "
        "và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ là:",
        "16 giờ 00 phút, ngày 06 tháng 3 năm 2026",
        "Địa điểm nhận kết quả: Bộ phận Một cửa huyện",
        "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.",
    ]
    assert tables == [
        heading("PHÒNG TƯ PHÁP", "04 tháng 3 năm 2026"),
        signature("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", ""),
    ]


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
    # A slip, portrait like the others (only the register is landscape).
    assert "size: A4 landscape" not in html
    assert '<body class="slip">' in html
    rows = re.findall(r"<tr>\s*<td.*?</tr>", html, flags=re.S)
    assert len(rows) == 6
    expected_rows = [
        ("1", "09:00 03/03/2026", "Người nộp hồ sơ", "Bộ phận Một cửa huyện", "Tiếp"),
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
    assert "@page { size: A4 landscape" in response.text
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
    paragraphs, tables = docx_parts(response.content)
    assert paragraphs == [
        "Mẫu số 06",
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
    ]
    assert tables[0] == heading("BỘ PHẬN MỘT CỬA HUYỆN")
    address = "Bản Him Lam, xã Thanh Xương; 0912 345 678"
    assert tables[1] == [
        [
            "TT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Số lượng hồ sơ (bộ)",
            "Tên cá nhân, tổ chức",
            "Địa chỉ, số điện thoại",
            "Cơ quan chủ trì giải quyết",
            "Nhận hồ sơ",
            "Hẹn trả kết quả",
            "Chuyển hồ sơ đến cơ quan giải quyết",
            "Nhận kết quả từ cơ quan giải quyết",
            "Trả kết quả cho cá nhân, tổ chức",
            "Ghi chú",
        ],
        [
            "1",
            march["code"],
            PROCEDURE,
            "01",
            "Lò Văn Páo",
            address,
            "Phòng Tư pháp",
            "09:00 03/03/2026",
            "09:00 04/03/2026",
            "10:00 03/03/2026",
            "",
            "",
            "Đang xử lý",
        ],
        [
            "2",
            other_unit["code"],
            PROCEDURE,
            "01",
            "Quàng Văn Ún",
            address,
            "Phòng Tài nguyên và Môi trường",
            "10:00 10/03/2026",
            "10:00 11/03/2026",
            "",
            "",
            "",
            "Được tiếp nhận",
        ],
        [
            "3",
            later["code"],
            PROCEDURE,
            "01",
            "Lò Văn Páo",
            address,
            "Phòng Tư pháp",
            "14:00 20/03/2026",
            "14:00 23/03/2026",
            "",
            "",
            "",
            "Được tiếp nhận",
        ],
    ]


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
