"""A unit's drafting departments (abbreviation + title), over REST and in
the classic edit form; units saved before the field have none."""

from plone import api

import html
import pytest
import re
import transaction


UNITS = "to-chuc"
DEPARTMENTS = [
    {"abbreviation": "VP", "title": "Văn phòng HĐND và UBND"},
    {"abbreviation": "TCKH", "title": "Phòng Tài chính - Kế hoạch"},
]


def errors(response) -> dict:
    assert response.status_code == 400, response.text
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.fixture
def district(manager):
    response = manager.post(
        UNITS,
        json={
            "@type": "OrgUnit",
            "title": "UBND huyện Điện Biên",
            "kind": "district",
            "code": "H15.50",
            "abbreviation": "UBND",
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_a_new_unit_has_no_departments(district):
    assert district["departments"] == []


def test_departments_over_rest(manager, district):
    url = district["@id"]
    response = manager.patch(
        url, json={"departments": DEPARTMENTS, "place": "Điện Biên"}
    )
    assert response.status_code == 204, response.text
    unit = manager.get(url).json()
    assert unit["departments"] == DEPARTMENTS
    assert unit["place"] == "Điện Biên"


def test_bad_rows_are_refused_and_nothing_stored(manager, district):
    url = district["@id"]
    assert manager.patch(url, json={"departments": DEPARTMENTS}).status_code == 204
    response = manager.patch(
        url,
        json={
            "departments": [
                {"abbreviation": "VP", "title": "Văn phòng"},
                {"abbreviation": "vp", "title": "Văn phòng 2"},
            ]
        },
        headers={"Accept-Language": "vi"},
    )
    assert errors(response) == {
        "departments": "Dòng 2: ký hiệu vp đã có ở dòng 1.",
    }
    assert manager.get(url).json()["departments"] == DEPARTMENTS
    response = manager.patch(
        url, json={"departments": [{"abbreviation": "T-CKH", "title": "Tài chính"}]}
    )
    assert list(errors(response)) == ["departments"]
    response = manager.patch(url, json={"departments": "VP"})
    assert list(errors(response)) == ["departments"]


def test_a_unit_saved_before_the_field_reads_no_rows(
    functional_portal, manager, district
):
    transaction.begin()  # see what the server committed
    unit = functional_portal[UNITS]["h15-50"]
    # As stored by profile 1007 and before: no attribute at all.
    unit.__dict__.pop("departments", None)
    unit._p_changed = True
    transaction.commit()
    assert unit.departments == []
    assert manager.get(district["@id"]).json()["departments"] == []


def test_departments_in_the_edit_form(manager, district):
    url = district["@id"]
    page = manager.get(f"{url}/edit", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "form.widgets.departments" in text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', text).group(1)
    data = {
        "_authenticator": token,
        "form.widgets.IBasic.title": "UBND huyện Điện Biên",
        "form.widgets.kind:list": "district",
        "form.widgets.code": "H15.50",
        "form.widgets.abbreviation": "UBND",
        "form.widgets.place": "Điện Biên",
        "form.widgets.departments.count": "2",
        "form.widgets.departments.0-empty-marker": "1",
        "form.widgets.departments.1-empty-marker": "1",
        "form.widgets.departments.0.widgets.abbreviation": "VP",
        "form.widgets.departments.0.widgets.title": "Văn phòng HĐND và UBND",
        "form.widgets.departments.1.widgets.abbreviation": "TCKH",
        "form.widgets.departments.1.widgets.title": "Phòng Tài chính - Kế hoạch",
        "form.buttons.save": "Lưu",
    }
    response = manager.post(f"{url}/edit", data=data, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text[-3000:]
    assert manager.get(url).json()["departments"] == DEPARTMENTS
    # A repeated abbreviation is refused with the rule's message.
    data["form.widgets.departments.1.widgets.abbreviation"] = "vp"
    data["_authenticator"] = token
    response = manager.post(
        f"{url}/edit",
        data=data,
        headers={"Accept": "text/html", "Accept-Language": "vi"},
    )
    assert "Dòng 2: ký hiệu vp đã có ở dòng 1." in html.unescape(response.text)
    assert manager.get(url).json()["departments"] == DEPARTMENTS


def test_every_unit_type_object_defaults(integration):
    portal = integration["portal"]
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    unit = api.content.create(
        container=portal[UNITS],
        type="OrgUnit",
        title="Phòng Tư pháp",
        kind="agency",
        code="H15.50.03",
    )
    assert unit.departments == []
    assert unit.place is None
