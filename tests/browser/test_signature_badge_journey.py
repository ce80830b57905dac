"""The clerk opens an incoming document whose PDF was signed by a trusted
signer and reads the badge and the details; the administrator's trust roots
page. Screenshots at a phone's and a desk's width."""

from concurrent.futures import ThreadPoolExecutor
from playwright.sync_api import expect

import os
import pathlib
import pytest


pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(os.environ.get("SHOTS", "/tmp/shots/signatures"))


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 375:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 375, (name, overflow)


def test_badge_and_roots_page(browser, site_url, functional_portal):
    from conftest import log_in
    from correspondence_steps import incoming
    from dienbien.policy.signatures import store
    from dienbien.policy.workingtime import display_time
    from plone.namedfile.file import NamedBlobFile
    from signed_pdfs import Authority
    from signed_pdfs import ORGANISATION
    from signed_pdfs import signed_pdf
    from signed_pdfs import SIGNER
    from test_incoming_handling import add_people
    from test_incoming_handling import PASSWORD

    import transaction

    add_people(functional_portal)
    authority = Authority("CA thử nghiệm")
    # pyHanko runs its own event loop; Playwright's holds this thread.
    with ThreadPoolExecutor(1) as pool:
        pdf = pool.submit(signed_pdf, authority.signer()).result()
    # (verify.py copes with that itself: the subscriber below runs here.)
    store.set_roots([authority.der()])
    document = incoming(
        functional_portal,
        file=NamedBlobFile(
            pdf,
            contentType="application/pdf",
            filename="qd-12.pdf",
        ),
    )
    signed = display_time(store.stored(document)["signatures"][0]["signed"])
    transaction.commit()

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    clerk = context.new_page()
    log_in(clerk, site_url, "vanthu", PASSWORD)
    clerk.goto(f"{site_url}/van-ban/{document.getId()}")
    expect(clerk.locator(".signature-verdict")).to_have_text("Chữ ký hợp lệ")
    expect(clerk.locator(".signature-row")).to_contain_text(
        f"{SIGNER}, {ORGANISATION} · ký lúc {signed} · Chữ ký hợp lệ"
    )
    shoot(clerk, "badge")

    admin = browser.new_context(locale="vi-VN").new_page()
    log_in(admin, site_url)
    admin.goto(f"{site_url}/@@signature-roots")
    expect(admin.locator("table.signature-roots tbody tr")).to_contain_text(
        "CA thử nghiệm"
    )
    shoot(admin, "roots")
