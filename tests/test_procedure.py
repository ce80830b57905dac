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


def _classic_add(client, **changes):
    """The classic add form, sent as a browser sends it (every field as the
    page gives it, then ``changes``); its fields span three fieldsets
    (z3c.form groups)."""
    from lxml import html

    page = client.get(f"{CATALOGUE}/++add++Procedure", headers={"Accept": "text/html"})
    assert page.status_code == 200
    form = html.fromstring(page.text).get_element_by_id("form")
    data = [(name, value) for name, value in form.form_values()]
    data = [(name, value) for name, value in data if name not in changes]
    data += [(name, value) for name, value in changes.items() if value is not None]
    data.append(("form.buttons.save", "Lưu"))
    return client.post(
        f"{CATALOGUE}/++add++Procedure",
        data=data,
        headers={"Accept": "text/html"},
        allow_redirects=False,
    )


RIGHT = {
    "form.widgets.IBasic.title": "Đăng ký khai sinh",
    "form.widgets.code": "1.001193",
    "form.widgets.field:list": "ho-tich",
    "form.widgets.level:list": "commune",
    "form.widgets.channels.0.widgets.channel:list": "in_person",
    "form.widgets.channels.0.widgets.time_value": "1",
    "form.widgets.channels.0.widgets.time_unit:list": "working_days",
    "form.widgets.channels.0.widgets.fee": "0",
    "form.widgets.online_service:list": "full",
}


def test_the_classic_add_form_judges_the_whole_procedure(manager):
    """The rules see every fieldset's fields at once: they were run again
    for each fieldset with only its fields, and refused a right procedure
    (a channel "missing" beside the code, a code "missing" beside the
    channels)."""
    before = count(manager)
    refused = _classic_add(manager, **{**RIGHT, "form.widgets.code": "1.001x"})
    assert refused.status_code == 200
    assert count(manager) == before
    saved = _classic_add(manager, **RIGHT)
    assert saved.status_code == 302
    assert saved.headers["Location"] == (
        manager.base_url + f"/{CATALOGUE}/1-001193/view"
    ) or saved.headers["Location"].endswith(f"/{CATALOGUE}/1-001193")
    assert count(manager) == before + 1
