"""The one error envelope, and the inputs that used to answer 500."""

from test_dossier_lifecycle import DOSSIER
from test_dossier_lifecycle import receive
from test_dossier_lifecycle import step

import pytest


def fields(response) -> list[str]:
    """The fields a 400 names, after checking the envelope's shape."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    assert set(body) >= {"type", "message", "errors"}
    for error in body["errors"]:
        assert set(error) == {"field", "message"}
        assert error["message"]
        joined = f"{error['field']}: " if error["field"] else ""
        assert joined + error["message"] in body["message"]
    return [error["field"] for error in body["errors"]]


# Repeated query parameters reached the code as lists (500 before).


@pytest.mark.parametrize("name", ["level", "q", "b_size", "field"])
def test_repeated_parameter_on_procedures(anonymous, name):
    response = anonymous.get("@procedures", params=[(name, "1"), (name, "2")])
    assert fields(response) == [name]


def test_repeated_parameter_on_the_catalogue_page(http, procedure_catalogue):
    page = http()
    page.headers["Accept"] = "text/html"
    response = page.get(
        "thu-tuc-hanh-chinh", params=[("level", "commune"), ("level", "district")]
    )
    # People who edit the URL get the page with a note, not an error.
    assert response.status_code == 200
    assert "level:" in response.text
    assert "Đăng ký khai sinh" in response.text


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        (
            "@due-date",
            [("accepted", "2026-03-03T09:00"), ("days", "1"), ("days", "2")],
            "days",
        ),
        ("@working-calendar", [("year", "2026"), ("year", "2027")], "year"),
    ],
)
def test_repeated_parameter_elsewhere(anonymous, path, params, name):
    assert fields(anonymous.get(path, params=params)) == [name]


def test_repeated_parameter_on_dossiers_and_stats(staff):
    leader = staff["leader"]
    response = leader.get("@dossiers", params=[("state", "accepted")] * 2)
    assert fields(response) == ["state"]
    response = leader.get(
        "@dossier-stats", params=[("from", "2026-01-01"), ("to", "2026-01-31")] * 2
    )
    assert fields(response) == ["from", "to"]


# Year 9999 overflowed Python's dates (500 before).


@pytest.mark.parametrize(
    "accepted", ["9999-12-31T16:00:00", "0001-01-01T00:00:00+07:00", "1999-12-31"]
)
def test_due_date_outside_the_calendar(anonymous, accepted):
    response = anonymous.get("@due-date", params={"accepted": accepted, "days": "1"})
    assert fields(response) == ["accepted"]
    assert "2000" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"from": "9999-12-01", "to": "9999-12-31"}, ["from", "to"]),
        ({"from": "2026-01-01", "to": "9999-12-31"}, ["to"]),
    ],
)
def test_stats_outside_the_calendar(staff, params, names):
    response = staff["leader"].get("@dossier-stats", params=params)
    assert fields(response) == names


def test_stats_workbook_outside_the_calendar(http, staff):
    page = http("leader", "mat-khau-thu-nghiem")
    page.headers["Accept"] = "text/html"
    response = page.get(
        "@@dossier-stats.xlsx", params={"from": "2026-01-01", "to": "9999-12-31"}
    )
    assert response.status_code == 400
    assert response.text.startswith("to: ")


@pytest.mark.parametrize(
    "params",
    [
        {"from": "9999-12-01"},
        {"from": "2026-12-01", "to": "9999-12-31"},
        {"from": "0001-01-01", "to": "2026-01-01"},
    ],
)
def test_register_outside_the_calendar(http, staff, params):
    page = http("clerk", "mat-khau-thu-nghiem")
    page.headers["Accept"] = "text/html"
    response = page.get("ho-so/@@register-06", params=params)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text
    assert page.get("ho-so/@@register-06.docx", params=params).status_code == 400


# A macro library published as a page (500 before, on any context).


@pytest.mark.parametrize(
    "where", ["", "thu-tuc-hanh-chinh", "thu-tuc-hanh-chinh/1-001193"]
)
def test_procedure_macros_is_not_a_page(http, procedure_catalogue, where):
    page = http()
    page.headers["Accept"] = "text/html"
    response = page.get(f"{where}/@@procedure-macros".lstrip("/"))
    assert response.status_code == 404
    # The procedure page still uses the macro.
    response = page.get("thu-tuc-hanh-chinh/1-001193")
    assert response.status_code == 200
    assert "1.001193" in response.text


# Bodies: ours answer in the envelope, never 500.


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("not json", "body"),
        ("[1, 2]", "body"),
        ('{"new_appointment": "2099-01-05T16:00:00", "reason": 5}', "reason"),
        (
            '{"new_appointment": "9999-12-31T23:59:00+14:00", "reason": "x"}',
            "new_appointment",
        ),
        ('{"new_appointment": "2099-01-05T16:00:00", "reason": "x", "x": 1}', "x"),
    ],
)
def test_apology_bodies(staff, body, field):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    response = officer.post(
        f"{dossier['@id']}/@apology",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    assert field in fields(response)


@pytest.mark.parametrize(
    ("transition", "body", "field"),
    [
        ("withdraw", {}, "comment"),
        ("withdraw", {"comment": 5}, "comment"),
        ("withdraw", {"comment": "x", "effective": "2026-01-01"}, "effective"),
        ("publish", {}, "transition"),
    ],
)
def test_workflow_bodies(staff, transition, body, field):
    clerk = staff["clerk"]
    dossier = receive(clerk)
    response = clerk.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert field in fields(response)


def test_dossier_creation_in_the_envelope(staff, manager):
    response = staff["clerk"].post(
        "ho-so", json={**DOSSIER, "applicant_phone": "abc", "applicant_id_number": ""}
    )
    assert "applicant_phone" in fields(response)
    response = staff["clerk"].post(
        "ho-so", json={**DOSSIER, "accepted": "9999-12-31T23:59:00-12:00"}
    )
    assert fields(response) == ["accepted"]
    response = staff["clerk"].post(
        "ho-so", data="{", headers={"Content-Type": "application/json"}
    )
    assert fields(response) == ["body"]
    assert manager.get("ho-so").json()["items_total"] == 0


def test_dossiers_due_before_outside_the_calendar(staff):
    response = staff["leader"].get(
        "@dossiers", params={"due_before": "0001-01-01T00:00:00+07:00"}
    )
    assert fields(response) == ["due_before"]


# Found by the fuzzer (tests/test_api_fuzz.py).


@pytest.mark.parametrize("q", ["\U000496a6\x9e)", "-", "- khai", "\x00"])
def test_search_words_the_index_cannot_hold(http, procedure_catalogue, q):
    """Only words the full-text index drops: nothing found (500 before)."""
    response = http().get("@procedures", params={"q": q})
    assert response.status_code == 200, response.text
    page = http()
    page.headers["Accept"] = "text/html"
    assert page.get("thu-tuc-hanh-chinh", params={"q": q}).status_code == 200


def test_plone_restapi_bad_requests_in_the_envelope(staff, manager):
    """plone.restapi's own 400s on our site carry ``errors`` too."""
    body = {key: value for key, value in DOSSIER.items() if key != "@type"}
    response = staff["clerk"].post("ho-so", json=body)
    assert fields(response) == [""]
    assert response.json()["message"] == "Property '@type' is required"
    response = manager.patch(
        "@controlpanels/dienbien-settings", json={"morning_start": "7h"}
    )
    # The settings' rules run over the whole form (an invariant): no field.
    assert fields(response) == [""]
    assert "morning_start" in response.json()["errors"][0]["message"]


