"""An outgoing document from draft to number, as the people do it: the
district's officer drafts a decision in the form (a công văn without its
department is refused on the field, in Vietnamese), submits it; the leader
approves it; the clerk issues it and reads "Số: 01/QĐ-UBND" on the page."""

from outgoing_site import outgoing_site_fixture  # noqa: F401
from playwright.sync_api import expect

import os
import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(os.environ.get("SHOTS", "/tmp/shots/outgoing"))


def shoot(page, name):
    """Screenshots at a phone's and a desk's width; the page never scrolls
    sideways on the phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 375:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 375, (name, overflow)
    page.set_viewport_size({"width": 1366, "height": 900})


def person(browser, site_url, login):
    from conftest import log_in
    from outgoing_site import PASSWORD

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    log_in(page, site_url, login, PASSWORD)
    return page


def take(page, step: str, reason: str = ""):
    page.click(f".outgoing-actions >> text={step}")
    expect(page.locator(".outgoing-step-title")).to_have_text(step)
    if reason:
        page.fill("#step-reason", reason)
    page.click(".outgoing-step-form button[name='form.save']")


def test_officer_drafts_leader_approves_clerk_issues(
    browser, site_url, outgoing_site, clock
):
    clock("2026-03-05T09:00")

    officer = person(browser, site_url, "cv_huyen")
    officer.goto(f"{site_url}/van-ban/++add++OutgoingDocument")
    shoot(officer, "add-form")
    form = officer.locator("#form")
    # The issuing unit is the officer's own; its departments are offered.
    expect(officer.locator("#form-widgets-unit")).to_have_value("H15.50")
    officer.select_option("#form-widgets-doctype", "dispatch")
    expect(officer.locator("#formfield-form-widgets-normative")).to_be_hidden()
    officer.fill("#form-widgets-summary", "Về việc thành lập Tổ công tác chuyển đổi số")
    officer.fill("#form-widgets-external_recipients", "Sở Nội vụ tỉnh Điện Biên")
    officer.select_option("#form-widgets-signer", "ld_huyen")
    body = officer.frame_locator("#formfield-form-widgets-body iframe").locator("body")
    body.fill("Thành lập Tổ công tác chuyển đổi số của huyện.")
    form.locator("#form-buttons-save").click()
    # A công văn without its department: refused on the field.
    error = officer.locator("#formfield-form-widgets-department .invalid-feedback")
    expect(error).to_contain_text(
        "Công văn phải ghi ký hiệu đơn vị soạn thảo sau tên cơ quan ban hành"
    )
    shoot(officer, "add-form-error")

    # A decision instead: the department stays optional, normative offered.
    officer.select_option("#form-widgets-doctype", "decision")
    expect(officer.locator("#formfield-form-widgets-normative")).to_be_visible()
    officer.locator("#form-buttons-save").click()
    expect(officer.locator(".outgoing-state-title")).to_have_text("Dự thảo")
    expect(officer.locator(".outgoing-number")).to_have_text("Số: …/QĐ-UBND")
    url = officer.url.split("?")[0].removesuffix("/view")
    take(officer, "Trình duyệt")
    expect(officer.locator(".outgoing-state-title")).to_have_text("Chờ duyệt")

    leader = person(browser, site_url, "ld_huyen")
    leader.goto(url)
    expect(leader.locator(".outgoing-action")).to_have_text(
        ["Duyệt", "Trả lại người soạn thảo"]
    )
    take(leader, "Duyệt")
    expect(leader.locator(".outgoing-state-title")).to_have_text(
        "Đã duyệt, chờ ban hành"
    )

    clerk = person(browser, site_url, "vt_huyen")
    clerk.goto(url)
    clerk.click(".outgoing-actions >> text=Ban hành (cấp số)")
    # The form says what happens; no number is shown (or taken) yet.
    expect(clerk.locator(".outgoing-step-form")).not_to_contain_text("Số: 01")
    shoot(clerk, "issue-form")
    clerk.click(".outgoing-step-form button[name='form.save']")
    expect(clerk.locator(".outgoing-number")).to_have_text("Số: 01/QĐ-UBND")
    expect(clerk.locator(".outgoing-dateline")).to_have_text(
        "Điện Biên, ngày 05 tháng 3 năm 2026"
    )
    expect(clerk.locator(".outgoing-state-title")).to_have_text("Đã ban hành")
    expect(clerk.locator(".outgoing-history-actor")).to_have_text(
        ["Quàng Văn Soạn", "Lường Văn Ký", "Lò Thị Thư"]
    )
    shoot(clerk, "issued")


def test_a_returned_secret_cong_van_reads_like_its_paper(
    browser, site_url, outgoing_site, clock
):
    """The stamps, a công văn's "V/v" under its number, the leader's reason
    on the drafter's page — at a phone's width and a desk's."""
    from outgoing_site import draft
    from plone import api

    import transaction

    clock("2026-01-07T14:30")
    document = draft(
        outgoing_site,
        doctype="dispatch",
        department="TCKH",
        summary="báo cáo tình hình giải ngân vốn đầu tư công quý IV năm 2025",
        urgency="flash",
        confidentiality="confidential",
        readers=["vt_huyen"],
        internal_recipients=["H15.50.21", "H15.50.03"],
    )
    with api.env.adopt_user(username="cv_huyen"):
        api.content.transition(obj=document, transition="submit")
    clock("2026-01-07T16:05")
    with api.env.adopt_user(username="ld_huyen"):
        api.content.transition(
            obj=document,
            transition="return",
            comment="Bổ sung số liệu giải ngân đến hết ngày 31/12/2025",
        )
    transaction.commit()

    officer = person(browser, site_url, "cv_huyen")
    officer.goto(document.absolute_url())
    expect(officer.locator(".outgoing-number")).to_have_text("Số: …/UBND-TCKH")
    expect(officer.locator(".outgoing-dispatch-summary")).to_have_text(
        "V/v báo cáo tình hình giải ngân vốn đầu tư công quý IV năm 2025"
    )
    expect(officer.locator(".outgoing-stamp")).to_have_text(["MẬT", "HỎA TỐC"])
    expect(officer.locator(".outgoing-fact-return_reason")).to_have_text(
        "Bổ sung số liệu giải ngân đến hết ngày 31/12/2025"
    )
    expect(officer.locator(".outgoing-history-time")).to_have_text(
        ["14:30 07/01/2026", "16:05 07/01/2026"]
    )
    expect(officer.locator(".outgoing-action")).to_have_text(["Trình duyệt"])
    shoot(officer, "returned-dispatch")
