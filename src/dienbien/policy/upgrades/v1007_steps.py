"""Upgrade to profile version 1007 (steps): every dossier step opens its
confirmation form, and dossiers are no longer locked by the editor."""

from plone import api

import logging


logger = logging.getLogger(__name__)
WORKFLOW = "dienbien_dossier_workflow"
LOCKING = "plone.locking"


def steps_through_forms(context):
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    for transition in workflow.transitions.objectValues():
        transition.actbox_url = (
            f"%(content_url)s/@@dossier-step?transition={transition.getId()}"
        )
    catalog = api.portal.get_tool("portal_catalog")
    released = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier"):
        dossier = brain._unrestrictedGetObject()
        # The editor's WebDAV lock (plone.locking): cleared directly, as
        # without the behaviour plone.locking no longer adapts dossiers.
        if dossier.wl_isLocked():
            dossier.wl_clearLocks()
            released += 1
    fti = api.portal.get_tool("portal_types")["Dossier"]
    fti.behaviors = tuple(name for name in fti.behaviors if name != LOCKING)
    logger.info("Dossier steps through their forms; %d edit locks released.", released)
