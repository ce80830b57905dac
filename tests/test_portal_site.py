"""The public portal: sections and tabs made by the profile, the front page
(search, lookup, lists, figures), branding and footer, feeds, sitemap and
Open Graph, search showing public content only."""

from DateTime import DateTime
from datetime import datetime
from dienbien.policy.portal.frontpage import figures
from dienbien.policy.portal.frontpage import front_lists
from dienbien.policy.portal.listings import section_items
from dienbien.policy.portal.structure import SECTIONS
from dienbien.policy.portal.structure import TABS
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.memoize.ram import global_cache

import pytest
import pytz
import re
import transaction


#: Events keep pytz zones (plone.app.event); zoneinfo's do not pickle.
LOCAL = pytz.timezone("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def fresh_cache():
    global_cache.invalidateAll()


def tab_titles(portal, request):
    view = portal.restrictedTraverse("@@portal_tabs_view")
    return [tab["name"] for tab in view.topLevelTabs()]


def test_profile_makes_the_sections_and_tabs(integration):
    portal = integration["portal"]
    for section_id, marker, *_rest in SECTIONS:
        section = portal[section_id]
        assert marker.providedBy(section), section_id
        # Public: published, or without a workflow under the public root.
        assert api.content.get_state(section, default=None) in (None, "published")
        assert section.getLayout() == "portal-section"
    assert [portal[s].Title() for s, *_ in SECTIONS] == [
        "Giới thiệu",
        "Tin tức – Sự kiện",
        "Văn bản",
        "Hỏi đáp – Góp ý",
        "Liên hệ",
    ]
    # The correspondence register keeps /van-ban.
    assert portal["van-ban"].portal_type == "DocumentFolder"
    assert portal.getLayout() == "portal-home"
    tabs = api.portal.get_tool("portal_actions")["portal_tabs"]
    assert tabs.objectIds()[: len(TABS) + 1] == [
        "index_html",
        *(tab_id for tab_id, *_ in TABS),
    ]
    assert api.portal.get_registry_record("plone.generate_tabs") is False


def make(container, portal_type, id, title, effective=None, public=True, **fields):
    obj = api.content.create(
        container=container, type=portal_type, id=id, title=title, **fields
    )
    if effective:
        obj.setEffectiveDate(DateTime(effective))
    if not public:
        # Private, whatever the site's workflow: the View permission is
        # taken from Anonymous.
        obj.manage_permission("View", ["Manager", "Site Administrator"], acquire=0)
        obj.manage_permission(
            "Access contents information", ["Manager", "Site Administrator"], acquire=0
        )
    elif api.content.get_state(obj, default=None) not in (None, "published"):
        api.content.transition(obj=obj, to_state="published")
    obj.reindexObject()
    return obj


def add_news(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    section = portal["tin-tuc"]
    make(section, "News Item", "cu", "Tin cũ", "2026/02/01 09:00 GMT+7")
    make(section, "News Item", "moi", "Tin mới nhất", "2026/03/02 09:00 GMT+7")
    make(
        section, "News Item", "nhap", "Tin nháp", "2026/03/02 10:00 GMT+7", public=False
    )
    make(section, "News Item", "hen-gio", "Tin hẹn giờ", "2099/03/20 09:00 GMT+7")
    newsroom = make(section, "Folder", "xa-thanh-xuong", "Xã Thanh Xương")
    make(newsroom, "News Item", "xa", "Tin của xã", "2026/02/15 09:00 GMT+7")
    make(
        section,
        "Event",
        "da-qua",
        "Sự kiện đã qua",
        start=LOCAL.localize(datetime(2026, 3, 1, 8)),
        end=LOCAL.localize(datetime(2026, 3, 1, 11)),
    )
    make(
        section,
        "Event",
        "sap-toi",
        "Hội nghị một cửa",
        start=LOCAL.localize(datetime(2026, 3, 10, 8)),
        end=LOCAL.localize(datetime(2026, 3, 10, 11)),
        location="Hội trường UBND huyện",
    )
    return section


@pytest.fixture
def news(integration):
    return add_news(integration["portal"])


@pytest.fixture
def public_news(functional_portal):
    section = add_news(functional_portal)
    transaction.commit()
    return section


def test_front_page_lists_public_items_newest_first(news):
    lists = front_lists(datetime(2026, 3, 3, 10))
    # Not the draft, not the one scheduled for 20/03; the commune's news from
    # its newsroom too.
    assert [(n["title"], n["date"]) for n in lists["news"]] == [
        ("Tin mới nhất", "02/03/2026"),
        ("Tin của xã", "15/02/2026"),
        ("Tin cũ", "01/02/2026"),
    ]
    assert [(e["title"], e["start"], e["location"]) for e in lists["events"]] == [
        ("Hội nghị một cửa", "08:00 10/03/2026", "Hội trường UBND huyện")
    ]
    items, total = section_items(news, 20)
    assert [i["title"] for i in items if i["type"] == "News Item"] == [
        "Tin mới nhất",
        "Tin của xã",
        "Tin cũ",
    ]
    assert total == 5  # 3 news + 2 events, public


def test_public_pages_feeds_sitemap_search(public_news, anonymous):
    """One public site, read as an anonymous visitor: feeds newest first,
    branding and Open Graph, the sitemap and the search, public items only."""
    feed = anonymous.get("tin-tuc/RSS")
    assert feed.status_code == 200
    titles = re.findall(r"<title>([^<]+)</title>", feed.text)
    # The commune's newsroom's news too, by their effective dates; never the
    # draft nor the scheduled one.
    news = {"Tin mới nhất", "Tin của xã", "Tin cũ", "Tin nháp", "Tin hẹn giờ"}
    assert [t for t in titles if t in news] == ["Tin mới nhất", "Tin của xã", "Tin cũ"]

    page = anonymous.get("tin-tuc/moi", headers={"Accept": "text/html"}).text
    assert "Plone Foundation" not in page
    assert "Powered by Plone" not in page
    assert "@@site-logo/bieu-trung.svg" in page
    assert "Ủy ban nhân dân huyện Điện Biên" in page
    # Open Graph for shared links.
    assert '<meta property="og:title" content="Tin mới nhất"' in page
    assert 'property="og:url" content="http://localhost' in page
    # The news and documents feeds, linked from the front page.
    home = anonymous.get("", headers={"Accept": "text/html"}).text
    feeds = re.findall(r'<link[^>]+type="application/rss\+xml"[^>]*>', home)
    assert any("tin-tuc/RSS" in link for link in feeds), feeds
    assert any("van-ban-cong-khai/RSS" in link for link in feeds), feeds
    # Titled as a feed reader lists them, the kind's name as text.
    titles = re.findall(r'title="([^"]+)"', " ".join(feeds))
    assert "Tin tức – Sự kiện - RSS 2.0" in titles, titles
    assert not [title for title in titles if "b'" in title], titles

    sitemap = anonymous.get("sitemap.xml")
    assert sitemap.status_code == 200
    assert sitemap.headers["Content-Type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert any(loc.endswith("/tin-tuc/moi") for loc in locations)
    assert not any(loc.endswith("/tin-tuc/nhap") for loc in locations)

    found = anonymous.get("@@search", params={"SearchableText": "tin"}).text
    assert "Tin mới nhất" in found
    assert "Tin nháp" not in found
    assert "Tin hẹn giờ" not in found


def test_public_figures_from_the_statistics_core(integration):
    # No dossier: zero received, no rate; the page shows "—", not 0%.
    result = figures(datetime(2026, 3, 3, 10))
    assert (result.year.received, result.year.on_time_rate) == (0, None)
    assert (result.last_month.start, result.last_month.end) == (
        datetime(2026, 2, 1),
        datetime(2026, 3, 1),
    )


def test_organisation_chart_follows_the_units(integration):
    from dienbien.policy.orgunits.importer import import_units
    from dienbien.policy.orgunits.lookup import unit_objects

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(
        portal,
        "code,title,kind,abbreviation,parent\n"
        "H15.50,UBND huyện Điện Biên,district,UBND,\n"
        "H15.50.03,Phòng Tư pháp,agency,TP,H15.50\n",
        "csv",
    )
    units = {unit.code: unit for unit in unit_objects(portal)}
    units["H15.50.03"].contact_phone = "0215 3800 003"
    chart = portal["gioi-thieu"].restrictedTraverse("co-cau-to-chuc")
    html = chart()
    assert "Phòng Tư pháp" in html
    assert '<a href="tel:02153800003" >0215 3800 003</a>' in html
    assert "Phòng Nội vụ" not in html
    import_units(
        portal,
        "code,title,kind,abbreviation,parent\n"
        "H15.50.02,Phòng Nội vụ,agency,NV,H15.50\n",
        "csv",
    )
    assert "Phòng Nội vụ" in chart()


def test_demo_content_is_marked_as_sample(integration):
    from dienbien.policy.portal.demo import load_portal

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    load_portal(portal)
    article = portal["tin-tuc"]["muoi-nam-cai-cach-hanh-chinh-2011-2020"]
    assert article.effective().strftime("%d/%m/%Y") == "16/10/2020"
    assert "275 thôn, bản" in article.text.raw
    assert "dữ liệu mẫu" in article.text.raw
    assert portal["gioi-thieu"]["lich-su"].Subject() == ("Dữ liệu mẫu",)
    assert "lien-he" in portal and "dia-chi-lien-he" in portal["lien-he"]
    events = [o for o in portal["tin-tuc"].objectValues() if o.portal_type == "Event"]
    assert len(events) == 3
    assert api.portal.get_registry_record("dienbien.portal.phone") == "0215 3800 000"
    load_portal(portal)  # again: nothing doubles
    assert len(portal["tin-tuc"].objectIds()) == 7


def visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_event_dates_are_vietnamese_in_the_portlet_and_the_listing(news, integration):
    """The front page's events portlet and the event listing show an event's
    dates as the rest of the site does ("10/03/2026", "08:00"), with
    Vietnamese words — not "Mar 10, 2026 08:00 AM". The portlet keeps its
    events between requests (a RAM cache), so they acquire the request that
    filled it, which negotiates no language: here, one made apart."""
    from Acquisition import aq_base
    from plone.app.event.portlets.portlet_events import Assignment
    from plone.app.event.portlets.portlet_events import Renderer
    from plone.event.interfaces import IEventAccessor
    from Testing.makerequest import makerequest

    portal, request = integration["portal"], integration["request"]
    earlier = makerequest(aq_base(portal.aq_parent))
    cached = IEventAccessor(
        earlier.unrestrictedTraverse(news["sap-toi"].getPhysicalPath())
    )
    portlet = Renderer(portal, request, None, None, Assignment())
    assert visible(portlet.formatted_date(cached)) == "10/03/2026 08:00"
    listing = news.restrictedTraverse("@@event_listing")
    assert visible(listing.formatted_date(cached)) == "10/03/2026 từ 08:00 đến 11:00"
    # The event's own, which acquires this request, stays right.
    assert visible(listing.formatted_date(news["sap-toi"])) == (
        "10/03/2026 từ 08:00 đến 11:00"
    )


def test_the_footers_help_page_is_ours_in_vietnamese(anonymous):
    """The footer's "Hỗ trợ sử dụng" (Plone's accessibility-info) helps a
    citizen find a procedure and follow a dossier, in Vietnamese with no
    placeholder left."""
    page = anonymous.get("accessibility-info", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
    assert '<h1 class="documentFirstHeading">Hỗ trợ sử dụng</h1>' in page.text
    assert 'gõ "khai sinh" sẽ tìm thấy "Đăng ký khai sinh"' in text
    assert "/tra-cuu-ho-so" in page.text and "/lien-he" in page.text
    for leftover in ("${", "VPAT", "This site uses"):
        assert leftover not in page.text, leftover


def test_a_news_item_shows_its_day_to_every_reader(public_news, anonymous, manager):
    """Plone's byline, with the dates, is hidden from anonymous readers: the
    day of publication is shown under the title all the same."""
    page = anonymous.get("tin-tuc/moi", headers={"Accept": "text/html"}).text
    found = re.search(r'<p class="portal-news-date">(.*?)</p>', page, re.S)
    assert " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) == (
        "Đăng ngày 02/03/2026"
    )
    assert 'datetime="2026-03-02T09:00:00+07:00"' in found.group(1)
    # Not before it is out: staff opening a draft or a scheduled item.
    for path in ("tin-tuc/nhap", "tin-tuc/hen-gio"):
        page = manager.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "portal-news-date" not in page.text, path


def test_the_front_page_has_no_right_column(news, integration):
    """The front page lists the coming events itself; the site's events
    portlet in the right column said the same again beside it."""
    portal, request = integration["portal"], integration["request"]
    page = portal.restrictedTraverse("@@portal-home")()
    assert "Hội nghị một cửa" in page
    assert request.get("disable_plone.rightcolumn") is True
