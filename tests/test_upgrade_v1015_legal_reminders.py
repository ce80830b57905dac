"""Upgrade 1015: a 1014 site gets the setting ``legal_lead_days`` (10 days),
the settings' other values kept, and the effective-date check reads it."""

from dienbien.policy.controlpanel.settings import IDienbienSettings
from dienbien.policy.upgrades.v1015_legal_reminders import add_lead_days_setting
from dienbien.policy.upgrades.v1015_legal_reminders import RECORD
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def test_upgrade_from_1014(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    api.portal.set_registry_record("dienbien.settings.morning_start", "07:30")
    # As a 1014 site: no record.
    del registry.records[RECORD]

    assert add_lead_days_setting(portal.portal_setup) == 10
    assert IDienbienSettings(portal).legal_lead_days == 10
    assert api.portal.get_registry_record("dienbien.settings.morning_start") == "07:30"
    # Run again: the value set since stays.
    api.portal.set_registry_record(RECORD, 9)
    assert add_lead_days_setting(portal.portal_setup) == 9
