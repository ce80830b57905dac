"""The staff's working list (``/ho-so/@@dossier-listing``) over HTTP: its
filters on a known set of dossiers, the applicant search kept out of
addresses, and the leader's dashboard counting what his list shows.

The test clock is Tuesday 3 March 2026, 10:00: "this week" runs until
Friday 6 March, 17:00.
"""

from conftest import STAFF_PASSWORD
from datetime import datetime
from plone import api

import pytest
import re
import transaction


PROCEDURE = ("2.000815", "Chứng thực bản sao từ bản chính")
OTHER_PROCEDURE = ("1.001193", "Đăng ký khai sinh")
#: (number, state, appointment, procedure, handling unit)
DOSSIERS = [
    (1, "processing", "2026-03-02T17:00", PROCEDURE, "H15.50.03"),  # overdue
    (2, "awaiting_payment", "2026-03-03T09:00", PROCEDURE, "H15.50.03"),  # overdue
    (3, "processing", "2026-03-03T10:00", PROCEDURE, "H15.50.03"),  # due now: not late
    (4, "accepted", "2026-03-06T17:00", OTHER_PROCEDURE, "H15.50.03"),  # this week
    (5, "processing", "2026-03-09T08:00", PROCEDURE, "H15.50.03"),  # next week
    (6, "supplement_requested", "2026-03-02T09:00", PROCEDURE, "H15.50.03"),
    (7, "returned", "2026-02-20T09:00", OTHER_PROCEDURE, "H15.50.03"),
    # Phòng Tài nguyên's: overdue, but not for Phòng Tư pháp's staff.
    (8, "processing", "2026-03-02T08:00", PROCEDURE, "H15.50.05"),
]
NAME = "Đặng Thị Hường"


def code(number: int) -> str:
    return f"H15.50.MC-260220-{number:04d}"


def record(number, state, due, procedure, unit) -> dict:
    accepted = datetime(2026, 2, 20, 8, 0)
    appointment = datetime.fromisoformat(due)
    return {
        "code": code(number),
        "procedure": procedure[0],
        "procedure_title": procedure[1],
        "procedure_field": "chung-thuc",
        "channel": "in_person",
        "receiving_unit": "H15.50.MC",
        "handling_unit": unit,
        "applicant_name": NAME if number == 3 else "Lò Văn Páo",
        "applicant_phone": f"0912 000 00{number}",
        "applicant_id_number": "",
        "applicant_address": "",
        "papers": [],
        "fee": 0,
        "submitted": accepted,
        "accepted": accepted,
        "appointment": appointment,
        "resolved": appointment if state == "returned" else None,
        "returned": appointment if state == "returned" else None,
        "terms": {
            "channel": "in_person",
            "time_value": 5.0,
            "time_unit": "working_days",
            "cutoff": "",
            "fee": 0,
            "note": "",
        },
        "state": state,
        "log": [],
    }


@pytest.fixture
def worklist(one_stop, http):
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.dossiers.bulk import bulk_load

    portal = one_stop
    birth = api.content.create(
        container=portal["thu-tuc-hanh-chinh"],
        type="Procedure",
        id="1-001193",
        title=OTHER_PROCEDURE[1],
        code=OTHER_PROCEDURE[0],
        field="ho-tich",
        level="commune",
        unit="H15.50.03",
        online_service="full",
    )
    api.content.transition(obj=birth, transition="submit")
    api.content.transition(obj=birth, transition="publish")
    bulk_load(portal["ho-so"], [record(*row) for row in DOSSIERS], commit=False)
    api.user.create(
        username="district_leader",
        email="district_leader@example.invalid",
        password=STAFF_PASSWORD,
    )
    api.group.add_user(
        groupname=group_id("H15.50", "leader"), username="district_leader"
    )
    transaction.commit()

    def client(user):
        session = http(user, STAFF_PASSWORD)
        session.headers["Accept"] = "text/html"
        return session

    return client


ROW = re.compile(r'class="dossier-row-code"><a href="[^"]+">([^<]+)</a>')


