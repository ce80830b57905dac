"""Upgrade 1030: the registers' tab, and the statistics' and my work's tabs
at addresses the menu's marker tells apart from the front page's; texts in
HTML only."""

from conftest import upgrade_steps
from plone import api


#: The staff's tabs (the portal's sections have theirs before them).
STAFF_TABS = (
    "dienbien-status-lookup",
    "dienbien-dossiers",
    "dienbien-dashboard",
    "dienbien-registers",
    "dienbien-workfiles",
    "dienbien-my-work",
)


def tabs(portal) -> dict[str, str]:
    category = portal.portal_actions.portal_tabs
    return {
        name: category[name].getProperty("url_expr")
        for name in category.objectIds()
        if name in STAFF_TABS
    }


def test_upgrade_from_1029(integration):
    portal = integration["portal"]
    category = portal.portal_actions.portal_tabs
    # As a 1029 site: no registers' tab, the views' addresses with "@@".
    category.manage_delObjects(["dienbien-registers"])
    category["dienbien-dashboard"].manage_changeProperties(
        url_expr="string:${portal_url}/@@dossier-dashboard"
    )
    category["dienbien-my-work"].manage_changeProperties(
        url_expr="string:${portal_url}/@@my-work"
    )

    setup = portal.portal_setup
    api.portal.set_registry_record(
        "plone.allowed_types", ("text/html", "text/x-web-textile")
    )
    steps = upgrade_steps(setup, "1030")
    assert [s["title"] for s in steps] == [
        "The registers in the menu, and the menu's current page",
        "Texts in HTML only",
    ]
    for step in steps:
        step["step"].doStep(setup)
    assert api.portal.get_registry_record("plone.allowed_types") == ("text/html",)

    assert tabs(portal) == {
        "dienbien-status-lookup": "string:${portal_url}/tra-cuu-ho-so",
        "dienbien-dossiers": "string:${portal_url}/ho-so",
        "dienbien-dashboard": "string:${portal_url}/dossier-dashboard",
        "dienbien-registers": "string:${portal_url}/van-ban/@@register-incoming",
        "dienbien-workfiles": "string:${portal_url}/ho-so-cong-viec",
        "dienbien-my-work": "string:${portal_url}/my-work",
    }
    assert tuple(tabs(portal)) == STAFF_TABS  # in the menu's order
    assert category["dienbien-registers"].getProperty("permissions") == (
        "dienbien.policy: List documents",
    )
