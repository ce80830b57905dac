"""Official correspondence from end to end on the demo site (test clock:
Tuesday 3 March 2026, 10:00): the clerk of UBND xã Thanh Xương registers a
letter of the province's Department of Home Affairs, the commune's leader
assigns it, the officer drafts the reply, the leader approves it, the
commune's clerical office issues it to the district and sends it, and the
district's clerk registers it — each finding the work in "Công việc của
tôi" — while the commune reads what became of its report.

Each step goes through the page a person uses: the clerk's registration
form, the leader's assignment form, the draft form, the step forms of the
outgoing document, and the registration of what another unit sent.
"""

from playwright.sync_api import expect

import os
import pytest
import re
import transaction


pytestmark = pytest.mark.browser

PASSWORD = "dienbien-demo"  # README, "Demo users"
SHOTS = "/tmp/shots/sending"
COMMUNE = "H15.50.05.01"
DISTRICT = "H15.50"
LETTER = "V/v báo cáo số lượng cán bộ, công chức cấp xã năm 2026"
REPLY = "Số lượng cán bộ, công chức xã Thanh Xương năm 2026"


@pytest.fixture
def demo(functional_portal):
    from plone.app.testing import applyProfile
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    applyProfile(functional_portal, "dienbien.policy:demo")
    transaction.commit()
    return functional_portal


def shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def person(browser, site_url, user, width=1366):
    from conftest import log_in

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, site_url, user, PASSWORD)
    return page


def fits(page, width=375):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide"


def my_work_group(page, site_url, group):
    page.goto(f"{site_url}/@@my-work")
    return page.locator(f"#my-work-{group}")


def find(portal, portal_type, summary):
    from plone import api

    transaction.begin()  # what the server committed
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = [
        brain
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type)
        if brain.Description == summary
    ]
    return brain._unrestrictedGetObject()


def take(page, step: str, reason: str = ""):
    """An outgoing document's step, through its confirmation form."""
    page.click(f".outgoing-actions >> text={step}")
    expect(page.locator(".outgoing-step-title")).to_have_text(step)
    if reason:
        page.fill("#step-reason", reason)
    page.click(".outgoing-step-form button[name='form.save']")


def choose(page, widget: str, typed: str, label: str):
    """A Select2 search box: type a few words, pick the result."""
    page.locator(f"#s2id_{widget}").click()
    page.keyboard.type(typed)
    page.locator("#select2-drop .select2-result-label", has_text=label).first.click()


