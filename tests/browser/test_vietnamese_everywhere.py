"""Every page of the journeys, in the Vietnamese UI, as the person who uses
it: no visible text may be a message of Plone's catalogues (``plone``,
``z3c.form``, ``plone.z3cform``, the datagrid's, zope.schema's errors) left
in English. Add a page by adding a ``Visit`` to ``VISITS``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from playwright.sync_api import expect

import os
import pytest


pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS")

#: The visible text of a page: text nodes of shown elements, button values,
#: placeholders and the options of shown lists.
VISIBLE_TEXT = """() => {
  const texts = [];
  const shown = (el) => el && el.checkVisibility({visibilityProperty: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest("script, style, noscript, template") || !shown(el)) continue;
    texts.push(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll(
      "input[type=submit], input[type=button], input[type=reset]")) {
    if (shown(el)) texts.push(el.value);
  }
  for (const el of document.querySelectorAll("[placeholder]")) {
    if (shown(el)) texts.push(el.getAttribute("placeholder"));
  }
  for (const el of document.querySelectorAll("select")) {
    if (shown(el)) for (const o of el.options) texts.push(o.textContent);
  }
  texts.push(document.title);
  return texts;
}"""


@dataclass
class Visit:
    """A page a person opens: ``path`` under the site (``{dossier}`` is the
    sample dossier's path), as ``user`` (None: anonymous; "admin": the site
    owner), then ``act`` on it (submit a form...) before reading it."""

    name: str
    path: str
    user: str | None = None
    act: Callable | None = None
    status: int = 200
    #: In a browser of its own (logging out, a failed log-in).
    fresh: bool = False


def submit_empty(page):
    """Save an empty form past the browser's own checks (whose messages are
    the browser's), so that the server's error messages show."""
    page.evaluate(
        "document.querySelectorAll('[required]')"
        ".forEach((e) => e.removeAttribute('required'))"
    )
    page.click("#form-buttons-save")
    expect(page.locator(".portalMessage.error, .alert-danger").first).to_be_visible()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def fail_login(page):
    page.fill("#__ac_name", "clerk")
    page.fill("#__ac_password", "sai-mat-khau")
    page.click("#login-form button[type=submit]")
    expect(page.locator(".portalMessage").first).to_be_visible()


def toolbar_time_is_vietnamese(page):
    """The toolbar's history entry: the last change in Asia/Ho_Chi_Minh, in
    a browser whose own zone is UTC (the context's)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    item = page.request.get(page.url, headers={"Accept": "application/json"})
    modified = datetime.fromisoformat(item.json()["modified"])
    local = modified.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    expect(page.locator("#contentview-history time")).to_have_text(
        local.strftime("%H:%M %d/%m/%Y")
    )


VISITS = [
    # The public.
    Visit("front page", ""),
    Visit("catalogue", "thu-tuc-hanh-chinh"),
    Visit("a procedure", "thu-tuc-hanh-chinh/2-000815"),
    Visit("lookup", "tra-cuu-ho-so"),
    Visit("search", "@@search?SearchableText=ch%E1%BB%A9ng+th%E1%BB%B1c"),
    Visit("404", "khong-co-trang-nay", status=404),
    Visit("login", "login"),
    Visit("login failed", "login", act=fail_login, fresh=True),
    Visit("search without results", "@@search?SearchableText=zzzqqq"),
    Visit("site map", "sitemap"),
    Visit("contact", "contact-info"),
    # The desk.
    Visit("dossier listing (desk)", "ho-so", user="clerk"),
    Visit(
        "a dossier (desk)", "{dossier}", user="clerk", act=toolbar_time_is_vietnamese
    ),
    Visit("history (desk)", "{dossier}/@@historyview", user="clerk"),
    Visit("add form", "ho-so/++add++Dossier", user="clerk"),
    Visit(
        "add form with errors", "ho-so/++add++Dossier", user="clerk", act=submit_empty
    ),
    Visit("edit form", "{dossier}/edit", user="clerk"),
    Visit("sharing", "{dossier}/@@sharing", user="clerk"),
    Visit("personal preferences", "@@personal-information", user="clerk"),
    Visit("change password", "@@change-password", user="clerk"),
    Visit("preferences", "@@personal-preferences", user="clerk"),
    Visit("logged out", "logout", user="clerk", fresh=True),
    # The handling unit.
    Visit("dossier listing (officer)", "ho-so", user="officer"),
    Visit("a dossier (officer)", "{dossier}", user="officer"),
    Visit("dashboard", "@@dossier-dashboard", user="leader"),
    Visit("a dossier (leader)", "{dossier}", user="leader"),
    # The site's administrator.
    Visit("site setup", "@@overview-controlpanel", user="admin"),
    Visit("our settings", "@@dienbien-settings", user="admin"),
    Visit("import units", "@@import-orgunits", user="admin"),
    Visit("import procedures", "@@import-procedures", user="admin"),
    Visit("users", "@@usergroup-userprefs", user="admin"),
    Visit("groups", "@@usergroup-groupprefs", user="admin"),
    Visit("organisation", "to-chuc", user="admin"),
    Visit("procedure edit form", "thu-tuc-hanh-chinh/2-000815/edit", user="admin"),
    Visit(
        "procedure history", "thu-tuc-hanh-chinh/2-000815/@@historyview", user="admin"
    ),
    Visit("date and time settings", "@@dateandtime-controlpanel", user="admin"),
    # Normative documents, the exchange and signed PDFs.
    Visit("legal register", "van-ban-qppl"),
    Visit("legal add form", "van-ban-qppl/++add++LegalDocument", user="admin"),
    Visit("legal import", "van-ban-qppl/@@import-legal-documents", user="admin"),
    Visit("legal reminders", "van-ban-qppl/@@legal-reminders", user="admin"),
    Visit("address book", "so-dia-chi", user="admin"),
    Visit("edXML upload", "@@edxml-upload", user="admin"),
    Visit("edXML inbox folder", "@@edxml-receive", user="admin"),
    Visit("signature roots", "@@signature-roots", user="admin"),
]


@pytest.fixture
def sample_dossier(http, one_stop):
    from conftest import STAFF_PASSWORD

    created = http("clerk", STAFF_PASSWORD).post(
        "ho-so",
        json={
            "@type": "Dossier",
            "procedure": "2.000815",
            "channel": "in_person",
            "receiving_unit": "H15.50.MC",
            "applicant_name": "Lò Văn Páo",
            "applicant_phone": "0912 345 678",
        },
    )
    assert created.status_code == 201, created.text
    dossier = created.json()["@id"]
    # A step, so that the page shows a history and a byline after a step.
    moved = http("clerk", STAFF_PASSWORD).post(f"{dossier}/@workflow/transfer")
    assert moved.status_code == 200, moved.text
    return dossier


def test_no_plone_english_in_the_vietnamese_ui(browser, site_url, sample_dossier):
    from conftest import log_in
    from conftest import STAFF_PASSWORD
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD
    from untranslated import english_in

    pages = {}

    def page_of(visit):
        key = visit.name if visit.fresh else visit.user
        if key not in pages:
            context = browser.new_context(locale="vi-VN", timezone_id="UTC")
            page = context.new_page()
            if visit.user == "admin":
                log_in(page, site_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
            elif visit.user:
                log_in(page, site_url, visit.user, STAFF_PASSWORD)
            pages[key] = page
        return pages[key]

    dossier_path = sample_dossier[len(site_url) + 1 :]
    problems = []
    for visit in VISITS:
        page = page_of(visit)
        url = f"{site_url}/{visit.path.format(dossier=dossier_path)}".rstrip("/")
        response = page.goto(url)
        assert response.status == visit.status, (visit.name, response.status)
        if visit.act:
            visit.act(page)
        assert page.locator("html").get_attribute("lang") == "vi", visit.name
        if SHOTS:  # SHOTS=/tmp/shots/vietnamese: each page at 1366 and 375 px
            for width in (1366, 375):
                page.set_viewport_size({"width": width, "height": 900})
                name = visit.name.replace(" ", "-")
                page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        for text, message in english_in(page.evaluate(VISIBLE_TEXT)):
            problems.append(
                f"{visit.name}: {text!r} ({message.domain}: {message.msgid!r})"
            )
    for page in pages.values():
        page.context.close()
    assert not problems, "English in the Vietnamese UI:\n" + "\n".join(
        dict.fromkeys(problems)
    )


def test_folder_contents_in_vietnamese(browser, site_url):
    """Folder contents names each item's state, and tells a screen reader how
    to sort a column, in Vietnamese (both come from Plone's JavaScript)."""
    from conftest import log_in

    page = browser.new_context(locale="vi-VN", timezone_id="UTC").new_page()
    log_in(page, site_url)
    page.goto(f"{site_url}/folder_contents")
    # Plone's JavaScript fetches the plone domain's catalogue once a day
    # (kept in the browser's storage) and may draw the very first table
    # before it arrives, with the states' ids: the test reads the table
    # as every later visit draws it.
    page.wait_for_function("() => localStorage.getItem('plone-vi') !== null")
    page.reload()
    page.wait_for_selector("table tbody td.review_state")
    rows = page.eval_on_selector_all(
        "table tbody tr",
        """rows => rows.map(row => [
            row.querySelector("td.title").textContent.trim(),
            row.querySelector("td.review_state").textContent.trim(),
        ])""",
    )
    # The first "Văn bản" is the documents' folder; the second, the portal's
    # section of that name, has no state in this test site.
    shown = dict(reversed(rows))
    # The staff-only sections read "internal", never "published".
    titles = (
        "Tổ chức",
        "Thủ tục hành chính",
        "Văn bản",
        "Hồ sơ một cửa",
        "Hồ sơ công việc",
    )
    assert [shown[title] for title in titles] == [
        "Đã đăng",
        "Đã đăng",
        "Nội bộ",
        "Nội bộ",
        "Nội bộ",
    ]
    expect(page.locator("th.title .dt-column-order")).to_have_attribute(
        "aria-label", "Tiêu đề: bấm để sắp xếp"
    )
    page.context.close()
