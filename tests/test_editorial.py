"""The portal's editorial work: a unit's editors write and submit in its
newsroom only, its reviewers publish there only, returning and taking down
need a reason, and a scheduled or expired item is not on the site."""

from datetime import datetime
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.editorial.lifecycle import site_datetime
from dienbien.policy.editorial.newsroom import newsrooms
from dienbien.policy.orgunits.lookup import unit_codes
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import Unauthorized
from zope.lifecycleevent import modified

import pytest
import re
import transaction


PASSWORD = "bientap-" * 2
A = "H15.50.05.01"  # UBND xã Thanh Xương
B = "H15.50.05.02"  # UBND xã Thanh An
PEOPLE = {
    "bientap.a": (A, "editor", "Lò Thị Biên (mẫu)"),
    "duyettin.a": (A, "reviewer", "Cầm Văn Duyệt (mẫu)"),
    "bientap.b": (B, "editor", "Vì Thị Bình (mẫu)"),
    "duyettin.b": (B, "reviewer", "Quàng Văn Bảo (mẫu)"),
}


def make_newsrooms(portal) -> dict:
    """Two communes with their newsrooms, an editor and a reviewer each;
    returns ``{unit code: newsroom}``."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    existing = unit_codes(portal)
    for code, title in ((A, "UBND xã Thanh Xương"), (B, "UBND xã Thanh An")):
        if code in existing:
            continue
        api.content.create(
            container=portal["to-chuc"],
            type="OrgUnit",
            title=title,
            code=code,
            kind="commune",
        )
    for username, (unit, function, fullname) in PEOPLE.items():
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=PASSWORD,
            properties={"fullname": fullname},
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)
    return newsrooms(portal)


def write(room, username, title="Tin mùa vụ", **fields):
    with api.env.adopt_user(username=username):
        return api.content.create(
            container=room, type="News Item", title=title, **fields
        )


def step(item, username, transition, comment=""):
    with api.env.adopt_user(username=username):
        api.portal.get_tool("portal_workflow").doActionFor(
            item, transition, comment=comment
        )


def steps_for(item, username) -> set[str]:
    with api.env.adopt_user(username=username):
        workflow = api.portal.get_tool("portal_workflow")
        return {t["id"] for t in workflow.getTransitionsFor(item)}


@pytest.fixture
def rooms(integration):
    return make_newsrooms(integration["portal"])


def test_each_commune_has_a_newsroom_in_the_news_section(rooms, integration):
    portal = integration["portal"]
    assert sorted(rooms) == [A, B]
    assert rooms[A].absolute_url_path() == "/plone/tin-tuc/ubnd-xa-thanh-xuong"
    assert portal["tin-tuc"].Title() == "Tin tức – Sự kiện"
    assert rooms[A].Title() == "UBND xã Thanh Xương"
    with api.env.adopt_roles(["Anonymous"]):
        assert api.user.has_permission("View", obj=rooms[A])
    assert sorted(ISelectableConstrainTypes(rooms[A]).getLocallyAllowedTypes()) == [
        "Document",
        "Event",
        "File",
        "Image",
        "News Item",
    ]


def test_an_editor_writes_and_submits_in_his_commune_only(rooms):
    item = write(rooms[A], "bientap.a")
    assert api.content.get_state(item) == "draft"
    assert steps_for(item, "bientap.a") == {"submit"}

    # Commune B's newsroom: he may not add, nor see B's drafts.
    with pytest.raises(Unauthorized):
        write(rooms[B], "bientap.a")
    other = write(rooms[B], "bientap.b", title="Tin xã Thanh An")
    with api.env.adopt_user(username="bientap.a"):
        assert not api.user.has_permission("View", obj=other)
    assert steps_for(other, "bientap.a") == set()

    step(item, "bientap.a", "submit")
    assert api.content.get_state(item) == "pending"
    # Submitted: no longer his to edit nor to publish; he may take it back.
    assert steps_for(item, "bientap.a") == {"recall"}
    with api.env.adopt_user(username="bientap.a"):
        assert not api.user.has_permission("Modify portal content", obj=item)


def test_a_reviewer_publishes_in_his_commune_only(rooms):
    item = write(rooms[A], "bientap.a")
    step(item, "bientap.a", "submit")

    assert steps_for(item, "duyettin.b") == set()
    with pytest.raises(WorkflowException):
        step(item, "duyettin.b", "publish")
    assert steps_for(item, "duyettin.a") == {"publish", "reject"}

    step(item, "duyettin.a", "publish")
    assert api.content.get_state(item) == "published"
    # Published without a date: dated by its publication (the site's clock).
    assert item.effective_date == site_datetime(datetime(2026, 3, 3, 10, 0))
    with api.env.adopt_user(username="bientap.a"):
        assert not api.user.has_permission("Modify portal content", obj=item)


def test_returning_and_taking_down_need_a_reason(rooms):
    item = write(rooms[A], "bientap.a")
    step(item, "bientap.a", "submit")
    with pytest.raises(WorkflowException, match="needs a reason"):
        step(item, "duyettin.a", "reject", comment="  ")
    step(item, "duyettin.a", "reject", comment="Thiếu ảnh minh họa.")
    assert api.content.get_state(item) == "draft"
    last = item.workflow_history["dienbien_editorial_workflow"][-1]
    assert last["comments"] == "Thiếu ảnh minh họa."
    assert last["actor"] == "duyettin.a"

    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    with pytest.raises(WorkflowException, match="needs a reason"):
        step(item, "duyettin.a", "retract")
    step(item, "duyettin.a", "retract", comment="Thông tin đã cũ.")
    assert api.content.get_state(item) == "draft"


def test_the_queue_shows_a_reviewer_his_units_pending_items(rooms, integration):
    portal = integration["portal"]
    mine = write(rooms[A], "bientap.a", title="Lịch tiêm phòng")
    theirs = write(rooms[B], "bientap.b", title="Tin xã Thanh An")
    draft = write(rooms[A], "bientap.a", title="Bản nháp")
    step(mine, "bientap.a", "submit", comment=" Nhờ anh/chị duyệt giúp ")
    step(theirs, "bientap.b", "submit")
    assert draft is not None

    with api.env.adopt_user(username="duyettin.a"):
        view = api.content.get_view("tin-cho-duyet", portal, integration["request"])
        rows = view.items()
        assert view.units() == ["UBND xã Thanh Xương"]
        page = view()
    assert [
        (row["title"], row["unit"], row["by"], row["when"], row["note"]) for row in rows
    ] == [
        (
            "Lịch tiêm phòng",
            "UBND xã Thanh Xương",
            "Lò Thị Biên (mẫu)",
            "10:00 03/03/2026",
            "Nhờ anh/chị duyệt giúp",
        )
    ]
    # The reviewer reads what the editor wrote when sending it.
    note = re.search(
        r'<blockquote class="editorial-queue-note[^"]*"[^>]*>(.*?)</blockquote>',
        page,
        re.S,
    )
    assert " ".join(re.sub(r"<[^>]+>", " ", note.group(1)).split()) == (
        "Ghi chú của người viết: Nhờ anh/chị duyệt giúp"
    )
    with api.env.adopt_user(username="bientap.a"):
        assert not api.user.has_permission("dienbien.policy: Review news", obj=portal)


def test_a_newsroom_follows_its_unit(rooms, integration):
    portal = integration["portal"]
    item = write(rooms[A], "bientap.a", title="Lịch tiêm phòng")
    step(item, "bientap.a", "submit")
    unit = api.content.find(portal_type="OrgUnit", unit_code=A)[0].getObject()
    unit.title = "UBND xã Thanh Xương mới"
    unit.code = "H15.51.01"
    modified(unit)

    assert newsrooms(portal)["H15.51.01"].Title() == "UBND xã Thanh Xương mới"
    # The reviewer moved with the group; his queue still finds the item.
    with api.env.adopt_user(username="duyettin.a"):
        view = api.content.get_view("tin-cho-duyet", portal, integration["request"])
        assert [row["title"] for row in view.items()] == ["Lịch tiêm phòng"]


@pytest.fixture
def catalog_clock(monkeypatch):
    """The catalog's "now" (which leaves inactive items out of searches)
    follows the site's clock, as it does on a running site."""
    from dienbien.policy import clock
    from Products.CMFPlone import CatalogTool

    monkeypatch.setattr(
        CatalogTool, "DateTime", lambda *args: site_datetime(clock.now())
    )


