"""Upgrade to profile version 1007 (dashboard): the one-stop desk may see
the statistics and the dashboard, as docs/api.md and docs/security.md say."""

from plone import api


PERMISSION = "dienbien.policy: View statistics"


def desk_sees_statistics(context):
    """Adds ``DeskClerk`` to the roles of the statistics permission on the
    site, keeping the roles given there (and its acquisition) as they are:
    re-importing the whole rolemap would also undo a site's own choices."""
    portal = api.portal.get()
    roles = {
        role["name"]
        for role in portal.rolesOfPermission(PERMISSION)
        if role["selected"]
    }
    acquire = bool(portal.acquiredRolesAreUsedBy(PERMISSION))
    portal.manage_permission(PERMISSION, sorted(roles | {"DeskClerk"}), acquire)
