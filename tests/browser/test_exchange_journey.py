"""A received edXML package through the upload form (issue 11, item 3): the
commune's clerk uploads a package that names an element it lacks and reads
which; uploads the good one and opens the incoming document awaiting
registration. Screenshots at 375 and 1366 px under /tmp/shots/edxml/ of the
form, the address book and its entry form, and the unit form's identifiers."""

from datetime import date
from playwright.sync_api import expect

import os
import pytest
import transaction


pytestmark = pytest.mark.browser

SHOTS = "/tmp/shots/edxml"
PASSWORD = "mat-khau-thu-nghiem"  # conftest.STAFF_PASSWORD
COMMUNE_ID = "000.01.50.H15"


@pytest.fixture
def commune(functional_portal):
    from conftest import make_offices
    from plone import api

    make_offices(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        for unit in functional_portal["to-chuc"].objectValues():
            if unit.code == "H15.50.05.01":
                unit.organ_id = COMMUNE_ID
        api.content.create(
            container=functional_portal["so-dia-chi"],
            type="ExternalOrganisation",
            title="Sở Tư pháp tỉnh Điện Biên",
            organ_id="000.00.31.H15",
            address="Phường Mường Thanh, thành phố Điện Biên Phủ",
        )
    transaction.commit()
    return functional_portal


def package(tmp_path, name, broken=False):
    from dienbien.policy.core.exchange import edxml
    from dienbien.policy.core.exchange.package import Attachment
    from dienbien.policy.core.exchange.package import DocumentMessage
    from dienbien.policy.core.exchange.package import Organ

    data = edxml.build(
        DocumentMessage(
            sender=Organ("000.00.31.H15", "Sở Tư pháp tỉnh Điện Biên"),
            recipients=(Organ(COMMUNE_ID, "UBND xã Thanh Xương"),),
            number="214",
            notation="STP-HCTP",
            promulgated=date(2026, 2, 27),
            type_name="Công văn",
            subject="V/v rà soát thủ tục hành chính lĩnh vực hộ tịch",
            priority=1,
            attachments=(
                Attachment("cv-214.pdf", "application/pdf", b"%PDF-1.4 cong van"),
            ),
        )
    )
    if broken:
        data = data.replace(b"<edXML:Subject>", b"<edXML:Summary>").replace(
            b"</edXML:Subject>", b"</edXML:Summary>"
        )
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def shoot(page, name):
    """The page at 1366 and 375 px, and no sideways scrolling on a phone."""
    os.makedirs(SHOTS, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=f"{SHOTS}/{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 700})
    page.screenshot(path=f"{SHOTS}/{name}-375.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert width <= 375, f"{name}: {width} px wide at 375"


def test_clerk_receives_a_package(browser, site_url, commune, tmp_path):
    from conftest import log_in

    clerk = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(clerk, site_url, "vanthu_xa", PASSWORD)
    clerk.goto(f"{site_url}/@@edxml-upload")
    expect(clerk.locator("h1")).to_have_text("Nhận gói tin edXML")
    shoot(clerk, "upload")

    clerk.set_input_files("#edxml-package", package(tmp_path, "sai.xml", broken=True))
    clerk.get_by_role("button", name="Nhận").click()
    expect(clerk.locator(".edxml-refused .edxml-message")).to_have_text(
        "Thiếu thành phần này."
    )
    expect(clerk.locator(".edxml-element")).to_have_text(
        "edXML:MessageHeader/edXML:Subject"
    )
    shoot(clerk, "upload-refused")

    clerk.set_input_files("#edxml-package", package(tmp_path, "dung.xml"))
    clerk.get_by_role("button", name="Nhận").click()
    link = clerk.locator(".edxml-received a")
    expect(link).to_have_count(1)
    expect(link).to_contain_text("214/STP-HCTP")
    shoot(clerk, "upload-done")
    link.click()
    expect(clerk.locator("body")).to_contain_text(
        "V/v rà soát thủ tục hành chính lĩnh vực hộ tịch"
    )

    # The address book as the clerk keeps it.
    clerk.goto(f"{site_url}/so-dia-chi")
    expect(clerk.locator("body")).to_contain_text("Sở Tư pháp tỉnh Điện Biên")
    shoot(clerk, "address-book")
    clerk.goto(f"{site_url}/so-dia-chi/++add++ExternalOrganisation")
    shoot(clerk, "address-book-add")
