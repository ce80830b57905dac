"""A citizen on a phone: finds "chứng thực" by typing "chung thuc" and gets the
certification procedures first, with the filters folded away; looks up a
dossier waiting for a supplement and reads which papers to bring and why."""

from playwright.sync_api import expect
from test_catalogue_ranking import catalogue  # noqa: F401 (fixture)
from test_catalogue_ranking import CONTRACT
from test_catalogue_ranking import COPY
from test_catalogue_ranking import FOOD
from test_catalogue_ranking import SIGNATURE
from test_lookup_steps import in_supplement  # noqa: F401 (fixture)

import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path("/tmp/shots/lookup")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1366, "height": 900}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_citizen_types_chung_thuc_on_a_phone(browser, site_url, catalogue):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{site_url}/thu-tuc-hanh-chinh")
    # The filters are folded: one line, not the first screen.
    expect(phone.locator("#facet-field")).to_be_hidden()
    phone.fill("#procedure-q", "chung thuc")
    phone.press("#procedure-q", "Enter")

    titles = phone.locator(".procedure-title a")
    expect(titles.nth(0)).to_have_text(COPY)
    expect(titles.nth(1)).to_have_text(SIGNATURE)
    expect(titles.nth(2)).to_have_text(CONTRACT)
    expect(titles.nth(3)).to_have_text(FOOD)
    # The first result shows on the first screen.
    box = phone.locator(".procedure-result").first.bounding_box()
    assert box["y"] < PHONE["height"]
    expect(phone.locator("#facet-field")).to_be_hidden()
    no_horizontal_scroll(phone)
    shoot(phone, "catalogue-375")

    # The citizen opens the filters and keeps the certification field only.
    phone.click("details.procedure-filters > summary")
    phone.select_option("#facet-field", "chung-thuc")
    phone.click(".facet-submit button")
    expect(phone.locator(".procedure-result")).to_have_count(3)
    expect(phone.locator("details.procedure-filters summary .badge")).to_have_text("1")
    no_horizontal_scroll(phone)
    shoot(phone, "catalogue-375-filtered")
    context.close()

    context = browser.new_context(viewport=DESKTOP)
    wide = context.new_page()
    wide.goto(f"{site_url}/thu-tuc-hanh-chinh?q=chung+thuc")
    # On a wide screen the filters show without a click.
    expect(wide.locator("#facet-field")).to_be_visible()
    expect(wide.locator(".procedure-title a").first).to_have_text(COPY)
    shoot(wide, "catalogue-1366")
    context.close()


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "375"), (DESKTOP, "1366")])
def test_citizen_reads_what_to_bring(
    browser,
    site_url,
    in_supplement,  # noqa: F811
    viewport,
    name,
):
    from dienbien.policy.dossiers import ratelimit

    ratelimit.reset()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{site_url}/tra-cuu-ho-so")
    expect(page.locator(".documentDescription")).to_have_count(0)
    page.fill("#status-code", in_supplement["code"])
    page.fill("#status-verify", "5678")
    page.click(".dossier-status-form button[type=submit]")

    expect(page.locator(".dossier-status-title")).to_have_text(
        "Yêu cầu bổ sung giấy tờ"
    )
    expect(page.locator(".dossier-instruction")).to_have_text(
        "Ông/Bà vui lòng mang các giấy tờ dưới đây đến Bộ phận Một cửa huyện, "
        "kèm giấy tiếp nhận hồ sơ. Hồ sơ được giải quyết tiếp khi đã bổ sung "
        "đầy đủ."
    )
    expect(page.locator(".dossier-supplement-papers li")).to_have_text(
        ["Bản sao Giấy khai sinh", "Ảnh 4x6"]
    )
    expect(page.locator(".dossier-supplement-reason")).to_have_text(
        "Lý do: thiếu giấy tờ chứng minh"
    )
    expect(page.locator(".dossier-appointment")).to_have_text("09:00 04/03/2026")
    expect(page.locator(".dossier-appointment-note")).to_have_text(
        "Tạm dừng trong thời gian chờ bổ sung; thời gian hẹn mới được tính khi "
        "nhận đủ hồ sơ bổ sung."
    )
    # What the citizen came for comes first, before the form.
    result = page.locator(".dossier-status-result").bounding_box()
    form = page.locator(".dossier-status-form").bounding_box()
    assert result["y"] < form["y"]
    expect(page.locator(".dossier-step-title")).to_have_text(
        ["Tiếp nhận", "Chuyển xử lý", "Yêu cầu bổ sung"]
    )
    expect(page.locator(".dossier-step-meta")).to_have_text(
        [
            "Bộ phận Một cửa huyện · 09:00 03/03/2026",
            "Phòng Tư pháp · 10:00 03/03/2026",
            "Bộ phận Một cửa huyện · 14:15 03/03/2026",
        ]
    )
    body = page.locator("body").inner_text()
    for value in ("Quàng Thị Xuân", "0912 345 678", "011234567890", "Noong Bua"):
        assert value not in body
    no_horizontal_scroll(page)
    shoot(page, f"lookup-supplement-{name}")
    context.close()
