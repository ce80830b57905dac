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


def pdf_pages(pdf: bytes, tmp_path) -> list[tuple[int, int]]:
    """Each page's (width, height) in points, rounded."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(path)],
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
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())


def print_to_pdf(page) -> bytes:
    """What chromium's print dialog makes of the page: Letter unless the
    page asks for its own size."""
    return page.pdf(format="Letter", prefer_css_page_size=True)


def test_measure(browser, site_url, procedure_catalogue, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    phone.goto(f"{site_url}/thu-tuc-hanh-chinh/1-001193/@@print")
    expect(phone.locator("h1")).to_have_text("Đăng ký khai sinh")
    width = phone.evaluate("document.documentElement.scrollWidth")
    print("width", width)
    print(
        phone.evaluate(
            """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 375)
            .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
        )
    )
    phone.screenshot(path=str(SHOTS / "procedure-print-375-before.png"), full_page=True)
    pdf = print_to_pdf(phone)
    print(pdf_pages(pdf, tmp_path))
    print(pdf_text(pdf, tmp_path, 1))
    phone.emulate_media(media="print")
    phone.screenshot(path=str(SHOTS / "procedure-print-375-media-print.png"), full_page=True)
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


def test_measure_slips(browser, site_url, staff, clock, tmp_path):
    dossier = receive(staff)
    clerk, officer, leader = staff["clerk"], staff["officer"], staff["leader"]
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
    context = browser.new_context()
    page = context.new_page()
    log_in(page, site_url, "clerk", STAFF_PASSWORD)
    for name in ("slip-01", "slip-02", "slip-04", "slip-05"):
        page.goto(f"{dossier['@id']}/@@{name}")
        pdf = print_to_pdf(page)
        (SHOTS / f"{name}.pdf").write_bytes(pdf)
        print(name, pdf_pages(pdf, tmp_path))
    context.close()
