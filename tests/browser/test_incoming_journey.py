"""An incoming document from arrival to done, as the people do it: the
district's clerk registers an urgent công văn from one of our offices (the
sender found by typing its name), the leader assigns it with the proposed
deadline, the handler records progress and closes it. Exact visible values,
screenshots at a phone's and a desk's width."""

from playwright.sync_api import expect

import os
import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(os.environ.get("SHOTS", "/tmp/shots/incoming"))


@pytest.fixture
def people(functional_portal):
    from test_incoming_handling import add_people

    import transaction

    add_people(functional_portal)
    transaction.commit()


def shoot(page, name):
    """Screenshots at 375 and 1366 px; the phone never scrolls sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 375:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 375, (name, overflow)


def fact(page, css):
    return page.locator(f".incoming-facts {css}")


def test_register_assign_handle_close(browser, site_url, people, clock, tmp_path):
    from conftest import log_in
    from test_incoming_handling import PASSWORD

    clock("2026-03-03T09:40")
    scan = tmp_path / "cv-45-tnmt.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")

    # The clerk registers what arrived.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    clerk = context.new_page()
    log_in(clerk, site_url, "vanthu", PASSWORD)
    # "Add new… Incoming document" opens the registration form.
    clerk.goto(f"{site_url}/van-ban/++add++IncomingDocument")
    expect(clerk.locator("h1")).to_have_text("Vào sổ văn bản đến")
    expect(clerk.locator("#incoming-received")).to_have_value("2026-03-03T09:40")
    clerk.locator("#s2id_incoming-sender-unit").click()
    clerk.locator("#select2-drop input.select2-input").press_sequentially("tai nguyen")
    clerk.locator(
        "#select2-drop .select2-result-label",
        has_text="Phòng Tài nguyên và Môi trường",
    ).click()
    # The "/" forgotten: the form says so on the field, in Vietnamese.
    clerk.fill("#incoming-sender-notation", "45 TNMT-QLĐĐ")
    clerk.fill("#incoming-sender-date", "2026-03-02")
    clerk.select_option("#incoming-doctype", "dispatch")
    clerk.fill("#incoming-summary", "V/v rà soát hiện trạng sử dụng đất công")
    clerk.select_option("#incoming-urgency", "urgent")
    # The people named are asked for secret documents only.
    expect(clerk.locator(".incoming-readers")).to_be_hidden()
    clerk.click(".incoming-register-form button[name='form.save']")
    expect(clerk.locator("#incoming-sender-notation ~ .invalid-feedback")).to_have_text(
        "45 TNMT-QLĐĐ thiếu dấu '/' giữa số và ký hiệu (05/QĐ-UBND)."
    )
    expect(clerk.locator("#incoming-summary")).to_have_value(
        "V/v rà soát hiện trạng sử dụng đất công"
    )
    shoot(clerk, "register-error")
    clerk.fill("#incoming-sender-notation", "45 / TNMT-QLĐĐ")
    clerk.set_input_files("#incoming-file", str(scan))
    shoot(clerk, "register-form")
    clerk.click(".incoming-register-form button[name='form.save']")

    expect(clerk.locator(".incoming-number-value")).to_have_text("1")
    expect(clerk.locator(".incoming-number")).to_have_text("Số đến: 1")
    expect(clerk.locator(".doc-stamp-urgency")).to_have_text("KHẨN")
    expect(clerk.locator(".incoming-state-title")).to_have_text(
        "Đã vào sổ, chờ giao xử lý"
    )
    expect(fact(clerk, ".incoming-sender")).to_have_text(
        "Phòng Tài nguyên và Môi trường"
    )
    expect(fact(clerk, ".incoming-notation")).to_have_text("45/TNMT-QLĐĐ")
    expect(fact(clerk, ".incoming-sender-date")).to_have_text("02/03/2026")
    expect(fact(clerk, ".incoming-received")).to_have_text("09:40 03/03/2026")
    expect(fact(clerk, ".incoming-registered")).to_have_text("09:40 03/03/2026")
    expect(fact(clerk, ".incoming-assign-by")).to_have_text(
        "Cần giao xử lý trước 17:00 03/03/2026."
    )
    expect(fact(clerk, ".incoming-file")).to_have_text("cv-45-tnmt.pdf")
    expect(clerk.locator(".incoming-register-next")).to_have_text(
        "Vào sổ văn bản đến khác"
    )
    shoot(clerk, "registered")
    doc_url = clerk.url.split("?")[0]
    context.close()

    # The leader assigns it the same morning.
    clock("2026-03-03T10:15")
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    leader = context.new_page()
    log_in(leader, site_url, "lanhdao", PASSWORD)
    leader.goto(doc_url)
    leader.click(".incoming-action-assign")
    expect(leader.locator(".incoming-step-form h2")).to_have_text("Giao xử lý")
    # Khẩn: half of the ten working days.
    expect(leader.locator("#incoming-deadline")).to_have_value("2026-03-10")
    expect(leader.locator(".incoming-deadline-proposal")).to_have_text(
        "Đề xuất: 10/03/2026 (5 ngày làm việc theo độ khẩn của văn bản)."
    )
    leader.fill(
        "#incoming-instruction", "Giao Phòng Tư pháp chủ trì, báo cáo trước hạn"
    )
    leader.select_option("#incoming-handling-unit", "H15.50.03")
    leader.select_option("#incoming-handler", "chuyenvien")
    leader.locator("#s2id_incoming-co-handlers").click()
    leader.keyboard.type("Hoa")
    leader.locator(
        "#select2-drop .select2-result-label", has_text="Lường Thị Hoa"
    ).click()
    shoot(leader, "assign-form")
    leader.click(".incoming-step-form button[name='form.save']")
    expect(leader.locator(".incoming-state-title")).to_have_text("Đã giao xử lý")
    expect(fact(leader, ".incoming-handler")).to_have_text("Cà Văn Dũng")
    expect(fact(leader, ".incoming-co-handlers")).to_have_text("Lường Thị Hoa")
    expect(fact(leader, ".incoming-handling-unit")).to_have_text("Phòng Tư pháp")
    expect(fact(leader, ".incoming-deadline")).to_have_text("10/03/2026")
    expect(fact(leader, ".incoming-assigned")).to_have_text("10:15 03/03/2026")
    expect(fact(leader, ".incoming-assigned-late")).to_have_count(0)
    context.close()

    # The handler records progress, then closes it.
    clock("2026-03-05T14:20")
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    officer = context.new_page()
    log_in(officer, site_url, "chuyenvien", PASSWORD)
    officer.goto(doc_url)
    officer.click(".incoming-action-progress")
    expect(officer.locator(".incoming-step-form h2")).to_have_text("Cập nhật tiến độ")
    officer.fill("#incoming-progress-text", "Đã rà soát 12 thửa đất, dự thảo báo cáo")
    shoot(officer, "progress-form")
    officer.click(".incoming-step-form button[name='form.save']")
    expect(officer.locator(".incoming-state-title")).to_have_text("Đang xử lý")
    row = officer.locator("table.incoming-progress tbody tr")
    expect(row.locator("td")).to_have_text(
        [
            "14:20 05/03/2026",
            "Cà Văn Dũng",
            "Đã rà soát 12 thửa đất, dự thảo báo cáo",
        ]
    )
    clock("2026-03-06T09:00")
    officer.click(".incoming-action-close")
    expect(officer.locator(".incoming-step-form h2")).to_have_text("Kết thúc xử lý")
    officer.click(".incoming-step-form button[name='form.save']")
    expect(officer.locator(".incoming-state-title")).to_have_text("Đã xử lý xong")
    expect(fact(officer, ".incoming-closed")).to_have_text("09:00 06/03/2026")
    expect(officer.locator(".incoming-overdue")).to_have_count(0)
    history = officer.locator("table.incoming-history tbody tr")
    expect(history.locator("td:nth-child(2)")).to_have_text(
        ["Vào sổ văn bản đến", "Giao xử lý", "Bắt đầu xử lý", "Kết thúc xử lý"]
    )
    expect(history.locator("td:nth-child(3)")).to_have_text(
        ["Lò Thị Mai", "Quàng Văn Hùng", "Cà Văn Dũng", "Cà Văn Dũng"]
    )
    shoot(officer, "done")
    context.close()
