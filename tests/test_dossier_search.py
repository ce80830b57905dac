"""Staff find a dossier by its applicant (name without diacritics, phone,
ID number); nobody else reaches it, and the catalog keeps no personal data
in clear."""

from conftest import STAFF_PASSWORD
from dienbien.policy.core.applicants import hashed
from dienbien.policy.dossiers.applicants import INDEX
from dienbien.policy.dossiers.applicants import KEY
from zope.annotation.interfaces import IAnnotations

import pytest
import re
import transaction


BASE = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
}
HUONG = {
    **BASE,
    "applicant_name": "Đặng Thị Hường",
    "applicant_phone": "0912 345 678",
    "applicant_id_number": "001203004005",
}
PAO = {**BASE, "applicant_name": "Lò Văn Páo", "applicant_phone": "0987 654 321"}
# Handled by another unit: its officers see it, Phòng Tư pháp's do not.
OTHER_UNIT = {
    **BASE,
    "handling_unit": "H15.50.05",
    "applicant_name": "Đặng Thị Hường",
    "applicant_phone": "0912 345 679",
}
PERSONAL = ("Hường", "Huong", "huong", "0912", "345 678", "345678", "001203004005")


@pytest.fixture
def dossiers(staff, clock):
    clock("2026-03-03T09:00")
    created = {}
    for name, body in (("huong", HUONG), ("pao", PAO), ("other", OTHER_UNIT)):
        response = staff["clerk"].post("ho-so", json=body)
        assert response.status_code == 201, response.text
        created[name] = response.json()
    return created


