"""Upgrade 1030: the registers' tab, and the statistics' and my work's tabs
at addresses the menu's marker tells apart from the front page's; the
staff-only sections in a state of their own; texts in HTML only."""

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
        "Staff-only sections in a state of their own",
        "Texts in HTML only",
    ]
    assert {s["ssource"] for s in steps} == {"1029"}
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


def test_staff_only_sections_move_to_internal(integration):
    portal = integration["portal"]
    workflows = portal.portal_workflow
    folder = portal["ho-so"]
    name = "dienbien_private_section_workflow"
    assert api.content.get_state(folder) == "internal"
    viewers = folder.rolesOfPermission("View")
    # As a 1029 site: the folder in "published".
    status = workflows.getStatusOf(name, folder)
    workflows.setStatusOf(name, folder, {**status, "review_state": "published"})
    folder.reindexObject(idxs=["review_state"])

    setup = portal.portal_setup
    step = next(
        s
        for s in upgrade_steps(setup, "1030")
        if s["title"] == "Staff-only sections in a state of their own"
    )
    step["step"].doStep(setup)

    assert api.content.get_state(folder) == "internal"
    assert folder.rolesOfPermission("View") == viewers  # who sees it: unchanged
    catalog = portal.portal_catalog
    found = catalog.unrestrictedSearchResults(portal_type="DossierFolder")
    assert [brain.review_state for brain in found] == ["internal"]
    assert workflows.getStatusOf(name, folder)["actor"] == "upgrade-1030"
    # Run again: nothing left to move.
    step["step"].doStep(setup)
    assert workflows.getStatusOf(name, folder)["actor"] == "upgrade-1030"
