"""A citizen on a phone filters the decisions in force on 1 July 2026 and
opens the one a new decision replaced: "Hết hiệu lực toàn bộ", with the link
to what replaced it and the day it happened."""

from playwright.sync_api import expect
from test_legal_documents import register  # noqa: F401 (fixture)

import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/legal")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1366"])
def test_citizen_finds_what_is_in_force_and_what_replaced_it(
    browser,
    site_url,
    register,  # noqa: F811
    clock,
    viewport,
):
    clock("2026-07-02T09:00")
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{site_url}/van-ban-qppl")
    page.select_option("#legal-status", "in_force")
    page.fill("#legal-on", "2026-07-01")
    page.select_option("#legal-type", "decision")
    page.click(".legal-register button[type=submit]")

    notations = page.locator(".legal-results .legal-notation")
    expect(notations).to_have_text(["05/2026/QĐ-UBND"])
    expect(page.locator(".legal-count")).to_have_text(
        "1 văn bản; hiệu lực tính đến ngày 01/07/2026"
    )
    no_horizontal_scroll(page)
    shoot(page, f"register-{viewport['width']}")

    # The same filter the day before: the old decision was still in force.
    page.fill("#legal-on", "2026-06-30")
    page.click(".legal-register button[type=submit]")
    expect(notations).to_have_text(["12/2024/QĐ-UBND"])
    notations.first.click()

    expect(page.locator("h1")).to_have_text("12/2024/QĐ-UBND")
    expect(page.locator(".legal-status-line .legal-badge")).to_have_text(
        "Hết hiệu lực toàn bộ"
    )
    relation = page.locator(".legal-relations li").first
    expect(relation).to_contain_text("Bị thay thế bởi")
    expect(relation).to_contain_text("01/07/2026")
    history = page.locator(".legal-history li")
    expect(history.last).to_contain_text("01/07/2026")
    expect(history.last.locator(".legal-badge")).to_have_text("Hết hiệu lực toàn bộ")
    no_horizontal_scroll(page)
    shoot(page, f"document-{viewport['width']}")

    relation.locator("a").click()
    expect(page.locator("h1")).to_have_text("05/2026/QĐ-UBND")
    expect(page.locator(".legal-status-line .legal-badge")).to_have_text("Còn hiệu lực")
