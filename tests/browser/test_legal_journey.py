"""A citizen on a phone filters the decisions in force on 1 July 2026 and
opens the one a new decision replaced: "Hết hiệu lực toàn bộ", with the link
to what replaced it and the day it happened."""

from playwright.sync_api import expect
from test_legal_documents import register  # noqa: F401 (fixture)

import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/legal")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}


def shoot(page, name, folder=SHOTS):
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1366"])
def test_citizen_finds_what_is_in_force_and_what_replaced_it(
    browser,
    site_url,
    register,  # noqa: F811
    clock,
    viewport,
):
    clock("2026-07-02T09:00")
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{site_url}/van-ban-qppl")
    page.select_option("#legal-status", "in_force")
    page.fill("#legal-on", "2026-07-01")
    page.select_option("#legal-type", "decision")
    page.click(".legal-register button[type=submit]")

    notations = page.locator(".legal-results .legal-notation")
    expect(notations).to_have_text(["05/2026/QĐ-UBND"])
    expect(page.locator(".legal-count")).to_have_text(
        "1 văn bản; hiệu lực tính đến ngày 01/07/2026"
    )
    no_horizontal_scroll(page)
    shoot(page, f"register-{viewport['width']}")

    # The same filter the day before: the old decision was still in force.
    # (Sent with the button under the filters, where a phone's reader is.)
    page.fill("#legal-on", "2026-06-30")
    page.click(".legal-filters-apply")
    expect(notations).to_have_text(["12/2024/QĐ-UBND"])
    notations.first.click()

    expect(page.locator("h1")).to_have_text("12/2024/QĐ-UBND")
    expect(page.locator(".legal-status-line .legal-badge")).to_have_text(
        "Hết hiệu lực toàn bộ"
    )
    relation = page.locator(".legal-relations li").first
    expect(relation).to_contain_text("Bị thay thế bởi")
    expect(relation).to_contain_text("01/07/2026")
    history = page.locator(".legal-history li")
    expect(history.last).to_contain_text("01/07/2026")
    expect(history.last.locator(".legal-badge")).to_have_text("Hết hiệu lực toàn bộ")
    no_horizontal_scroll(page)
    shoot(page, f"document-{viewport['width']}")

    relation.locator("a").click()
    expect(page.locator("h1")).to_have_text("05/2026/QĐ-UBND")
    expect(page.locator(".legal-status-line .legal-badge")).to_have_text("Còn hiệu lực")


MY_SHOTS = pathlib.Path("/tmp/shots/legal-import")
EDITOR = ("bientap.tuphap", "Lò Thị Bích (biên tập)")
REVIEWER = ("thamdinh.tuphap", "Quàng Văn Minh (Phòng Tư pháp)")
PASSWORD = "dienbien-demo"


def legal_staff(portal):
    """A demo-style editor (adds and submits) and reviewer (the justice
    office: publishes) of the register, by local roles on it."""
    from plone import api

    import transaction

    for (username, fullname), roles in (
        (EDITOR, ["Contributor", "Editor"]),
        (REVIEWER, ["Reviewer"]),
    ):
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=PASSWORD,
            properties={"fullname": fullname},
        )
        api.user.grant_roles(username=username, obj=portal["van-ban-qppl"], roles=roles)
    transaction.commit()


def logged_in(browser, site_url, username):
    from conftest import log_in

    page = browser.new_context(viewport=DESKTOP).new_page()
    log_in(page, site_url, username, PASSWORD)
    return page


def transition(page, name):
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{name}")


def test_editor_publishes_a_replacing_decision(
    browser,
    site_url,
    register,  # noqa: F811
    clock,
):
    legal_staff(register)
    clock("2026-08-25T09:00")
    editor = logged_in(browser, site_url, EDITOR[0])
    editor.goto(f"{site_url}/van-ban-qppl/++add++LegalDocument")
    editor.fill("#form-widgets-notation", "07/2026/QĐ-UBND")
    editor.select_option("#form-widgets-doctype", "decision")
    editor.select_option("#form-widgets-issuer", "H15.50")
    editor.fill("#form-widgets-signer", "Lò Văn Hùng")
    editor.fill("#form-widgets-signer_position", "Chủ tịch")
    editor.fill("#form-widgets-signed", "2026-08-20")
    editor.fill("#form-widgets-in_force_from", "2026-09-01")
    editor.fill("#form-widgets-summary", "Quy định quản lý chợ (thay thế 05/2026)")
    # The grid's script arrives after the page (a federated module): a
    # person reaching the relations row finds it ready; the test waits for it.
    editor.wait_for_function(
        "document.querySelector('.pat-datagridfield')['pattern-datagridfield']"
    )
    editor.select_option("#form-widgets-relations-AA-widgets-kind", "replaces")
    editor.fill("#form-widgets-relations-AA-widgets-target", "05/2026/QĐ-UBND")
    # Leaving the row (Tab) keeps it (row 0) and appends a new empty one.
    # KNOWN PROBLEM: leaving it by clicking "Lưu" instead appends the row
    # under the mouse and the click is lost (a second click saves) —
    # docs/legal.md, "Known problems".
    editor.press("#form-widgets-relations-AA-widgets-target", "Tab")
    expect(editor.locator("[name='form.widgets.relations.count']")).to_have_value("1")
    for viewport in (PHONE, DESKTOP):
        editor.set_viewport_size(viewport)
        # The relations table scrolls in its own box. (The body: the
        # toolbar's folded menus widen the document of a logged-in user.)
        width = editor.evaluate("document.body.scrollWidth")
        assert width <= viewport["width"], f"the add form is {width}px wide"
        shoot(editor, f"add-form-{viewport['width']}", MY_SHOTS)
    editor.click("#form-buttons-save")
    expect(editor.locator("h1")).to_have_text("07/2026/QĐ-UBND")
    new_url = editor.url.split("/view")[0]
    expect(editor.locator(".legal-relations li").first).to_contain_text(
        "05/2026/QĐ-UBND"
    )
    transition(editor, "submit")
    expect(editor.locator("#plone-contentmenu-workflow")).to_contain_text(
        "Chờ thẩm định"
    )

    reviewer = logged_in(browser, site_url, REVIEWER[0])
    reviewer.goto(new_url)
    transition(reviewer, "publish")
    expect(reviewer.locator("#plone-contentmenu-workflow")).to_contain_text("Đã đăng")

    # The day before its effective date the old decision is still in force.
    citizen = browser.new_context(viewport=DESKTOP).new_page()
    clock("2026-08-31T16:00")
    citizen.goto(f"{site_url}/van-ban-qppl/05-2026-qd-ubnd")
    badge = citizen.locator(".legal-status-line .legal-badge")
    expect(badge).to_have_text("Còn hiệu lực")

    clock("2026-09-01T08:00")
    for viewport in (PHONE, DESKTOP):
        citizen.set_viewport_size(viewport)
        citizen.goto(f"{site_url}/van-ban-qppl/05-2026-qd-ubnd")
        expect(badge).to_have_text("Hết hiệu lực toàn bộ")
        replaced = citizen.locator(".legal-relations li", has_text="Bị thay thế bởi")
        expect(replaced).to_contain_text("07/2026/QĐ-UBND")
        expect(replaced).to_contain_text("01/09/2026")
        no_horizontal_scroll(citizen)
        shoot(citizen, f"replaced-{viewport['width']}", MY_SHOTS)
    replaced.locator("a").click()
    expect(citizen.locator("h1")).to_have_text("07/2026/QĐ-UBND")
    expect(badge).to_have_text("Còn hiệu lực")
