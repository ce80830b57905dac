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


def receiver(clerk, clock):
    """``receive(accepted, channel)``: the desk accepts a dossier at that time."""

    def receive(accepted, channel="in_person"):
        clock(accepted)
        body = {**DOSSIER, "channel": channel, "accepted": f"{accepted}:00+07:00"}
        response = clerk.post("ho-so", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    return receive


def take(client, clock, moment, dossier, transition, **body):
    clock(moment)
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == 200, response.text


@pytest.fixture
def dossiers(staff, clock):
    clerk, leader = staff["clerk"], staff["leader"]
    receive = receiver(clerk, clock)
    # Carried over from February, still in progress (overdue) in March.
    old = receive("2026-02-26T09:00")
    take(clerk, clock, "2026-02-26T09:30", old, "transfer")
    # New in March: one online, resolved in April (late); one in person,
    # withdrawn in April.
    online = receive("2026-03-03T09:00", channel="online")
    take(clerk, clock, "2026-03-03T09:30", online, "transfer")
    gone = receive("2026-03-05T09:00")
    take(leader, clock, "2026-04-06T10:00", online, "resolve")
    take(clerk, clock, "2026-04-06T10:00", gone, "withdraw", comment="Rút")
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
    # Resolved and withdrawn in April: all three were in progress on 31 March,
    # and overdue by then.
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


def cells(page: str, table_class: str) -> list[list[str]]:
    """The text of every body cell of a table, row by row."""
    table = re.search(rf'<table class="[^"]*{table_class}.*?</table>', page, re.S)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in row]
        for row in (
            re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        )
    ]


def test_timeliness_and_chart_series(http, staff, clock):
    """Three dossiers with known appointments, resolved early, late and on
    time: the hand-over log says so, and so do the year's figures and the
    chart's monthly rates (March 1 of 2, April 1 of 1)."""
    from conftest import STAFF_PASSWORD

    clerk, officer = staff["clerk"], staff["officer"]
    receive = receiver(clerk, clock)
    # In person, 1 working day: due Wed 4 March 09:00; resolved Tue 15:00.
    early = receive("2026-03-03T09:00")
    assert early["appointment"] == "2026-03-04T09:00:00+07:00"
    take(clerk, clock, "2026-03-03T09:30", early, "transfer")
    take(officer, clock, "2026-03-03T15:00", early, "resolve")
    # Online, same day before the 15:00 cut-off: due Tue 17:00; resolved Wed.
    late = receive("2026-03-03T09:00", channel="online")
    assert late["appointment"] == "2026-03-03T17:00:00+07:00"
    take(clerk, clock, "2026-03-03T09:30", late, "transfer")
    take(officer, clock, "2026-03-04T10:00", late, "resolve")
    # In person on Wed 1 April: due Thu 2 April 09:00, resolved that minute.
    on_time = receive("2026-04-01T09:00")
    assert on_time["appointment"] == "2026-04-02T09:00:00+07:00"
    take(clerk, clock, "2026-04-01T09:30", on_time, "transfer")
    take(officer, clock, "2026-04-02T09:00", on_time, "resolve")
    clock("2026-04-10T09:00")

    def resolution(dossier):
        log = clerk.get(f"{dossier['@id']}/@handover-log").json()["items"]
        return [(e["action"], e["time"], e["timeliness"]) for e in log][-1]

    assert resolution(early) == ("resolve", "2026-03-03T15:00:00+07:00", "early")
    assert resolution(late) == ("resolve", "2026-03-04T10:00:00+07:00", "late")
    assert resolution(on_time) == ("resolve", "2026-04-02T09:00:00+07:00", "on_time")

    browser = http("leader", STAFF_PASSWORD)
    browser.headers["Accept"] = "text/html"
    page = browser.get("@@dossier-dashboard", params={"year": "2026"}).text
    # received, resolved, early, on time, late, overdue in progress, rate
    assert cells(page, "dossier-stats-table") == [
        ["Chứng thực", "3", "3", "1", "1", "1", "0", "66.7%"],
        ["Tổng cộng", "3", "3", "1", "1", "1", "0", "66.7%"],
    ]
    points = re.findall(r'<circle cx="([\d.]+)"[^>]*><title>([^<]*)</title>', page)
    months = re.findall(
        r'<text x="([\d.]+)" y="\d+" font-size="11" '
        r'text-anchor="middle">(\d\d)</text>',
        page,
    )
    month_at = dict(months)
    assert [(month_at[x], title) for x, title in points] == [
        ("03", "Chứng thực: 50%"),
        ("04", "Chứng thực: 100%"),
    ]
