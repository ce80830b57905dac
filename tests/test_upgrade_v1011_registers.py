"""Upgrade 1011: the registers' catalog column, filled for the documents a
1009 site already has."""

from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.upgrades.v1011_registers import add_register_column
from plone import api


def test_upgrade_from_1009(offices_portal, clock):
    portal = offices_portal
    catalog = portal.portal_catalog
    with api.env.adopt_user(username="chuyenvien"):
        document = api.content.create(
            container=portal["van-ban"],
            type="OutgoingDocument",
            id=new_id("outgoing"),
            unit="H15.50",
            doctype="report",
            summary="Báo cáo quý I",
            copies=3,
            file_keeper="Văn phòng",
        )
    # As a 1009 site: no such column.
    catalog.delColumn("document_register")

    add_register_column(portal.portal_setup)

    assert "document_register" in catalog.schema()
    brain = catalog.unrestrictedSearchResults(UID=document.UID())[0]
    assert brain.document_register == {
        "file_keeper": "Văn phòng",
        "copies": 3,
        "sent": None,
    }
    # Run twice, no harm.
    add_register_column(portal.portal_setup)
    assert list(catalog.schema()).count("document_register") == 1


def test_the_step_is_registered_for_1011(setup_tool):
    steps = setup_tool.listUpgrades("dienbien.policy:default", show_old=True)
    titles = {
        step["title"]
        for group in steps
        for step in (group if isinstance(group, list) else [group])
        if step["sdest"] == "1011"
    }
    assert "Registers of official documents" in titles
