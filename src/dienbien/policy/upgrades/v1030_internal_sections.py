"""1029 → 1030: the staff-only sections (the one-stop dossiers' folder and
the work files') are in a state of their own, ``internal``, no longer
``published``. Folder contents names a state by its id, so both read
"Đã đăng" (published) beside the public sections, and an administrator
could take the dossiers' folder for a public one. Who may see them is
unchanged: the state keeps its permissions."""

from DateTime import DateTime
from plone import api

import logging


logger = logging.getLogger("dienbien.policy.upgrades")

#: The workflows whose one state was ``published``.
WORKFLOWS = ("dienbien_private_section_workflow", "dienbien_workfile_section_workflow")


def internal_sections(setup_tool=None) -> int:
    """Import the workflows, then move every object of theirs from
    ``published`` to ``internal``; return how many moved."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-dienbien.policy:default", "workflow", run_dependencies=False
    )
    workflows = api.portal.get_tool("portal_workflow")
    types = [
        name
        for name in api.portal.get_tool("portal_types").objectIds()
        if set(workflows.getChainForPortalType(name)) & set(WORKFLOWS)
    ]
    catalog = api.portal.get_tool("portal_catalog")
    moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=types):
        obj = brain._unrestrictedGetObject()
        for name in set(workflows.getChainFor(obj)) & set(WORKFLOWS):
            status = workflows.getStatusOf(name, obj)
            if not status or status.get("review_state") != "published":
                continue
            workflows.setStatusOf(
                name,
                obj,
                {
                    **status,
                    "review_state": "internal",
                    "action": None,
                    "actor": "upgrade-1030",
                    "time": DateTime(),
                    "comments": "",
                },
            )
            workflows[name].updateRoleMappingsFor(obj)
            obj.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
            moved += 1
    logger.info("Staff-only sections moved to the state internal: %d", moved)
    return moved
