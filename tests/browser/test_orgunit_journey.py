"""An administrator maintains the organisation in the classic UI."""

from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser


def test_add_unit_and_refuse_duplicate_code(page, site_url, login):
    login()
    page.goto(f"{site_url}/to-chuc/++add++OrgUnit")
    page.fill("#form-widgets-IBasic-title", "UBND huyện Điện Biên")
    page.select_option("#form-widgets-kind", "district")
    page.fill("#form-widgets-code", "H15.50")
    page.fill("#form-widgets-abbreviation", "UBND")
    page.click("#form-buttons-save")
    expect(page.locator("h1")).to_have_text("UBND huyện Điện Biên")
    expect(page.locator("#content-core")).to_contain_text("H15.50")

    # A second unit with the same code is refused, with the reason in Vietnamese.
    page.goto(f"{site_url}/to-chuc/++add++OrgUnit")
    page.fill("#form-widgets-IBasic-title", "Đơn vị trùng mã")
    page.select_option("#form-widgets-kind", "agency")
    page.fill("#form-widgets-code", "H15.50")
    page.click("#form-buttons-save")
    expect(
        page.locator(".alert-danger, .invalid-feedback, .portalMessage.error").first
    ).to_be_visible()
    expect(page.locator("body")).to_contain_text(
        "đã được dùng cho UBND huyện Điện Biên"
    )

    page.goto(f"{site_url}/to-chuc")
    expect(page.locator("#content-core")).not_to_contain_text("Đơn vị trùng mã")
