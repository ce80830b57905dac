"""A dossier's life over HTTP, each step by the right function."""

from dienbien.policy.core.dossiers import dossier_id

import pytest


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Páo",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 345 678",
    "applicant_address": "Bản Him Lam, xã Thanh Xương",
    "papers": [{"name": "Bản chính giấy khai sinh", "kind": "original", "count": 1}],
    "fee": 2000,
}


def receive(clerk, **changes):
    response = clerk.post("ho-so", json={**DOSSIER, **changes})
    assert response.status_code == 201, response.text
    return response.json()


def step(client, dossier, transition, comment=None, expect=200):
    body = {"comment": comment} if comment else {}
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    expected = expect if isinstance(expect, tuple) else (expect,)
    assert response.status_code in expected, response.text
    return response


def state(client, dossier):
    return client.get(dossier["@id"]).json()


def test_clerk_receives_a_dossier(staff):
    dossier = receive(staff["clerk"], accepted="2026-03-03T09:00:00+07:00")
    assert dossier["code"] == "H15.50.MC-260303-0001"
    assert dossier["review_state"] == "accepted"
    assert dossier["status_code"] == 2
    assert dossier["accepted"] == "2026-03-03T09:00:00+07:00"
    assert dossier["appointment"] == "2026-03-04T09:00:00+07:00"
    assert dossier["handling_unit"]["token"] == "H15.50.03"
    assert dossier["terms"]["time_value"] == 1.0
    second = receive(staff["clerk"], accepted="2026-03-03T10:00:00+07:00")
    assert second["code"] == "H15.50.MC-260303-0002"
    other_day = receive(staff["clerk"], accepted="2026-03-04T08:00:00+07:00")
    assert other_day["code"] == "H15.50.MC-260304-0001"


def test_whole_lifecycle(staff, clock):
    clerk, officer = staff["clerk"], staff["officer"]
    # Accepted Tue 3 March 09:00: due Wed 4 March 09:00 (1 working day).
    clock("2026-03-03T09:00")
    dossier = receive(clerk)
    assert dossier["appointment"] == "2026-03-04T09:00:00+07:00"
    clock("2026-03-03T09:30")
    step(clerk, dossier, "transfer")
    assert state(officer, dossier)["status_code"] == 4
    clock("2026-03-03T10:00")
    step(officer, dossier, "request_payment")
    assert state(clerk, dossier)["status_code"] == 6
    clock("2026-03-03T10:30")
    step(clerk, dossier, "confirm_payment")
    clock("2026-03-04T09:00")
    step(officer, dossier, "resolve")
    assert state(clerk, dossier)["status_code"] == 9
    clock("2026-03-04T10:00")
    step(clerk, dossier, "return_result")
    final = state(clerk, dossier)
    assert final["status_code"] == 10
    assert final["returned"] == "2026-03-04T10:00:00+07:00"

    log = clerk.get(f"{dossier['@id']}/@handover-log").json()["items"]
    assert [(entry["action"], entry["time"], entry["timeliness"]) for entry in log] == [
        ("accept", "2026-03-03T09:00:00+07:00", "early"),
        ("transfer", "2026-03-03T09:30:00+07:00", "early"),
        ("request_payment", "2026-03-03T10:00:00+07:00", "early"),
        ("confirm_payment", "2026-03-03T10:30:00+07:00", "early"),
        ("resolve", "2026-03-04T09:00:00+07:00", "on_time"),
        ("return_result", "2026-03-04T10:00:00+07:00", "late"),
    ]
    transfer = log[1]
    assert (transfer["from_unit"], transfer["to_unit"]) == ("H15.50.MC", "H15.50.03")
    assert transfer["actor"] == "clerk"


def test_wrong_function_is_refused(staff):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    # Officers cannot transfer a dossier from the desk; the desk cannot resolve.
    step(officer, dossier, "transfer", expect=403)
    step(clerk, dossier, "transfer")
    step(clerk, dossier, "resolve", expect=403)
    # Stopping the processing is the leader's decision.
    step(officer, dossier, "stop", "Không đủ điều kiện", expect=403)
    # Another unit's leader does not even see the dossier.
    step(staff["other_leader"], dossier, "resolve", expect=(401, 403))
    step(officer, dossier, "resolve")