def codes(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["code"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "q",
    [
        "dang thi huong",
        "Đặng Thị Hường",
        "HUONG",
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "001203004005",
        "001 203 004 005",
        "huong 0912345678",
    ],
)
def test_the_unit_finds_the_dossier(staff, dossiers, q):
    found = codes(staff["officer"].get("@dossiers", params={"q": q}))
    assert found == [dossiers["huong"]["code"]]


def test_the_desk_finds_both_dossiers_of_a_name(staff, dossiers):
    found = codes(staff["clerk"].get("@dossiers", params={"q": "dang thi huong"}))
    assert sorted(found) == sorted(
        [dossiers["huong"]["code"], dossiers["other"]["code"]]
    )


def test_no_partial_numbers_and_no_match(staff, dossiers):
    # The last four digits are the public lookup's secret, not a search key.
    for q in ("5678", "0912", "nguyen", "0912345670"):
        assert codes(staff["clerk"].get("@dossiers", params={"q": q})) == [], q


def test_another_unit_finds_only_its_own(staff, dossiers):
    for q in ("0912345678", "001203004005"):
        assert codes(staff["other_officer"].get("@dossiers", params={"q": q})) == []
    found = codes(staff["other_officer"].get("@dossiers", params={"q": "huong"}))
    assert found == [dossiers["other"]["code"]]


def test_search_in_a_post_body(staff, dossiers):
    response = staff["officer"].post(
        "@dossiers", json={"q": "0912 345 678", "b_size": 10}
    )
    assert codes(response) == [dossiers["huong"]["code"]]
    bad = staff["officer"].post("@dossiers", json=["q"])
    assert bad.status_code == 400
    assert [error["field"] for error in bad.json()["errors"]] == ["body"]


@pytest.mark.parametrize("value", [{}, [], True, 1.5, None])
@pytest.mark.parametrize("name", ["state", "q", "b_size"])
def test_a_post_body_value_that_is_no_parameter_value_is_400(staff, name, value):
    response = staff["officer"].post("@dossiers", json={name: value})
    assert response.status_code == 400, response.text
    assert [error["field"] for error in response.json()["errors"]] == [name]


@pytest.mark.parametrize("q", ["", "  ", "!!!"])
def test_an_empty_search_is_400(staff, dossiers, q):
    response = staff["officer"].get("@dossiers", params={"q": q})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["q"]
    assert not any(value in response.text for value in PERSONAL)


def applicant_hashes(portal, *terms):
    transaction.begin()  # see what the server committed
    return hashed(list(terms), IAnnotations(portal)[KEY])


def test_search_never_reaches_the_index_for_others(
    functional_portal, staff, anonymous, dossiers
):
    phone, name = applicant_hashes(functional_portal, "d:0912345678", "n:huong")
    for params in (
        {INDEX: phone},
        {INDEX: name},
        {INDEX: "0912345678"},
        {"SearchableText": "Hường"},
        {"SearchableText": "0912345678"},
        {"SearchableText": "huong"},
    ):
        assert anonymous.get("@search", params=params).json()["items_total"] == 0
        found = staff["other_officer"].get("@search", params=params).json()
        assert dossiers["huong"]["@id"] not in [i["@id"] for i in found["items"]]
    # The index works: the dossier's own officers reach it through it.
    found = staff["officer"].get("@search", params={INDEX: phone}).json()
    assert [item["@id"] for item in found["items"]] == [dossiers["huong"]["@id"]]
    # Not in the searchable text, even for those who see the dossier.
    found = staff["officer"].get("@search", params={"SearchableText": "Hường"}).json()
    assert found["items_total"] == 0


def test_the_site_search_page_shows_nothing(http, dossiers):
    for user in (None, "other_officer"):
        client = http(user, STAFF_PASSWORD) if user else http()
        client.headers["Accept"] = "text/html"
        html = client.get("@@search", params={"SearchableText": "Hường"}).text
        assert dossiers["huong"]["code"] not in html
        assert "0912" not in html


def test_the_catalog_keeps_no_personal_data(functional_portal, dossiers):
    transaction.begin()
    catalog = functional_portal.portal_catalog
    [brain] = catalog.unrestrictedSearchResults(dossier_code=dossiers["huong"]["code"])
    rid = brain.getRID()
    metadata = repr(catalog.getMetadataForRID(rid))
    indexed = repr(catalog.getIndexDataForRID(rid))
    for value in PERSONAL:
        assert value not in metadata, value
        assert value not in indexed, value
    assert all(
        re.fullmatch(r"[0-9a-f]{20}", t) for t in catalog.getIndexDataForRID(rid)[INDEX]
    )


def test_a_changed_phone_is_found(staff, dossiers):
    url = dossiers["huong"]["@id"]
    response = staff["clerk"].patch(
        url, json={"applicant_phone": "0977 000 111", "reason": "Số mới"}
    )
    assert response.status_code == 204, response.text
    assert codes(staff["officer"].get("@dossiers", params={"q": "0977000111"})) == [
        dossiers["huong"]["code"]
    ]
    assert codes(staff["officer"].get("@dossiers", params={"q": "0912345678"})) == []


def test_the_classic_listing_searches(http, dossiers):
    officer = http("officer", STAFF_PASSWORD)
    officer.headers["Accept"] = "text/html"
    html = officer.post("ho-so/@@dossier-listing", data={"q": "dang thi huong"}).text
    assert dossiers["huong"]["code"] in html
    assert dossiers["pao"]["code"] not in html
    everything = officer.get("ho-so").text
    assert dossiers["huong"]["code"] in everything
    assert dossiers["pao"]["code"] in everything
    assert dossiers["other"]["code"] not in everything
    other = http("other_officer", STAFF_PASSWORD)
    other.headers["Accept"] = "text/html"
    html = other.post("ho-so/@@dossier-listing", data={"q": "0912345678"}).text
    assert dossiers["huong"]["code"] not in html
    assert "Không tìm thấy hồ sơ nào." in html


def test_upgrade_indexes_existing_dossiers(functional_portal, staff, dossiers):
    from dienbien.policy.upgrades import v1004

    transaction.begin()
    catalog = functional_portal.portal_catalog
    catalog.delIndex(INDEX)
    transaction.commit()
    assert v1004.add_applicant_index() == 3
    transaction.commit()
    found = codes(staff["officer"].get("@dossiers", params={"q": "0912345678"}))
    assert found == [dossiers["huong"]["code"]]
