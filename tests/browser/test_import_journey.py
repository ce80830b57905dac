"""An administrator imports units from Site Setup: a file with two mistakes
is refused with both listed; the corrected file is checked, then imported."""

from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser

BAD = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.03,,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,planet,TNMT,H15.50
"""
GOOD = BAD.replace(",,agency", ",Phòng Tư pháp,agency").replace("planet", "agency")


def upload(page, name: str, text: str):
    page.set_input_files(
        "#import-file",
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}],
    )


def test_import_units_from_site_setup(page, site_url, login):
    login()
    page.goto(f"{site_url}/@@overview-controlpanel")
    page.locator("a[href$='/@@import-orgunits']:visible").first.click()
    expect(page.locator("h1")).to_have_text("Nhập đơn vị")

    upload(page, "don-vi.csv", BAD)
    page.click("button[name='form.buttons.check']")
    rows = page.locator(".import-problems-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(0)).to_contain_text("title")
    expect(rows.nth(0)).to_contain_text("Trường title là bắt buộc.")
    expect(rows.nth(1)).to_contain_text("4")
    expect(rows.nth(1)).to_contain_text("kind")
    expect(rows.nth(1)).to_contain_text("Loại đơn vị planet không hợp lệ")

    upload(page, "don-vi.csv", GOOD)
    page.click("button[name='form.buttons.check']")
    expect(page.locator(".import-summary .alert-info")).to_be_visible()
    expect(page.locator(".import-count-created")).to_have_text("3")

    upload(page, "don-vi.csv", GOOD)
    page.click("button[name='form.buttons.import']")
    expect(page.locator(".import-summary .alert-success")).to_be_visible()
    expect(page.locator(".import-count-created")).to_have_text("3")

    page.goto(f"{site_url}/to-chuc")
    expect(page.locator("#content-core")).to_contain_text("Phòng Tư pháp")
