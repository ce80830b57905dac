"""Upgrade 1015: a 1014 site gets the ``legal_revision`` column, filled for
the legal documents it has (the reviewer's mark for the systematisation)."""

from datetime import date
from dienbien.policy.upgrades.v1015_legal_lists import add_revision_column
from plone import api


def test_upgrade_from_1014(integration):
    portal = integration["portal"]
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=portal["van-ban-qppl"],
            type="LegalDocument",
            id="12-2024-qd-ubnd",
            notation="12/2024/QĐ-UBND",
            doctype="decision",
            signer="Trần Văn Dũng",
            signed=date(2024, 3, 1),
            in_force_from=date(2024, 3, 15),
            summary="Quy định quản lý chợ",
        )
        document.revision = "replace"
        document.revision_reason = "Không còn phù hợp"
        # As a 1014 site: no column.
        catalog.delColumn("legal_revision")
        assert add_revision_column(portal.portal_setup) == 1

    [brain] = catalog.unrestrictedSearchResults(portal_type="LegalDocument")
    assert brain.legal_revision == ("replace", "Không còn phù hợp")
