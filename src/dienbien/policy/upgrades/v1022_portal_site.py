"""Upgrade to profile version 1022: the public portal (``portal/``):
sections, top tabs, front page, emblem, footer settings and their
configlet, units' public contacts, feeds and sitemap. Existing items with
the sections' ids are kept as they are."""

from dienbien.policy.portal.contact import BEHAVIOR
from dienbien.policy.portal.interfaces import IPortalSettings
from dienbien.policy.portal.interfaces import PREFIX
from dienbien.policy.portal.structure import set_up_portal
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-dienbien.policy:default"


def set_up(setup_tool=None) -> None:
    setup = setup_tool or api.portal.get_tool("portal_setup")
    getUtility(IRegistry).registerInterface(IPortalSettings, prefix=PREFIX)
    setup.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
    fti = api.portal.get_tool("portal_types")["OrgUnit"]
    if BEHAVIOR not in fti.behaviors:
        fti.behaviors = (*fti.behaviors, BEHAVIOR)
    set_up_portal(api.portal.get())
