"""A citizen on a phone sends a question to the environment office; its clerk
gets the mail; an editor publishes the answer, which the citizen then reads
in the Q&A list without their name. A robot that fills the honeypot is
thanked like anyone and its submission is kept nowhere. Screenshots of both
forms (empty, with errors, thanked) and the Q&A list at 375 and 1366 px."""

from conftest import log_in
from dienbien.policy.citizenforms import spam
from dienbien.policy.citizenforms import storage
from email import message_from_bytes
from playwright.sync_api import expect
from plone import api

import pathlib
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/portal-forms")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


@pytest.fixture
def portal_with_units(functional_portal, offices):
    spam.reset()
    api.portal.set_registry_record("plone.email_from_address", "cong@example.invalid")
    functional_portal.MailHost.reset()
    transaction.commit()
    yield functional_portal
    spam.reset()


def test_citizen_asks_the_unit_answers_in_the_qa_list(
    browser, site_url, portal_with_units
):
    portal = portal_with_units
    form_url = f"{site_url}/gop-y/gui-cau-hoi"
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(form_url)
    expect(phone.locator("h1.documentFirstHeading")).to_have_text("Gửi câu hỏi, góp ý")
    expect(phone.locator("label[for=form-widgets-unit]")).to_contain_text("Đơn vị nhận")
    # The honeypot is off the screen and out of the way.
    honeypot = phone.locator("#form-widgets-website")
    box = honeypot.bounding_box()
    assert box is None or box["x"] < 0
    expect(honeypot).to_have_attribute("tabindex", "-1")
    no_horizontal_scroll(phone)
    shoot(phone, "gop-y-375")

    # Sent empty: each required field says so, in Vietnamese.
    phone.evaluate("document.querySelector('#form').noValidate = true")
    phone.click("#form-buttons-submit")
    errors = phone.locator(".invalid-feedback")
    expect(errors.first).to_be_visible()
    assert errors.count() == 5
    expect(
        phone.locator("#formfield-form-widgets-fullname .invalid-feedback")
    ).to_have_text("Chưa nhập thông tin bắt buộc.")
    fullname = phone.locator("#form-widgets-fullname")
    expect(fullname).to_have_attribute("aria-invalid", "true")
    error_id = fullname.get_attribute("aria-describedby")
    expect(phone.locator(f"#{error_id}")).to_have_text("Chưa nhập thông tin bắt buộc.")
    no_horizontal_scroll(phone)
    shoot(phone, "gop-y-375-errors")

    phone.fill("#form-widgets-fullname", "Lò Thị Hoa")
    phone.fill("#form-widgets-contact", "0912 345 678")
    phone.select_option("#form-widgets-unit", "H15.50.05")
    phone.fill("#form-widgets-subject", "Cấp đổi sổ đỏ")
    phone.fill(
        "#form-widgets-message",
        "Tôi cần giấy tờ gì để cấp đổi giấy chứng nhận quyền sử dụng đất?",
    )
    phone.click("#form-buttons-submit")
    expect(phone.locator("h1.documentFirstHeading")).to_have_text("Cảm ơn bạn")
    shoot(phone, "gop-y-375-thanks")

    # The environment office's clerk has the mail.
    transaction.begin()
    (raw,) = portal.MailHost.messages
    assert message_from_bytes(raw)["To"] == "vanthu_tnmt@example.invalid"

    # A robot fills everything, the honeypot too: thanked, kept nowhere.
    wide = browser.new_context(viewport=DESKTOP).new_page()
    robot = wide
    robot.goto(form_url)
    robot.fill("#form-widgets-fullname", "Bot")
    robot.fill("#form-widgets-contact", "bot@example.invalid")
    robot.select_option("#form-widgets-unit", "H15.50.05")
    robot.fill("#form-widgets-subject", "Khuyến mãi")
    robot.fill("#form-widgets-message", "Mua ngay")
    robot.fill("#form-widgets-website", "http://spam.example", force=True)
    robot.click("#form-buttons-submit")
    expect(robot.locator("h1.documentFirstHeading")).to_have_text("Cảm ơn bạn")
    transaction.begin()
    assert [row["subject"] for row in storage.rows(portal["gop-y"]["gui-cau-hoi"])] == [
        "Cấp đổi sổ đỏ"
    ]
    assert len(portal.MailHost.messages) == 1

    # An editor rewords the question and publishes the answer.
    editor = browser.new_context(viewport=DESKTOP).new_page()
    log_in(editor, site_url)
    editor.goto(f"{form_url}/@@cau-hoi-da-nhan")
    expect(editor.locator(".citizen-received h2")).to_have_text(["Cấp đổi sổ đỏ"])
    editor.locator("textarea[name=question]").fill(
        "Cần giấy tờ gì để cấp đổi giấy chứng nhận quyền sử dụng đất?"
    )
    editor.locator("textarea[name=answer]").fill(
        "Mang đơn đề nghị cấp đổi và giấy chứng nhận đã cấp đến Bộ phận Một cửa."
    )
    shoot(editor, "received-1366")
    editor.click(".citizen-answer button[type=submit]")
    expect(editor.locator(".citizen-received .badge")).to_have_text("Đã trả lời")

    # The citizen reads it in the Q&A list, without their name.
    phone.goto(f"{site_url}/gop-y/hoi-dap")
    entry = phone.locator(".qa-entry").first
    expect(entry.locator("h2")).to_have_text("Cấp đổi sổ đỏ")
    expect(entry.locator(".qa-answer")).to_have_text(
        "Mang đơn đề nghị cấp đổi và giấy chứng nhận đã cấp đến Bộ phận Một cửa."
    )
    expect(entry.locator("h3")).to_have_text(
        "Trả lời của Phòng Tài nguyên và Môi trường"
    )
    expect(entry.locator(".discreet")).to_have_text("Trả lời ngày 03/03/2026")
    expect(phone.locator("#content")).not_to_contain_text("Lò Thị Hoa")
    expect(phone.locator("#content")).not_to_contain_text("Tôi cần")  # reworded
    no_horizontal_scroll(phone)
    shoot(phone, "hoi-dap-375")

    for path, name in (
        ("gop-y/gui-cau-hoi", "gop-y-1366"),
        ("gop-y/hoi-dap", "hoi-dap-1366"),
        ("lien-he/gui-lien-he", "lien-he-1366"),
    ):
        wide.goto(f"{site_url}/{path}")
        shoot(wide, name)
    phone.goto(f"{site_url}/lien-he/gui-lien-he")
    expect(phone.locator("h1.documentFirstHeading")).to_have_text("Gửi liên hệ")
    no_horizontal_scroll(phone)
    shoot(phone, "lien-he-375")