def test_a_commune_answers_the_province_and_reports_to_the_district(
    browser, site_url, demo, clock
):
    from plone import api

    portal = demo

    # 1. The commune's clerk registers the letter that came in: one form,
    #    registered on saving.
    page = person(browser, site_url, "vanthu.thanhxuong")
    page.goto(f"{site_url}/van-ban/++add++IncomingDocument")
    expect(page.locator("h1")).to_have_text("Vào sổ văn bản đến")
    page.select_option("#incoming-unit", COMMUNE)
    page.fill("#incoming-sender-name", "Sở Nội vụ tỉnh Điện Biên")
    page.fill("#incoming-sender-notation", "456/SNV-CCVC")
    page.fill("#incoming-sender-date", "2026-03-02")
    page.select_option("#incoming-doctype", "dispatch")
    page.fill("#incoming-summary", LETTER)
    page.select_option("#incoming-urgency", "urgent")
    page.click(".incoming-register-form button[name='form.save']")
    letter = find(portal, "IncomingDocument", LETTER)
    assert api.content.get_state(letter) == "registered"
    expect(page.locator(".incoming-number")).to_have_text(
        f"Số đến: {letter.incoming_number}"
    )
    expect(page.locator(".doc-stamp-urgency")).to_have_text("KHẨN")
    page.context.close()

    # 2. The commune's leader finds it waiting for her and assigns it, with
    #    the deadline the working calendar proposes for a khẩn letter.
    page = person(browser, site_url, "lanhdao.thanhxuong")
    group = my_work_group(page, site_url, "to_assign")
    row = group.locator(".my-work-item", has_text=LETTER)
    expect(row.locator(".my-work-urgent")).to_have_text("Khẩn")
    row.locator(".my-work-link").click()
    page.click(".incoming-action-assign")
    expect(page.locator(".incoming-step-form h2")).to_have_text("Giao xử lý")
    expect(page.locator("#incoming-deadline")).to_have_value("2026-03-10")
    page.fill(
        "#incoming-instruction",
        "Đồng chí Lan tổng hợp, dự thảo báo cáo trình ký trước 06/3.",
    )
    page.select_option("#incoming-handler", "chuyenvien.thanhxuong")
    page.fill("#incoming-deadline", "2026-03-06")
    page.click(".incoming-step-form button[name='form.save']")
    expect(page.locator(".incoming-state-title")).to_have_text("Đã giao xử lý")
    page.context.close()

    # 3. The officer has it to handle, urgent and due this week, and drafts
    #    the report to the district in the draft form.
    page = person(browser, site_url, "chuyenvien.thanhxuong")
    group = my_work_group(page, site_url, "to_handle")
    row = group.locator(".my-work-item", has_text=LETTER)
    expect(row.locator(".my-work-urgent")).to_have_text("Khẩn")
    expect(row.locator(".my-work-due-soon")).to_have_text("Đến hạn trong tuần")
    expect(row.locator(".my-work-when")).to_have_text("06/03/2026")
    page.goto(f"{site_url}/van-ban/++add++OutgoingDocument")
    expect(page.locator("#form-widgets-unit")).to_have_value(COMMUNE)
    page.select_option("#form-widgets-doctype", "report")
    page.fill("#form-widgets-summary", REPLY)
    choose(
        page,
        "form-widgets-internal_recipients",
        "huyen Dien Bien",
        "UBND huyện Điện Biên",
    )
    page.select_option("#form-widgets-urgency", "urgent")
    page.select_option("#form-widgets-signer", "lanhdao.thanhxuong")
    body = page.frame_locator("#formfield-form-widgets-body iframe").locator("body")
    body.fill("Xã Thanh Xương có 23 cán bộ, công chức (danh sách kèm theo).")
    page.locator("#form #form-buttons-save").click()
    expect(page.locator(".outgoing-state-title")).to_have_text("Dự thảo")
    take(page, "Trình duyệt")
    expect(page.locator(".outgoing-state-title")).to_have_text("Chờ duyệt")
    reply = find(portal, "OutgoingDocument", REPLY)
    assert reply.drafter == "chuyenvien.thanhxuong"
    assert list(reply.internal_recipients) == [DISTRICT]
    page.context.close()

    # 4. The leader approves the draft waiting for her.
    page = person(browser, site_url, "lanhdao.thanhxuong")
    group = my_work_group(page, site_url, "to_approve")
    group.locator(".my-work-item", has_text=REPLY).locator(".my-work-link").click()
    take(page, "Duyệt")
    expect(page.locator(".outgoing-state-title")).to_have_text("Đã duyệt, chờ ban hành")
    page.context.close()

    # 5. The commune's clerical office issues it (its number taken now) and
    #    sends it to the district.
    page = person(browser, site_url, "vanthu.thanhxuong")
    group = my_work_group(page, site_url, "to_issue")
    group.locator(".my-work-item", has_text=REPLY).locator(".my-work-link").click()
    take(page, "Ban hành (cấp số)")
    reply = find(portal, "OutgoingDocument", REPLY)
    assert re.fullmatch(r"\d{2,}/BC-UBND", reply.notation), reply.notation
    expect(page.locator(".outgoing-number")).to_have_text(f"Số: {reply.notation}")
    take(page, "Gửi văn bản")
    table = page.locator("#document-deliveries")
    expect(table.locator("h2")).to_have_text("Tình hình gửi văn bản trong hệ thống")
    rows = table.locator(".delivery-row")
    expect(rows).to_have_count(1)
    expect(rows.locator(".delivery-unit")).to_have_text("UBND huyện Điện Biên")
    expect(rows.locator(".delivery-status")).to_have_text("Đã chuyển, chờ vào sổ")
    expect(rows.locator(".delivery-changed")).to_have_text("10:00 03/03/2026")
    sent_page = reply.absolute_url()
    page.context.close()

    # 6. The district's clerk finds it among the letters to register and
    #    registers it with the district's own incoming number, after lunch.
    clock("2026-03-03T14:30")
    page = person(browser, site_url, "vanthu.huyen")
    group = my_work_group(page, site_url, "to_register")
    row = group.locator(".my-work-item", has_text=REPLY)
    expect(row.locator(".my-work-link")).to_have_text(reply.notation)
    expect(row.locator(".my-work-urgent")).to_have_text("Khẩn")
    expect(row.locator(".my-work-meta")).to_contain_text("UBND xã Thanh Xương")
    shoot(page, "my-work-district-clerk-1366")
    row.locator(".my-work-link").click()
    page.click(".incoming-action-register")
    page.click(".incoming-step-form button[name='form.save']")
    transaction.begin()  # what the server committed
    (delivered,) = [
        brain._unrestrictedGetObject()
        for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="IncomingDocument",
            document_source=api.content.get_uuid(reply),
        )
    ]
    assert api.content.get_state(delivered) == "registered"
    assert delivered.unit == DISTRICT
    assert delivered.sender_notation == reply.notation
    expect(page.locator(".incoming-number")).to_have_text(
        f"Số đến: {delivered.incoming_number}"
    )
    page.context.close()

    # The commune reads that the district registered its report, on a phone.
    page = person(browser, site_url, "vanthu.thanhxuong", width=375)
    page.goto(sent_page)
    row = page.locator("#document-deliveries .delivery-row")
    expect(row.locator(".delivery-status")).to_have_text("Đã vào sổ")
    expect(row.locator(".delivery-changed")).to_have_text("14:30 03/03/2026")
    expect(row.locator(".delivery-delivered")).to_have_text("10:00 03/03/2026")
    fits(page)
    page.locator("#document-deliveries").scroll_into_view_if_needed()
    shoot(page, "deliveries-commune-clerk-375")
    page.context.close()
    page = person(browser, site_url, "vanthu.thanhxuong")
    page.goto(sent_page)
    shoot(page, "deliveries-commune-clerk-1366")
    page.context.close()


