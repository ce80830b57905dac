"""The leader reads the year's figures on the dashboard, on a desk and on a
phone: exact numbers that add up, another year, a mistyped year; the desk
clerk opens it from the main navigation too."""

from playwright.sync_api import expect

import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/dashboard")
DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Người nộp",
    "applicant_phone": "0912 000 999",
}


@pytest.fixture
def year_of_work(staff, clock):
    """2026 at Phòng Tư pháp: one dossier resolved early, one late, one
    in progress overdue, one withdrawn; the year is still running (4 May)."""
    clerk, officer = staff["clerk"], staff["officer"]

    def receive(accepted, channel="in_person"):
        clock(accepted)
        body = {**DOSSIER, "channel": channel, "accepted": f"{accepted}:00+07:00"}
        response = clerk.post("ho-so", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    def step(client, moment, dossier, transition, **body):
        clock(moment)
        response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
        assert response.status_code == 200, response.text

    early = receive("2026-03-03T09:00")  # due 4 March 09:00
    step(clerk, "2026-03-03T09:30", early, "transfer")
    step(officer, "2026-03-03T15:00", early, "resolve")
    late = receive("2026-03-03T09:00", channel="online")  # due 3 March 17:00
    step(clerk, "2026-03-03T09:30", late, "transfer")
    step(officer, "2026-03-04T10:00", late, "resolve")
    overdue = receive("2026-04-01T09:00")  # due 2 April 09:00
    step(clerk, "2026-04-01T09:30", overdue, "transfer")
    gone = receive("2026-04-01T10:00")
    step(clerk, "2026-04-01T10:30", gone, "transfer")
    step(clerk, "2026-04-02T08:00", gone, "withdraw", comment="Công dân rút")
    clock("2026-05-04T09:00")


def total_row(page):
    cells = page.locator(".dossier-stats-table tbody tr:last-child td")
    return [text.strip() for text in cells.all_inner_texts()]


def test_leader_reads_the_dashboard(browser, site_url, year_of_work):
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, site_url, "leader", STAFF_PASSWORD)
    page.click("#portal-globalnav a:has-text('Thống kê')")
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Hồ sơ một cửa năm 2026"
    )
    # Received 4 = resolved 2 + in progress 1 + withdrawn 1, and the rate
    # comes with its counts.
    row = ["0", "4", "4", "1", "0", "1", "2", "0", "1", "1", "0", "0", "1"]
    expect(page.locator(".dossier-stats-table tbody tr")).to_have_count(2)
    assert total_row(page) == ["Tổng cộng", *row, "50,0% (1/2)"]
    first = page.locator(".dossier-stats-table tbody tr").first
    assert first.locator("td").first.inner_text() == "Chứng thực"
    expect(page.locator(".dossier-charts section")).to_have_count(1)
    expect(page.locator(".dossier-charts h3")).to_have_text("Chứng thực: 50,0% (1/2)")
    expect(page.locator(".dossier-charts rect")).to_have_attribute("data-resolved", "2")
    # The site's tagline is not shown as the page's description.
    expect(page.locator(".documentDescription")).to_have_text(
        "Hồ sơ trong năm của các đơn vị bạn theo lĩnh vực: "
        "tiếp nhận, đã giải quyết, đang giải quyết."
    )
    page.screenshot(path=str(SHOTS / "dashboard-1366.png"), full_page=True)

    # Another year: nothing was received in 2025.
    page.fill("#dashboard-year", "2025")
    page.click(".dossier-dashboard-year button[type=submit]")
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Hồ sơ một cửa năm 2025"
    )
    assert total_row(page) == ["Tổng cộng", *["0"] * 13, "—"]
    expect(page.locator(".dossier-charts section")).to_have_count(0)

    # A mistyped year in the address: a message, and no other year's figures.
    page.goto(f"{site_url}/@@dossier-dashboard?year=20266")
    expect(page.locator(".dossier-dashboard-bad-year")).to_have_text(
        "Không hiển thị số liệu: năm phải là một số từ 2000 đến 2100."
    )
    expect(page.locator(".dossier-stats-table")).to_have_count(0)
    expect(page.locator("h1.documentFirstHeading")).to_have_text("Hồ sơ một cửa")
    page.screenshot(path=str(SHOTS / "bad-year-1366.png"), full_page=True)
    context.close()


def test_dashboard_on_a_phone(browser, site_url, year_of_work):
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    log_in(page, site_url, "leader", STAFF_PASSWORD)
    for year, shot in (("2026", "dashboard-375.png"), ("x", "bad-year-375.png")):
        page.goto(f"{site_url}/@@dossier-dashboard?year={year}")
        # Nothing wider than the phone: the table scrolls inside its box.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (year, width)
        page.screenshot(path=str(SHOTS / shot), full_page=True)
    page.goto(f"{site_url}/@@dossier-dashboard?year=2026")
    year_box = page.locator("#dashboard-year").bounding_box()
    assert year_box["x"] + year_box["width"] <= 375
    # The chart's labels stay readable: at least 11 px as drawn.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.dossier-charts svg')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return scale * parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
        })"""
    )
    assert sizes and min(sizes) >= 11, sizes
    context.close()


def test_desk_clerk_opens_the_dashboard(browser, site_url, year_of_work):
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    context = browser.new_context()
    page = context.new_page()
    log_in(page, site_url, "clerk", STAFF_PASSWORD)
    page.click("#portal-globalnav a:has-text('Thống kê')")
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Hồ sơ một cửa năm 2026"
    )
    # The desk counts what it received, though Phòng Tư pháp handles it.
    row = ["0", "4", "4", "1", "0", "1", "2", "0", "1", "1", "0", "0", "1"]
    assert total_row(page) == ["Tổng cộng", *row, "50,0% (1/2)"]
    context.close()
