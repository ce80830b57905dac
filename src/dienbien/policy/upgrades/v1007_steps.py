"""Upgrade to profile version 1007 (steps): every dossier step opens its
confirmation form, and dossiers are no longer locked by the editor."""

from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import logging


logger = logging.getLogger(__name__)
WORKFLOW = "dienbien_dossier_workflow"
LOCKING = "plone.locking"
#: Each type's icon (as ``profiles/default/registry.xml`` registers them).
ICONS = {
    "dossier": ("Dossier", "file-earmark-person"),
    "dossierfolder": ("DossierFolder", "folder2-open"),
    "procedure": ("Procedure", "file-earmark-text"),
    "procedurecatalogue": ("ProcedureCatalogue", "journal-text"),
    "orgunit": ("OrgUnit", "building"),
    "organisation": ("Organisation", "diagram-3"),
}


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


def type_icons(context):
    """Our content types' icons, instead of Plone's blank generic one."""
    registry = getUtility(IRegistry)
    for key, (title, icon) in ICONS.items():
        name = f"plone.icon.contenttype/{key}"
        if name not in registry.records:
            registry.records[name] = Record(field.TextLine(title=title))
        registry[name] = f"++plone++bootstrap-icons/{icon}.svg"
