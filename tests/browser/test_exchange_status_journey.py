"""The round trip of issue 11 (items 4, 5): the district sends an issued
decision to the commune (inside the system) and to the provincial Justice
Department (outside, through the outbox folder); the commune's clerk
registers it; the department's system answers with a status package
dropped in the inbox folder, which the district's clerk receives; the
district reads both statuses in the per-recipient table. Screenshots at
375 and 1366 px under /tmp/shots/exch-status/."""

from datetime import datetime
from playwright.sync_api import expect

import os
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = "/tmp/shots/exch-status"
PASSWORD = "mat-khau-thu-nghiem"  # conftest.STAFF_PASSWORD
DISTRICT, COMMUNE = "H15.50", "H15.50.05.01"
DISTRICT_ID, JUSTICE_ID = "000.00.50.H15", "000.00.31.H15"
JUSTICE = "Sở Tư pháp tỉnh Điện Biên"
SUMMARY = "Về việc ban hành kế hoạch rà soát văn bản quy phạm pháp luật năm 2026"


@pytest.fixture
def decision(functional_portal, tmp_path):
    """The district's decision, issued, for the commune and the department;
    the site's exchange folders under ``tmp_path``."""
    from conftest import make_offices
    from correspondence_steps import issued
    from plone import api

    portal = functional_portal
    make_offices(portal)
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            if unit.code == DISTRICT:
                unit.organ_id = DISTRICT_ID
        api.content.create(
            container=portal["so-dia-chi"],
            type="ExternalOrganisation",
            title=JUSTICE,
            organ_id=JUSTICE_ID,
        )
    for name in ("outbox", "inbox"):
        (tmp_path / name).mkdir()
        api.portal.set_registry_record(
            f"dienbien.settings.exchange_{name}", str(tmp_path / name)
        )
    document = issued(
        portal,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        doctype="decision",
        summary=SUMMARY,
        internal_recipients=[COMMUNE],
        external_organisations=[JUSTICE_ID],
    )
    transaction.commit()
    return document


def person(browser, site_url, user, width=1366):
    from conftest import log_in

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, site_url, user, PASSWORD)
    return page


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


def test_both_statuses_come_back_to_the_district(
    browser, site_url, decision, clock, tmp_path
):
    from dienbien.policy.core.exchange import edxml
    from dienbien.policy.core.exchange import status
    from dienbien.policy.core.exchange.package import Organ
    from dienbien.policy.core.exchange.package import ResponseFor

    # 1. The district's clerk sends it.
    clock("2026-08-03T16:05")
    district = page = person(browser, site_url, "vanthu")
    page.goto(decision.absolute_url())
    page.click(".outgoing-actions >> text=Gửi văn bản")
    page.click(".outgoing-step-form button[name='form.save']")
    table = page.locator("#document-deliveries")
    expect(table.locator("h2")).to_have_text("Nơi nhận và tình trạng xử lý")
    expect(table.locator(".delivery-status")).to_have_text(
        ["Đã chuyển, chờ vào sổ", "Đã gửi, chưa có phản hồi"]
    )
    [sent] = list((tmp_path / "outbox").glob("*.xml"))
    package = edxml.parse(sent.read_bytes())
    assert [organ.name for organ in package.recipients] == [JUSTICE]

    # 2. The commune's clerk registers its copy.
    clock("2026-08-04T08:20")
    page = person(browser, site_url, "vanthu_xa")
    page.goto(f"{site_url}/@@my-work")
    page.locator("#my-work-to_register .my-work-link").first.click()
    page.click(".incoming-action-register")
    page.click(".incoming-step-form button[name='form.save']")
    expect(page.locator(".incoming-number")).to_have_text("Số đến: 1")
    page.context.close()

    # 3. The department's system answers: registered at 09:15.
    reply = status.StatusMessage(
        document=ResponseFor(
            DISTRICT_ID,
            package.code,
            package.promulgated,
            package.effective_document_id,
        ),
        sender=Organ(JUSTICE_ID, JUSTICE),
        code="03",
        timestamp=datetime(2026, 8, 4, 9, 15),
        staff=status.Staff(department="Văn phòng Sở", name="Quàng Văn Toàn"),
    )
    (tmp_path / "inbox" / "20260804-091500-stp.xml").write_bytes(
        status.build_status(reply)
    )

    # 4. The district's clerk receives what waits in the inbox folder.
    clock("2026-08-04T09:40")
    page = district
    page.goto(f"{site_url}/@@my-work")
    page.click("#my-work-to_register >> text=Gói tin edXML đang chờ trong thư mục nhận")
    expect(page.locator("h1")).to_have_text("Gói tin đang chờ trong thư mục nhận")
    expect(page.locator(".edxml-waiting")).to_have_text("Số gói tin đang chờ: 1")
    page.get_by_role("button", name="Nhận tất cả").click()
    result = page.locator(".edxml-result-ok")
    expect(result.locator(".edxml-text")).to_have_text(
        f"{JUSTICE} báo: Đã vào sổ, đối với văn bản"
    )
    expect(result.locator("a")).to_contain_text("01/QĐ-UBND")
    expect(page.locator(".edxml-waiting")).to_have_text("Số gói tin đang chờ: 0")
    shoot(page, "receive-done")
    assert list((tmp_path / "inbox").iterdir()) == []

    # 5. The decision's page: both recipients registered it.
    result.locator("a").click()
    rows = page.locator("#document-deliveries .delivery-row")
    expect(rows.locator(".delivery-unit")).to_have_text(
        ["UBND xã Thanh Xương", JUSTICE]
    )
    expect(rows.locator(".delivery-status")).to_have_text(["Đã vào sổ", "Đã vào sổ"])
    expect(rows.locator(".delivery-changed")).to_have_text(
        ["08:20 04/08/2026", "09:15 04/08/2026"]
    )
    expect(rows.locator(".delivery-delivered")).to_have_text(
        ["16:05 03/08/2026", "16:05 03/08/2026"]
    )
    page.locator("#document-deliveries").scroll_into_view_if_needed()
    shoot(page, "deliveries")
    page.context.close()
