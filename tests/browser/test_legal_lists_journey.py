"""A citizen on the public register downloads the list of documents that
expired in 2026 as Word: the annex opens with the replaced decision and its
ground; the forms fit a phone."""

from playwright.sync_api import expect
from test_legal_lists import lists_site  # noqa: F401 (fixture)

import io
import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/legal-lists")


def test_citizen_downloads_the_yearly_expired_list(
    browser,
    site_url,
    lists_site,  # noqa: F811
):
    from docx import Document

    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_context(
        viewport={"width": 375, "height": 700}, accept_downloads=True
    ).new_page()
    page.goto(f"{site_url}/van-ban-qppl")
    lists = page.locator(".legal-lists")
    expect(lists.locator("h2")).to_have_text("Danh mục văn bản")
    expect(lists.locator("label").first).to_have_text(
        "Danh mục văn bản hết hiệu lực năm"
    )
    # Last year's list is the one published now (the test clock: 2026).
    expect(page.locator("#legal-list-year")).to_have_value("2025")
    expect(page.locator("#legal-list-period")).to_have_value("2019-2023")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the register is {width}px wide"
    lists.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "register-lists-375.png"), full_page=True)

    page.fill("#legal-list-year", "2026")
    with page.expect_download() as download:
        lists.locator("form").first.get_by_role("button", name="Tải Word").click()
    assert download.value.suggested_filename == (
        "danh-muc-van-ban-het-hieu-luc-2026.docx"
    )
    table = Document(io.BytesIO(pathlib.Path(download.value.path()).read_bytes()))
    rows = [[cell.text for cell in row.cells] for row in table.tables[0].rows]
    assert rows[1][0] == "A. Văn bản hết hiệu lực toàn bộ"
    assert rows[2][2] == "12/2024/QĐ-UBND"
    assert rows[2][6] == "Bị thay thế bởi Quyết định 05/2026/QĐ-UBND"
    assert rows[2][7] == "01/07/2026"

    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / "register-lists-1366.png"), full_page=True)
