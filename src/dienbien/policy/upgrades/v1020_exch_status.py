"""Upgrade 1020 (issue 11, items 4, 5, 9): the settings of the exchange's
folders (``exchange_outbox``, ``exchange_inbox``, empty: nothing sent or
read) and the incoming workflow's ``recalled`` state (a copy its sender
recalled: out of the inbox, kept with its history)."""

from dienbien.policy.controlpanel.settings import IDienbienSettings
from dienbien.policy.controlpanel.settings import PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import logging


logger = logging.getLogger("dienbien.policy")
RECORDS = (f"{PREFIX}.exchange_outbox", f"{PREFIX}.exchange_inbox")
WORKFLOW = "dienbien_incoming_workflow"


def add_exchange_folders(setup_tool=None) -> list[str]:
    """Register the new records (the others keep their values)."""
    registry = getUtility(IRegistry)
    missing = [record for record in RECORDS if record not in registry.records]
    if missing:
        registry.registerInterface(IDienbienSettings, prefix=PREFIX)
        logger.info("added %s", ", ".join(missing))
    return missing


def add_recalled_state(setup_tool=None) -> bool:
    """The incoming workflow from the profile (it gains ``recalled``; no
    document is in it yet, so no role mapping changes)."""
    workflow = api.portal.get_tool("portal_workflow")
    if "recalled" in workflow[WORKFLOW].states.objectIds():
        return False
    setup = setup_tool or api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-dienbien.policy:default", "workflow", run_dependencies=False
    )
    return True