def test_my_work_reads_on_a_phone(browser, site_url, demo):
    """The district's leader's work on a 375 px phone and on a desk."""
    for width in (375, 1366):
        page = person(browser, site_url, "lanhdao.huyen", width=width)
        page.goto(f"{site_url}/@@my-work")
        expect(page.locator("h1.documentFirstHeading")).to_have_text(
            "Công việc của tôi"
        )
        expect(page.locator("#my-work-dossiers_due h2")).to_contain_text(
            "Hồ sơ sắp đến hạn hoặc quá hạn"
        )
        if width == 375:
            fits(page)
        shoot(page, f"my-work-district-leader-{width}")
        page.context.close()


def test_a_secret_report_says_why_it_is_not_sent_through_the_system(
    browser, site_url, demo
):
    """The clerk about to send a secret report reads that it goes on paper."""
    from correspondence_steps import issued

    report = issued(
        demo,
        drafter="chuyenvien.thanhxuong",
        leader="lanhdao.thanhxuong",
        clerk="vanthu.thanhxuong",
        summary="Báo cáo tình hình an ninh trật tự quý I",
        confidentiality="confidential",
        readers=["vanthu.thanhxuong", "lanhdao.thanhxuong", "chuyenvien.thanhxuong"],
    )
    transaction.commit()
    page = person(browser, site_url, "vanthu.thanhxuong", width=375)
    page.goto(report.absolute_url())
    expect(page.locator(".delivery-notice")).to_have_text(
        "Văn bản mật không gửi qua hệ thống: nơi nhận trong cơ quan nhận bản "
        "giấy, đăng ký vào sổ văn bản mật và chuyển tận tay."
    )
    fits(page)
    page.locator(".delivery-notice").scroll_into_view_if_needed()
    shoot(page, "secret-notice-commune-clerk-375")
    page.context.close()