def listed(response) -> list[str]:
    assert response.status_code == 200, response.text[:500]
    return ROW.findall(response.text)


def numbers(*wanted) -> list[str]:
    return [code(n) for n in wanted]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (7, 6, 1, 2, 3, 4, 5)),
        ({"overdue": "1"}, (1, 2)),
        ({"due": "week"}, (3, 4)),
        ({"overdue": "1", "due": "week"}, (1, 2, 3, 4)),
        ({"state": "processing"}, (1, 3, 5)),
        ({"state": "processing", "overdue": "1"}, (1,)),
        ({"state": "supplement_requested", "overdue": "1"}, ()),
        ({"procedure": "1.001193"}, (7, 4)),
        ({"procedure": "1.001193", "due": "week"}, (4,)),
        # Values nobody offers are no filter (the form shows "all").
        ({"state": "bogus", "overdue": "yes"}, (7, 6, 1, 2, 3, 4, 5)),
    ],
)
def test_the_officer_filters_his_units_dossiers(worklist, params, expected):
    found = listed(worklist("officer").get("ho-so/@@dossier-listing", params=params))
    assert found == numbers(*expected)


def test_filters_stay_in_the_address_and_the_page_shows_them(worklist):
    page = worklist("leader").get(
        "ho-so/@@dossier-listing", params={"state": "processing", "overdue": "1"}
    )
    html = page.text
    assert re.search(r'<option[^>]*value="processing"[^>]*selected', html)
    assert re.search(r'id="dossier-overdue"[^>]*checked', html)
    assert "<span>1</span> hồ sơ" in html
    # Dates as people read them, in local time; the overdue one is marked.
    assert "17:00 02/03/2026" in html
    assert "2026-03-02T17:00" not in html
    assert "Quá hạn" in html
    # Friday's close ends "this week".
    assert "17:00 06/03/2026" in html
    # The procedure is chosen by its name.
    assert '<option value="1.001193">Đăng ký khai sinh</option>' in html
    # The desk's tracking register is one click away.
    assert "/ho-so/@@register-06" in html


def test_the_applicant_search_is_posted_never_read_from_the_address(worklist):
    officer = worklist("officer")
    found = listed(
        officer.post("ho-so/@@dossier-listing", data={"q": "dang thi huong"})
    )
    assert found == numbers(3)
    # The filters travel with the posted search.
    posted = officer.post(
        "ho-so/@@dossier-listing", data={"q": "dang thi huong", "overdue": "1"}
    )
    assert listed(posted) == []
    # A name in the address is no search: it is not read at all.
    assert listed(
        officer.get("ho-so/@@dossier-listing", params={"q": "dang thi huong"})
    ) == numbers(7, 6, 1, 2, 3, 4, 5)
    page = officer.get("ho-so/@@dossier-listing").text
    assert 'method="post"' in page
    assert "không được lưu trong địa chỉ trang" in page


def test_another_unit_sees_only_its_own(worklist):
    other = worklist("other_leader")
    assert listed(other.get("ho-so/@@dossier-listing")) == numbers(8)
    assert listed(
        other.get("ho-so/@@dossier-listing", params={"overdue": "1"})
    ) == numbers(8)


def overdue_counted(http, user) -> int:
    session = http(user, STAFF_PASSWORD)
    response = session.get(
        "@dossier-stats", params={"from": "2026-01-01", "to": "2026-12-31"}
    )
    assert response.status_code == 200, response.text
    return response.json()["total"]["in_progress_overdue"]


@pytest.mark.parametrize(
    ("user", "overdue"),
    [
        ("leader", (1, 2)),
        ("other_leader", (8,)),
        # The district's leader opens none of the agencies' dossiers: his
        # dashboard no longer counts them either.
        ("district_leader", ()),
    ],
)
def test_the_leaders_dashboard_counts_what_his_list_shows(
    worklist, http, user, overdue
):
    shown = listed(
        worklist(user).get("ho-so/@@dossier-listing", params={"overdue": "1"})
    )
    assert sorted(shown) == numbers(*overdue)
    assert overdue_counted(http, user) == len(overdue)