def test_reasons_are_required(staff):
    clerk, leader = staff["clerk"], staff["leader"]
    dossier = receive(clerk)
    response = step(clerk, dossier, "withdraw", expect=400)
    assert [e["field"] for e in response.json()["errors"]] == ["comment"]
    step(clerk, dossier, "transfer")
    step(leader, dossier, "stop", expect=400)
    step(leader, dossier, "stop", comment="Người nộp không đủ điều kiện")
    assert state(clerk, dossier)["status_code"] == 8


def test_supplement_restart_and_resume(staff, manager, clock):
    """The two supplement rules on the same story give different appointments.

    Accepted Tue 3 March 09:00 (1 working day: due Wed 09:00); the officer
    asks for a supplement Tue 13:30, when 330 working minutes remained
    (13:30-17:00, then 07:00-09:00); the complete supplement arrives Thu 5
    March 10:00. ``restart``: a full working day again, Fri 10:00.
    ``resume``: the 330 minutes from Thu 10:00 (90 + 210 + 30), Fri 07:30.
    """
    clerk, officer = staff["clerk"], staff["officer"]
    clock("2026-03-03T09:00")
    restarted = receive(clerk, accepted="2026-03-03T09:00:00+07:00")
    resumed = receive(clerk, accepted="2026-03-03T09:00:00+07:00")
    for dossier in (restarted, resumed):
        assert dossier["appointment"] == "2026-03-04T09:00:00+07:00"
        clock("2026-03-03T09:30")
        step(clerk, dossier, "transfer")
        clock("2026-03-03T13:30")
        step(officer, dossier, "request_supplement", comment="Thiếu bản sao CCCD")
        assert state(clerk, dossier)["status_code"] == 5

    clock("2026-03-05T10:00")
    step(clerk, restarted, "receive_supplement")
    panel = "@controlpanels/dienbien-settings"
    assert manager.patch(panel, json={"supplement_rule": "resume"}).status_code == 204
    step(clerk, resumed, "receive_supplement")

    after = state(clerk, restarted)
    assert after["status_code"] == 2
    assert after["appointment"] == "2026-03-06T10:00:00+07:00"
    assert state(clerk, resumed)["appointment"] == "2026-03-06T07:30:00+07:00"
    log = clerk.get(f"{resumed['@id']}/@handover-log").json()["items"]
    assert (log[-1]["action"], log[-1]["time"], log[-1]["appointment"]) == (
        "receive_supplement",
        "2026-03-05T10:00:00+07:00",
        "2026-03-06T07:30:00+07:00",
    )


def test_apology_moves_the_appointment(staff):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    current = state(officer, dossier)["appointment"]
    new = "2099-01-05T16:00:00+07:00"
    response = officer.post(
        f"{dossier['@id']}/@apology",
        json={"new_appointment": new, "reason": "Cần xác minh thêm"},
    )
    assert response.status_code == 200, response.text
    assert state(clerk, dossier)["appointment"] == new
    log = clerk.get(f"{dossier['@id']}/@handover-log").json()["items"]
    assert log[-1]["action"] == "apology"
    assert log[-1]["note"] == "Cần xác minh thêm"
    assert log[-1]["previous_appointment"] == current


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "x"}, "new_appointment"),
        ({"new_appointment": "2099-01-05T16:00:00"}, "reason"),
        ({"new_appointment": "2000-01-01T08:00:00", "reason": "x"}, "new_appointment"),
        ({"new_appointment": "soon", "reason": "x"}, "new_appointment"),
    ],
)
def test_apology_bad_input(staff, body, field):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    response = officer.post(f"{dossier['@id']}/@apology", json=body)
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"procedure": "9.999999"}, "procedure"),
        ({"channel": "post"}, "channel"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"applicant_name": "Lò Văn Pâng " * 17}, "applicant_name"),  # 204
        ({"applicant_email": "a" * 250 + "@x.vn"}, "applicant_email"),
        ({"applicant_address": "Bản Pa Lếch, " * 25}, "applicant_address"),
        ({"applicant_phone": "abc", "applicant_id_number": ""}, "applicant_phone"),
        ({"accepted": "yesterday"}, "accepted"),
        ({"receiving_unit": "NOPE"}, "receiving_unit"),
    ],
)
def test_bad_dossier_is_400_and_not_stored(staff, manager, change, field):
    response = staff["clerk"].post("ho-so", json={**DOSSIER, **change})
    assert response.status_code == 400, response.text
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields
    assert manager.get("ho-so").json()["items_total"] == 0


