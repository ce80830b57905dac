"""@dossier-stats over HTTP: the figures, who may see them, the workbook."""

from datetime import datetime

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


def test_refused_to_anonymous_open_to_the_desk(anonymous, staff, dossiers):
    """docs/api.md: the desk, officers and leaders; each over their units."""
    params = {"from": "2026-01-01", "to": "2026-12-31"}
    assert anonymous.get("@dossier-stats", params=params).status_code == 401
    response = staff["clerk"].get("@dossier-stats", params=params)
    assert response.status_code == 200, response.text
    # Phòng Tư pháp handles all three; the desk counts them as it received
    # them (a desk clerk sees the dossiers of their desk).
    total = response.json()["total"]
    assert [total[c] for c in ("received_total", *OUTCOMES)] == [3, 1, 1, 0, 0, 1]


OUTCOMES = (
    "resolved_total",
    "in_progress_total",
    "waiting_supplement",
    "stopped",
    "withdrawn",
)


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
    # The desk clerk opens it too (docs/api.md, docs/security.md).
    desk = http("clerk", STAFF_PASSWORD)
    desk.headers["Accept"] = "text/html"
    opened = desk.get("@@dossier-dashboard", params={"year": "2026"})
    assert opened.status_code == 200
    assert "Tỷ lệ đúng hạn" in opened.text
    anonymous = http()
    anonymous.headers["Accept"] = "text/html"
    refused = anonymous.get("@@dossier-dashboard", params={"year": "2026"})
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


def chart_bars(page: str) -> dict[str, list[tuple]]:
    """Each small chart's bars: ``(month, in time, resolved, tooltip)``."""
    charts = {}
    for figure in re.findall(
        r'<section class="dossier-chart-field">(.*?)</section>', page, re.S
    ):
        title = html.unescape(re.search(r"<strong>(.*?)</strong>", figure)[1])
        charts[title] = [
            (month, good, resolved, html.unescape(tip))
            for month, good, resolved, tip in re.findall(
                r'data-month="(\d\d)" data-good="(\d+)" data-resolved="(\d+)">'
                r"<title>([^<]*)</title>",
                figure,
            )
        ]
    return charts


def chart_summaries(page: str) -> dict[str, str]:
    return {
        html.unescape(title): html.unescape(summary)
        for title, summary in re.findall(
            r'<strong>(.*?)</strong>:\s*<span class="dossier-chart-summary">'
            r"([^<]*)</span>",
            page,
        )
    }


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
    # Received (carried over, new, total), resolved (early, on time, late,
    # total), in progress (within, overdue, total), supplement, stopped,
    # withdrawn, the rate with its counts.
    figures = ["0", "3", "3", "1", "1", "1", "3", "0", "0", "0", "0", "0", "0"]
    assert cells(page, "dossier-stats-table") == [
        ["Chứng thực", *figures, "66,7% (2/3)"],
        ["Tổng cộng", *figures, "66,7% (2/3)"],
    ]
    assert chart_bars(page) == {
        "Chứng thực": [
            ("03", "1", "2", "Tháng 03: 50,0% (1/2) đúng hạn"),
            ("04", "1", "1", "Tháng 04: 100,0% (1/1) đúng hạn"),
        ]
    }
    assert chart_summaries(page) == {"Chứng thực": "66,7% (2/3)"}


def dashboard(http, user="leader", **params):
    from conftest import STAFF_PASSWORD

    browser = http(user, STAFF_PASSWORD)
    browser.headers["Accept"] = "text/html"
    return browser.get("@@dossier-dashboard", params=params)


def test_dashboard_columns_add_up(http, staff, dossiers):
    """The fixture's year: one resolved late, one in progress overdue, one
    withdrawn: received 3 = resolved 1 + in progress 1 + withdrawn 1."""
    page = dashboard(http, year="2026")
    assert page.status_code == 200
    figures = ["0", "3", "3", "0", "0", "1", "1", "0", "1", "1", "0", "0", "1"]
    assert cells(page.text, "dossier-stats-table") == [
        ["Chứng thực", *figures, "0,0% (0/1)"],
        ["Tổng cộng", *figures, "0,0% (0/1)"],
    ]
    assert "Mỗi hồ sơ tiếp nhận được tính đúng một lần" in page.text
    # A year without dossiers: zeros, and no rate without resolved dossiers.
    empty = dashboard(http, year="2025")
    assert cells(empty.text, "dossier-stats-table") == [["Tổng cộng", *["0"] * 13, "—"]]
    # No chart to draw: the page says why instead of an empty heading.
    assert "Chưa có hồ sơ nào được giải quyết trong năm" in empty.text
    assert "Chưa có hồ sơ nào được giải quyết trong năm" not in page.text


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "", "2026.5", "-2026"])
def test_a_bad_year_says_so(http, staff, dossiers, year):
    page = dashboard(http, year=year)
    assert page.status_code == 400
    assert "Không hiển thị số liệu: năm phải là một số từ 2000 đến 2100." in page.text
    # Nothing of another year passes for the one asked.
    assert "<table" not in page.text
    assert "Hồ sơ một cửa năm" not in page.text
    assert "dossier-stats.xlsx" not in page.text


