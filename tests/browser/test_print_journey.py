"""Printing, as a clerk and a citizen do it in chromium: the procedure sheet
on a 375 px phone and on A4 with its forms named; every slip (Mẫu 01–05) on
one portrait A4 page; the tracking register (Mẫu 06) on landscape A4, its
column headings repeated on every page when it runs longer than one.

The pages are printed to PDF by chromium from the real server, asking for
US Letter: only the pages' own ``@page`` rules can make them A4. poppler's
``pdfinfo`` and ``pdftotext`` read the result."""

from conftest import log_in
from conftest import STAFF_PASSWORD
from playwright.sync_api import expect

import pathlib
import pytest
import re
import subprocess


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/print")
#: A4 in PostScript points, as pdfinfo reports it (chromium rounds to 1/72 in).
A4_PORTRAIT = (595, 842)
A4_LANDSCAPE = (842, 595)


@pytest.fixture(scope="module", autouse=True)
def times_metrics():
    """The slips ask for Times New Roman, as printed at the desks; Debian's
    stand-in with the same metrics and Vietnamese letters is Liberation
    Serif 2 (``fonts-liberation2``). With a wider font the page counts
    would measure a font nobody prints with."""
    found = subprocess.run(
        ["fc-match", "-f", "%{family}", "Times New Roman"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Liberation Serif" in found, "apt-get install fonts-liberation2"


def pdf_file(pdf: bytes, tmp_path) -> pathlib.Path:
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    return path


def pdf_pages(pdf: bytes, tmp_path) -> list[tuple[int, int]]:
    """Each page's (width, height) in points, rounded."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf_file(pdf, tmp_path))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (round(float(width)), round(float(height)))
        for width, height in re.findall(
            r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, flags=re.M
        )
    ]


def pdf_text(pdf: bytes, tmp_path, page: int) -> str:
    """The text of one page, whitespace folded."""
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), pdf_file(pdf, tmp_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())


def print_to_pdf(page) -> bytes:
    """What chromium's print dialog makes of the page: Letter unless the
    page asks for its own size."""
    return page.pdf(format="Letter", prefer_css_page_size=True)


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_procedure_sheet_on_a_phone_and_on_a4(
    browser, site_url, procedure_catalogue, tmp_path
):
    url = f"{site_url}/thu-tuc-hanh-chinh/1-001193/@@print"
    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    phone.goto(url)
    expect(phone.locator("h1")).to_have_text("Đăng ký khai sinh")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # On the screen the form is a download, each paper a card.
    expect(phone.locator(".procedure-form-download")).to_have_text(
        "Tải về Tờ khai đăng ký khai sinh"
    )
    expect(phone.locator(".procedure-form-name")).to_be_hidden()
    screenshot(phone, "procedure-print-375")

    # On paper the forms column names the form (a link prints as nothing).
    phone.emulate_media(media="print")
    form_cell = phone.locator(".procedure-component-table tbody tr >> nth=0 >> td")
    assert form_cell.nth(3).inner_text().strip() == "Tờ khai đăng ký khai sinh"
    expect(phone.locator(".procedure-form-download")).to_be_hidden()
    pdf = print_to_pdf(phone)
    pages = pdf_pages(pdf, tmp_path)
    assert pages == [A4_PORTRAIT] * len(pages)
    text = pdf_text(pdf, tmp_path, 1)
    assert "Mẫu đơn, tờ khai" in text
    # The paper's name, then the form's name in its column.
    assert text.count("Tờ khai đăng ký khai sinh") == 2, text
    context.close()

    # A4's printable width (21 cm less 5 cm of margins) holds every column.
    context = browser.new_context(viewport={"width": 605, "height": 900})
    sheet = context.new_page()
    sheet.emulate_media(media="print")
    sheet.goto(url)
    assert sheet.evaluate("document.documentElement.scrollWidth") <= 605
    context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    desk = context.new_page()
    desk.goto(url)
    expect(desk.locator(".procedure-form-download")).to_have_text(
        "Tải về Tờ khai đăng ký khai sinh"
    )
    screenshot(desk, "procedure-print-1366")
    context.close()


PAPERS = [
    ("Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ (Mẫu số 01)", "original", 1),
    ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", "copy", 1),
    ("Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng chính", "original", 2),
    ("Bản vẽ mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật", "original", 2),
    ("Căn cước công dân của người đề nghị", "copy", 1),
    ("Giấy xác nhận tình trạng hôn nhân", "original", 1),
    ("Văn bản ủy quyền có chứng thực", "original", 1),
    ("Biên lai nộp lệ phí trước bạ", "copy", 1),
    ("Bản cam kết bảo đảm an toàn đối với công trình liền kề", "original", 1),
    ("Hợp đồng thuê đơn vị tư vấn thiết kế", "copy", 1),
    ("Chứng chỉ hành nghề của chủ nhiệm thiết kế", "copy", 1),
    ("Ảnh chụp hiện trạng khu đất", "original", 3),
]
DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Páo",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 345 678",
    "applicant_email": "pao@example.invalid",
    "applicant_address": "Tổ dân phố 3, bản Him Lam, xã Thanh Xương, huyện Điện Biên",
    "papers": [
        {"name": name, "kind": kind, "count": count} for name, kind, count in PAPERS
    ],
    "fee": 75000,
    "accepted": "2026-03-03T09:00:00+07:00",
}


def receive(staff, **changes):
    response = staff["clerk"].post("ho-so", json={**DOSSIER, **changes})
    assert response.status_code == 201, response.text
    return response.json()


def step(client, dossier, transition, comment=None):
    body = {"comment": comment} if comment else {}
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == 200, response.text


def refused_online_dossier(portal):
    """A dossier submitted online and refused at the desk, for Mẫu 03."""
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    setRoles(portal, TEST_USER_ID, ["Manager"])
    dossier = api.content.create(
        container=portal["ho-so"],
        type="Dossier",
        id="online-1",
        procedure="2.000815",
        channel="online",
        receiving_unit="H15.50.MC",
        handling_unit="H15.50.03",
        applicant_name="Mùa A Sử",
        applicant_phone="0911 222 333",
        applicant_address="Bản Pa Thơm, xã Pa Thơm",
    )
    dossier.code = "H15.50.MC-260303-0900"
    dossier.reindexObject()
    transaction.commit()
    return {"@id": dossier.absolute_url(), "code": dossier.code}


def test_every_slip_prints_on_one_portrait_a4(
    browser, site_url, staff, one_stop, clock, tmp_path
):
    """A dossier with twelve papers, a supplement, an apology, a payment: its
    whole life, ten hand-overs, on the control slip."""
    refused = refused_online_dossier(one_stop)
    dossier = receive(staff)
    clerk, officer, leader = staff["clerk"], staff["officer"], staff["leader"]
    step(clerk, refused, "refuse", "Hồ sơ không thuộc thẩm quyền giải quyết")
    step(clerk, dossier, "transfer")
    step(
        officer,
        dossier,
        "request_supplement",
        "Bản sao căn cước công dân có chứng thực\n"
        "Tờ khai có chữ ký của người yêu cầu\n"
        "Bản vẽ mặt cắt có chữ ký của chủ nhiệm thiết kế\n"
        "Văn bản đồng ý của chủ sở hữu công trình liền kề",
    )
    clock("2026-03-05T09:00")
    step(clerk, dossier, "receive_supplement")
    step(clerk, dossier, "transfer")
    clock("2026-03-05T14:00")
    response = officer.post(
        f"{dossier['@id']}/@apology",
        json={
            "new_appointment": "2026-03-10T16:00:00+07:00",
            "reason": "Cần xác minh thêm hiện trạng khu đất với UBND xã Thanh Xương",
        },
    )
    assert response.status_code == 200, response.text
    step(officer, dossier, "request_payment")
    step(clerk, dossier, "confirm_payment")
    clock("2026-03-09T15:00")
    step(leader, dossier, "resolve")
    clock("2026-03-10T08:00")
    step(clerk, dossier, "return_result")

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "clerk", STAFF_PASSWORD)
    # Each slip: its title at the top, what ends it at the bottom, one page.
    expected = {
        "slip-01": (dossier, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "12 Ảnh chụp"),
        "slip-02": (dossier, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "4. Văn bản"),
        "slip-03": (refused, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "thẩm quyền"),
        "slip-04": (dossier, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "hợp tác"),
        "slip-05": (dossier, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "10 08:00"),
    }
    for name, (record, title, last) in expected.items():
        page.goto(f"{record['@id']}/@@{name}")
        expect(page.locator("h1")).to_have_text(title)
        pdf = print_to_pdf(page)
        assert pdf_pages(pdf, tmp_path) == [A4_PORTRAIT], name
        text = pdf_text(pdf, tmp_path, 1)
        assert title in text and last in text, (name, text)
        assert record["code"] in text, name
    # The receipt's signatures made it onto the page with the twelve papers.
    page.goto(f"{dossier['@id']}/@@slip-01")
    text = pdf_text(print_to_pdf(page), tmp_path, 1)
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    screenshot(page, "slip-01-1366")
    context.close()

    # On a phone the slip reads without sideways scrolling.
    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    log_in(phone, site_url, "clerk", STAFF_PASSWORD)
    for name in ("slip-01", "slip-05"):
        phone.goto(f"{dossier['@id']}/@@{name}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (name, width)
    phone.goto(f"{dossier['@id']}/@@slip-01")
    screenshot(phone, "slip-01-375")
    context.close()


APPLICANTS = [
    ("Lò Văn Páo", "Bản Him Lam, xã Thanh Xương"),
    ("Quàng Thị Ún", "Tổ dân phố 5, thị trấn Mường Thanh"),
    ("Mùa A Sử", "Bản Pa Thơm, xã Pa Thơm"),
    ("Cà Văn Khặm", "Bản Na Hai, xã Noong Hẹt"),
    ("Lường Thị Hoa", "Bản Co Mị, xã Thanh Luông"),
]


#: Column headings of the register, as pdftotext reads them.
HEADINGS = ("TT Mã hồ sơ", "Tên thủ tục hành chính", "Hẹn trả kết quả", "Ghi chú")


def test_register_prints_on_landscape_a4_headings_on_every_page(
    browser, site_url, staff, tmp_path
):
    """Fifteen dossiers: ten rows fit under the register's heading on the
    first landscape page; the rest follow on the next page under the same
    column headings."""
    codes = []
    for number in range(15):
        name, address = APPLICANTS[number % len(APPLICANTS)]
        codes.append(
            receive(
                staff,
                applicant_name=name,
                applicant_address=address,
                accepted=f"2026-03-03T{7 + number // 2:02d}:{number % 2 * 30:02d}"
                ":00+07:00",
                handling_unit=("H15.50.03", "H15.50.05")[number % 2],
            )["code"]
        )
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "clerk", STAFF_PASSWORD)
    period = "from=2026-03-01&to=2026-03-31"

    page.goto(f"{site_url}/ho-so/@@register-06?{period}&b_size=10")
    expect(page.locator("h1")).to_have_text("SỔ THEO DÕI HỒ SƠ")
    assert pdf_pages(print_to_pdf(page), tmp_path) == [A4_LANDSCAPE]

    page.goto(f"{site_url}/ho-so/@@register-06?{period}")
    expect(page.locator("table.grid tbody tr")).to_have_count(15)
    pdf = print_to_pdf(page)
    assert pdf_pages(pdf, tmp_path) == [A4_LANDSCAPE, A4_LANDSCAPE]
    first, second = pdf_text(pdf, tmp_path, 1), pdf_text(pdf, tmp_path, 2)
    assert "SỔ THEO DÕI HỒ SƠ" in first and "SỔ THEO DÕI HỒ SƠ" not in second
    for text in (first, second):
        for heading in HEADINGS:
            assert heading in text, (heading, text)
    # pdftotext joins a code broken after its hyphen without the hyphen.
    first, second = (re.sub(r"[\s-]", "", text) for text in (first, second))
    code_10, code_11, code_15 = (
        code.replace("-", "") for code in (codes[9], codes[10], codes[14])
    )
    assert code_10 in first and code_11 not in first and code_11 in second
    assert code_15 in second
    context.close()
    # On a phone the register scrolls inside its sheet, the period form
    # wraps: the page itself does not scroll sideways.
    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    log_in(phone, site_url, "clerk", STAFF_PASSWORD)
    phone.goto(f"{site_url}/ho-so/@@register-06?{period}")
    expect(phone.locator("table.grid tbody tr")).to_have_count(15)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "register-06-375")
    context.close()
