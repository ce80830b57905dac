"""A citizen finds a procedure without typing diacritics, reads it, and
downloads its form; the same pages work on a 375 px phone."""

from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser


def test_citizen_finds_birth_registration(page, site_url, procedure_catalogue):
    page.goto(f"{site_url}/thu-tuc-hanh-chinh")
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính")

    page.fill("#procedure-q", "khai sinh")
    page.click(".procedure-search button[type=submit] >> nth=0")
    results = page.locator(".procedure-result")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Đăng ký khai sinh")
    expect(results.first).to_contain_text("Trong ngày")

    # Filter by field: the search words stay, the results narrow.
    page.fill("#procedure-q", "")
    page.select_option("#facet-field", "ho-tich")
    page.click(".facet-submit button")
    expect(page.locator(".procedure-result")).to_have_count(2)
    expect(page.locator(".procedure-count")).to_contain_text("2")

    page.click("text=Đăng ký khai sinh")
    expect(page.locator("h1")).to_have_text("Đăng ký khai sinh")
    expect(page.locator(".procedure-channel-table")).to_contain_text("Trực tiếp")
    expect(page.locator(".procedure-channel-table")).to_contain_text("Trực tuyến")
    expect(page.locator(".procedure-component-table")).to_contain_text(
        "Giấy chứng sinh"
    )

    with page.expect_download() as download_info:
        page.click(".procedure-form-download")
    download = download_info.value
    assert download.suggested_filename == "to-khai-khai-sinh.docx"

    page.get_by_role("link", name="In", exact=True).click()
    expect(page.locator("h1")).to_have_text("Đăng ký khai sinh")
    expect(page.locator("table").first).to_contain_text("Trực tiếp")


@pytest.mark.parametrize("path", ["thu-tuc-hanh-chinh", "thu-tuc-hanh-chinh/1-001193"])
def test_phone_width_has_no_horizontal_scroll(
    browser, site_url, procedure_catalogue, path
):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    phone = context.new_page()
    phone.goto(f"{site_url}/{path}")
    expect(phone.locator("h1")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide"
    context.close()
