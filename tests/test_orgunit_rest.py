"""OrgUnit over real HTTP: create, read, update, and every refusal is a 400
naming the field, with nothing stored."""

import pytest


UNITS = "to-chuc"


def create(client, **fields):
    body = {"@type": "OrgUnit", **fields}
    return client.post(UNITS, json=body)


def errors(response) -> dict:
    """The problems of a 400, by field: ``{"kind": "Loại đơn vị ..."}``."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    return {error["field"]: error["message"] for error in body["errors"]}


@pytest.fixture
def district(manager):
    response = create(
        manager,
        title="UBND huyện Điện Biên",
        kind="district",
        code="H15.50",
        abbreviation="UBND",
    )
    assert response.status_code == 201, response.text
    return response.json()


def count_units(client):
    return client.get(f"{UNITS}?fullobjects=0").json()["items_total"]


def test_create_and_read(manager, anonymous, district):
    assert district["code"] == "H15.50"
    assert district["@id"].endswith("/to-chuc/h15-50")
    response = create(
        manager,
        title="Phòng Tư pháp",
        kind="agency",
        code="H15.50.03",
        abbreviation="TP",
        parent="H15.50",
        valid_from="2020-01-01",
    )
    assert response.status_code == 201, response.text
    agency = anonymous.get(response.json()["@id"]).json()
    assert agency["kind"]["token"] == "agency"
    assert agency["parent"]["token"] == "H15.50"
    assert agency["valid_from"] == "2020-01-01"


def test_update(manager, district):
    url = district["@id"]
    response = manager.patch(
        url, json={"title": "Huyện Điện Biên", "valid_to": "2025-06-30"}
    )
    assert response.status_code == 204, response.text
    unit = manager.get(url).json()
    assert unit["title"] == "Huyện Điện Biên"
    assert unit["valid_to"] == "2025-06-30"


def test_unknown_kind(manager):
    before = count_units(manager)
    problems = errors(create(manager, title="X", kind="town", code="X1"))
    assert list(problems) == ["kind"]
    assert "town" in problems["kind"]
    assert count_units(manager) == before


def test_duplicate_code(manager, district):
    before = count_units(manager)
    problems = errors(create(manager, title="Khác", kind="agency", code="H15.50"))
    assert list(problems) == ["code"]
    assert "H15.50" in problems["code"]
    assert count_units(manager) == before


def test_valid_to_before_valid_from(manager, district):
    response = manager.patch(
        district["@id"], json={"valid_from": "2025-07-01", "valid_to": "2025-06-30"}
    )
    assert list(errors(response)) == ["valid_to"]
    unit = manager.get(district["@id"]).json()
    assert unit["valid_from"] is None and unit["valid_to"] is None


def test_parent_cycle(manager, district):
    child = create(
        manager, title="Xã A", kind="commune", code="H15.50.05.01", parent="H15.50"
    )
    assert child.status_code == 201
    response = manager.patch(district["@id"], json={"parent": "H15.50.05.01"})
    assert list(errors(response)) == ["parent"]
    assert manager.get(district["@id"]).json()["parent"] is None


def test_unknown_parent(manager):
    before = count_units(manager)
    response = create(manager, title="X", kind="agency", code="X2", parent="NOPE")
    assert "NOPE" in errors(response)["parent"]
    assert count_units(manager) == before


def test_messages_in_vietnamese(manager, district):
    response = create(manager, title="Khác", kind="agency", code="H15.50")
    assert "đã được dùng cho" in errors(response)["code"]


def test_anonymous_cannot_create(anonymous):
    response = create(anonymous, title="X", kind="agency", code="X3")
    assert response.status_code == 401


def test_member_cannot_create(http, functional_portal):
    from plone.app.testing import TEST_USER_NAME
    from plone.app.testing import TEST_USER_PASSWORD

    member = http(TEST_USER_NAME, TEST_USER_PASSWORD)
    response = create(member, title="X", kind="agency", code="X4")
    assert response.status_code in (401, 403)