def test_a_scheduled_item_is_public_from_its_date_until_its_expiry(
    functional_portal, http, clock, catalog_clock, monkeypatch
):
    rooms = make_newsrooms(functional_portal)
    item = write(
        rooms[A],
        "bientap.a",
        title="Lễ hội hoa ban",
        effective_date=site_datetime(datetime(2026, 3, 5, 7, 0)),
        expiration_date=site_datetime(datetime(2026, 3, 20, 0, 0)),
    )
    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    transaction.commit()
    url = "/".join(item.getPhysicalPath()[2:])
    anonymous = http()
    editor = http("bientap.a", PASSWORD)

    def seen(client, at):
        # The item itself over REST (the page is the same traversal, with
        # the theme's cost) and the searches.
        clock(at)
        page = client.get(url)
        found = client.get("@search", params={"portal_type": "News Item"}).json()[
            "items_total"
        ]
        return page.status_code, found

    # Stock Plone leaves it out of searches but shows it at its address.
    from dienbien.policy.editorial import schedule

    with monkeypatch.context() as stock:
        stock.setattr(schedule, "off_air", lambda obj: False)
        assert seen(anonymous, "2026-03-05T06:59") == (200, 0)
    # Before its date: not on the site, nor in searches; its editor sees it.
    assert seen(anonymous, "2026-03-05T06:59") == (404, 0)
    assert seen(editor, "2026-03-05T06:59")[0] == 200
    assert seen(anonymous, "2026-03-05T07:00") == (200, 1)
    assert seen(anonymous, "2026-03-20T00:00") == (200, 1)
    # Expired.
    assert seen(anonymous, "2026-03-20T00:01") == (404, 0)


