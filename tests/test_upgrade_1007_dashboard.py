"""Upgrade 1006 → 1007 (dashboard): the desk clerks may see the statistics,
as docs/api.md says; the roles a site gave the permission stay."""

from dienbien.policy.upgrades.v1007_dashboard import desk_sees_statistics
from dienbien.policy.upgrades.v1007_dashboard import PERMISSION
from plone import api


def roles(portal):
    return sorted(
        role["name"]
        for role in portal.rolesOfPermission(PERMISSION)
        if role["selected"]
    )


def test_the_desk_gets_the_statistics(integration):
    portal = api.portal.get()
    assert "DeskClerk" in roles(portal)  # a new site has it from the rolemap
    # As the previous release left it, with a role the site added itself.
    before = [r for r in roles(portal) if r != "DeskClerk"] + ["Reviewer"]
    portal.manage_permission(PERMISSION, before, acquire=True)
    desk_sees_statistics(None)
    assert roles(portal) == sorted([*before, "DeskClerk"])
    assert portal.acquiredRolesAreUsedBy(PERMISSION) == "CHECKED"
    desk_sees_statistics(None)  # twice changes nothing
    assert roles(portal) == sorted([*before, "DeskClerk"])
