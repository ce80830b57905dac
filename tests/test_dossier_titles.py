"""Status, step and timeliness titles in the UI language (Vietnamese by
default, English on request); the slips stay Vietnamese (legal forms)."""

from datetime import datetime
from dienbien.policy.dossiers import lifecycle
from dienbien.policy.dossiers import ratelimit
from lxml import html

import pytest


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Páo",
    "applicant_phone": "0912 345 678",
    "accepted": "2026-03-03T09:00:00+07:00",
}
EXPECTED = {
    "vi": {
        "status": "Đã xử lý xong",
        "steps": [
            ("Tiếp nhận hồ sơ", "Trước hạn"),
            ("Chuyển hồ sơ đến cơ quan giải quyết", "Trước hạn"),
            ("Hoàn thành xử lý hồ sơ", "Quá hạn"),
        ],
    },
    "en": {
        "status": "Resolved",
        "steps": [
            ("Accept the dossier", "Early"),
            ("Transfer to the handling unit", "Early"),
            ("Complete the processing", "Late"),
        ],
    },
}


@pytest.fixture
def resolved(staff, monkeypatch):
    """Accepted 3 March 09:00 (due 4 March 09:00), transferred an hour
    later, resolved a day late."""
    ratelimit.reset()
    clerk, officer = staff["clerk"], staff["officer"]
    created = clerk.post("ho-so", json=DOSSIER)
    assert created.status_code == 201, created.text
    dossier = created.json()
    for moment, client, transition in (
        (datetime(2026, 3, 3, 10, 0), clerk, "transfer"),
        (datetime(2026, 3, 5, 10, 0), officer, "resolve"),
    ):
        monkeypatch.setattr(lifecycle, "now", lambda moment=moment: moment)
        response = client.post(f"{dossier['@id']}/@workflow/{transition}")
        assert response.status_code == 200, response.text
    yield dossier
    ratelimit.reset()


def in_language(client, language):
    client.cookies.set("I18N_LANGUAGE", language)
    return client


def page(client, url, **kwargs):
    response = client.get(url, headers={"Accept": "text/html"}, **kwargs)
    assert response.status_code == 200, response.text
    return html.fromstring(response.text)


def text(tree, selector) -> list[str]:
    return [node.text_content().strip() for node in tree.cssselect(selector)]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dossier_page(staff, resolved, language):
    officer = in_language(staff["officer"], language)
    tree = page(officer, resolved["@id"])
    assert text(tree, ".dossier-state-title") == [EXPECTED[language]["status"]]
    rows = tree.cssselect(".dossier-log tbody tr")
    assert [
        (row[1].text_content().strip(), row[6].text_content().strip()) for row in rows
    ] == EXPECTED[language]["steps"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_rest_titles(staff, resolved, language):
    officer = in_language(staff["officer"], language)
    title = EXPECTED[language]["status"]
    assert officer.get(resolved["@id"]).json()["status_title"] == title
    listed = officer.get("@dossiers").json()["items"]
    assert [item["status_title"] for item in listed] == [title]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_lookup(http, resolved, language):
    citizen = in_language(http(), language)
    body = {"code": resolved["code"], "digits": "5678"}
    answer = citizen.post("@dossier-status", json=body).json()
    assert answer["status"] == {"code": 9, "title": EXPECTED[language]["status"]}
    response = citizen.post(
        "tra-cuu-ho-so",
        data={"code": resolved["code"], "verify": "5678"},
        headers={"Accept": "text/html"},
    )
    tree = html.fromstring(response.text)
    assert text(tree, ".dossier-status-title") == [EXPECTED[language]["status"]]


def test_slips_stay_vietnamese_in_english(staff, resolved):
    officer = in_language(staff["officer"], "en")
    tree = page(officer, f"{resolved['@id']}/@@slip-05")
    body = tree.text_content()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in body
    for vietnamese, _timeliness in EXPECTED["vi"]["steps"]:
        assert vietnamese in body
    assert "Quá hạn" in body
    for english, _timeliness in EXPECTED["en"]["steps"]:
        assert english not in body


@pytest.mark.parametrize(
    ("language", "headers"),
    [
        (
            "vi",
            [
                "Lĩnh vực",
                "Tiếp nhận",
                "Đã giải quyết",
                "Đang giải quyết",
                "Chờ bổ sung",
                "Dừng xử lý",
                "Rút hồ sơ",
                "Tỷ lệ đúng hạn",
                "Kỳ trước chuyển qua",
                "Mới",
                "Tổng",
                "Trước hạn",
                "Đúng hạn",
                "Quá hạn",
                "Tổng",
                "Trong hạn",
                "Quá hạn",
                "Tổng",
            ],
        ),
        (
            "en",
            [
                "Field",
                "Received",
                "Resolved",
                "In progress",
                "Waiting for supplement",
                "Stopped",
                "Withdrawn",
                "On-time rate",
                "Carried over",
                "New",
                "Total",
                "Early",
                "On time",
                "Late",
                "Total",
                "Within deadline",
                "Overdue",
                "Total",
            ],
        ),
    ],
)
def test_dashboard_timeliness_columns(http, resolved, language, headers):
    from conftest import STAFF_PASSWORD

    leader = in_language(http("leader", STAFF_PASSWORD), language)
    tree = page(leader, "@@dossier-dashboard", params={"year": "2026"})
    assert text(tree, ".dossier-stats-table thead th") == headers
