"""Upgrade 1004 → 1005 on a site as the previous release left it: settings
stored as text lines become rows, and dossiers lose the Site
Administrator's access."""

from datetime import date
from dienbien.policy.upgrades.v1005 import settings_as_rows
from dienbien.policy.upgrades.v1005 import update_dossier_security
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from Products.CMFCore.indexing import processQueue
from zope.component import getUtility


def old_record(values):
    return Record(field.List(value_type=field.TextLine()), values)


def test_settings_lines_become_rows(integration):
    registry = getUtility(IRegistry)
    registry.records["dienbien.settings.calendar_overrides"] = old_record(
        [
            "2026-01-02 | day_off | Công văn 12729/VPCP-KGVX | Nghỉ Tết | hoán đổi",
            "2026-01-10 | working_day | Công văn 12729/VPCP-KGVX",
            "2026-02-30 | day_off | không có ngày này",
        ]
    )
    registry.records["dienbien.settings.procedure_fields"] = old_record(
        ["ho-tich|Hộ tịch", " y-te | Y tế ", "Sai mã|Sai"]
    )
    assert settings_as_rows() == {"calendar_overrides": 2, "procedure_fields": 2}
    assert registry["dienbien.settings.calendar_overrides"] == [
        {
            "day": date(2026, 1, 2),
            "kind": "day_off",
            "reference": "Công văn 12729/VPCP-KGVX",
            "name": "Nghỉ Tết | hoán đổi",
        },
        {
            "day": date(2026, 1, 10),
            "kind": "working_day",
            "reference": "Công văn 12729/VPCP-KGVX",
            "name": "",
        },
    ]
    assert registry["dienbien.settings.procedure_fields"] == [
        {"id": "ho-tich", "name": "Hộ tịch"},
        {"id": "y-te", "name": "Y tế"},
    ]
    # Run again (rows already): nothing changes.
    assert settings_as_rows() == {"calendar_overrides": 2, "procedure_fields": 2}


def test_site_administrator_loses_dossiers(one_stop):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(one_stop, TEST_USER_ID, ["Manager"])
    dossier = api.content.create(
        container=one_stop["ho-so"],
        type="Dossier",
        id="online-1",
        procedure="2.000815",
        channel="online",
        receiving_unit="H15.50.MC",
        handling_unit="H15.50.03",
        applicant_name="Mùa A Sử",
        applicant_phone="0911 222 333",
    )
    # As profile 1004's workflow left it.
    old = ["Manager", "Site Administrator", "DossierDesk", "DossierOfficer"]
    for permission in ("View", "Access contents information"):
        dossier.manage_permission(permission, old, acquire=False)
    dossier.reindexObjectSecurity()
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")

    def allowed():
        brain = catalog.unrestrictedSearchResults(UID=dossier.UID())[0]
        return set(catalog.getIndexDataForRID(brain.getRID())["allowedRolesAndUsers"])

    assert "Site Administrator" in allowed()
    assert update_dossier_security() == 2  # the dossier and its folder
    roles = {r["name"] for r in dossier.rolesOfPermission("View") if r["selected"]}
    assert roles == {"Manager", "DossierDesk", "DossierOfficer", "DossierLeader"}
    assert "Site Administrator" not in allowed()
    folder = one_stop["ho-so"]
    receivers = {
        r["name"]
        for r in folder.rolesOfPermission("dienbien.policy: Receive dossiers")
        if r["selected"]
    }
    assert receivers == {"Manager", "DeskClerk"}
