"""The public status lookup: what it tells, what it never tells, and its limits."""

from dienbien.policy.dossiers.ratelimit import STATUS_LOOKUPS

import json
import pytest


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Quàng Thị Xuân",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 345 678",
    "applicant_email": "xuan@example.invalid",
    "applicant_address": "Bản Noong Bua, phường Noong Bua",
}
PERSONAL = [
    "Quàng Thị Xuân",
    "011234567890",
    "0912 345 678",
    "0912345678",
    "xuan@example.invalid",
    "Noong Bua",
]


@pytest.fixture(autouse=True)
def fresh_limit():
    STATUS_LOOKUPS.reset()
    yield
    STATUS_LOOKUPS.reset()


@pytest.fixture
def dossier(staff):
    clerk = staff["clerk"]
    created = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    )
    assert created.status_code == 201, created.text
    data = created.json()
    assert clerk.post(f"{data['@id']}/@workflow/transfer").status_code == 200
    return data


def lookup(client, code, verify):
    return client.get("@dossier-status", params={"code": code, "verify": verify})


def test_lookup_by_phone_or_id_digits(anonymous, dossier):
    for verify in ("5678", "7890"):
        response = lookup(anonymous, dossier["code"], verify)
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["status"] == {"code": 4, "title": "Đang xử lý"}
        assert data["procedure"]["title"] == "Chứng thực bản sao từ bản chính"
        assert data["appointment"] == "2026-03-04T09:00:00+07:00"
        assert [step["unit"] for step in data["steps"]] == ["H15.50.MC", "H15.50.03"]
        assert data["steps"][1]["unit_title"] == "Phòng Tư pháp"


def test_no_personal_data_anywhere(anonymous, dossier):
    body = lookup(anonymous, dossier["code"], "5678").text
    text = json.dumps(json.loads(body), ensure_ascii=False)
    for value in PERSONAL:
        assert value not in text
    data = json.loads(body)
    assert set(data) == {
        "code",
        "status",
        "procedure",
        "accepted",
        "appointment",
        "returned",
        "steps",
    }
    assert all(set(step) == {"time", "unit", "unit_title"} for step in data["steps"])


def test_unknown_code_and_wrong_verify_look_the_same(anonymous, dossier):
    wrong = lookup(anonymous, dossier["code"], "0000")
    unknown = lookup(anonymous, "H15.50.MC-260303-9999", "5678")
    missing = lookup(anonymous, dossier["code"], "")
    # The code, not the dossier's id.
    as_id = lookup(anonymous, dossier["id"], "5678")
    junk = lookup(anonymous, "../../acl_users", "5678")
    answers = [wrong, unknown, missing, as_id, junk]
    assert {response.status_code for response in answers} == {404}
    assert all(response.json() == wrong.json() for response in answers)


def test_too_many_lookups(anonymous, dossier):
    for _ in range(20):
        assert lookup(anonymous, dossier["code"], "0000").status_code == 404
    response = lookup(anonymous, dossier["code"], "5678")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1


def test_staff_view_is_not_public(anonymous, dossier):
    assert anonymous.get(dossier["@id"]).status_code == 401
    assert anonymous.get("ho-so").status_code == 401
    found = anonymous.get("@search", params={"portal_type": "Dossier"}).json()
    assert found["items_total"] == 0


def test_classic_lookup_page(http, dossier):
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.get(
        "tra-cuu-ho-so", params={"code": dossier["code"], "verify": "7890"}
    )
    assert page.status_code == 200
    assert "Đang xử lý" in page.text
    assert "Phòng Tư pháp" in page.text
    for value in PERSONAL:
        assert value not in page.text
    wrong = browser.get(
        "tra-cuu-ho-so", params={"code": dossier["code"], "verify": "1111"}
    )
    assert "Không tìm thấy hồ sơ" in wrong.text


def test_dossier_with_an_id_of_its_own_is_found(staff, anonymous):
    """A REST client may choose a dossier's id; the lookup still finds it
    by its code (through the catalog)."""
    created = staff["clerk"].post(
        "ho-so",
        json={**DOSSIER, "id": "ho-so-rieng", "accepted": "2026-03-03T09:00:00+07:00"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["@id"].endswith("/ho-so-rieng")
    response = lookup(anonymous, created.json()["code"], "5678")
    assert response.status_code == 200, response.text
    assert response.json()["code"] == created.json()["code"]


def test_code_in_lower_case(anonymous, dossier):
    """Typed on a phone: any case will do, the digits still have to match."""
    response = lookup(anonymous, dossier["code"].lower(), "5678")
    assert response.status_code == 200, response.text
    assert response.json()["code"] == dossier["code"]
    assert lookup(anonymous, dossier["code"].lower(), "0000").status_code == 404
