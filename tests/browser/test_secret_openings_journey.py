"""A leader named on a secret document sees who opened it: from the
document's page, the link under its title, to the list of openings (time,
person, what) read from the secret-access log; on a 375 px phone too."""

from conftest import STAFF_PASSWORD
from playwright.sync_api import expect

import pytest
import test_correspondence_secret as secret


pytestmark = pytest.mark.browser

# The secret documents of Phòng Tư pháp, their people and the log's file.
office = secret.office
clients = secret.clients
secret_log = secret.secret_log

SHOTS = "/tmp/shots/access"


@pytest.mark.parametrize("width", [1366, 375])
def test_named_leader_sees_who_opened_it(
    page,
    login,
    clients,
    office,
    secret_log,
    width,
):
    url = office["secret_incoming"]
    # the named reader opens it, then the named leader looks
    assert clients["reader"].get(url).status_code == 200
    page.set_viewport_size({"width": width, "height": 800})
    login("named_leader", STAFF_PASSWORD)
    page.goto(url)
    page.click(".secret-openings-link a")
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Những lần mở văn bản mật này"
    )
    rows = page.locator("table.secret-openings tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("10:00 03/03/2026")
    expect(rows.nth(0)).to_contain_text("Quàng Thị Đọc")
    expect(rows.nth(0)).to_contain_text("Đọc qua API")
    expect(rows.nth(1)).to_contain_text("Lò Văn Mật")
    expect(rows.nth(1)).to_contain_text("Trang văn bản")
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width
    page.screenshot(path=f"{SHOTS}/secret-openings-{width}.png", full_page=True)
