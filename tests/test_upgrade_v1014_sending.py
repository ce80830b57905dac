"""Upgrade 1014: a 1013 site gets the ``document_waiting`` index, filled for
the documents it has, and the "My work" links."""

from correspondence_steps import assign
from correspondence_steps import incoming
from dienbien.policy.upgrades.v1014_sending import add_waiting_index
from dienbien.policy.upgrades.v1014_sending import my_work_links
from plone import api


def test_upgrade_from_1013(offices_portal):
    portal = offices_portal
    document = incoming(portal)
    assign(document, "lanhdao", "chuyenvien", co_handlers=["chuyenvien_tnmt"])
    catalog = portal.portal_catalog
    # As a 1013 site: no index, no links.
    catalog.delIndex("document_waiting")
    portal.portal_actions.portal_tabs.manage_delObjects(["dienbien-my-work"])
    portal.portal_actions.user.manage_delObjects(["dienbien-my-work"])

    with api.env.adopt_roles(["Manager"]):
        assert add_waiting_index(portal.portal_setup) == 1
        my_work_links(portal.portal_setup)

    found = catalog.unrestrictedSearchResults(document_waiting="chuyenvien_tnmt")
    assert [brain.UID for brain in found] == [api.content.get_uuid(document)]
    # At the head of the user menu, among our own links (a news reviewer's
    # queue, added by a later release, may stand beside it).
    user_menu = portal.portal_actions.user.objectIds()
    ours = [name for name in user_menu if name.startswith("dienbien-")]
    assert user_menu[: len(ours)] == ours
    assert "dienbien-my-work" in ours
    tab = portal.portal_actions.portal_tabs["dienbien-my-work"]
    # As the present profile writes it ("@@my-work" until 1030).
    assert tab.url_expr == "string:${portal_url}/my-work"
    assert tab.permissions == ("dienbien.policy: List documents",)
