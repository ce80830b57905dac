"""The 1 July 2025 reform, played over HTTP on demo-like data.

Communes A (Thanh Xương) and B (Thanh An) end on 30 June 2025 and merge into
C. Before that, A's desk received dossiers that reached every state. After
it, C's officers see and act on A's and B's open dossiers, A's figures for
the first half-year are what they were, ``as=current`` gives them to C, the
reminders reach C's officers, C numbers its own dossiers from 0001, and the
public lookup still answers for a dossier with A's code.

The clock is injected (``ReformClock``, on conftest's site clock): the
dossiers' times and their workflow history lie in 2025, whatever today is.
"""

from DateTime import DateTime
from datetime import datetime
from dienbien.policy.core.orgunits import group_id
from email import message_from_bytes
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.component.hooks import setSite

import pytest
import transaction


A, B, C = "H15.50.05.01", "H15.50.05.02", "H15.60.01"
UNITS_CSV = f"""\
code,title,kind,abbreviation,parent,valid_from
H15,UBND tỉnh Điện Biên,province,UBND,,
H15.50,UBND huyện Điện Biên,district,UBND,H15,
{A},UBND xã Thanh Xương,commune,UBND,H15.50,
{B},UBND xã Thanh An,commune,UBND,H15.50,
{C},UBND xã Thanh An (mới),commune,UBND,H15,2025-07-01
"""
PASSWORD = "mat-khau-thu-nghiem"
STAFF = {
    "clerk_a": (A, "desk"),
    "officer_a": (A, "officer"),
    "leader_a": (A, "leader"),
    "clerk_b": (B, "desk"),
    "officer_b": (B, "officer"),
    "clerk_c": (C, "desk"),
    "officer_c": (C, "officer"),
    "leader_c": (C, "leader"),
}
PROCEDURE = {
    "channel": "in_person",
    "time_value": 3.0,
    "time_unit": "working_days",
    "cutoff": "",
    "fee": 0,
    "note": "",
}
PHONE = "0912 345 678"


class ReformClock:
    """The site's clock (conftest's ``clock``), which also dates the
    workflow history: the facts read when each state was entered."""

    def __init__(self, set_clock, monkeypatch):
        from Products.DCWorkflow import Expression

        self.set_clock = set_clock
        monkeypatch.setattr(Expression, "DateTime", self.workflow_time)

    def workflow_time(self, *args):
        from dienbien.policy import clock as site_clock

        if args:
            return DateTime(*args)
        return DateTime(site_clock.now().isoformat() + "+07:00")

    def at(self, text: str):
        self.set_clock(text)
        return self


@pytest.fixture
def reform_clock(clock, monkeypatch):
    clock("2025-01-01T08:00")
    return ReformClock(clock, monkeypatch)


@pytest.fixture
def communes(functional_portal, http, reform_clock):
    from dienbien.policy.orgunits.importer import import_units

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    for username, (unit, function) in STAFF.items():
        api.user.create(
            username=username, email=f"{username}@example.invalid", password=PASSWORD
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)
    procedure = api.content.create(
        container=portal["thu-tuc-hanh-chinh"],
        type="Procedure",
        id="1-001193",
        title="Đăng ký khai sinh",
        code="1.001193",
        field="ho-tich",
        level="commune",
        online_service="full",
        channels=[PROCEDURE],
    )
    api.content.transition(obj=procedure, transition="submit")
    api.content.transition(obj=procedure, transition="publish")
    transaction.commit()
    return {name: http(name, PASSWORD) for name in STAFF}


def receive(people, clock, clerk, unit, accepted, steps=()):
    """A dossier received at ``unit``'s desk at ``accepted``, then taken
    through ``steps``: ``(actor, transition, moment, comment)``."""
    clock.at(accepted)
    response = people[clerk].post(
        "ho-so",
        json={
            "@type": "Dossier",
            "procedure": "1.001193",
            "channel": "in_person",
            "receiving_unit": unit,
            "handling_unit": unit,
            "applicant_name": "Lò Văn Pọm",
            "applicant_phone": PHONE,
            "accepted": f"{accepted}+07:00",
        },
    )
    assert response.status_code == 201, response.text
    dossier = response.json()
    for actor, transition, moment, comment in steps:
        clock.at(moment)
        body = {"comment": comment} if comment else {}
        done = people[actor].post(f"{dossier['@id']}/@workflow/{transition}", json=body)
        assert done.status_code == 200, (transition, done.text)
    return dossier