def test_only_desk_clerks_receive(staff, anonymous):
    assert anonymous.post("ho-so", json=DOSSIER).status_code == 401
    assert staff["officer"].post("ho-so", json=DOSSIER).status_code in (401, 403)


def test_clerks_receive_only_for_their_desk(staff, functional_portal):
    """A clerk cannot number a dossier in another desk's sequence: 400 naming
    the receiving unit, and nothing is created."""
    before = len(functional_portal["ho-so"].objectIds())
    response = staff["clerk"].post(
        "ho-so", json={**DOSSIER, "receiving_unit": "H15.50.05"}
    )
    assert response.status_code == 400, response.text
    assert "receiving_unit" in response.text
    assert len(functional_portal["ho-so"].objectIds()) == before


def migrated(code, state, accepted):
    """A record for the bulk loader: a dossier from an earlier system."""
    return {
        "code": code,
        "procedure": "2.000815",
        "procedure_title": "Chứng thực",
        "procedure_field": "chung-thuc",
        "channel": "in_person",
        "receiving_unit": "H15.50.MC",
        "handling_unit": "H15.50.03",
        "applicant_name": "Cũ",
        "applicant_phone": "0912 111 222",
        "accepted": accepted,
        "submitted": accepted,
        "appointment": accepted,
        "state": state,
        "log": [],
    }


def test_numbers_continue_after_a_bulk_load(staff, one_stop):
    """Dossiers migrated with the bulk loader keep their numbers; the desk
    continues after them."""
    from datetime import datetime
    from dienbien.policy.dossiers.bulk import bulk_load
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    setRoles(one_stop, TEST_USER_ID, ["Manager"])
    record = migrated("H15.50.MC-260303-0007", "returned", datetime(2026, 3, 3, 8, 0))
    assert bulk_load(one_stop["ho-so"], [record]) == 1
    transaction.commit()
    created = receive(staff["clerk"], accepted="2026-03-03T09:00:00+07:00")
    assert created["code"] == "H15.50.MC-260303-0008"


def test_bulk_loaded_dossiers_have_their_states_permissions(staff, one_stop):
    """The loader copies a state's permission settings from the first
    dossier in that state: each has what the workflow would have given it,
    so the handling unit's officer sees them and the other unit does not."""
    from datetime import datetime
    from dienbien.policy.dossiers.bulk import bulk_load
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    setRoles(one_stop, TEST_USER_ID, ["Manager"])
    records = [
        migrated(f"H15.50.MC-260304-{number:04d}", state, datetime(2026, 3, 4, 8, 0))
        for number, state in enumerate(
            ["processing", "returned", "processing", "returned"], start=1
        )
    ]
    assert bulk_load(one_stop["ho-so"], records) == 4
    transaction.commit()
    workflow = one_stop.portal_workflow["dienbien_dossier_workflow"]
    folder = one_stop["ho-so"]
    for record in records:
        dossier = folder[dossier_id(record["code"])]
        loaded = {n: v for n, v in vars(dossier).items() if n.endswith("_Permission")}
        workflow.updateRoleMappingsFor(dossier)
        expected = {n: v for n, v in vars(dossier).items() if n.endswith("_Permission")}
        assert loaded == expected, record["state"]
    transaction.abort()
    for record in records:
        url = f"ho-so/{dossier_id(record['code'])}"
        assert staff["officer"].get(url).status_code == 200
        assert staff["other_officer"].get(url).status_code in (401, 403)
