"""Upgrade 1027: Plone's history link is offered only to whoever may open
@@historyview (Modify portal content) — an official document's creator may
view it after registration, not edit it: the link led to an access-denied
page; and the workflows' remaining English texts are Vietnamese."""

from plone import api
from test_incoming_handling import assign
from test_incoming_handling import registered
from test_incoming_handling import request_  # noqa: F401 (a fixture)
from test_incoming_handling import site  # noqa: F401 (a fixture)


def history_offered(document, user) -> bool:
    actions = api.portal.get_tool("portal_actions")
    with api.env.adopt_user(username=user):
        listed = actions.listFilteredActionsFor(document).get("object", [])
    return "history" in {action["id"] for action in listed}


def test_upgrade_from_1026(site, request_):  # noqa: F811 (the fixtures)
    history = site.portal_actions.object.history
    # As a 1026 site: Plone's link, offered to whoever may see versions.
    history.manage_changeProperties(available_expr="")
    workflows = site.portal_workflow
    private = workflows["dienbien_private_section_workflow"].states["internal"]
    private.title = "Staff only"
    register = workflows["dienbien_incoming_workflow"].transitions["register"]
    register.description = "The clerical office registers the document."
    document = registered(site, request_)
    assign(document, request_)  # now the officer's to handle
    with api.env.adopt_user(username="vanthu"):
        assert not api.user.has_permission("Modify portal content", obj=document)
        assert api.user.has_permission(
            "CMFEditions: Access previous versions", obj=document
        )
    assert history_offered(document, "vanthu")

    setup = site.portal_setup
    steps = [
        step
        for item in setup.listUpgrades("dienbien.policy:default", show_old=True)
        for step in (item if isinstance(item, list) else [item])
        if step["sdest"] == "1027"
    ]
    assert [step["title"] for step in steps] == [
        "The history link only for those who may open it",
        "Workflow texts in Vietnamese",
    ]
    for step in steps:
        step["step"].doStep(setup)

    assert history.available_expr == (
        'python:checkPermission("Modify portal content", object)'
    )
    assert history.title == "History"  # the rest is Plone's, untouched
    assert history.url_expr == "string:${object_url}/@@historyview"
    assert not history_offered(document, "vanthu")
    # The state menu's texts are Vietnamese, as the states' titles were.
    private = workflows["dienbien_private_section_workflow"].states["internal"]
    assert private.title == "Nội bộ"
    register = workflows["dienbien_incoming_workflow"].transitions["register"]
    assert register.description == "Văn thư vào sổ văn bản đến và cấp số đến."
    # Whoever may edit an item still has it.
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="thu-muc")
    api.user.grant_roles(username="phoihop", obj=folder, roles=["Editor"])
    assert history_offered(folder, "phoihop")