@pytest.fixture
def before_the_reform(communes, reform_clock):
    clock = reform_clock
    """A's dossiers in every state a desk-received dossier reaches, and two
    of B's, all in the first half of 2025."""
    people = communes
    to_officer = ("clerk_a", "transfer", None, None)

    def a(accepted, *steps):
        steps = [(who, what, when or accepted, why) for who, what, when, why in steps]
        return receive(people, clock, "clerk_a", A, accepted, steps)

    dossiers = {
        "returned": a(
            "2025-03-03T09:00",
            to_officer,
            ("officer_a", "resolve", "2025-03-04T09:00", None),
            ("clerk_a", "return_result", "2025-03-05T09:00", None),
        ),
        "withdrawn": a(
            "2025-04-01T09:00",
            ("clerk_a", "withdraw", "2025-04-02T09:00", "Người nộp rút hồ sơ"),
        ),
        "stopped": a(
            "2025-04-07T09:00",
            to_officer,
            ("leader_a", "stop", "2025-04-08T09:00", "Không đủ điều kiện"),
        ),
        "processing": a("2025-06-02T09:00", to_officer),
        "supplement_requested": a(
            "2025-06-10T09:00",
            ("clerk_a", "request_supplement", "2025-06-10T09:30", "Thiếu giấy"),
        ),
        "awaiting_payment": a(
            "2025-06-16T09:00",
            to_officer,
            ("officer_a", "request_payment", "2025-06-17T09:00", None),
        ),
        "resolved": a(
            "2025-06-23T09:00",
            to_officer,
            ("officer_a", "resolve", "2025-06-24T09:00", None),
        ),
        "accepted": a("2025-06-27T09:00"),
        "b_returned": receive(
            people,
            clock,
            "clerk_b",
            B,
            "2025-05-05T09:00",
            [
                ("clerk_b", "transfer", "2025-05-05T09:00", None),
                ("officer_b", "resolve", "2025-05-06T09:00", None),
                ("clerk_b", "return_result", "2025-05-06T10:00", None),
            ],
        ),
        "b_processing": receive(
            people,
            clock,
            "clerk_b",
            B,
            "2025-06-20T09:00",
            [("clerk_b", "transfer", "2025-06-20T10:00", None)],
        ),
    }
    for state, dossier in dossiers.items():
        if not state.startswith("b_"):
            found = people["officer_a"].get(dossier["@id"]).json()
            assert found["review_state"] == state
    return dossiers


def reform(manager, clock):
    """What the province does on 1 July 2025: A and B end on 30 June, C
    succeeds them (an edit of each unit over REST, on the day)."""
    clock.at("2025-07-01T07:30")
    for code in (A, B):
        response = manager.patch(
            f"to-chuc/{code.lower().replace('.', '-')}",
            json={"valid_to": "2025-06-30", "successor": C},
        )
        assert response.status_code == 204, response.text


def stats(client, **params):
    response = client.get(
        "@dossier-stats",
        params={"from": "2025-01-01", "to": "2025-06-30", "group_by": "unit", **params},
    )
    assert response.status_code == 200, response.text
    return response.json()


FIRST_HALF_A = {
    "received_total": 8,
    "new_in_person": 8,
    "carried_over": 0,
    "resolved_total": 2,
    "early": 2,
    "late": 0,
    "in_progress_total": 3,
    "in_progress_overdue": 2,
    "in_progress_within": 1,
    "waiting_supplement": 1,
    "withdrawn": 1,
    "stopped": 1,
    "on_time_rate": 1.0,
}


def row(report, key):
    (found,) = [row for row in report["rows"] if row["key"] == key]
    return found


