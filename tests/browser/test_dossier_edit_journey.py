"""The desk corrects an applicant's phone in the edit form, with a reason,
and an officer finds the dossier by the new number in the dossier listing."""

from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser


#: Whether the papers table fits its box, and the page the window.
WIDTHS = """() => {
    const table = document.querySelector("#form-widgets-papers");
    const page = document.documentElement;
    return [table.scrollWidth <= table.parentElement.clientWidth,
            page.scrollWidth <= page.clientWidth];
}"""


def widths(page) -> tuple[bool, bool]:
    return tuple(page.evaluate(WIDTHS))


def test_correct_and_find(browser, site_url, one_stop, http):
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    clerk_api = http("clerk", STAFF_PASSWORD)
    created = clerk_api.post(
        "ho-so",
        json={
            "@type": "Dossier",
            "procedure": "2.000815",
            "channel": "in_person",
            "receiving_unit": "H15.50.MC",
            "applicant_name": "Đặng Thị Hường",
            "applicant_phone": "0912 345 678",
        },
    )
    assert created.status_code == 201, created.text
    dossier = created.json()

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    clerk = context.new_page()
    log_in(clerk, site_url, "clerk", STAFF_PASSWORD)
    clerk.goto(f"{dossier['@id']}/edit")
    # The papers' three columns and their buttons fit the form at 1366 px;
    # on a phone the table scrolls in its box and the page does not.
    assert widths(clerk) == (True, True)
    clerk.set_viewport_size({"width": 375, "height": 800})
    clerk.reload()
    assert widths(clerk) == (False, True)
    clerk.set_viewport_size({"width": 1366, "height": 900})
    # What the desk may not change is shown, not offered.
    expect(clerk.locator("input#form-widgets-procedure")).to_have_count(0)
    expect(clerk.locator("select#form-widgets-handling_unit")).to_have_count(0)
    clerk.fill("#form-widgets-applicant_phone", "0977 000 111")
    clerk.click("#form-buttons-save")
    # Without a reason the form says why and keeps the old number.
    expect(clerk.locator("body")).to_contain_text("hãy nêu lý do thay đổi")
    clerk.fill("#form-widgets-edit_reason", "Người nộp đổi số")
    clerk.click("#form-buttons-save")
    table = clerk.locator("table.dossier-edits")
    expect(table).to_contain_text("0912 345 678")
    expect(table).to_contain_text("0977 000 111")
    expect(table).to_contain_text("Người nộp đổi số")
    context.close()

    context = browser.new_context()
    officer = context.new_page()
    log_in(officer, site_url, "officer", STAFF_PASSWORD)
    officer.goto(f"{site_url}/ho-so")
    # Officers handle dossiers; only the desk receives them.
    expect(officer.locator(".dossier-receive-link")).to_have_count(0)
    officer.fill("#dossier-q", "0977000111")
    officer.click(".dossier-search button[type=submit]")
    expect(officer.locator("table.dossier-listing")).to_contain_text(dossier["code"])
    # The number typed never reaches the address bar.
    assert "0977" not in officer.url
    context.close()
