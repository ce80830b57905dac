"""The settings over REST: a Manager reads and writes, anonymous is refused."""

import json


PANEL = "@controlpanels/dienbien-settings"


def test_manager_reads_defaults(manager):
    response = manager.get(PANEL)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["morning_start"] == "07:00"
    assert data["morning_end"] == "11:30"
    assert data["afternoon_start"] == "13:30"
    assert data["afternoon_end"] == "17:00"
    assert data["same_day_cutoff"] == "15:00"
    assert data["supplement_rule"]["token"] == "restart"
    assert data["calendar_overrides"] == [
        {
            "day": "2026-01-02",
            "kind": "day_off",
            "reference": "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
            "name": "Nghỉ Tết Dương lịch 2026 (hoán đổi)",
        },
        {
            "day": "2026-01-10",
            "kind": "working_day",
            "reference": "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
            "name": "Làm bù cho ngày 02/01/2026",
        },
    ]
    fields = data["procedure_fields"]
    assert len(fields) == 12
    assert fields[0] == {"id": "ho-tich", "name": "Hộ tịch"}


def test_procedure_fields_as_rows(manager):
    rows = [
        {"id": "ho-tich", "name": "Hộ tịch"},
        {"id": "thi-dua-khen-thuong", "name": "Thi đua, khen thưởng"},
    ]
    response = manager.patch(PANEL, json={"procedure_fields": rows})
    assert response.status_code == 204, response.text
    assert manager.get(PANEL).json()["data"]["procedure_fields"] == rows
    vocabulary = manager.get("@vocabularies/dienbien.policy.ProcedureFields").json()
    assert [(term["token"], term["title"]) for term in vocabulary["items"]] == [
        ("ho-tich", "Hộ tịch"),
        ("thi-dua-khen-thuong", "Thi đua, khen thưởng"),
    ]


def test_bad_procedure_field_rows_are_refused(manager):
    before = manager.get(PANEL).json()["data"]["procedure_fields"]
    rows = [{"id": "Hộ tịch", "name": "Hộ tịch"}, {"id": "y-te", "name": ""}]
    response = manager.patch(PANEL, json={"procedure_fields": rows})
    assert response.status_code == 400, response.text
    assert manager.get(PANEL).json()["data"]["procedure_fields"] == before


def test_manager_writes(manager):
    response = manager.patch(
        PANEL, json={"morning_start": "07:30", "supplement_rule": "resume"}
    )
    assert response.status_code == 204, response.text
    data = manager.get(PANEL).json()["data"]
    assert data["morning_start"] == "07:30"
    assert data["supplement_rule"]["token"] == "resume"


def test_listed_among_controlpanels(manager):
    panels = manager.get("@controlpanels").json()
    assert any(panel["@id"].endswith("/dienbien-settings") for panel in panels)


def test_bad_value_is_refused(manager):
    response = manager.patch(PANEL, json={"morning_start": "7h"})
    assert response.status_code == 400
    assert "morning_start" in response.json()["message"]
    assert "HH:MM" in response.json()["message"]
    assert manager.get(PANEL).json()["data"]["morning_start"] == "07:00"


def test_hours_must_run_forwards(manager):
    response = manager.patch(PANEL, json={"morning_end": "14:00"})
    assert response.status_code == 400
    assert "afternoon_start" in response.json()["message"]
    assert manager.get(PANEL).json()["data"]["morning_end"] == "11:30"


def test_anonymous_refused(anonymous):
    assert anonymous.get(PANEL).status_code == 401
    response = anonymous.patch(PANEL, data=json.dumps({"morning_start": "08:00"}))
    assert response.status_code == 401


def test_classic_form_for_manager(http):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    browser = http(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    browser.headers["Accept"] = "text/html"
    page = browser.get("@@dienbien-settings")
    assert page.status_code == 200
    assert "Giờ bắt đầu buổi sáng" in page.text
    # The overrides and fields are rows of a data grid, one input per cell.
    assert "pat-datagridfield" in page.text
    assert 'value="ho-tich"' in page.text
    assert 'value="Công văn 12729/VPCP-KGVX ngày 25/12/2025"' in page.text