def test_dashboard_description_is_its_own(http, staff, dossiers, functional_portal):
    import transaction

    functional_portal.setDescription("Cổng thông tin điện tử huyện Điện Biên")
    transaction.commit()
    page = dashboard(http, year="2026").text
    assert "Hồ sơ trong năm của các đơn vị bạn theo lĩnh vực" in page
    assert '<p class="documentDescription">Cổng thông tin' not in page
    assert page.count('class="documentDescription"') == 1


def fact(field, accepted, state="processing", **moments):
    from dienbien.policy.core.statistics import as_row
    from dienbien.policy.core.statistics import DossierFacts

    def at(value):
        return datetime.fromisoformat(value) if value else None

    return as_row(
        DossierFacts(
            code="H15.50.MC-000000-0000",
            state=state,
            channel=moments.pop("channel", "in_person"),
            field=field,
            procedure="2.000815",
            unit="H15.50.03",
            accepted=at(accepted),
            **{name: at(value) for name, value in moments.items()},
        )
    )


#: A year of the demo's kind: every outcome, two fields, a carried-over
#: dossier, a refused one and one finished the year before.
YEAR_OF_FACTS = [
    # Chứng thực: carried over and resolved early, on time, late; one in
    # progress within its time at the end of the year, one overdue.
    fact("chung-thuc", "2025-12-20T09:00", "resolved",
         appointment="2026-01-10T09:00", resolved="2026-01-05T10:00"),
    fact("chung-thuc", "2026-01-10T09:00", "resolved",
         appointment="2026-01-12T09:00", resolved="2026-01-12T09:00"),
    fact("chung-thuc", "2026-02-02T09:00", "returned",
         appointment="2026-02-03T09:00", resolved="2026-02-10T09:00",
         returned="2026-02-11T09:00"),
    fact("chung-thuc", "2026-12-20T09:00", appointment="2027-01-10T09:00"),
    fact("chung-thuc", "2026-11-02T09:00", appointment="2026-11-05T09:00"),
    # Hộ tịch: waiting for a supplement, stopped, withdrawn, resolved late.
    fact("ho-tich", "2026-03-03T09:00", "supplement_requested",
         channel="online", appointment="2026-03-10T09:00",
         state_changed="2026-03-04T09:00"),
    fact("ho-tich", "2026-03-05T09:00", "stopped", state_changed="2026-03-06T09:00"),
    fact("ho-tich", "2026-04-01T09:00", "withdrawn", state_changed="2026-04-02T09:00"),
    fact("ho-tich", "2026-04-01T09:00", "resolved",
         appointment="2026-04-02T09:00", resolved="2026-04-03T09:00"),
    # Counted nowhere.
    fact("ho-tich", "2026-05-01T09:00", "refused"),
    fact("ho-tich", "2025-06-01T09:00", "resolved",
         appointment="2025-06-05T09:00", resolved="2025-07-01T09:00"),
]  # fmt: skip


def test_dashboard_on_a_year_of_facts(http, staff, clock, monkeypatch):
    """The table and the charts of a known year, number by number."""
    from dienbien.policy.dossiers.statistics import dashboard as view

    monkeypatch.setattr(view, "dossier_facts", lambda *args, **kwargs: YEAR_OF_FACTS)
    clock("2027-01-05T09:00")
    page = dashboard(http, year="2026").text
    # carried, new, received | early, on time, late, resolved | within,
    # overdue, in progress | supplement, stopped, withdrawn | rate (counts)
    assert cells(page, "dossier-stats-table") == [
        ["Chứng thực", "1", "4", "5", "1", "1", "1", "3", "1", "1", "2",
         "0", "0", "0", "66,7% (2/3)"],
        ["Hộ tịch", "0", "4", "4", "0", "0", "1", "1", "0", "0", "0",
         "1", "1", "1", "0,0% (0/1)"],
        ["Tổng cộng", "1", "8", "9", "1", "1", "2", "4", "1", "1", "2",
         "1", "1", "1", "50,0% (2/4)"],
    ]  # fmt: skip
    assert chart_bars(page) == {
        "Chứng thực": [
            ("01", "2", "2", "Tháng 01: 100,0% (2/2) đúng hạn"),
            ("02", "0", "1", "Tháng 02: 0,0% (0/1) đúng hạn"),
        ],
        "Hộ tịch": [("04", "0", "1", "Tháng 04: 0,0% (0/1) đúng hạn")],
    }
    assert chart_summaries(page) == {
        "Chứng thực": "66,7% (2/3)",
        "Hộ tịch": "0,0% (0/1)",
    }
