"""Upgrade 1020 (exch-status): a 1018 site gets the exchange folders'
settings (empty) and the incoming workflow's ``recalled`` state."""

from dienbien.policy.upgrades.v1020_exch_status import add_exchange_folders
from dienbien.policy.upgrades.v1020_exch_status import add_recalled_state
from dienbien.policy.upgrades.v1020_exch_status import RECORDS
from dienbien.policy.upgrades.v1020_exch_status import WORKFLOW
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def test_upgrade_from_1018(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    api.portal.set_registry_record("dienbien.settings.legal_lead_days", 12)
    # As a 1018 site: no records, no state.
    for record in RECORDS:
        del registry.records[record]
    states = portal.portal_workflow[WORKFLOW].states
    states.manage_delObjects(["recalled"])

    with api.env.adopt_roles(["Manager"]):
        assert add_exchange_folders(portal.portal_setup) == list(RECORDS)
        assert add_recalled_state(portal.portal_setup) is True
        assert add_exchange_folders(portal.portal_setup) == []
        assert add_recalled_state(portal.portal_setup) is False

    assert [registry[record] for record in RECORDS] == ["", ""]
    assert registry["dienbien.settings.legal_lead_days"] == 12
    recalled = portal.portal_workflow[WORKFLOW].states["recalled"]
    assert recalled.title == "Đã bị thu hồi"
    assert "Modify portal content" not in {
        permission
        for permission in recalled.permissions
        if recalled.getPermissionInfo(permission)["roles"]
    }
