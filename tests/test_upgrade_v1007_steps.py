"""Upgrade 1007 (steps): every dossier step opens its form, dossiers lose
the editor's lock (and a lock left behind is released), our types get
their icons."""

from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.upgrades.v1007_steps import steps_through_forms
from dienbien.policy.upgrades.v1007_steps import type_icons
from plone import api
from plone.locking.interfaces import ILockable
from plone.registry.interfaces import IRegistry
from test_dossier_lifecycle import receive
from zope.component import getUtility

import transaction


def test_installed_site(portal):
    workflow = portal.portal_workflow["dienbien_dossier_workflow"]
    assert {
        transition.actbox_url for transition in workflow.transitions.objectValues()
    } == {
        f"%(content_url)s/@@dossier-step?transition={name}"
        for name in workflow.transitions.objectIds()
    }
    assert "plone.locking" not in portal.portal_types["Dossier"].behaviors
    registry = getUtility(IRegistry)
    assert (
        registry["plone.icon.contenttype/dossier"]
        == "++plone++bootstrap-icons/file-earmark-person.svg"
    )


def test_upgrade_from_1006(staff, functional_portal):
    portal = functional_portal
    code = receive(staff["clerk"])["code"]
    transaction.begin()  # see the dossier the server committed
    dossier = portal["ho-so"][dossier_id(code)]
    # As a 1006 site: the state menu fires steps, the editor locks.
    workflow = portal.portal_workflow["dienbien_dossier_workflow"]
    for transition in workflow.transitions.objectValues():
        transition.actbox_url = (
            "%(content_url)s/content_status_modify?workflow_action="
            + transition.getId()
        )
    fti = portal.portal_types["Dossier"]
    fti.behaviors = ("plone.locking",)
    ILockable(dossier).lock()
    registry = getUtility(IRegistry)
    del registry.records["plone.icon.contenttype/dossier"]
    assert dossier.wl_isLocked()

    with api.env.adopt_roles(["Manager"]):
        steps_through_forms(portal.portal_setup)
        type_icons(portal.portal_setup)
    assert not dossier.wl_isLocked()
    assert fti.behaviors == ()
    assert (
        workflow.transitions["resolve"].actbox_url
        == "%(content_url)s/@@dossier-step?transition=resolve"
    )
    assert (
        registry["plone.icon.contenttype/dossier"]
        == "++plone++bootstrap-icons/file-earmark-person.svg"
    )
    transaction.abort()


def test_upgrade_step_is_registered(setup_tool):
    steps = setup_tool.listUpgrades("dienbien.policy:default", show_old=True)
    titles = {
        step["title"]
        for group in steps
        for step in (group if isinstance(group, list) else [group])
        if step["sdest"] == "1007"
    }
    assert {
        "Dossier steps through their forms, no edit lock",
        "Icons of our content types",
    } <= titles