def test_step_refused_to_the_function_is_a_plone_403(staff):
    dossier = receive(staff["clerk"])
    response = staff["officer"].post(f"{dossier['@id']}/@workflow/transfer", json={})
    assert response.status_code == 403
    assert response.json() == {
        "type": "Forbidden",
        "message": "transfer is not allowed to you in state accepted.",
    }


@pytest.mark.parametrize("papers", [[[None, None]], "papers", [1], {"name": "x"}])
def test_rows_that_are_not_objects(staff, manager, papers):
    response = staff["clerk"].post("ho-so", json={**DOSSIER, "papers": papers})
    assert "papers" in fields(response)
    assert manager.get("ho-so").json()["items_total"] == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [({"handling_unit": {}}, "handling_unit"), ({"channel": ["online"]}, "channel")],
)
def test_choices_that_are_not_text(staff, change, field):
    response = staff["clerk"].post("ho-so", json={**DOSSIER, **change})
    assert field in fields(response)


def test_repeated_code_on_the_status_page(http, one_stop):
    page = http()
    page.headers["Accept"] = "text/html"
    response = page.get("tra-cuu-ho-so", params=[("code", "A"), ("code", "B")])
    assert response.status_code == 200


@pytest.mark.parametrize("body", ["[null, null]", "{", "5"])
def test_patch_bodies_that_are_not_objects(staff, manager, body):
    dossier = receive(staff["clerk"])
    for client, path in (
        (staff["clerk"], dossier["@id"]),
        (manager, "to-chuc/h15-50-03"),
    ):
        response = client.patch(
            path, data=body, headers={"Content-Type": "application/json"}
        )
        assert fields(response) == ["body"]


@pytest.mark.parametrize("name", ["@type", "id", "title"])
def test_content_creation_fields_read_as_text(staff, name):
    # plone.restapi read them as text before any check of ours (500 before).
    response = staff["clerk"].post("ho-so", json={**DOSSIER, name: [None, None]})
    assert fields(response) == [name]


def test_content_creation_of_a_type_the_folder_does_not_hold(staff):
    # plone.restapi answered 403 in a shape of its own.
    response = staff["clerk"].post("ho-so", json={**DOSSIER, "@type": "AAA"})
    assert fields(response) == ["@type"]