def test_the_reform(communes, before_the_reform, manager, anonymous, reform_clock):
    clock = reform_clock
    people, dossiers = communes, before_the_reform
    before = stats(people["leader_a"])
    a_row = row(before, A)
    assert {name: a_row[name] for name in FIRST_HALF_A} == FIRST_HALF_A
    # C did not exist: its officers see nothing of A's yet.
    assert people["officer_c"].get("@dossiers").json()["items_total"] == 0
    assert people["officer_c"].get(dossiers["processing"]["@id"]).status_code == 401

    reform(manager, clock)

    # C's officers see every dossier of A and B: the open ones moved to C,
    # the finished ones stay A's and B's, readable.
    listed = people["officer_c"].get("@dossiers", params={"b_size": 100}).json()
    by_code = {item["code"]: item for item in listed["items"]}
    assert set(by_code) == {dossier["code"] for dossier in dossiers.values()}
    open_states = {
        "processing",
        "supplement_requested",
        "awaiting_payment",
        "resolved",
        "accepted",
        "b_processing",
    }
    for state, dossier in dossiers.items():
        item = by_code[dossier["code"]]
        own = B if state.startswith("b_") else A
        expected = C if state in open_states else own
        assert (item["handling_unit"], item["receiving_unit"]) == (expected, expected)
        # The dossier code is a legal identifier: it never changes.
        assert item["code"] == dossier["code"]
        assert item["code"].startswith(own)
    # Finished dossiers: readable by C's officers and leaders, not theirs to act on.
    for client in (people["officer_c"], people["leader_c"]):
        finished = client.get(dossiers["returned"]["@id"]).json()
        assert finished["handling_unit"]["token"] == A
        assert client.get(dossiers["stopped"]["@id"]).status_code == 200

    # The hand-over is logged, naming both units, on the day of the reform.
    log = people["officer_c"].get(f"{dossiers['processing']['@id']}/@handover-log")
    last = log.json()["items"][-1]
    assert (last["action"], last["from_unit"], last["to_unit"]) == ("reorganise", A, C)
    assert last["time"] == "2025-07-01T00:00:00+07:00"
    # The processing control sheet (Mẫu 05) shows the hand-over.
    sheet = people["officer_c"].get(
        f"{dossiers['processing']['@id']}/@@slip-05", headers={"Accept": "text/html"}
    )
    assert sheet.status_code == 200
    assert "Bàn giao hồ sơ do sắp xếp tổ chức" in sheet.text
    assert "UBND xã Thanh An (mới)" in sheet.text
    finished_log = people["officer_c"].get(
        f"{dossiers['returned']['@id']}/@handover-log"
    )
    assert finished_log.json()["items"][-1]["action"] == "return_result"

    # C's officer and desk act on A's open dossiers.
    clock.at("2025-07-02T09:00")
    done = people["officer_c"].post(
        f"{dossiers['processing']['@id']}/@workflow/resolve"
    )
    assert done.status_code == 200, done.text
    returned = people["clerk_c"].post(
        f"{dossiers['resolved']['@id']}/@workflow/return_result"
    )
    assert returned.status_code == 200, returned.text
    # A's former staff moved to C's groups with the reform: a former officer
    # of A now works as C's officer.
    assert people["officer_a"].get(dossiers["accepted"]["@id"]).status_code == 200

    # A's first half-year, as it was: unchanged, to the dossier.
    after = stats(people["leader_c"])
    assert row(after, A) == a_row
    assert row(after, B)["received_total"] == 2
    assert {r["key"] for r in after["rows"]} == {A, B}
    assert after["total"]["received_total"] == 10
    assert stats(people["leader_c"], unit=A)["total"]["received_total"] == 8
    # As the organisation is now: all of it is C's.
    current = stats(people["leader_c"], **{"as": "current"})
    assert [r["key"] for r in current["rows"]] == [C]
    assert current["rows"][0]["received_total"] == 10
    assert current["rows"][0]["resolved_total"] == 3
    assert current["rows"][0]["title"] == "UBND xã Thanh An (mới)"
    # The second half-year: C carries over what A and B left open.
    second = stats(people["leader_c"], **{"from": "2025-07-01", "to": "2025-12-31"})
    assert [r["key"] for r in second["rows"]] == [C]
    # (A: processing, supplement, payment, accepted; B: processing.)
    assert second["rows"][0]["carried_over"] == 5
    # A unit's bad parameter is named.
    bad = people["leader_c"].get(
        "@dossier-stats", params={"from": "2025-01-01", "to": "2025-06-30", "as": "x"}
    )
    assert bad.status_code == 400

    # C's desk numbers its own dossiers, from 0001.
    new = receive(people, clock, "clerk_c", C, "2025-07-01T09:00")
    assert new["code"] == f"{C}-250701-0001"

    # The public lookup answers for a dossier with A's code.
    status = anonymous.get(
        "@dossier-status",
        params={"code": dossiers["supplement_requested"]["code"], "verify": "5678"},
    )
    assert status.status_code == 200, status.text
    assert status.json()["status"]["code"] == 5
    assert status.json()["steps"][-1]["unit"] == C


