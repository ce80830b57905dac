"""@working-calendar and @due-date over real HTTP (anonymous)."""

import pytest


def test_working_calendar_2026(anonymous):
    response = anonymous.get("@working-calendar", params={"year": "2026"})
    assert response.status_code == 200, response.text
    data = response.json()
    off = {day["date"]: day for day in data["days_off"]}
    assert off["2026-01-02"]["source"] == "override"
    assert "12729/VPCP-KGVX" in off["2026-01-02"]["reference"]
    assert off["2026-02-17"]["source"] == "holidays.VN"
    assert "2026-11-24" in off  # Vietnam Culture Day, from 2026
    working = {day["date"]: day for day in data["working_days"]}
    assert set(working) == {"2026-01-10", "2026-08-22"}
    assert data["office_hours"] == [["07:00", "11:30"], ["13:30", "17:00"]]


@pytest.mark.parametrize("year", ["", "abc", "1999", "20261"])
def test_working_calendar_bad_year(anonymous, year):
    response = anonymous.get("@working-calendar", params={"year": year})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["year"]


@pytest.mark.parametrize(
    ("params", "due"),
    [
        ({"accepted": "2026-03-03T09:00:00", "days": "1"}, "2026-03-04T09:00:00+07:00"),
        (
            {"accepted": "2026-03-03T07:00:00+07:00", "days": "1"},
            "2026-03-03T17:00:00+07:00",
        ),
        # 02:00 UTC is 09:00 in Hanoi.
        (
            {"accepted": "2026-03-03T02:00:00Z", "days": "1"},
            "2026-03-04T09:00:00+07:00",
        ),
        (
            {"accepted": "2026-03-03T12:00:00", "hours": "1"},
            "2026-03-03T14:30:00+07:00",
        ),
        (
            {"accepted": "2026-03-03T14:00:00", "same_day": "1"},
            "2026-03-03T17:00:00+07:00",
        ),
        (
            {"accepted": "2026-03-03T16:00:00", "same_day": "1"},
            "2026-03-04T17:00:00+07:00",
        ),
        (
            {"accepted": "2026-03-03T16:00:00", "same_day": "1", "cutoff": "16:30"},
            "2026-03-03T17:00:00+07:00",
        ),
        (
            {"accepted": "2026-02-04T09:00:00", "calendar_days": "10"},
            "2026-02-23T17:00:00+07:00",
        ),
        # Across the New Year 2026 override and the make-up Saturday.
        ({"accepted": "2025-12-31T10:00:00", "days": "3"}, "2026-01-07T10:00:00+07:00"),
    ],
)
def test_due_date(anonymous, params, due):
    response = anonymous.get("@due-date", params=params)
    assert response.status_code == 200, response.text
    assert response.json()["due"] == due


def test_due_date_answer_shape(anonymous):
    data = anonymous.get(
        "@due-date", params={"accepted": "2026-03-03T09:00:00", "days": "2.5"}
    ).json()
    assert data == {
        "accepted": "2026-03-03T09:00:00+07:00",
        "due": "2026-03-05T15:00:00+07:00",
        "rule": {"kind": "days", "value": 2.5},
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"days": "1"}, "accepted"),
        ({"accepted": "yesterday", "days": "1"}, "accepted"),
        ({"accepted": "2026-03-03T09:00:00"}, "days"),
        ({"accepted": "2026-03-03T09:00:00", "days": "1", "hours": "2"}, "hours"),
        ({"accepted": "2026-03-03T09:00:00", "days": "-1"}, "days"),
        ({"accepted": "2026-03-03T09:00:00", "days": "nan"}, "days"),
        ({"accepted": "2026-03-03T09:00:00", "calendar_days": "1.5"}, "calendar_days"),
        ({"accepted": "2026-03-03T09:00:00", "same_day": "yes"}, "same_day"),
        ({"accepted": "2026-03-03T09:00:00", "days": "1", "cutoff": "15:00"}, "cutoff"),
        (
            {"accepted": "2026-03-03T09:00:00", "same_day": "1", "cutoff": "3pm"},
            "cutoff",
        ),
        ({"accepted": "2026-03-03T09:00:00", "days": "1", "foo": "1"}, "foo"),
    ],
)
def test_due_date_bad_input(anonymous, params, field):
    response = anonymous.get("@due-date", params=params)
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]]


def test_overrides_edited_in_settings_change_deadlines(manager, anonymous):
    panel = "@controlpanels/dienbien-settings"
    rows = manager.get(panel).json()["data"]["calendar_overrides"]
    rows.append(
        {
            "day": "2026-03-04",
            "kind": "day_off",
            "reference": "Quyết định thử nghiệm",
            "name": "Nghỉ do bão",
        }
    )
    assert manager.patch(panel, json={"calendar_overrides": rows}).status_code == 204
    data = anonymous.get(
        "@due-date", params={"accepted": "2026-03-03T09:00:00", "days": "1"}
    ).json()
    assert data["due"] == "2026-03-05T09:00:00+07:00"


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ({"day": "2026-13-01", "kind": "day_off", "reference": "x"}, "YYYY-MM-DD"),
        (
            {"day": "2026-03-04", "kind": "holiday", "reference": "x"},
            "kind: holiday không thuộc các giá trị day_off, working_day.",
        ),
        (
            {"day": "2026-03-04", "kind": "day_off", "reference": ""},
            "Dòng 1, căn cứ: cần nhập văn bản căn cứ.",
        ),
        ("2026-03-04 | day_off | x", "day, kind, reference, name"),
        ({"day": "2026-03-04", "kind": "day_off", "reference": "x", "y": 1}, "y"),
    ],
)
def test_bad_override_row_is_refused(manager, row, words):
    panel = "@controlpanels/dienbien-settings"
    before = manager.get(panel).json()["data"]["calendar_overrides"]
    response = manager.patch(panel, json={"calendar_overrides": [row]})
    assert response.status_code == 400, response.text
    assert words in response.json()["message"]
    assert manager.get(panel).json()["data"]["calendar_overrides"] == before


def test_a_day_overridden_twice_is_refused(manager):
    panel = "@controlpanels/dienbien-settings"
    row = {"day": "2026-03-04", "kind": "day_off", "reference": "x", "name": ""}
    response = manager.patch(panel, json={"calendar_overrides": [row, row]})
    assert response.status_code == 400, response.text
    message = "Dòng 2: ngày 2026-03-04 đã được khai báo ở dòng 1."
    assert message in response.json()["message"]