def test_the_step_form_asks_the_reason_before_returning(functional_portal, http):
    rooms = make_newsrooms(functional_portal)
    item = write(rooms[A], "bientap.a", title="Tin thiếu ảnh")
    step(item, "bientap.a", "submit")
    transaction.commit()
    reviewer = http("duyettin.a", PASSWORD)
    url = "/".join(item.getPhysicalPath()[2:]) + "/@@editorial-step"
    form = reviewer.get(url, params={"transition": "reject", "came_from": "queue"})
    assert form.status_code == 200
    token = form.text.split('name="_authenticator"')[1].split('value="')[1]
    token = token.split('"')[0]
    sent = {
        "transition": "reject",
        "came_from": "queue",
        "form.submitted": "1",
        "_authenticator": token,
    }

    refused = reviewer.post(url, data={**sent, "reason": " "})
    assert refused.status_code == 400
    assert "Vui lòng nêu lý do." in refused.text
    transaction.begin()
    assert api.content.get_state(item) == "pending"

    done = reviewer.post(
        url, data={**sent, "reason": "Thiếu ảnh minh họa."}, allow_redirects=False
    )
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/@@tin-cho-duyet")
    transaction.begin()
    assert api.content.get_state(item) == "draft"
    # A step the workflow does not offer him (an editor's), or another
    # workflow's item: not found.
    assert reviewer.get(url, params={"transition": "submit"}).status_code == 404
    folder = "/".join(rooms[A].getPhysicalPath()[2:])
    assert (
        reviewer.get(f"{folder}/@@editorial-step", params={"transition": "publish"})
    ).status_code == 404


def nav_hidden(portal) -> dict[str, bool]:
    """``{newsroom id: left out of the navigation}``, from the catalog's
    metadata as the navigation reads it."""
    return {
        brain.getId: brain.exclude_from_nav
        for brain in portal.portal_catalog.unrestrictedSearchResults(
            path={"query": "/plone/tin-tuc", "depth": 1}, portal_type="Folder"
        )
    }


def test_a_newsroom_shows_in_the_navigation_once_it_has_news(rooms, integration):
    portal = integration["portal"]
    assert nav_hidden(portal) == {
        "ubnd-xa-thanh-xuong": True,
        "ubnd-xa-thanh-an": True,
    }
    item = write(rooms[A], "bientap.a")
    step(item, "bientap.a", "submit")
    assert nav_hidden(portal)["ubnd-xa-thanh-xuong"] is True  # not yet public

    step(item, "duyettin.a", "publish")
    assert nav_hidden(portal) == {
        "ubnd-xa-thanh-xuong": False,
        "ubnd-xa-thanh-an": True,
    }

    step(item, "duyettin.a", "retract", comment="Thông tin đã cũ.")
    assert nav_hidden(portal)["ubnd-xa-thanh-xuong"] is True

    # Published again, then deleted: hidden again.
    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    assert nav_hidden(portal)["ubnd-xa-thanh-xuong"] is False
    api.content.delete(obj=item)
    assert nav_hidden(portal)["ubnd-xa-thanh-xuong"] is True


def test_moving_the_only_news_moves_the_newsroom_out_of_the_menu(rooms, integration):
    portal = integration["portal"]
    item = write(rooms[A], "bientap.a")
    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    api.content.move(source=item, target=rooms[B])
    assert nav_hidden(portal) == {
        "ubnd-xa-thanh-xuong": True,
        "ubnd-xa-thanh-an": False,
    }


def test_the_sitemap_page_lists_only_newsrooms_with_news(functional_portal, http):
    rooms = make_newsrooms(functional_portal)
    item = write(rooms[A], "bientap.a", title="Lịch tiêm phòng")
    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    transaction.commit()
    page = http().get("sitemap")
    assert page.status_code == 200
    assert "/tin-tuc/ubnd-xa-thanh-xuong" in page.text
    assert "Lịch tiêm phòng" in page.text
    assert "/tin-tuc/ubnd-xa-thanh-an" not in page.text
    # Left out of the menus, the empty newsroom still answers at its address.
    room = http().get("tin-tuc/ubnd-xa-thanh-an", headers={"Accept": "text/html"})
    assert room.status_code == 200
    assert "<h1" in room.text and "UBND xã Thanh An" in room.text
