"""Upgrade 1008: a 1007 site gets the correspondence types, workflows,
permissions, catalog indexes and the documents' folder."""

from dienbien.policy.upgrades.v1008_correspondence import add_correspondence
from plone import api


TYPES = ("DocumentFolder", "OutgoingDocument", "IncomingDocument")
WORKFLOWS = (
    "dienbien_document_folder_workflow",
    "dienbien_outgoing_workflow",
    "dienbien_incoming_workflow",
)


def test_upgrade_from_1007(integration):
    portal = integration["portal"]
    catalog = portal.portal_catalog
    # As a 1007 site: none of it exists.
    with api.env.adopt_roles(["Manager"]):
        portal.manage_delObjects(["van-ban"])
    portal.portal_types.manage_delObjects(list(TYPES))
    portal.portal_workflow.manage_delObjects(list(WORKFLOWS))
    catalog.delIndex("document_kind")
    catalog.delColumn("document_notation")

    with api.env.adopt_roles(["Manager"]):
        add_correspondence(portal.portal_setup)

    assert portal["van-ban"].portal_type == "DocumentFolder"
    assert all(name in portal.portal_types for name in TYPES)
    assert portal.portal_workflow.getChainForPortalType("OutgoingDocument") == (
        "dienbien_outgoing_workflow",
    )
    assert api.content.get_state(portal["van-ban"]) == "internal"
    assert "document_kind" in catalog.indexes()
    assert "document_notation" in catalog.schema()
    roles = {
        r["name"]
        for r in portal.rolesOfPermission("dienbien.policy: Add IncomingDocument")
        if r["selected"]
    }
    assert roles == {"Manager", "Clerical"}
