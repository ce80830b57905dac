"""A dossier is written to its own indexes and columns only
(``dossiers/catalogue.py``), however it comes to be indexed: received over
HTTP, moved along its steps, edited, or written again by a rebuild of the
whole catalog. Staff still find it by its code in the site's search."""

from conftest import catalog_holds
from dienbien.policy.dossiers.catalogue import COLUMNS
from dienbien.policy.dossiers.catalogue import INDEXES
from dienbien.policy.dossiers.catalogue import NAMES
from plone import api
from test_dossier_bulk_catalog import DOSSIER
from xml.etree import ElementTree

import pathlib
import transaction


PROFILE = pathlib.Path(__file__).parent.parent / "src/dienbien/policy/profiles/default"


#: What a dossier received at the desk holds: every index of its own, and
#: the stock ones it is found and secured by.
RECEIVED = {
    "UID",
    "path",
    "allowedRolesAndUsers",
    "effectiveRange",
    "effective",
    "expires",
    "portal_type",
    "review_state",
    "getId",
    "id",
    "created",
    "modified",
    "SearchableText",
    "dossier_code",
    "dossier_receiving_unit",
    "dossier_handling_unit",
    "dossier_units",
    "dossier_procedure",
    "dossier_field",
    "dossier_channel",
    "dossier_appointment",
    "dossier_accepted",
    "dossier_applicant",
    "dossier_open_months",
}


def test_a_dossier_is_in_its_own_indexes_only(staff, one_stop):
    clerk = staff["clerk"]
    response = clerk.post("ho-so", json=DOSSIER)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    transaction.begin()
    dossier = one_stop["ho-so"][response.json()["id"]]
    catalog = api.portal.get_tool("portal_catalog")
    indexes, columns = catalog_holds(catalog, dossier)
    assert indexes == RECEIVED
    assert columns <= COLUMNS
    assert {"Title", "dossier_code", "dossier_facts", "review_state"} <= columns

    # An edit and a step keep it there.
    edit = clerk.patch(
        url, json={"applicant_phone": "0912 000 222", "reason": "Người nộp đổi số"}
    )
    assert edit.status_code == 204, edit.text
    assert clerk.post(f"{url}/@workflow/transfer").status_code == 200
    transaction.begin()
    indexes, columns = catalog_holds(catalog, dossier)
    assert indexes == RECEIVED
    assert columns <= COLUMNS

    # A rebuild of the whole catalog writes every object to every index:
    # the dossier gives the others nothing but its author and the words of
    # its title and (empty) description, columns of its own. Upgrade 1031's
    # step, run again, takes it out of them.
    catalog.catalog_object(dossier, "/".join(dossier.getPhysicalPath()))
    assert catalog_holds(catalog, dossier) == (
        indexes | {"Title", "Creator"},
        columns,
    )
    from dienbien.policy.upgrades.v1031_dossier_indexes import dossier_indexes

    assert dossier_indexes() == {"Creator": 1, "Description": 1, "Title": 1}
    assert catalog_holds(catalog, dossier) == (indexes, columns)
    transaction.abort()


def test_staff_find_a_dossier_by_its_code_in_the_site_search(staff, one_stop):
    response = staff["clerk"].post("ho-so", json=DOSSIER)
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    found = staff["clerk"].get("@search", params={"SearchableText": code})
    assert found.status_code == 200, found.text
    assert [item["@id"] for item in found.json()["items"]] == [response.json()["@id"]]
    item = found.json()["items"][0]
    assert item["title"] == f"{code} – Chứng thực bản sao từ bản chính"
    assert item["review_state"] == "accepted"
    # An officer of another unit does not see it.
    other = staff["other_officer"].get("@search", params={"SearchableText": code})
    assert other.json()["items"] == []


def test_every_index_and_column_of_dossiers_is_written():
    """A new index or column for dossiers must be named in ``catalogue``,
    else no dossier would be written to it."""
    tree = ElementTree.parse(PROFILE / "catalog.xml")
    indexes = {
        index.get("name")
        for index in tree.iter("index")
        if index.get("name").startswith("dossier_")
    }
    columns = {
        column.get("value")
        for column in tree.iter("column")
        if column.get("value").startswith("dossier_")
    }
    assert indexes == {name for name in INDEXES if name.startswith("dossier_")}
    assert columns == {name for name in COLUMNS if name.startswith("dossier_")}
    assert COLUMNS <= NAMES


def test_the_search_page_shows_a_dossier_found_by_its_code(staff, one_stop):
    """The classic search page reads the author and the dates from the
    columns: a dossier shows its author, no publication date."""
    response = staff["clerk"].post("ho-so", json=DOSSIER)
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    page = staff["clerk"].get("@@search", params={"SearchableText": code})
    assert page.status_code == 200
    html = page.text
    assert f'href="{response.json()["@id"]}"' in html
    assert "documentAuthor" in html
    assert "clerk" in html
    assert "documentPublished" not in html
    assert "Missing.Value" not in html
