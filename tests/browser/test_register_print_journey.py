"""A commune's clerk prints the incoming register as chromium does it: A4
landscape on every page, the register's heading on the first page only, the
column headings repeated on each; on a phone the page reads without
sideways scrolling, and the .xlsx link downloads the same register."""

from browser.test_print_journey import A4_LANDSCAPE
from browser.test_print_journey import pdf_pages
from browser.test_print_journey import pdf_text
from browser.test_print_journey import print_to_pdf
from browser.test_print_journey import times_metrics  # noqa: F401 (a fixture)
from conftest import log_in
from conftest import STAFF_PASSWORD
from datetime import date
from playwright.sync_api import expect
from test_registers import assign
from test_registers import register

import io
import openpyxl
import pathlib
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/registers")


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


SENDERS = [
    ("UBND tỉnh Điện Biên", "UBND-VX"),
    ("Sở Nội vụ tỉnh Điện Biên", "SNV-CCVC"),
    ("UBND huyện Điện Biên", "UBND-VP"),
    ("Phòng Tài nguyên và Môi trường", "TNMT"),
]


@pytest.fixture
def year_of_letters(offices, functional_portal, clock):
    """Forty incoming documents of March 2026 at the commune, every third
    one assigned."""
    for number in range(40):
        sender, symbol = SENDERS[number % len(SENDERS)]
        day = 2 + number // 2
        document = register(
            functional_portal,
            clock,
            f"2026-03-{day:02d}T{8 + number % 2 * 6:02d}:15",
            sender_name=sender,
            sender_notation=f"{100 + number}/{symbol}",
            sender_date=date(2026, 3, day - 1),
            summary=f"V/v triển khai nhiệm vụ số {number + 1} về phòng chống "
            "thiên tai và tìm kiếm cứu nạn trên địa bàn xã",
            urgency="urgent" if number % 7 == 0 else "normal",
        )
        if number % 3 == 0:
            assign(document, clock, f"2026-03-{day:02d}T16:00")
    clock("2026-03-31T10:00")
    transaction.commit()
    return offices


#: Column headings as pdftotext reads them (one line each at least).
HEADINGS = ("Ngày đến", "Số đến", "Tác giả", "Ký nhận", "Ghi chú")


def test_incoming_register_prints_on_landscape_a4(
    browser, site_url, year_of_letters, tmp_path
):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "vanthu_xa", STAFF_PASSWORD)
    page.goto(f"{site_url}/van-ban/@@register-incoming")
    expect(page.locator("h1")).to_have_text("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")
    expect(page.locator(".issuer p").last).to_have_text("UBND XÃ THANH XƯƠNG")
    expect(page.locator(".subtitle p")).to_have_text(["Năm 2026"])
    expect(page.locator("table.grid tbody tr")).to_have_count(40)
    first = page.locator("table.grid tbody tr").first.locator("td")
    expect(first).to_have_text(
        [
            "02/03/2026",
            "1",
            "UBND tỉnh Điện Biên",
            "100/UBND-VX",
            "01/03/2026",
            "Công văn V/v triển khai nhiệm vụ số 1 về phòng chống thiên tai và "
            "tìm kiếm cứu nạn trên địa bàn xã",
            "UBND xã Thanh Xương; Cán bộ chuyenvien_xa",
            "02/03/2026",
            "",
            "KHẨN",
        ]
    )
    screenshot(page, "register-incoming-1366")

    pdf = print_to_pdf(page)
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) >= 2 and pages == [A4_LANDSCAPE] * len(pages)
    texts = [pdf_text(pdf, tmp_path, number) for number in range(1, len(pages) + 1)]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in texts[0]
    assert all("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" not in text for text in texts[1:])
    for text in texts:
        for heading in HEADINGS:
            assert heading in text, (heading, text)
    # The filter form and buttons stay on the screen.
    assert "Tải về .xlsx" not in " ".join(texts)

    # The period form narrows the register; the download is the same rows.
    page.fill("input[name=from]", "2026-03-10")
    page.fill("input[name=to]", "2026-03-12")
    page.click("form button[type=submit]")
    screenshot(page, "register-after-filter")
    expect(page.locator(".subtitle p")).to_have_text(
        ["Năm 2026", "Từ ngày 10/03/2026 đến ngày 12/03/2026"]
    )
    numbers = page.locator("table.grid tbody tr td:nth-child(2)").all_inner_texts()
    assert numbers == [str(n) for n in range(17, 23)]
    with page.expect_download() as download:
        page.click("a.xlsx")
    path = download.value.path()
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in rows[7:]] == list(range(17, 23))
    assert download.value.suggested_filename == "so-van-ban-den-H15.50.05.01-2026.xlsx"
    context.close()

    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    log_in(phone, site_url, "vanthu_xa", STAFF_PASSWORD)
    phone.goto(f"{site_url}/van-ban/@@register-follow-up")
    expect(phone.locator("h1")).to_have_text("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN")
    expect(phone.locator("table.grid tbody tr")).to_have_count(14)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "register-follow-up-375")
    context.close()
