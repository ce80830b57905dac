"""The steps of a dossier from its page, as the desk clerk and the officer
take them: a button, a short form, a confirmation; then the new state and
the hand-over log line. A supplement is requested and received with the
papers ticked; the officer apologises with a new appointment (Mẫu 04)."""

from playwright.sync_api import expect

import os
import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(os.environ.get("SHOTS", "/tmp/shots/steps"))


@pytest.fixture
def people(one_stop):
    """The staff with their full names, as the log shows them."""
    from plone import api

    import transaction

    api.user.get(username="clerk").setMemberProperties({"fullname": "Lò Thị Mai"})
    api.user.get(username="officer").setMemberProperties({"fullname": "Quàng Văn Hùng"})
    transaction.commit()


def last_row(page) -> list[str]:
    row = page.locator("table.dossier-log tbody tr").last
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


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


def confirm(page):
    page.click(".dossier-step-form button[name='form.save']")


def test_clerk_and_officer_take_steps_from_the_page(
    browser, site_url, staff, people, clock
):
    from conftest import log_in
    from conftest import STAFF_PASSWORD
    from test_dossier_lifecycle import receive

    clock("2026-03-03T09:00")
    dossier = receive(staff["clerk"])
    url = dossier["@id"]
    code = dossier["code"]

    # Vietnamese people's browsers: the date picker reads dd/mm/yyyy.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    clerk = context.new_page()
    log_in(clerk, site_url, "clerk", STAFF_PASSWORD)
    clerk.goto(url)
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")
    expect(clerk.locator(".dossier-action")).to_have_text(
        [
            "Chuyển hồ sơ đến cơ quan giải quyết",
            "Yêu cầu bổ sung, hoàn thiện hồ sơ",
            "Công dân rút hồ sơ",
        ]
    )
    shoot(clerk, "dossier-accepted")

    # A supplement request: the button opens the form, nothing happens yet.
    clock("2026-03-03T10:00")
    clerk.click(".dossier-actions >> text=Yêu cầu bổ sung, hoàn thiện hồ sơ")
    expect(clerk.locator(".dossier-step-form h2")).to_have_text(
        "Yêu cầu bổ sung, hoàn thiện hồ sơ"
    )
    expect(clerk.locator(".dossier-step-new-state")).to_have_text(
        "Yêu cầu bổ sung giấy tờ"
    )
    expect(clerk.locator("label[for=step-reason]")).to_have_text(
        "Giấy tờ cần bổ sung, mỗi loại một dòng"
    )
    # The required mark: Plone's red dot, with its title.
    expect(clerk.locator("label[for=step-reason] .required")).to_have_attribute(
        "title", "Bắt buộc"
    )
    expect(clerk.locator("label[for=step-reason] .required")).to_be_visible()
    shoot(clerk, "step-request-supplement")
    clerk.fill("#step-reason", "1. Bản sao giấy khai sinh\n2. Ảnh 4x6")
    confirm(clerk)
    expect(clerk.locator(".dossier-state-title")).to_have_text(
        "Yêu cầu bổ sung giấy tờ"
    )
    expect(clerk.locator(".portalMessage").first).to_contain_text(
        "Đã thực hiện: Yêu cầu bổ sung, hoàn thiện hồ sơ."
    )
    assert last_row(clerk) == [
        "10:00 03/03/2026",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Bộ phận Một cửa huyện",
        "Bộ phận Một cửa huyện",
        "Lò Thị Mai",
        "1. Bản sao giấy khai sinh\n2. Ảnh 4x6",
        "Trước hạn",
    ]

    # The applicant brings one of the two papers the next morning.
    clock("2026-03-04T08:00")
    clerk.click(".dossier-actions >> text=Nhận hồ sơ bổ sung")
    expect(clerk.locator(".dossier-step-papers label.form-check-label")).to_have_text(
        ["Bản sao giấy khai sinh", "Ảnh 4x6"]
    )
    shoot(clerk, "step-receive-supplement")
    clerk.check("text=Bản sao giấy khai sinh")
    confirm(clerk)
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")
    expect(clerk.locator(".dossier-appointment")).to_have_text("08:00 05/03/2026")
    assert last_row(clerk)[:5] == [
        "08:00 04/03/2026",
        "Nhận hồ sơ bổ sung",
        "Bộ phận Một cửa huyện",
        "Bộ phận Một cửa huyện",
        "Lò Thị Mai",
    ]
    expect(clerk.locator(".dossier-log-papers").last).to_have_text(
        "Bản sao giấy khai sinh"
    )

    # Handed on to Phòng Tư pháp.
    clerk.click(".dossier-actions >> text=Chuyển hồ sơ đến cơ quan giải quyết")
    expect(clerk.locator(".dossier-step-new-state")).to_have_text("Đang xử lý")
    confirm(clerk)
    expect(clerk.locator(".dossier-state-title")).to_have_text("Đang xử lý")
    assert last_row(clerk)[:5] == [
        "08:00 04/03/2026",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Bộ phận Một cửa huyện",
        "Phòng Tư pháp",
        "Lò Thị Mai",
    ]
    context.close()

    # The officer sees it will be late and apologises with a new appointment.
    clock("2026-03-05T07:30")
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    officer = context.new_page()
    log_in(officer, site_url, "officer", STAFF_PASSWORD)
    officer.goto(url)
    officer.click(".dossier-actions >> text=Xin lỗi và hẹn lại ngày trả kết quả")
    expect(officer.locator(".dossier-step-current-appointment")).to_have_text(
        "08:00 05/03/2026"
    )
    officer.fill("#step-new-appointment", "2026-03-09T16:00")
    officer.fill("#step-reason", "Cần xác minh thêm tại xã")
    shoot(officer, "step-apology")
    confirm(officer)
    expect(officer.locator(".dossier-state-title")).to_have_text("Đang xử lý")
    expect(officer.locator(".dossier-appointment")).to_have_text("16:00 09/03/2026")
    assert last_row(officer)[:5] == [
        "07:30 05/03/2026",
        "Xin lỗi và hẹn lại ngày trả kết quả",
        "Phòng Tư pháp",
        "Bộ phận Một cửa huyện",
        "Quàng Văn Hùng",
    ]
    expect(officer.locator(".dossier-log-appointment").last).to_have_text(
        "16:00 09/03/2026"
    )
    shoot(officer, "dossier-after-apology")

    # The apology slip (Mẫu 04) prints with the new appointment.
    with context.expect_page() as slip_info:
        officer.click("text=Mẫu 04")
    slip = slip_info.value
    slip.wait_for_load_state()
    body = slip.locator("body")
    expect(body).to_contain_text("Cần xác minh thêm tại xã")
    expect(body).to_contain_text("16 giờ 00 phút, ngày 09 tháng 3 năm 2026")
    expect(body).to_contain_text(code)
    context.close()
