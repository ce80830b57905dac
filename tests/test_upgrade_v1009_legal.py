"""Upgrade 1009: a 1008 site gets the legal documents' type, workflow,
validity indexes and the public register /van-ban-qppl."""

from dienbien.policy.upgrades.v1009_legal import add_legal_documents
from plone import api


def test_upgrade_from_1008(integration):
    portal = integration["portal"]
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        portal.manage_delObjects(["van-ban-qppl"])
    portal.portal_types.manage_delObjects(["LegalDocument", "LegalDocumentFolder"])
    portal.portal_workflow.manage_delObjects(["dienbien_legal_workflow"])
    catalog.delIndex("legal_in_force")
    catalog.delColumn("legal_timeline")

    with api.env.adopt_roles(["Manager"]):
        add_legal_documents(portal.portal_setup)

    assert portal["van-ban-qppl"].portal_type == "LegalDocumentFolder"
    assert api.content.get_state(portal["van-ban-qppl"]) == "published"
    assert portal.portal_workflow.getChainForPortalType("LegalDocument") == (
        "dienbien_legal_workflow",
    )
    index = catalog._catalog.getIndex("legal_in_force")
    assert (index.getSinceField(), index.getUntilField()) == (
        "legal_in_force_since",
        "legal_in_force_until",
    )
    assert "legal_timeline" in catalog.schema()