def test_reminders_reach_the_successor(
    functional_portal, before_the_reform, manager, reform_clock
):
    from dienbien.policy.dossiers.reminders import send

    reform(manager, reform_clock)
    transaction.begin()  # see what the HTTP requests committed
    portal = functional_portal
    setSite(portal)
    api.portal.set_registry_record("plone.email_from_address", "motcua@example.invalid")
    mailhost = portal.MailHost
    mailhost.reset()
    # 2 July 2025, 10:00: A's processing, awaiting-payment and accepted
    # dossiers and B's processing one are overdue or due; C's officers hear.
    sent = send(datetime(2025, 7, 2, 10, 0))
    transaction.commit()
    assert {unit for unit, _ in sent} == {C}
    recipients = {email for _, email in sent}
    assert "officer_c@example.invalid" in recipients
    # A's and B's former officers work for C now, and hear as C's officers.
    assert recipients == {
        "officer_c@example.invalid",
        "officer_a@example.invalid",
        "officer_b@example.invalid",
    }
    assert len(mailhost.messages) == 3
    mail = message_from_bytes(mailhost.messages[0])
    body = mail.get_payload(decode=True).decode("utf-8")
    for state in ("processing", "awaiting_payment", "accepted", "b_processing"):
        assert before_the_reform[state]["code"] in body, state
    assert before_the_reform["returned"]["code"] not in body


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Quàng Văn Ún",
    "applicant_phone": "0987 000 111",
}


def test_a_new_code_changes_nothing_else(staff, manager, anonymous):
    """Phòng Tư pháp gets a new code and name, the desk a new code: the
    dossiers, the procedure, access, listings and figures follow."""
    clerk, officer, leader = staff["clerk"], staff["officer"], staff["leader"]
    dossier = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    ).json()
    assert clerk.post(f"{dossier['@id']}/@workflow/transfer").status_code == 200

    renamed = manager.patch(
        "to-chuc/h15-50-03", json={"code": "H15.50.33", "title": "Phòng Tư pháp mới"}
    )
    assert renamed.status_code == 204, renamed.text
    assert manager.patch("to-chuc/h15-50-mc", json={"code": "H15.50.MC2"}).ok

    seen = officer.get(dossier["@id"])
    assert seen.status_code == 200
    seen = seen.json()
    assert seen["handling_unit"]["token"] == "H15.50.33"
    assert seen["receiving_unit"]["token"] == "H15.50.MC2"
    assert seen["code"] == dossier["code"]  # the legal identifier stays
    assert dossier["code"].startswith("H15.50.MC-")
    listed = officer.get("@dossiers", params={"unit": "H15.50.33"}).json()
    assert [item["code"] for item in listed["items"]] == [dossier["code"]]
    assert listed["items"][0]["receiving_unit"] == "H15.50.MC2"
    assert (
        officer.get("@dossiers", params={"unit": "H15.50.03"}).json()["items_total"]
        == 0
    )
    assert clerk.get("@dossiers").json()["items_total"] == 1
    figures = leader.get(
        "@dossier-stats",
        params={"from": "2026-03-01", "to": "2026-03-31", "group_by": "unit"},
    ).json()
    assert [(row["key"], row["title"]) for row in figures["rows"]] == [
        ("H15.50.33", "Phòng Tư pháp mới")
    ]
    procedure = anonymous.get("@procedures", params={"unit": "H15.50.33"}).json()
    assert [item["code"] for item in procedure["items"]] == ["2.000815"]
    assert anonymous.get("thu-tuc-hanh-chinh/2-000815").json()["unit"]["token"] == (
        "H15.50.33"
    )

    # Work goes on: the officer acts, the desk receives and numbers anew.
    assert officer.post(f"{dossier['@id']}/@workflow/resolve").status_code == 200
    body = {**DOSSIER, "accepted": "2026-03-03T10:00:00+07:00"}
    # Forms and REST take the code a unit has now.
    assert clerk.post("ho-so", json=body).status_code == 400
    again = clerk.post("ho-so", json={**body, "receiving_unit": "H15.50.MC2"}).json()
    assert again["code"] == "H15.50.MC2-260303-0001"
    assert again["handling_unit"]["token"] == "H15.50.33"
    status = anonymous.get(
        "@dossier-status", params={"code": dossier["code"], "verify": "0111"}
    )
    assert status.status_code == 200


