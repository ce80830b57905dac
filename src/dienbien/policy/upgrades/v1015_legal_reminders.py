"""Upgrade to profile version 1015 (legal reminders): the site setting
``dienbien.settings.legal_lead_days`` (the lead time of local normative
documents, 10 days), which the settings proxy and control panel need."""

from dienbien.policy.controlpanel.settings import IDienbienSettings
from dienbien.policy.controlpanel.settings import PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import logging


logger = logging.getLogger("dienbien.policy")
RECORD = f"{PREFIX}.legal_lead_days"


def add_lead_days_setting(setup_tool=None) -> int:
    """Register the settings' new record (the others keep their values);
    returns the lead time in force."""
    registry = getUtility(IRegistry)
    if RECORD not in registry.records:
        registry.registerInterface(IDienbienSettings, prefix=PREFIX)
        logger.info("%s added", RECORD)
    return registry[RECORD]
