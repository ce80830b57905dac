"""@dossier-stats over HTTP: the figures, who may see them, the workbook."""

import html
import io
import openpyxl
import pytest
import re


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Người nộp",
    "applicant_phone": "0912 000 999",
}


@pytest.fixture
def dossiers(staff):
    clerk, leader = staff["clerk"], staff["leader"]

    def receive(accepted, channel="in_person"):
        body = {**DOSSIER, "channel": channel, "accepted": accepted}
        response = clerk.post("ho-so", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    # Carried over from February, still in progress (overdue) in March.
    old = receive("2026-02-26T09:00:00+07:00")
    clerk.post(f"{old['@id']}/@workflow/transfer")
    # New in March: one online, resolved (now, so late); one in person, withdrawn.
    online = receive("2026-03-03T09:00:00+07:00", channel="online")
    clerk.post(f"{online['@id']}/@workflow/transfer")
    leader.post(f"{online['@id']}/@workflow/resolve")
    gone = receive("2026-03-05T09:00:00+07:00")
    clerk.post(f"{gone['@id']}/@workflow/withdraw", json={"comment": "Rút"})
    return old, online, gone


def test_march_by_field(staff, dossiers):
    response = staff["leader"].get(
        "@dossier-stats",
        params={"from": "2026-03-01", "to": "2026-03-31", "group_by": "field"},
    )
    assert response.status_code == 200, response.text
    data = response.json()
    total = data["total"]
    assert total["carried_over"] == 1
    assert total["new"] == 2
    assert total["new_online"] == 1 and total["new_in_person"] == 1
    assert total["received_total"] == 3
    # Resolved and withdrawn today, after March: all three were in progress on
    # 31 March, and overdue by then.
    assert total["resolved_total"] == 0
    assert total["withdrawn"] == 0
    assert total["in_progress_total"] == total["in_progress_overdue"] == 3
    assert data["rows"][0]["key"] == "chung-thuc"
    assert data["rows"][0]["title"] == "Chứng thực"
    assert data["column_titles"]["on_time_rate"] == "Tỷ lệ đúng hạn"


def test_this_year_counts_the_resolution(staff, dossiers):
    data = (
        staff["officer"]
        .get(
            "@dossier-stats",
            params={"from": "2026-01-01", "to": "2099-12-31", "group_by": "channel"},
        )
        .json()
    )
    assert data["total"]["resolved_total"] == 1
    assert data["total"]["late"] == 1
    assert data["total"]["on_time_rate"] == 0.0
    assert data["total"]["withdrawn"] == 1
    assert {row["key"] for row in data["rows"]} == {"in_person", "online"}


def test_other_units_count_nothing(staff, dossiers):
    data = (
        staff["other_leader"]
        .get("@dossier-stats", params={"from": "2026-01-01", "to": "2099-12-31"})
        .json()
    )
    assert data["total"]["received_total"] == 0


def test_refused_to_anonymous_and_desk(anonymous, staff, dossiers):
    params = {"from": "2026-01-01", "to": "2026-12-31"}
    assert anonymous.get("@dossier-stats", params=params).status_code == 401
    assert staff["clerk"].get("@dossier-stats", params=params).status_code in (401, 403)


def test_xlsx_totals_match_json(staff, dossiers):
    params = {"from": "2026-03-01", "to": "2026-03-31", "group_by": "unit"}
    data = staff["leader"].get("@dossier-stats", params=params).json()
    response = staff["leader"].get(
        "@dossier-stats", params={**params, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(row for row in rows if row and "Tổng số tiếp nhận" in row)
    total = next(row for row in rows if row and row[0] == "Tổng cộng")
    for column in (
        "received_total",
        "carried_over",
        "new",
        "withdrawn",
        "in_progress_total",
    ):
        title = data["column_titles"][column]
        assert total[header.index(title)] == data["total"][column], column


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"to": "2026-03-31"}, "from"),
        ({"from": "2026-03-01"}, "to"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"from": "March", "to": "2026-03-31"}, "from"),
        ({"from": "2026-03-01", "to": "2026-03-31", "group_by": "colour"}, "group_by"),
        ({"from": "2026-03-01", "to": "2026-03-31", "format": "pdf"}, "format"),
    ],
)
def test_bad_parameters(staff, params, field):
    response = staff["leader"].get("@dossier-stats", params=params)
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]]


def test_dashboard(http, staff, dossiers):
    from conftest import STAFF_PASSWORD

    browser = http("leader", STAFF_PASSWORD)
    browser.headers["Accept"] = "text/html"
    page = browser.get("@@dossier-dashboard", params={"year": "2026"})
    assert page.status_code == 200
    assert "<svg" in page.text and "dossier-chart" in page.text
    assert "Chứng thực" in page.text
    assert "Tỷ lệ đúng hạn" in page.text
    # The export button downloads the workbook in a browser (HTML accepted).
    link = re.search(r'href="([^"]*dossier-stats\.xlsx[^"]*)"', page.text)
    assert link, "no export link"
    workbook = browser.get(html.unescape(link.group(1)))
    assert workbook.status_code == 200, workbook.text[:300]
    assert workbook.headers["Content-Type"].startswith("application/vnd.openxml")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    assert any("Tổng cộng" in row for row in sheet.iter_rows(values_only=True))
    assert browser.get("@@dossier-stats.xlsx", params={"from": "x"}).status_code == 400
    desk = http("clerk", STAFF_PASSWORD)
    desk.headers["Accept"] = "text/html"
    refused = desk.get("@@dossier-dashboard")
    # Plone answers with its "insufficient privileges" page.
    assert "dossier-dashboard" not in refused.text
    assert "Tỷ lệ đúng hạn" not in refused.text