def test_upgrade_converts_codes_to_uids(staff, functional_portal):
    """Profile 1003: dossiers and procedures stored unit codes; the upgrade
    stores the units' UIDs and indexes them, and nothing reads differently."""
    from dienbien.policy.orgunits.references import uid_of
    from dienbien.policy.upgrades.v1003 import units_by_uid

    created = staff["clerk"].post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    )
    transaction.begin()
    portal = functional_portal
    setSite(portal)
    catalog = portal.portal_catalog
    dossier = portal["ho-so"][created.json()["id"]]
    procedure = portal["thu-tuc-hanh-chinh"]["2-000815"]
    indexed_before = catalog.getIndexDataForUID("/".join(dossier.getPhysicalPath()))

    # A site at 1002: codes stored under the fields' own names; no index.
    for obj, names in (
        (dossier, ("receiving_unit", "handling_unit")),
        (procedure, ("unit",)),
    ):
        for name in names:
            code = getattr(obj, name)
            for suffix in ("uid", "code"):
                delattr(obj, f"_{name}_{suffix}")
            obj.__dict__[name] = code
            obj._p_changed = True
    catalog.delIndex("dossier_units")
    catalog.delColumn("unit_succession")
    assert (dossier.receiving_unit, dossier.handling_unit) == ("H15.50.MC", "H15.50.03")

    setup = portal.portal_setup
    steps = setup.listUpgrades("dienbien.policy:default", show_old=True)
    flat = [s for item in steps for s in (item if isinstance(item, list) else [item])]
    assert {s["title"] for s in flat if s["sdest"] == "1003"} == {
        "Records name units by UID"
    }
    assert units_by_uid() == 2
    assert dossier._receiving_unit_uid == uid_of("H15.50.MC")
    assert dossier._handling_unit_uid == uid_of("H15.50.03")
    assert procedure._unit_uid == uid_of("H15.50.03")
    assert "handling_unit" not in dossier.__dict__
    assert (dossier.receiving_unit, dossier.handling_unit) == ("H15.50.MC", "H15.50.03")
    assert procedure.unit == "H15.50.03"
    assert [b.getId for b in catalog(dossier_units=uid_of("H15.50.03"))] == [
        dossier.getId()
    ]
    indexed_after = catalog.getIndexDataForUID("/".join(dossier.getPhysicalPath()))
    assert indexed_after == indexed_before
    assert units_by_uid() == 0  # once is enough
    transaction.commit()
    assert staff["officer"].get(created.json()["@id"]).status_code == 200


def test_upgrade_hands_over_what_retired_before(staff, http, functional_portal):
    """A site that lived through the reform before 1003: Phòng Tư pháp
    retired into the province's department, its groups retired, but its
    open dossier stayed where nobody could reach it. The upgrade moves it."""
    from datetime import date
    from dienbien.policy.orgunits.events import SYNCED_RETIRED
    from dienbien.policy.upgrades.v1003 import units_by_uid

    created = (
        staff["clerk"]
        .post("ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"})
        .json()
    )
    staff["clerk"].post(f"{created['@id']}/@workflow/transfer")
    transaction.begin()
    portal = functional_portal
    setSite(portal)
    successor = api.content.create(
        container=portal["to-chuc"],
        type="OrgUnit",
        title="Sở Tư pháp",
        code="H15.03",
        kind="agency",
    )
    api.user.create(username="so_tp", email="so_tp@example.invalid", password=PASSWORD)
    api.group.add_user(groupname=group_id("H15.03", "officer"), username="so_tp")
    retired = portal["to-chuc"]["h15-50-03"]
    # What the code before 1003 did on the day: groups retired, nothing else.
    retired.valid_to = date(2025, 6, 30)
    retired.successor = "H15.03"
    setattr(retired, SYNCED_RETIRED, True)
    retired.reindexObject()
    dossier = portal["ho-so"][created["id"]]
    assert dossier.handling_unit == "H15.50.03"

    units_by_uid()
    assert dossier.handling_unit == "H15.03"
    assert successor.code == "H15.03"
    transaction.commit()
    so_tp = http("so_tp", PASSWORD)
    assert so_tp.get(created["@id"]).status_code == 200
    log = so_tp.get(f"{created['@id']}/@handover-log").json()["items"][-1]
    assert (log["action"], log["from_unit"], log["to_unit"]) == (
        "reorganise",
        "H15.50.03",
        "H15.03",
    )
    # Retired (by law) on 30 June 2025, before the dossier was received: the
    # hand-over is dated after its last step, not before it existed.
    assert log["time"] == "2026-03-03T10:00:00+07:00"
