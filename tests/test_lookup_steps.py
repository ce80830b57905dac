"""The public lookup tells the citizen what happened and what to do (issue 9,
item 5): each step named, the papers a supplement request asks for and its
reason, the current appointment — still without any personal data."""

from dienbien.policy.dossiers import ratelimit

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
    # Staff login ids: who handled a step is not the public's business.
    "clerk",
    "officer",
]
REQUEST = "1. Bản sao Giấy khai sinh\n2. Ảnh 4x6\nLý do: thiếu giấy tờ chứng minh"


@pytest.fixture(autouse=True)
def fresh_limit():
    ratelimit.reset()
    yield
    ratelimit.reset()


def step(client, dossier, transition, comment=None):
    body = {"comment": comment} if comment else {}
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == 200, response.text


@pytest.fixture
def in_supplement(staff, clock):
    clerk, officer = staff["clerk"], staff["officer"]
    created = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    )
    assert created.status_code == 201, created.text
    dossier = created.json()
    step(clerk, dossier, "transfer")
    clock("2026-03-03T14:15")
    step(officer, dossier, "request_supplement", REQUEST)
    return dossier


def lookup(client, code, digits="5678"):
    return client.post("@dossier-status", json={"code": code, "digits": digits})


def test_steps_are_named(anonymous, in_supplement):
    data = lookup(anonymous, in_supplement["code"]).json()
    assert [
        (s["action"], s["title"], s["unit_title"], s["time"]) for s in data["steps"]
    ] == [
        ("accepted", "Tiếp nhận", "Bộ phận Một cửa huyện", "2026-03-03T09:00:00+07:00"),
        ("transferred", "Chuyển xử lý", "Phòng Tư pháp", "2026-03-03T10:00:00+07:00"),
        (
            "supplement_requested",
            "Yêu cầu bổ sung",
            "Bộ phận Một cửa huyện",
            "2026-03-03T14:15:00+07:00",
        ),
    ]


def test_supplement_papers_reason_and_instruction(anonymous, in_supplement):
    data = lookup(anonymous, in_supplement["code"]).json()
    assert data["status"] == {"code": 5, "title": "Yêu cầu bổ sung giấy tờ"}
    assert data["supplement"] == {
        "requested": "2026-03-03T14:15:00+07:00",
        "papers": ["Bản sao Giấy khai sinh", "Ảnh 4x6"],
        "reason": "thiếu giấy tờ chứng minh",
    }
    assert data["instruction"] == {
        "action": "bring_supplement",
        "text": "Ông/Bà vui lòng mang các giấy tờ dưới đây đến Bộ phận Một cửa "
        "huyện, kèm giấy tiếp nhận hồ sơ. Hồ sơ được giải quyết tiếp khi đã "
        "bổ sung đầy đủ.",
    }


def test_after_the_supplement_arrives(anonymous, staff, in_supplement, clock):
    clock("2026-03-04T08:00")
    step(staff["clerk"], in_supplement, "receive_supplement")
    data = lookup(anonymous, in_supplement["code"]).json()
    assert data["supplement"] is None
    assert data["steps"][-1]["title"] == "Nhận bổ sung"
    assert data["instruction"]["action"] == "wait"
    # The clock restarts from zero (the default rule): one working day.
    assert data["appointment"] == "2026-03-05T08:00:00+07:00"


def test_english(anonymous, in_supplement):
    anonymous.cookies.set("I18N_LANGUAGE", "en")
    data = lookup(anonymous, in_supplement["code"]).json()
    assert [s["title"] for s in data["steps"]] == [
        "Accepted",
        "Sent for processing",
        "Supplement requested",
    ]
    assert data["instruction"]["text"].startswith(
        "Bring the papers listed below to Bộ phận Một cửa huyện"
    )


def test_still_no_personal_data(anonymous, in_supplement):
    body = lookup(anonymous, in_supplement["code"]).json()
    text = json.dumps(body, ensure_ascii=False)
    for value in PERSONAL:
        assert value not in text
    assert all(
        set(s) == {"time", "unit", "unit_title", "action", "title"}
        for s in body["steps"]
    )


def test_page_shows_steps_papers_and_appointment(http, in_supplement):
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.post(
        "tra-cuu-ho-so", data={"code": in_supplement["code"], "verify": "7890"}
    )
    assert page.status_code == 200
    text = page.text
    for expected in (
        "Yêu cầu bổ sung giấy tờ",
        "<li>Bản sao Giấy khai sinh</li>",
        "<li>Ảnh 4x6</li>",
        "thiếu giấy tờ chứng minh",
        "Chuyển xử lý",
        "14:15 03/03/2026",
        "Ông/Bà vui lòng mang các giấy tờ dưới đây đến Bộ phận Một cửa huyện",
    ):
        assert expected in text
    for value in PERSONAL[:6]:
        assert value not in text
    # Not the site's tagline as the page's description.
    assert 'class="documentDescription' not in text


def test_other_notes_stay_inside(anonymous, staff, in_supplement, clock):
    """Only the supplement request's note is for the applicant: the notes of
    other steps may name people and never leave the dossier."""
    clock("2026-03-04T08:00")
    step(staff["clerk"], in_supplement, "receive_supplement")
    step(staff["clerk"], in_supplement, "transfer", "Chuyển cho ông Lò Văn Tâm")
    step(staff["leader"], in_supplement, "stop", "Ông Lò Văn Tâm khiếu nại")
    data = lookup(anonymous, in_supplement["code"]).json()
    text = json.dumps(data, ensure_ascii=False)
    assert "Lò Văn Tâm" not in text
    assert "Bản sao Giấy khai sinh" not in text  # the request is over
    assert data["supplement"] is None
    assert data["steps"][-1]["title"] == "Dừng xử lý"
    assert data["instruction"]["action"] == "ask_desk"


def test_answer_conforms_to_the_openapi_document(anonymous, staff, in_supplement):
    from test_openapi import conforms

    # In supplement (papers, reason), then waiting again (no supplement).
    conforms("/@dossier-status", "POST", lookup(anonymous, in_supplement["code"]))
    step(staff["clerk"], in_supplement, "receive_supplement")
    conforms("/@dossier-status", "POST", lookup(anonymous, in_supplement["code"]))
    answer = anonymous.get(
        "@dossier-status", params={"code": in_supplement["code"], "verify": "5678"}
    )
    conforms("/@dossier-status", "GET", answer)
