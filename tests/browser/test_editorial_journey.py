"""An editor of a commune writes a news item and sends it for review; the
commune's reviewer finds it in the queue (on a phone and a desktop) and
publishes it; a visitor reads it in the commune's news. Then the public
pages that exist pass the accessibility audit (axe-core: no serious or
critical WCAG 2.1 A/AA violation)."""

from browser.axe import assert_accessible
from playwright.sync_api import expect
from test_editorial import make_newsrooms
from test_editorial import PASSWORD
from test_legal_documents import register  # noqa: F401 (fixture)

import base64
import pathlib
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/portal-editorial")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}
TITLE = "Xã Thanh Xương ra quân tiêm phòng cho đàn gia súc"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def signed_in(browser, user):
    """A page of ``user`` (HTTP basic authentication on every request: the
    login form is other journeys' business, and costs seconds)."""
    token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    context = browser.new_context(
        viewport=DESKTOP, extra_http_headers={"Authorization": f"Basic {token}"}
    )
    return context.new_page()


def test_news_goes_through_review_to_the_public_and_public_pages_are_accessible(
    browser,
    functional_portal,
    site_url,
    procedure_catalogue,
    register,  # noqa: F811
):
    rooms = make_newsrooms(functional_portal)
    transaction.commit()
    room_url = rooms["H15.50.05.01"].absolute_url()

    # The editor writes the item in his commune's newsroom and submits it.
    editor = signed_in(browser, "bientap.a")
    editor.goto(f"{room_url}/++add++News Item")
    editor.fill("#form-widgets-IDublinCore-title", TITLE)
    editor.fill(
        "#form-widgets-IDublinCore-description",
        "Đợt tiêm phòng lở mồm long móng vụ xuân cho 12 bản.",
    )
    editor.click("#form-buttons-save")
    expect(editor.locator("h1")).to_have_text(TITLE)
    editor.click("#plone-contentmenu-workflow > a")
    editor.click("#workflow-transition-submit")
    expect(editor.locator(".editorial-step-form h2")).to_have_text("Gửi duyệt")
    shoot(editor, "step-submit-1366")
    editor.click(".editorial-step-confirm")
    expect(editor.locator(".portalMessage")).to_contain_text(
        "Đã gửi người duyệt tin của đơn vị."
    )
    expect(editor.locator("#plone-contentmenu-workflow")).to_contain_text("Chờ duyệt")

    # The reviewer's queue, from the personal menu.
    reviewer = signed_in(browser, "duyettin.a")
    reviewer.goto(f"{site_url}/@@tin-cho-duyet")
    expect(reviewer.locator("h1")).to_have_text("Tin bài chờ duyệt")
    menu_entry = reviewer.locator("#personaltools-dienbien-news-queue")
    expect(menu_entry).to_have_text("Tin bài chờ duyệt")
    assert menu_entry.get_attribute("href") == f"{site_url}/@@tin-cho-duyet"
    item = reviewer.locator(".editorial-queue-item")
    expect(item).to_have_count(1)
    expect(item.locator(".editorial-queue-link")).to_have_text(TITLE)
    expect(item.locator(".editorial-queue-unit")).to_have_text("UBND xã Thanh Xương")
    expect(item.locator(".editorial-queue-by")).to_have_text("Lò Thị Biên (mẫu)")
    expect(item.locator(".editorial-queue-when")).to_have_text("10:00 03/03/2026")
    for viewport in (PHONE, DESKTOP):
        reviewer.set_viewport_size(viewport)
        no_horizontal_scroll(reviewer)
        shoot(reviewer, f"queue-{viewport['width']}")
    assert_accessible(reviewer, "#content")
    item.locator(".editorial-publish").click()
    expect(reviewer.locator(".portalMessage")).to_contain_text("Đã đăng.")
    expect(reviewer.locator(".editorial-queue-empty")).to_have_text(
        "Không có tin bài nào chờ duyệt."
    )

    # A visitor finds it in the commune's news and reads it.
    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(room_url)
    assert_accessible(visitor)
    visitor.locator("#content").get_by_role("link", name=TITLE).first.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    no_horizontal_scroll(visitor)
    shoot(visitor, "news-item-375")
    assert_accessible(visitor)

    # The news reaches the front page, at once (its lists follow the catalog).
    visitor.goto(site_url)
    expect(
        visitor.locator(".portal-news").get_by_role("link", name=TITLE)
    ).to_be_visible()
    assert_accessible(visitor)

    # Every public section, a procedure, the lookup and the citizens' forms.
    visitor.set_viewport_size(DESKTOP)
    for path in (
        "",
        "/gioi-thieu",
        "/gioi-thieu/co-cau-to-chuc",
        "/tin-tuc",
        "/van-ban-cong-khai",
        "/gop-y/hoi-dap",
        "/gop-y/gui-cau-hoi",
        "/lien-he/gui-lien-he",
        "/thu-tuc-hanh-chinh?q=khai+sinh",
        "/thu-tuc-hanh-chinh/1-001193",
        "/van-ban-qppl",
        "/van-ban-qppl/05-2026-qd-ubnd",
        "/gop-y",
        "/lien-he",
        "/tra-cuu-ho-so",
    ):
        visitor.goto(f"{site_url}{path}")
        assert_accessible(visitor)
    # The lookup's answer to a code it does not know, with its message.
    visitor.fill("#status-code", "H15.50-260303-9999")
    visitor.fill("#status-verify", "0000")
    visitor.click(".dossier-status-form button[type=submit]")
    expect(visitor.locator(".alert-warning[role=alert]")).to_have_text(
        "Không tìm thấy hồ sơ với mã và 4 số đã nhập. "
        "Vui lòng kiểm tra mã trên giấy tiếp nhận."
    )
    assert_accessible(visitor)
