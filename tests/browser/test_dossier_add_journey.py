"""The desk clerk receives a dossier without knowing the procedure's code:
she types its name without diacritics, sees what the procedure fixes, ticks
the papers handed in and saves."""

from playwright.sync_api import expect

import pytest
import transaction


pytestmark = pytest.mark.browser

PAPERS = [
    {
        "name": "Bản chính giấy tờ cần chứng thực",
        "originals": 1,
        "copies": 0,
        "form": "",
    },
    {"name": "Bản sao cần chứng thực", "originals": 0, "copies": 2, "form": ""},
]
SHOTS = "/tmp/shots/addform"


@pytest.fixture
def papers(one_stop):
    procedure = one_stop["thu-tuc-hanh-chinh"]["2-000815"]
    procedure.components = PAPERS
    procedure.reindexObject()
    transaction.commit()


@pytest.mark.parametrize("width", [375, 1366])
def test_clerk_adds_a_dossier_by_procedure_name(
    browser, site_url, one_stop, papers, width
):
    from browser.desk import choose_procedure
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    context = browser.new_context(viewport={"width": width, "height": 900})
    clerk = context.new_page()
    log_in(clerk, site_url, "clerk", STAFF_PASSWORD)
    # From the desk's work list, its first button.
    clerk.goto(f"{site_url}/ho-so")
    clerk.click("text=Tiếp nhận hồ sơ")
    assert clerk.url == f"{site_url}/ho-so/++add++Dossier"
    expect(clerk.locator("label[for=form-widgets-procedure]")).to_contain_text(
        "Thủ tục"
    )
    # Before a procedure is chosen: nothing to tick, nothing in the way.
    expect(clerk.locator(".dossier-paper input[type=checkbox]")).to_have_count(0)
    expect(clerk.locator("#form-widgets-handling_unit option:checked")).to_have_text(
        "Đơn vị thực hiện của thủ tục"
    )

    choose_procedure(clerk, "chung thuc", "Chứng thực bản sao từ bản chính")

    # Filled from the procedure and shown before saving.
    expect(clerk.locator("#form-widgets-fee")).to_have_value("2000")
    expect(clerk.locator("#form-widgets-channel")).to_have_value("in_person")
    expect(clerk.locator("#form-widgets-handling_unit option:checked")).to_have_text(
        "Phòng Tư pháp (H15.50.03)"
    )
    prefill = clerk.locator("#dossier-prefill")
    expect(prefill.locator("[data-prefill=unit]")).to_have_text("Phòng Tư pháp")
    expect(prefill.locator("[data-prefill=fee]")).to_have_text("2.000 đ")
    expect(prefill.locator("[data-prefill=time]")).to_have_text("1 ngày làm việc")
    expect(prefill.locator("[data-prefill=received]")).to_have_text("10:00 03/03/2026")
    expect(prefill.locator("[data-prefill=appointment]")).to_have_text(
        "10:00 04/03/2026"
    )
    # The procedure's papers, with the counts it asks for, to tick.
    names = clerk.locator(".dossier-papers-list .dossier-paper-name")
    expect(names).to_have_text(
        ["Bản chính giấy tờ cần chứng thực", "Bản sao cần chứng thực"]
    )
    expect(clerk.locator("[name='form.widgets.papers.originals.0']")).to_have_value("1")
    expect(clerk.locator("[name='form.widgets.papers.copies.1']")).to_have_value("2")

    # Online the same day, free: the panel follows the channel.
    clerk.select_option("#form-widgets-channel", "online")
    expect(clerk.locator("#form-widgets-fee")).to_have_value("0")
    expect(prefill.locator("[data-prefill=appointment]")).to_have_text(
        "17:00 03/03/2026"
    )
    clerk.select_option("#form-widgets-channel", "in_person")
    expect(clerk.locator("#form-widgets-fee")).to_have_value("2000")
    # The post is not a channel of this procedure.
    expect(clerk.locator("#form-widgets-channel option[value=post]")).to_be_disabled()

    clerk.check("#form\\.widgets\\.papers-received-0")
    clerk.check("#form\\.widgets\\.papers-received-1")
    clerk.fill("[name='form.widgets.papers.copies.1']", "3")
    clerk.fill("#form-widgets-applicant_name", "Lò Văn Páo")
    clerk.fill("#form-widgets-applicant_phone", "0912 345 678")
    clerk.screenshot(path=f"{SHOTS}/add-form-{width}.png", full_page=True)
    # Nothing wider than the screen.
    assert clerk.evaluate("document.documentElement.scrollWidth") <= width

    clerk.click("#form-buttons-save")
    expect(clerk.locator(".dossier-state-title")).to_have_text("Được tiếp nhận")
    expect(clerk.locator(".dossier-code")).to_have_text("H15.50.MC-260303-0001")
    expect(clerk.locator(".dossier-appointment")).to_contain_text("10:00 04/03/2026")
    expect(clerk.locator("body")).to_contain_text(
        "Bản chính giấy tờ cần chứng thực — Bản chính: 1"
    )
    expect(clerk.locator("body")).to_contain_text("Bản sao cần chứng thực — Bản sao: 3")
    clerk.screenshot(path=f"{SHOTS}/dossier-{width}.png", full_page=True)
    context.close()


def test_a_failed_save_keeps_the_procedure_and_ticks(
    browser, site_url, one_stop, papers
):
    from browser.desk import choose_procedure
    from conftest import log_in
    from conftest import STAFF_PASSWORD

    context = browser.new_context(viewport={"width": 375, "height": 900})
    clerk = context.new_page()
    log_in(clerk, site_url, "clerk", STAFF_PASSWORD)
    clerk.goto(f"{site_url}/ho-so/++add++Dossier")
    choose_procedure(clerk, "ban sao", "Chứng thực bản sao từ bản chính")
    clerk.check("#form\\.widgets\\.papers-received-1")
    # No phone nor ID number: refused by the server, and only for that.
    clerk.fill("#form-widgets-applicant_name", "Lò Văn Páo")
    clerk.click("#form-buttons-save")
    expect(clerk.locator(".portalMessage.alert-danger")).to_be_visible()
    expect(clerk.locator("#formfield-form-widgets-papers.error")).to_have_count(0)
    expect(clerk.locator("#s2id_form-widgets-procedure")).to_contain_text(
        "Chứng thực bản sao từ bản chính (2.000815)"
    )
    expect(clerk.locator("#dossier-prefill [data-prefill=fee]")).to_have_text("2.000 đ")
    expect(clerk.locator("#form\\.widgets\\.papers-received-1")).to_be_checked()
    expect(clerk.locator("#form\\.widgets\\.papers-received-0")).not_to_be_checked()
    clerk.screenshot(path=f"{SHOTS}/add-form-refused-375.png", full_page=True)
    for part in ("procedure", "papers"):
        clerk.locator(f"#formfield-form-widgets-{part}").screenshot(
            path=f"{SHOTS}/add-form-{part}-375.png"
        )
    clerk.fill("#form-widgets-applicant_phone", "0912 345 678")
    clerk.click("#form-buttons-save")
    expect(clerk.locator(".dossier-code")).to_have_text("H15.50.MC-260303-0001")
    expect(clerk.locator(".portalMessage.alert-info")).to_contain_text(
        "Đã tiếp nhận hồ sơ H15.50.MC-260303-0001."
    )
    expect(clerk.locator("body")).to_contain_text("Bản sao cần chứng thực — Bản sao: 2")
    context.close()
