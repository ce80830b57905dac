"""The one-stop desk in a browser: a clerk receives a dossier and prints the
receipt; an officer of the handling unit resolves it; the citizen looks it
up."""

from playwright.sync_api import expect

import pytest
import re


pytestmark = pytest.mark.browser


def test_desk_to_citizen(browser, site_url, one_stop):
    from browser.desk import choose_procedure
    from conftest import log_in
    from conftest import STAFF_PASSWORD
    from dienbien.policy.dossiers import ratelimit

    ratelimit.reset()

    def person(user=None):
        context = browser.new_context()
        page = context.new_page()
        if user:
            log_in(page, site_url, user, STAFF_PASSWORD)
        return context, page

    # The desk clerk receives the dossier in the add form.
    clerk_context, clerk = person("clerk")
    clerk.goto(f"{site_url}/ho-so/++add++Dossier")
    # The clerk's own desk is chosen already.
    expect(clerk.locator("#form-widgets-receiving_unit")).to_have_value("H15.50.MC")
    choose_procedure(clerk, "chung thuc", "Chứng thực bản sao từ bản chính")
    clerk.select_option("#form-widgets-channel", "in_person")
    clerk.fill("#form-widgets-applicant_name", "Lò Văn Páo")
    clerk.fill("#form-widgets-applicant_phone", "0912 345 678")
    clerk.click("#form-buttons-save")
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")
    code = clerk.locator(".dossier-code").inner_text().strip()
    assert re.fullmatch(r"H15\.50\.MC-\d{6}-0001", code)
    expect(clerk.locator(".dossier-appointment")).not_to_be_empty()

    # The receipt and appointment slip, with its QR code, prints from here.
    with clerk_context.expect_page() as slip_info:
        clerk.click("text=Mẫu 01")
    slip = slip_info.value
    slip.wait_for_load_state()
    expect(slip.locator("body")).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(slip.locator("body")).to_contain_text(code)
    expect(slip.locator("img[src^='data:image/png']")).to_have_count(1)

    # Hand the dossier on to Phòng Tư pháp from the state menu.
    dossier_url = clerk.url.split("?")[0].rstrip("/")
    clerk.click("#plone-contentmenu-workflow > a")
    clerk.click("#workflow-transition-transfer")
    clerk.click(".dossier-step-form button[name='form.save']")
    expect(clerk.locator(".dossier-state-title")).to_have_text("Đang xử lý")
    clerk_context.close()

    # An officer of the handling unit finishes the processing.
    officer_context, officer = person("officer")
    officer.goto(dossier_url)
    expect(officer.locator(".dossier-state-title")).to_have_text("Đang xử lý")
    officer.click("#plone-contentmenu-workflow > a")
    expect(officer.locator("#workflow-transition-stop")).to_have_count(0)
    officer.click("#workflow-transition-resolve")
    officer.click(".dossier-step-form button[name='form.save']")
    expect(officer.locator(".dossier-state-title")).to_have_text("Đã xử lý xong")
    officer_context.close()

    # The citizen looks the dossier up, without logging in.
    citizen_context, citizen = person()
    # The QR code on the receipt opens the lookup with the code filled in.
    citizen.goto(f"{site_url}/tra-cuu-ho-so?code={code}")
    expect(citizen.locator("#status-code")).to_have_value(code)
    expect(citizen.locator(".alert-warning")).to_have_count(0)
    citizen.fill("#status-verify", "5678")
    citizen.click(".dossier-status-form button[type=submit]")
    expect(citizen.locator(".dossier-status-title")).to_have_text("Đã xử lý xong")
    expect(citizen.locator(".dossier-steps li")).to_have_count(3)
    expect(citizen.locator("body")).not_to_contain_text("Lò Văn Páo")
    # Sent by POST: the digits are in neither the address nor the history.
    assert citizen.url == f"{site_url}/tra-cuu-ho-so"
    citizen_context.close()


def test_steps_that_need_a_reason(browser, site_url, one_stop):
    """The state menu asks for the reason of a supplement request; the reason
    goes into the hand-over log."""
    from browser.desk import choose_procedure
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    context = browser.new_context()
    clerk = context.new_page()
    log_in(clerk, site_url, "clerk", STAFF_PASSWORD)
    clerk.goto(f"{site_url}/ho-so/++add++Dossier")
    choose_procedure(clerk, "chung thuc", "Chứng thực bản sao từ bản chính")
    clerk.select_option("#form-widgets-channel", "in_person")
    clerk.select_option("#form-widgets-receiving_unit", "H15.50.MC")
    clerk.fill("#form-widgets-applicant_name", "Lò Thị Ón")
    clerk.fill("#form-widgets-applicant_phone", "0912 345 111")
    clerk.click("#form-buttons-save")
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")

    # Cancel leaves the dossier as it was.
    clerk.click("#plone-contentmenu-workflow > a")
    clerk.click("#workflow-transition-withdraw")
    expect(clerk.locator(".dossier-step-form h2")).to_have_text("Công dân rút hồ sơ")
    clerk.click(".dossier-step-form button[name='form.cancel']")
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")

    clerk.click("#plone-contentmenu-workflow > a")
    clerk.click("#workflow-transition-request_supplement")
    expect(clerk.locator(".dossier-step-form textarea")).to_be_visible()
    clerk.fill("#step-reason", "Thiếu bản sao giấy khai sinh")
    clerk.click(".dossier-step-form button[name='form.save']")
    expect(clerk.locator(".dossier-state-title")).to_have_text(
        "Yêu cầu bổ sung giấy tờ"
    )
    expect(clerk.locator(".portalMessage").first).to_contain_text(
        "Yêu cầu bổ sung, hoàn thiện hồ sơ"
    )
    expect(clerk.locator("body")).to_contain_text("Thiếu bản sao giấy khai sinh")
    context.close()
