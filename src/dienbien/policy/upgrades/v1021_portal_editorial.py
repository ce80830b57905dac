"""Upgrade to profile version 1021 (portal editorial work): the editorial
workflow for news, events and pages, the units' editor and reviewer groups,
the news section's newsrooms and the reviewers' queue in the personal menu.

Items of those types made under Plone's default workflow keep their state
where the new workflow has it (``pending``, ``published``); a private one
becomes a draft."""

from dienbien.policy.core.editorial import TYPES
from dienbien.policy.editorial.newsroom import ensure_newsrooms
from dienbien.policy.orgunits.groups import ensure_groups
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.orgunits.orgunit import unit_of
from plone import api

import logging


logger = logging.getLogger("dienbien.policy")
PROFILE = "profile-dienbien.policy:default"
WORKFLOW = "dienbien_editorial_workflow"


def add_editorial_workflow(setup_tool=None) -> int:
    """Returns the number of items that moved to the editorial workflow."""
    portal = api.portal.get()
    setup = setup_tool or api.portal.get_tool("portal_setup")
    for step in ("rolemap", "workflow", "actions"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow = workflow_tool[WORKFLOW]
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(TYPES))
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        status = workflow_tool.getStatusOf(WORKFLOW, obj)
        if status is None:
            state = brain.review_state
            status = {
                "action": None,
                "actor": None,
                "comments": "",
                "review_state": state if state in workflow.states else "draft",
                "time": api.portal.get_tool("portal_catalog").ZopeTime(),
            }
            workflow_tool.setStatusOf(WORKFLOW, obj, status)
        workflow.updateRoleMappingsFor(obj)
        obj.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
    for unit in unit_objects(portal):
        ensure_groups(unit_of(unit))
    count = ensure_newsrooms(portal)
    logger.info(
        "editorial: %d items under %s, %d newsrooms", len(brains), WORKFLOW, count
    )
    return len(brains)
