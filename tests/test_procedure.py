"""The Procedure type over HTTP: validation and who sees what in each state."""

import pytest


CATALOGUE = "thu-tuc-hanh-chinh"

BIRTH = {
    "@type": "Procedure",
    "title": "Đăng ký khai sinh",
    "code": "1.001193",
    "field": "ho-tich",
    "level": "commune",
    "applicants": "Cha, mẹ hoặc người thân thích của trẻ",
    "channels": [
        {
            "channel": "in_person",
            "time_value": 0,
            "time_unit": "same_day",
            "cutoff": "15:00",
            "fee": 0,
        },
        {"channel": "online", "time_value": 1, "time_unit": "working_days", "fee": 0},
    ],
    "components": [
        {
            "name": "Tờ khai đăng ký khai sinh",
            "originals": 1,
            "copies": 0,
            "form": "to-khai.docx",
        },
        {"name": "Giấy chứng sinh", "originals": 1, "copies": 0},
    ],
    "online_service": "full",
}


def errors(response) -> dict:
    assert response.status_code == 400, response.text
    body = response.json()
    return {e["field"]: e["message"] for e in body["errors"]}


def count(client):
    return client.get(CATALOGUE).json()["items_total"]


def test_create_and_read(manager):
    response = manager.post(CATALOGUE, json=BIRTH)
    assert response.status_code == 201, response.text
    data = manager.get(response.json()["@id"]).json()
    assert data["id"] == "1-001193"
    assert data["field"]["title"] == "Hộ tịch"
    assert data["channels"][0]["time_unit"] == "same_day"
    assert data["components"][0]["form"] == "to-khai.docx"
    assert data["review_state"] == "draft"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channels": []}, "channels"),
        ({"code": "abc"}, "code"),
        ({"field": "khong-co"}, "field"),
        ({"level": "country"}, "level"),
        ({"online_service": "partial"}, "online_partial_reason"),
        (
            {
                "channels": [
                    {
                        "channel": "post",
                        "time_value": -1,
                        "time_unit": "working_days",
                        "fee": 0,
                    }
                ]
            },
            "channels.1.time_value",
        ),
        (
            {
                "channels": [
                    {
                        "channel": "post",
                        "time_value": 2,
                        "time_unit": "working_days",
                        "fee": -5,
                    }
                ]
            },
            "channels.1.fee",
        ),
        (
            {"components": [{"name": "Giấy tờ", "originals": -1, "copies": 0}]},
            "components.1.originals",
        ),
    ],
)
def test_bad_values_are_400_naming_the_field(manager, change, field):
    before = count(manager)
    problems = errors(manager.post(CATALOGUE, json={**BIRTH, **change}))
    assert field in problems, problems
    assert count(manager) == before


def test_duplicate_code(manager):
    assert manager.post(CATALOGUE, json=BIRTH).status_code == 201
    problems = errors(manager.post(CATALOGUE, json={**BIRTH, "title": "Khác"}))
    assert "code" in problems


def test_patch_refused_keeps_old_value(manager):
    url = manager.post(CATALOGUE, json=BIRTH).json()["@id"]
    assert "channels" in errors(manager.patch(url, json={"channels": []}))
    assert len(manager.get(url).json()["channels"]) == 2


@pytest.fixture
def procedure_url(manager):
    return manager.post(CATALOGUE, json=BIRTH).json()["@id"]


def transition(client, url, name):
    response = client.post(f"{url}/@workflow/{name}")
    assert response.status_code == 200, response.text
    return response.json()["review_state"]


def test_workflow_visibility(manager, anonymous, procedure_url):
    # Draft: anonymous sees nothing, not even in search.
    assert anonymous.get(procedure_url).status_code == 401
    assert (
        anonymous.get("@search", params={"portal_type": "Procedure"}).json()[
            "items_total"
        ]
        == 0
    )

    assert transition(manager, procedure_url, "submit") == "pending"
    assert anonymous.get(procedure_url).status_code == 401

    assert transition(manager, procedure_url, "publish") == "published"
    assert anonymous.get(procedure_url).status_code == 200
    assert (
        anonymous.get("@search", params={"portal_type": "Procedure"}).json()[
            "items_total"
        ]
        == 1
    )

    assert transition(manager, procedure_url, "abolish") == "abolished"
    page = anonymous.get(procedure_url)
    assert page.status_code == 200
    assert page.json()["review_state"] == "abolished"


def test_anonymous_cannot_create(anonymous):
    assert anonymous.post(CATALOGUE, json=BIRTH).status_code == 401


def test_classic_view_for_anonymous(http, manager, procedure_url):
    transition(manager, procedure_url, "submit")
    transition(manager, procedure_url, "publish")
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.get(procedure_url)
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.text
