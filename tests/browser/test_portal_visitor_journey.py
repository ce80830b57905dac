"""A visitor on the portal (issue 13): the front page shows the district's
sections in Vietnamese, its news, events and one-stop figures; from it the
visitor finds a procedure by typing without diacritics, then looks up a
dossier from the front page's box. Every section at 375 and 1366 px."""

from datetime import datetime
from dienbien.policy.dossiers import ratelimit
from playwright.sync_api import expect
from plone import api
from plone.memoize.ram import global_cache
from test_lookup_steps import in_supplement  # noqa: F401 (fixture)

import pathlib
import pytest
import pytz
import transaction


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/portal-site")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}
LOCAL = pytz.timezone("Asia/Ho_Chi_Minh")
SECTIONS = (
    "gioi-thieu",
    "gioi-thieu/co-cau-to-chuc",
    "tin-tuc",
    "van-ban-cong-khai",
    "thu-tuc-hanh-chinh",
    "tra-cuu-ho-so",
    "gop-y",
    "lien-he",
)
TABS = [
    "Trang chủ",
    "Giới thiệu",
    "Tin tức – Sự kiện",
    "Văn bản",
    "Thủ tục hành chính",
    "Tra cứu hồ sơ",
    "Hỏi đáp – Góp ý",
    "Liên hệ",
]


@pytest.fixture
def portal_content(in_supplement, functional_portal):  # noqa: F811
    portal = functional_portal
    transaction.begin()  # after the dossier's HTTP requests
    ratelimit.reset()
    global_cache.invalidateAll()
    api.user.get(username="leader").setMemberProperties({"fullname": "Lò Văn Minh"})
    api.portal.set_registry_record(
        "dienbien.portal.address", "Xã Thanh Xương, huyện Điện Biên, tỉnh Điện Biên"
    )
    api.portal.set_registry_record("dienbien.portal.phone", "0215 3826 123")
    news = api.content.create(
        container=portal["tin-tuc"],
        type="News Item",
        id="cai-cach-hanh-chinh",
        title="Mười năm cải cách hành chính huyện Điện Biên",
        description="Kết quả nổi bật giai đoạn 2011–2020.",
    )
    news.setEffectiveDate(datetime(2026, 3, 2, 9, 0))
    event = api.content.create(
        container=portal["tin-tuc"],
        type="Event",
        id="hoi-nghi",
        title="Hội nghị tổng kết công tác một cửa",
        # As the event's form stores them: in the district's time zone.
        start=LOCAL.localize(datetime(2026, 3, 10, 8, 0)),
        end=LOCAL.localize(datetime(2026, 3, 10, 11, 0)),
        location="Hội trường UBND huyện",
    )
    for item in (news, event):
        if api.content.get_state(item, default=None) not in (None, "published"):
            api.content.transition(obj=item, to_state="published")
        item.reindexObject()
    transaction.commit()
    yield in_supplement
    ratelimit.reset()


def shoot(page, name, full_page=True):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_visitor_front_page_procedure_lookup(browser, site_url, portal_content):
    dossier = portal_content
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url)

    # The keyboard's first stop: past the header and the menu.
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Chuyển đến nội dung chính")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    expect(page.locator("#content")).to_be_in_viewport()

    expect(page.locator("#portal-globalnav > li > a")).to_have_text(TABS)
    expect(page.locator("#portal-logo .portal-body")).to_have_text(
        "Ủy ban nhân dân huyện Điện Biên"
    )
    expect(page.locator(".portal-news li a")).to_have_text(
        ["Mười năm cải cách hành chính huyện Điện Biên"]
    )
    expect(page.locator(".portal-news .portal-date")).to_have_text(["02/03/2026"])
    expect(page.locator(".portal-events .portal-date")).to_have_text(
        ["08:00 10/03/2026 · Hội trường UBND huyện"]
    )
    figures = page.locator(".portal-figure")
    expect(figures.locator("dt")).to_have_text(
        [
            "Hồ sơ tiếp nhận năm 2026",
            "Tỉ lệ giải quyết đúng hạn năm 2026",
            "Hồ sơ tiếp nhận tháng 02/2026",
            "Tỉ lệ giải quyết đúng hạn tháng 02/2026",
        ]
    )
    expect(figures.locator("dd")).to_have_text(["1", "—", "0", "—"])
    footer = page.locator("#portal-footer")
    expect(footer).to_contain_text("Ủy ban nhân dân huyện Điện Biên")
    expect(footer).to_contain_text("Địa chỉ: Xã Thanh Xương, huyện Điện Biên")
    expect(footer).to_contain_text("Điện thoại: 0215 3826 123")
    expect(footer).not_to_contain_text("Plone")
    # The footer's links underline their names, not the space Plone's
    # template leaves after the name inside each link.
    underlines = page.eval_on_selector_all(
        "#portal-footer .site-actions a",
        """links => links.map(link => [
            getComputedStyle(link).textDecorationLine,
            getComputedStyle(link.querySelector("span")).textDecorationLine,
        ])""",
    )
    assert underlines == [["none", "underline"]] * 3
    shoot(page, "home-1366")

    # The procedure, typed without diacritics.
    page.fill("#home-procedure-q", "chung thuc")
    page.press("#home-procedure-q", "Enter")
    first = page.locator(".procedure-title a").first
    expect(first).to_have_text("Chứng thực bản sao từ bản chính")
    first.click()
    expect(page.locator("h1")).to_have_text("Chứng thực bản sao từ bản chính")

    # Back home, the lookup box.
    page.click("#portal-globalnav >> text=Trang chủ")
    page.fill("#home-lookup-code", dossier["code"])
    page.fill("#home-lookup-verify", "5678")
    page.click(".portal-box-lookup button[type=submit]")
    expect(page.locator(".dossier-status")).to_contain_text("Yêu cầu bổ sung giấy tờ")

    # The event's page: its dates in Vietnamese, no garbled time zone.
    page.goto(f"{site_url}/tin-tuc/hoi-nghi")
    when = page.locator(".event-summary .event-when")
    expect(when).to_contain_text("10/03/2026 từ 08:00 đến 11:00")
    expect(when.locator(".timezone")).to_be_hidden()
    shoot(page, "event-1366")

    page.goto(f"{site_url}/gop-y")
    # The citizens' forms' section: its form (no date) and its answers.
    expect(page.locator(".portal-section-items .portal-date")).to_have_count(0)
    expect(page.locator(".portal-section a.btn")).to_have_text(
        "Các câu hỏi đã được trả lời"
    )
    for path in SECTIONS:
        page.goto(f"{site_url}/{path}")
        # The first screen is what a desktop visitor sees of a section.
        shoot(page, path.replace("/", "-") + "-1366", full_page=False)
    # The section's tab is marked, the footer's contact link is the section.
    expect(page.locator("#portal-globalnav li.current > a")).to_have_text("Liên hệ")
    expect(page.locator("#portal-footer a", has_text="Liên hệ")).to_have_attribute(
        "href", f"{site_url}/lien-he"
    )

    phone = browser.new_context(viewport=PHONE).new_page()
    for path in ("", *SECTIONS, "tin-tuc/hoi-nghi"):
        phone.goto(f"{site_url}/{path}")
        no_horizontal_scroll(phone)
        shoot(phone, (path.replace("/", "-") or "home") + "-375")
    context.close()
