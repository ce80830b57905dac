"""An administrator edits the calendar overrides as rows in Site Setup."""

from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser


def test_override_rows_round_trip(page, site_url, login, manager):
    login()
    page.goto(f"{site_url}/@@dienbien-settings")
    grid = page.locator("#formfield-form-widgets-calendar_overrides")
    expect(
        grid.locator("input[value='Công văn 12729/VPCP-KGVX ngày 25/12/2025']")
    ).to_have_count(2)
    # Change the name of the first row and save: the rows come back as stored.
    name = grid.locator("input[id$='-widgets-name']").first
    name.fill("Nghỉ bù Tết Dương lịch")
    page.click("#form-buttons-save")
    expect(page.locator(".alert").first).to_contain_text("Thay đổi đã được lưu lại.")
    rows = manager.get("@controlpanels/dienbien-settings").json()["data"][
        "calendar_overrides"
    ]
    assert [(r["day"], r["kind"], r["name"]) for r in rows] == [
        ("2026-01-02", "day_off", "Nghỉ bù Tết Dương lịch"),
        ("2026-01-10", "working_day", "Làm bù cho ngày 02/01/2026"),
    ]
