"""Work files in the browser (test clock: Tuesday 3 March 2026, 10:00): the
district's clerk starts the 2026 file plan and adds a file kept by an
officer; the officer opens it from the plan, adds his draft from the file's
search, closes it; a year later the file is in the list due for the
archive. Screenshots at 375 and 1366 px under /tmp/shots/workfiles/."""

from playwright.sync_api import expect

import os
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = "/tmp/shots/workfiles"
PASSWORD = "mat-khau-thu-nghiem"  # conftest.STAFF_PASSWORD


@pytest.fixture
def district(functional_portal):
    from conftest import make_offices
    from test_correspondence_foundation import create_outgoing

    make_offices(functional_portal)
    create_outgoing(
        functional_portal,
        as_user="chuyenvien",
        summary="Về việc ban hành kế hoạch cải cách hành chính năm 2026",
    )
    transaction.commit()
    return functional_portal


def shoot(page, name):
    """The page at 1366 and 375 px, and no sideways scrolling on a phone."""
    os.makedirs(SHOTS, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=f"{SHOTS}/{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 700})
    page.screenshot(path=f"{SHOTS}/{name}-375.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert width <= 375, f"{name}: {width} px wide at 375"


def test_officer_opens_fills_and_closes_a_work_file(browser, site_url, district, clock):
    from conftest import log_in

    # The clerk starts the plan and adds the officer's file.
    clerk = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(clerk, site_url, "vanthu", PASSWORD)
    clerk.get_by_role("link", name="Hồ sơ công việc").first.click()
    expect(clerk.locator("h1")).to_have_text("Hồ sơ công việc")
    clerk.select_option("#wf-unit", "H15.50")
    expect(clerk.locator("#wf-year")).to_have_value("2026")
    clerk.get_by_role("button", name="Lập danh mục").click()
    expect(clerk.locator("h1")).to_have_text(
        "Danh mục hồ sơ năm 2026 – UBND huyện Điện Biên"
    )
    clerk.get_by_role("link", name="Thêm hồ sơ vào danh mục").click()
    clerk.fill("#form-widgets-symbol", "01.th")
    clerk.fill("#form-widgets-title", "Hồ sơ kế hoạch cải cách hành chính năm 2026")
    clerk.select_option("#form-widgets-retention", "20")
    clerk.select_option("#form-widgets-owner", "chuyenvien")
    shoot(clerk, "add-form")
    clerk.click("#form-buttons-save")
    clerk.goto(f"{site_url}/ho-so-cong-viec/h15-50-2026")
    row = clerk.locator("tr.wf-row")
    expect(row.locator("td").nth(0)).to_have_text("01.TH")
    expect(row.locator("td").nth(2)).to_have_text("20 năm")
    expect(row.locator("td").nth(3)).to_have_text("Cán bộ chuyenvien")
    expect(row.locator(".wf-state")).to_have_text("Chưa mở")
    expect(row.locator("button.wf-open")).to_have_count(0)  # the keeper opens it

    # The officer opens it from the plan.
    officer = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(officer, site_url, "chuyenvien", PASSWORD)
    officer.goto(f"{site_url}/ho-so-cong-viec")
    officer.get_by_role(
        "link", name="Danh mục hồ sơ năm 2026 – UBND huyện Điện Biên"
    ).click()
    shoot(officer, "plan")
    officer.get_by_role("button", name="Mở hồ sơ").click()
    row = officer.locator("tr.wf-row")
    expect(row.locator(".wf-state")).to_have_text("Đang mở từ 03/03/2026")
    row.get_by_role("link", name="Hồ sơ kế hoạch cải cách hành chính năm 2026").click()
    expect(officer.locator("h1")).to_have_text(
        "01.TH – Hồ sơ kế hoạch cải cách hành chính năm 2026"
    )
    expect(officer.locator(".wf-no-documents")).to_have_text(
        "Hồ sơ chưa có văn bản nào."
    )

    # He finds his draft and adds it.
    officer.fill("#wf-q", "cải cách")
    officer.get_by_role("button", name="Tìm văn bản").click()
    officer.get_by_label("Văn bản đi", exact=False).check()
    shoot(officer, "file-search")
    officer.get_by_role("button", name="Đưa vào hồ sơ").click()
    document = officer.locator("tr.wf-document")
    expect(document).to_have_count(1)
    expect(document.locator("td").nth(0)).to_have_text("Văn bản đi")
    expect(document.get_by_role("link")).to_have_text(
        "Quyết định Về việc ban hành kế hoạch cải cách hành chính năm 2026"
    )
    shoot(officer, "file-open")

    # From the document's page (its Actions menu) the file is listed as
    # holding it.
    file_url = officer.url
    document.get_by_role("link").click()
    officer.locator("#plone-contentmenu-actions > a").click()
    officer.get_by_role("link", name="Đưa vào hồ sơ công việc").click()
    expect(officer.locator(".wf-held-in li")).to_have_text(
        "01.TH – Hồ sơ kế hoạch cải cách hành chính năm 2026"
    )
    expect(officer.locator("main")).to_contain_text(
        "Văn bản đã có trong mọi hồ sơ đang mở của bạn."
    )
    shoot(officer, "add-to-workfile")
    officer.goto(file_url)

    # The work is done: he closes the file.
    officer.get_by_role("button", name="Đóng hồ sơ").click()
    facts = officer.locator(".wf-facts")
    expect(facts).to_contain_text("Đã đóng ngày 03/03/2026")
    expect(facts).to_contain_text("03/03/2027")  # to the archive by
    expect(facts).to_contain_text("31/12/2046")  # kept 20 years
    expect(officer.get_by_role("button", name="Thêm văn bản")).to_have_count(0)
    expect(officer.locator("#wf-q")).to_have_count(0)
    shoot(officer, "file-closed")

    # A year later it is due for the archive in the clerk's list.
    clock("2027-03-03T08:00")
    clerk.goto(f"{site_url}/ho-so-cong-viec/@@workfiles-due")
    due = clerk.locator("tr.wf-due-row")
    expect(due).to_have_count(1)
    expect(due.locator("td").nth(0)).to_have_text("01.TH (2026)")
    expect(due.locator("td").nth(4)).to_have_text("03/03/2026")
    expect(due.locator("td.wf-due")).to_have_text("03/03/2027")
    shoot(clerk, "due")
    clerk.goto(f"{site_url}/ho-so-cong-viec/h15-50-2026/@@file-plan-print")
    expect(clerk.locator("table.wf-print tbody tr td").nth(2)).to_have_text("20 năm")
    shoot(clerk, "print")
    clerk.goto(f"{site_url}/ho-so-cong-viec")
    shoot(clerk, "home")
