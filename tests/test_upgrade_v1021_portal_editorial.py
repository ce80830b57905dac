"""Upgrade 1021 (portal editorial work) on a site as 1020 left it: news
items under Plone's default workflow, units without editor and reviewer
groups, no newsrooms."""

from dienbien.policy.core.orgunits import group_id
from dienbien.policy.editorial.newsroom import newsrooms
from dienbien.policy.upgrades.v1021_portal_editorial import add_editorial_workflow
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID


def test_upgrade_moves_news_to_the_editorial_workflow(integration):
    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.create(
        container=portal["to-chuc"],
        type="OrgUnit",
        title="UBND xã Thanh Xương",
        code="H15.50.05.01",
        kind="commune",
    )
    # As 1020 had it.
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setChainForPortalTypes(["News Item"], ["simple_publication_workflow"])
    api.content.delete(obj=portal["tin-tuc"])
    groups = api.portal.get_tool("portal_groups")
    for function in ("editor", "reviewer"):
        groups.removeGroup(group_id("H15.50.05.01", function))
    public = api.content.create(container=portal, type="News Item", title="Cũ")
    api.content.transition(obj=public, transition="publish")
    private = api.content.create(container=portal, type="News Item", title="Nháp")
    assert api.content.get_state(private) == "private"

    assert add_editorial_workflow() == 2

    assert workflow_tool.getChainForPortalType("News Item") == (
        "dienbien_editorial_workflow",
    )
    assert api.content.get_state(public) == "published"
    assert api.content.get_state(private) == "draft"
    with api.env.adopt_roles(["Anonymous"]):
        assert api.user.has_permission("View", obj=public)
        assert not api.user.has_permission("View", obj=private)
    assert api.group.get(groupname=group_id("H15.50.05.01", "reviewer")) is not None
    assert list(newsrooms(portal)) == ["H15.50.05.01"]
