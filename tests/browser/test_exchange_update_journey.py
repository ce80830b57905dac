"""An update of a sent document (BussinessDocType 2), as the two clerks do
it: the district's clerk corrects the summary of a decision the commune's
other system (an address-book organisation) has registered; the commune's
clerk finds the request in "my work" and refuses it with a reason; the district reads the refusal and
its reason in the table of recipients. The packages travel through the
outbox folder and are filed as the inbox step would. Screenshots at 375 and
1366 px under /tmp/shots/exch-update/."""

from playwright.sync_api import expect

import os
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = "/tmp/shots/exch-update"
PASSWORD = "mat-khau-thu-nghiem"  # conftest.STAFF_PASSWORD
DISTRICT, COMMUNE = "H15.50", "H15.50.05.01"
DISTRICT_ID, COMMUNE_ID = "000.00.50.H15", "000.01.50.H15"
OTHER = "UBND xã Thanh Xương (hệ thống khác)"
SUMMARY = "Về việc ban hành kế hoạch chuyển đổi số năm 2026"


def drop(portal, user, outbox):
    """File what the site put in ``outbox`` since last time, as ``user``."""
    from dienbien.policy.exchange.receive import file_package
    from plone import api

    transaction.begin()
    filed = []
    for path in sorted(outbox.glob("*.xml")):
        with api.env.adopt_user(username=user):
            filed.append(file_package(portal, path.read_bytes()))
        path.unlink()
    transaction.commit()
    return filed


@pytest.fixture
def registered(functional_portal, tmp_path):
    """The district's decision sent to the commune's other system, filed
    there and registered; the site's outbox under ``tmp_path``."""
    from conftest import make_offices
    from correspondence_steps import issued
    from correspondence_steps import step
    from plone import api

    portal = functional_portal
    make_offices(portal)
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = {DISTRICT: DISTRICT_ID, COMMUNE: COMMUNE_ID}.get(unit.code)
        api.content.create(
            container=portal["so-dia-chi"],
            type="ExternalOrganisation",
            title=OTHER,
            organ_id=COMMUNE_ID,
        )
    api.portal.set_registry_record(
        "dienbien.settings.exchange_outbox", str(tmp_path / "outbox")
    )
    document = issued(
        portal,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        doctype="decision",
        summary=SUMMARY,
        internal_recipients=[],
        external_organisations=[COMMUNE_ID],
    )
    step(document, "send", "vanthu")
    transaction.commit()
    [filed] = drop(portal, "vanthu_xa", tmp_path / "outbox")
    [copy] = filed.documents
    step(copy, "register", "vanthu_xa")
    transaction.commit()
    drop(portal, "vanthu", tmp_path / "outbox")  # 01, 03 back at the district
    return document


def person(browser, site_url, user):
    from conftest import log_in

    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
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


def test_an_update_refused_by_the_recipient_reaches_the_senders_table(
    browser, site_url, functional_portal, registered, clock, tmp_path
):
    outgoing = registered
    outbox = tmp_path / "outbox"

    # 1. The district's clerk corrects the summary and sends the update.
    clock("2026-08-04T10:00")
    page = person(browser, site_url, "vanthu")
    page.goto(outgoing.absolute_url())
    page.click("text=Đính chính/cập nhật hoặc thay thế (gửi cơ quan ngoài)")
    page.fill("#exchange-summary", SUMMARY + " (sửa đổi)")
    page.fill("#exchange-reason", "Sửa trích yếu cho đúng tên kế hoạch")
    shoot(page, "correction-form")
    page.get_by_role("button", name="Gửi", exact=True).click()
    rows = page.locator("#document-deliveries .delivery-row")
    expect(rows.locator(".delivery-status")).to_have_text(
        ["Đã gửi đính chính/cập nhật, chưa có trả lời"]
    )

    # 2. The commune's system files it: its copy is registered, the clerk
    # decides, and refuses with a reason.
    drop(functional_portal, "vanthu_xa", outbox)
    clock("2026-08-04T10:30")
    commune = person(browser, site_url, "vanthu_xa")
    commune.goto(f"{site_url}/@@my-work")
    waiting = commune.locator("#my-work-to_decide")
    expect(waiting.locator("h2")).to_contain_text(
        "Đề nghị đính chính/thay thế của nơi gửi, chờ quyết định"
    )
    shoot(commune, "my-work")
    waiting.locator(".my-work-link").first.click()
    box = commune.locator(".exchange-request")
    expect(box.locator("h2")).to_have_text(
        "UBND huyện Điện Biên đề nghị: Đính chính/cập nhật"
    )
    expect(box.locator(".exchange-request-reason")).to_have_text(
        "Sửa trích yếu cho đúng tên kế hoạch"
    )
    shoot(commune, "incoming-request")
    commune.fill("#exchange-refuse-reason", "Văn bản đã được triển khai")
    commune.get_by_role("button", name="Từ chối").click()
    expect(commune.locator(".exchange-request")).to_have_count(0)
    expect(commune.locator(".incoming-summary")).to_have_text(SUMMARY)
    expect(commune.locator(".incoming-history tr").last).to_contain_text(
        "Từ chối đính chính/cập nhật"
    )
    commune.context.close()

    # 3. The refusal comes back: the district reads it with its reason.
    drop(functional_portal, "vanthu", outbox)
    page.reload()
    expect(rows.locator(".delivery-status")).to_have_text(
        ["Từ chối đính chính/cập nhật"]
    )
    expect(rows).to_contain_text("Văn bản đã được triển khai")
    expect(page.locator("body")).to_contain_text(
        "Gửi đính chính/cập nhật đến cơ quan ngoài"
    )
    page.locator("#document-deliveries").scroll_into_view_if_needed()
    shoot(page, "deliveries")
    page.context.close()
