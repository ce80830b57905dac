"""After uninstalling, the site still renders — the front page, Site Setup —
and no tab, action or configlet leads to a view that went with the add-on."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer

import re
import transaction


def nav_links(page: str, site: str) -> list[str]:
    """The links of the main navigation (the portal tabs)."""
    nav = re.search(
        r'<nav[^>]*id="portal-globalnav.*?</nav>|<ul[^>]*id="portal-globalnav.*?</ul>',
        page,
        re.S,
    )
    assert nav, "no global navigation"
    return [
        url for url in re.findall(r'href="([^"]+)"', nav[0]) if url.startswith(site)
    ]


def test_uninstalled_site_renders_without_dead_tabs(functional_portal, http):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    # The add-on's own tabs are there before.
    tabs = api.portal.get_tool("portal_actions")["portal_tabs"]
    assert "dienbien-status-lookup" in tabs.objectIds()
    get_installer(portal, portal.REQUEST).uninstall_product("dienbien.policy")
    transaction.commit()

    site = portal.absolute_url()
    actions = api.portal.get_tool("portal_actions")
    leftovers = [
        f"{category.getId()}/{action.getId()}"
        for category in actions.objectValues()
        for action in category.objectValues()
        if action.getId().startswith("dienbien")
    ]
    assert leftovers == []
    configlets = [
        action.getId()
        for action in api.portal.get_tool("portal_controlpanel").listActions()
        if action.getId().startswith("dienbien")
    ]
    assert configlets == []

    for client in (http(), http(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
        client.headers["Accept"] = "text/html"
        front = client.get("")
        assert front.status_code == 200
        for url in nav_links(front.text, site):
            assert client.get(url).status_code == 200, url
    admin = http(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    admin.headers["Accept"] = "text/html"
    setup = admin.get("@@overview-controlpanel")
    assert setup.status_code == 200
    for url in set(
        re.findall(r'href="(' + re.escape(site) + r'/@@[^"?#]+)"', setup.text)
    ):
        assert admin.get(url).status_code == 200, url
