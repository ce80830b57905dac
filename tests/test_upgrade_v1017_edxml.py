"""Upgrade 1017: a 1016 site gets the address book (types, folder, who keeps
it) and the ``document_exchange_keys`` index, filled for its incoming
documents."""

from correspondence_steps import incoming
from dienbien.policy.upgrades.v1017_edxml import add_address_book
from dienbien.policy.upgrades.v1017_edxml import add_exchange_keys_index
from plone import api


def test_upgrade_from_1016(offices_portal):
    portal = offices_portal
    document = incoming(portal, register=False)
    catalog = portal.portal_catalog
    # As a 1016 site: no book, no types, no index.
    api.content.delete(obj=portal["so-dia-chi"])
    portal.portal_types.manage_delObjects(["AddressBook", "ExternalOrganisation"])
    catalog.delIndex("document_exchange_keys")

    with api.env.adopt_roles(["Manager"]):
        add_address_book(portal.portal_setup)
        assert add_exchange_keys_index(portal.portal_setup) == 1

    book = portal["so-dia-chi"]
    assert book.portal_type == "AddressBook"
    assert "ExternalOrganisation" in portal.portal_types
    roles = {
        r["name"]
        for r in book.rolesOfPermission("Modify portal content")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator", "Clerical"}
    keys = "triple:123|snv-vp|sở nội vụ tỉnh điện biên"
    found = catalog.unrestrictedSearchResults(document_exchange_keys=keys)
    assert [brain.UID for brain in found] == [api.content.get_uuid(document)]
