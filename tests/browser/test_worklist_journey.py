"""The demo site's staff at work (test clock: Tuesday 3 March 2026, 10:00):
the district's leader goes from his dashboard to his overdue dossiers and
opens one; the district's officer finds his dossiers in every state; the
list reads on a 375 px phone."""

from datetime import datetime
from playwright.sync_api import expect

import os
import pytest
import transaction


pytestmark = pytest.mark.browser

PASSWORD = "dienbien-demo"  # README, "Demo users"
SHOTS = "/tmp/shots/lists"
#: The district's overdue dossiers in the demo, soonest appointment first.
OVERDUE = ["H15.50.MC-260116-0001", "H15.50.MC-260203-0002"]
#: The district's dossiers by state in the demo.
DISTRICT = {
    "accepted": 2,
    "processing": 4,
    "supplement_requested": 1,
    "awaiting_payment": 1,
    "resolved": 1,
    "returned": 4,
    "stopped": 1,
    "withdrawn": 1,
}


@pytest.fixture
def demo(functional_portal):
    from plone.app.testing import applyProfile
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    applyProfile(functional_portal, "dienbien.policy:demo")
    transaction.commit()
    return functional_portal


def demo_records():
    from conftest import TEST_NOW
    from dienbien.policy.dossiers.demo import records

    return list(records(datetime.fromisoformat(TEST_NOW)))


def test_the_demo_gives_the_district_work_in_every_state(demo):
    from conftest import TEST_NOW
    from dienbien.policy.core.dossiers import CLOCK_RUNS

    district = [r for r in demo_records() if r["handling_unit"] == "H15.50"]
    states = {}
    for record in district:
        states[record["state"]] = states.get(record["state"], 0) + 1
    assert states == DISTRICT
    now = datetime.fromisoformat(TEST_NOW)
    overdue = sorted(
        (r for r in district if r["state"] in CLOCK_RUNS and r["appointment"] < now),
        key=lambda r: r["appointment"],
    )
    assert [r["code"] for r in overdue] == OVERDUE


def shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_leader_opens_an_overdue_dossier_from_his_dashboard(
    browser, site_url, demo
):
    from conftest import log_in

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "lanhdao.huyen", PASSWORD)
    page.goto(f"{site_url}/@@dossier-dashboard")
    page.click("a.btn:has-text('Xem danh sách hồ sơ quá hạn')")
    assert page.url.endswith("/ho-so/@@dossier-listing?overdue=1")
    rows = page.locator(".dossier-listing tbody tr")
    expect(rows).to_have_count(len(OVERDUE))
    assert [c.strip() for c in rows.locator(".dossier-row-code").all_inner_texts()] == (
        OVERDUE
    )
    expect(rows.locator(".dossier-row-overdue-badge")).to_have_count(2)
    expect(page.locator(".dossier-listing-count")).to_have_text("2 hồ sơ")
    expect(page.locator("#dossier-overdue")).to_be_checked()
    expect(rows.first.locator(".dossier-row-when")).to_have_text("09:00 24/02/2026")
    shoot(page, "leader-overdue-1366")
    page.click(f"text={OVERDUE[0]}")
    expect(page.locator(".dossier-code")).to_have_text(OVERDUE[0])
    expect(page.locator(".dossier-state-title")).to_have_text("Đang xử lý")
    context.close()


def test_the_district_officer_finds_his_dossiers_in_every_state(
    browser, site_url, demo
):
    from conftest import log_in

    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    log_in(page, site_url, "chuyenvien.huyen", PASSWORD)
    page.goto(f"{site_url}/ho-so")
    expect(page.locator(".dossier-listing-count")).to_have_text(
        f"{sum(DISTRICT.values())} hồ sơ"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the list is {width}px wide"
    shoot(page, "officer-all-375")
    for state, count in DISTRICT.items():
        page.select_option("#dossier-state", state)
        page.click(".dossier-filters button[type=submit]")
        assert f"state={state}" in page.url  # bookmarkable
        expect(page.locator(".dossier-listing tbody tr")).to_have_count(count)
    # Due this week: the deadline of Friday's close.
    page.goto(f"{site_url}/ho-so/@@dossier-listing?due=week")
    expect(page.locator("label[for=dossier-due-week]")).to_contain_text(
        "17:00 06/03/2026"
    )
    expect(page.locator(".dossier-listing tbody tr")).to_have_count(2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the list is {width}px wide"
    shoot(page, "officer-week-375")
    context.close()


def test_the_desk_prints_the_tracking_register_from_its_list(browser, site_url, demo):
    from conftest import log_in

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "motcua.huyen", PASSWORD)
    page.goto(f"{site_url}/ho-so")
    # Every dossier the district's desk received, in every state.
    received = [r for r in demo_records() if r["receiving_unit"] == "H15.50.MC"]
    expect(page.locator(".dossier-listing-count")).to_have_text(
        f"{len(received)} hồ sơ"
    )
    assert len(received) == 41
    with context.expect_page() as register_info:
        page.click("text=Sổ theo dõi hồ sơ (Mẫu 06)")
    register = register_info.value
    register.wait_for_load_state()
    expect(register.locator("body")).to_contain_text("SỔ THEO DÕI HỒ SƠ")
    context.close()


def current_tabs(page) -> list[str]:
    """The menu's tabs marked as the current page (folded away on a phone)."""
    tabs = page.locator("#portal-globalnav > li.current > a").all_text_contents()
    return [tab.strip() for tab in tabs]


def test_the_clerical_office_reaches_its_registers_from_the_menu(
    browser, site_url, demo
):
    """The menu leads the clerical office to its registers and marks the page
    it is on (it marked the front page and every tab of a page at the site
    root); the register's paper-like page leads back; each page's name is
    in the browser's tab."""
    from conftest import log_in

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "vanthu.huyen", PASSWORD)
    page.goto(f"{site_url}/my-work")
    expect(page).to_have_title("Công việc của tôi — Plone site")
    assert current_tabs(page) == ["Công việc của tôi"]
    page.click("#portal-globalnav >> text=Sổ văn bản")
    expect(page.locator("h1")).to_have_text("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")
    expect(page.locator(".controls nav a.current")).to_have_text("Sổ văn bản đến")
    page.click("text=← Công việc của tôi")
    expect(page).to_have_url(f"{site_url}/my-work")
    # A document's page is under the registers' tab.
    page.locator(".my-work-link").first.click()
    expect(page.locator("#portal-globalnav > li.inPath > a")).to_have_text(
        ["Sổ văn bản"]
    )
    context.close()

    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "lanhdao.huyen", PASSWORD)
    page.goto(f"{site_url}/dossier-dashboard")
    assert current_tabs(page) == ["Thống kê"]
    expect(page).to_have_title("Hồ sơ một cửa năm 2026 — Plone site")
    context.close()
