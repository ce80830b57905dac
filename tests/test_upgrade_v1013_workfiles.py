"""Upgrade 1013 (work files): a 1012 site gets the work files' types,
workflows, permissions, indexes, tab and folder; run twice, nothing changes."""

from dienbien.policy.upgrades.v1013_workfiles import set_up_workfiles
from plone import api


TYPES = ("WorkFileFolder", "WorkFilePlan", "WorkFile")
WORKFLOWS = (
    "dienbien_workfile_section_workflow",
    "dienbien_workfile_plan_workflow",
    "dienbien_workfile_workflow",
)


def test_upgrade_from_1012(integration):
    portal = integration["portal"]
    catalog = portal.portal_catalog
    # As a 1012 site: none of it exists.
    with api.env.adopt_roles(["Manager"]):
        portal.manage_delObjects(["ho-so-cong-viec"])
    portal.portal_types.manage_delObjects(list(TYPES))
    portal.portal_workflow.manage_delObjects(list(WORKFLOWS))
    catalog.delIndex("workfile_items")
    catalog.delColumn("workfile_symbol")
    portal.portal_actions.portal_tabs.manage_delObjects(["dienbien-workfiles"])

    for _ in range(2):
        with api.env.adopt_roles(["Manager"]):
            set_up_workfiles(portal.portal_setup)

    assert portal["ho-so-cong-viec"].portal_type == "WorkFileFolder"
    assert portal["ho-so-cong-viec"].Title() == "Hồ sơ công việc"
    assert all(name in portal.portal_types for name in TYPES)
    assert portal.portal_workflow.getChainForPortalType("WorkFile") == (
        "dienbien_workfile_workflow",
    )
    # Its one state, as the present profile names it ("published" until 1030).
    assert api.content.get_state(portal["ho-so-cong-viec"]) == "internal"
    assert catalog.Indexes["workfile_items"].meta_type == "KeywordIndex"
    assert "workfile_symbol" in catalog.schema()
    assert "dienbien-workfiles" in portal.portal_actions.portal_tabs
    roles = {
        r["name"]
        for r in portal.rolesOfPermission("dienbien.policy: Keep work files")
        if r["selected"]
    }
    assert roles == {"Clerical", "Officer", "Leader", "FileKeeper"}
