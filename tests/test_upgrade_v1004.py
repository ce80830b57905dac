"""1003 → 1004 on a site with dossiers: the desk's edit permission, the
applicant index (tested with the search), the dossier listing."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import transaction


PROFILE = "dienbien.policy:default"
DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Thị Ún",
    "applicant_phone": "0987 654 321",
}


def test_the_steps_are_registered(functional_portal):
    setup = functional_portal.portal_setup
    steps = setup.listUpgrades(PROFILE, show_old=True)
    titles = [
        step["title"]
        for group in steps
        for step in (group if isinstance(group, list) else [group])
        if step["sdest"] == "1004"
    ]
    assert titles == [
        "The desk edits dossiers under the edit rules",
        "Dossier permissions recomputed",
        "Find a dossier by its applicant",
        "The dossier listing with the applicant search",
    ]


def roles_of(dossier, permission):
    return {
        role["name"]
        for role in dossier.rolesOfPermission(permission)
        if role["selected"]
    }


def test_existing_dossiers_get_the_new_permissions(functional_portal, staff, clock):
    from dienbien.policy.upgrades import v1004

    clock("2026-03-03T09:00")
    created = staff["clerk"].post("ho-so", json=DOSSIER).json()
    url = created["@id"]
    assert staff["clerk"].post(f"{url}/@workflow/transfer").status_code == 200
    transaction.begin()
    dossier = functional_portal["ho-so"][url.rsplit("/", 1)[-1]]
    # As the 1003 workflow left it: officers and leaders edit in processing.
    dossier.manage_permission(
        "Modify portal content", ["Manager", "DossierOfficer", "DossierLeader"], 0
    )
    transaction.commit()
    body = {"applicant_address": "Bản Phủ", "reason": "Chuyển nhà"}
    assert staff["clerk"].patch(url, json=body).status_code == 403
    assert v1004.update_dossier_permissions() == 1
    transaction.commit()
    assert roles_of(dossier, "Modify portal content") == {"Manager", "DossierDesk"}
    assert staff["clerk"].patch(url, json=body).status_code == 204


def test_the_dossier_listing_becomes_the_view(functional_portal):
    from dienbien.policy.upgrades import v1004

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    fti = api.portal.get_tool("portal_types")["DossierFolder"]
    fti.default_view = "listing_view"
    fti.view_methods = ("listing_view", "tabular_view")
    folder = functional_portal["ho-so"]
    folder.setLayout("listing_view")
    v1004.dossier_listing()
    assert fti.default_view == "dossier-listing"
    assert fti.view_methods == ("dossier-listing", "listing_view", "tabular_view")
    assert folder.getLayout() == "dossier-listing"
    transaction.abort()
