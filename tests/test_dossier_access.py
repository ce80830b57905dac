"""Who sees and does what with a dossier, in every state: the permission
matrix of the one-stop service (anonymous, desk clerk, officer and leader of
the handling unit, officer and leader of another unit)."""

from conftest import STAFF_PASSWORD

import pytest


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Thị Ún",
    "applicant_phone": "0987 654 321",
}

# How to bring a dossier into each state: (actor, transition, comment).
# ``submitted`` and ``refused`` start from a dossier submitted online (the
# desk's own dossiers are accepted at creation).
PATHS = {
    "submitted": [],
    "refused": [("clerk", "refuse", "Sai thủ tục")],
    "accepted": [],
    "processing": [("clerk", "transfer", None), ("officer", "@apology", None)],
    "supplement_requested": [("clerk", "request_supplement", "Thiếu giấy tờ")],
    "awaiting_payment": [
        ("clerk", "transfer", None),
        ("officer", "request_payment", None),
    ],
    "resolved": [("clerk", "transfer", None), ("officer", "resolve", None)],
    "returned": [
        ("clerk", "transfer", None),
        ("officer", "resolve", None),
        ("clerk", "return_result", None),
    ],
    "withdrawn": [("clerk", "withdraw", "Người nộp rút hồ sơ")],
    "stopped": [("clerk", "transfer", None), ("leader", "stop", "Không đủ điều kiện")],
}
ONLINE = {"submitted", "refused"}
# Transitions each role may fire in each state (others are refused).
ALLOWED = {
    "submitted": {"clerk": {"accept", "refuse", "request_supplement", "withdraw"}},
    "refused": {},
    "accepted": {"clerk": {"transfer", "request_supplement", "withdraw"}},
    "processing": {
        "clerk": {"request_supplement", "withdraw"},
        "officer": {"request_supplement", "request_payment", "resolve"},
        "leader": {"request_supplement", "request_payment", "resolve", "stop"},
    },
    "supplement_requested": {"clerk": {"receive_supplement", "withdraw"}},
    "awaiting_payment": {"clerk": {"confirm_payment", "withdraw"}},
    "resolved": {"clerk": {"return_result"}},
    "returned": {},
    "withdrawn": {},
    "stopped": {},
}
# Who sees a dossier (the dossier, its hand-over log, its slips) in every
# state: its units' staff and the Manager. Not the Site Administrator (a web
# editor), not another unit.
SEES = {"clerk", "officer", "leader", "manager"}
# Who may edit (Modify portal content, and the edit rules of core/edits.py)
# in which state: the Manager always, the receiving desk while the dossier is
# open or awaits return; officers and leaders never (they act by steps).
EDITS = {
    state: {"manager"} | holders
    for state, holders in {
        "submitted": {"clerk"},
        "refused": set(),
        "accepted": {"clerk"},
        "processing": {"clerk"},
        "supplement_requested": {"clerk"},
        "awaiting_payment": {"clerk"},
        "resolved": {"clerk"},
        "returned": set(),
        "withdrawn": set(),
        "stopped": set(),
    }.items()
}
# Who may apologise (``@apology``, Process dossiers) in which state.
APOLOGISES = {"processing": {"manager", "officer", "leader"}}
# Only the Manager deletes, in every state.
DELETES = {"manager"}
# The slips that apply in each state (the others answer 404 to those who
# see the dossier): 01 once accepted, 02 after a supplement request, 03 after
# a refusal, 04 after an apology, 05 once a step is logged.
SLIPS = ("01", "02", "03", "04", "05")
APPLICABLE = {
    "submitted": set(),
    "refused": {"03", "05"},
    "accepted": {"01", "05"},
    "processing": {"01", "04", "05"},
    "supplement_requested": {"01", "02", "05"},
    "awaiting_payment": {"01", "05"},
    "resolved": {"01", "05"},
    "returned": {"01", "05"},
    "withdrawn": {"01", "05"},
    "stopped": {"01", "05"},
}
PEOPLE = (
    "anonymous",
    "site_admin",
    "clerk",
    "officer",
    "leader",
    "other_officer",
    "other_leader",
    "manager",
)
# Who works in /ho-so at all (the folder, the register Mẫu 06, @dossiers).
STAFF_FOLDER = {"clerk", "officer", "leader", "other_officer", "other_leader"}
SITE_ADMIN = "quantri.web"


@pytest.fixture
def people(staff, anonymous, manager, http, one_stop):
    from plone import api

    import transaction

    api.user.create(
        username=SITE_ADMIN,
        email="quantri.web@example.invalid",
        password=STAFF_PASSWORD,
        roles=("Member", "Site Administrator"),
    )
    transaction.commit()
    return {
        "anonymous": anonymous,
        "site_admin": http(SITE_ADMIN, STAFF_PASSWORD),
        "manager": manager,
        **staff,
    }


def submitted_online(portal, number: int):
    """A dossier submitted online: not accepted yet (the desk accepts it)."""
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    setRoles(portal, TEST_USER_ID, ["Manager"])
    dossier = api.content.create(
        container=portal["ho-so"],
        type="Dossier",
        id=f"online-{number}",
        procedure="2.000815",
        channel="online",
        receiving_unit="H15.50.MC",
        handling_unit="H15.50.03",
        applicant_name="Mùa A Sử",
        applicant_phone="0911 222 333",
    )
    dossier.code = f"H15.50.MC-260303-09{number:02d}"
    dossier.reindexObject()
    transaction.commit()
    return {"@id": dossier.absolute_url(), "code": dossier.code}


def later(moment: str) -> str:
    """The next working day at the same time, after an ISO date-time."""
    from datetime import datetime
    from dienbien.policy.core.calendar import WorkingCalendar

    current = datetime.fromisoformat(moment)
    day = WorkingCalendar().next_working_day(current.date())
    return datetime.combine(day, current.timetz()).isoformat()


def bring_to(people, target, portal=None):
    if target in ONLINE:
        dossier = submitted_online(portal, len(PATHS[target]) + 1)
    else:
        created = people["clerk"].post("ho-so", json=DOSSIER)
        assert created.status_code == 201, created.text
        dossier = created.json()
    for actor, step, comment in PATHS[target]:
        if step == "@apology":
            current = people[actor].get(dossier["@id"]).json()["appointment"]
            response = people[actor].post(
                f"{dossier['@id']}/@apology",
                json={"new_appointment": later(current), "reason": "Chờ xác minh"},
            )
        else:
            body = {"comment": comment} if comment else {}
            response = people[actor].post(
                f"{dossier['@id']}/@workflow/{step}", json=body
            )
        assert response.status_code == 200, (target, step, response.text)
    return dossier


def expected(allowed: bool, granted: int = 200) -> int:
    return granted if allowed else 401


@pytest.mark.parametrize("target", list(PATHS))
def test_permission_matrix(people, one_stop, target):
    dossier = bring_to(people, target, one_stop)
    url = dossier["@id"]
    folder = one_stop["ho-so"].absolute_url()
    for person in PEOPLE:
        client = people[person]
        sees = person in SEES
        where = (target, person)
        # view: the dossier, its hand-over log, its slips (page and .docx)
        assert client.get(url).status_code == expected(sees), (*where, "view")
        log = client.get(f"{url}/@handover-log")
        assert log.status_code == expected(sees), (*where, "@handover-log")
        for slip in SLIPS:
            applies = slip in APPLICABLE[target]
            for name in (f"@@slip-{slip}", f"@@slip-{slip}.docx"):
                status = client.get(f"{url}/{name}").status_code
                assert status == expected(sees, 200 if applies else 404), (
                    *where,
                    name,
                )
        # list (``@dossiers`` sorts on the appointment, which a dossier
        # submitted online has not yet: only accepted ones are listed)
        listing = client.get("@dossiers")
        if target in ONLINE and listing.status_code == 200:
            listed = {item["code"] for item in listing.json()["items"]}
            assert dossier["code"] not in listed, (*where, "list")
        elif person in STAFF_FOLDER or person == "manager":
            listed = {item["code"] for item in listing.json()["items"]}
            assert (dossier["code"] in listed) == sees, (*where, "list")
        else:
            assert listing.status_code == 401, (*where, "list")
        # search
        found = client.get("@search", params={"portal_type": "Dossier"}).json()
        codes = {item["@id"] for item in found.get("items", [])}
        assert (url in codes) == sees, (*where, "search")
        # the tracking register (Mẫu 06) lists the dossiers received in the
        # period (never one not accepted yet) to those who see them
        register = client.get(
            f"{folder}/@@register-06",
            params={"from": "2000-01-01", "to": "2100-12-31"},
        )
        if person == "anonymous":
            assert register.status_code == 401, (*where, "register-06")
        else:
            assert register.status_code == 200, (*where, "register-06")
            listed = sees and target not in ONLINE
            assert (dossier["code"] in register.text) == listed, (*where, "register")
        # transitions offered
        if sees and person != "manager":
            info = client.get(f"{url}/@workflow").json()
            offered = {t["@id"].rsplit("/", 1)[-1] for t in info["transitions"]}
            assert offered == ALLOWED[target].get(person, set()), (*where, offered)
        # edit: an empty change is enough to meet the permission check; who
        # sees the dossier but may not edit it is told so (403)
        edits = person in EDITS[target]
        response = client.patch(url, json={})
        refused = 403 if sees else 401
        assert response.status_code == (204 if edits else refused), (*where, "edit")
        # apology: an empty body passes the permission check, then is refused
        apologises = person in APOLOGISES.get(target, set())
        response = client.post(f"{url}/@apology", json={})
        assert response.status_code == expected(apologises, 400), (*where, "apology")
        # delete: refused to all but the Manager, who goes last
        deletes = person in DELETES
        response = client.delete(url)
        assert response.status_code == expected(deletes, 204), (*where, "delete")
    assert people["manager"].get(url).status_code == 404


def test_refused_at_the_desk(people, one_stop):
    # A dossier submitted online (not accepted at creation) can be refused.
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import transaction

    portal = one_stop
    setRoles(portal, TEST_USER_ID, ["Manager"])
    dossier = api.content.create(
        container=portal["ho-so"],
        type="Dossier",
        id="online-1",
        procedure="2.000815",
        channel="online",
        receiving_unit="H15.50.MC",
        handling_unit="H15.50.03",
        applicant_name="Mùa A Sử",
        applicant_phone="0911 222 333",
    )
    dossier.code = "H15.50.MC-260303-0900"
    dossier.reindexObject()
    transaction.commit()
    assert api.content.get_state(dossier) == "submitted"
    url = dossier.absolute_url()
    response = people["clerk"].post(
        f"{url}/@workflow/refuse", json={"comment": "Sai thủ tục"}
    )
    assert response.status_code == 200, response.text
    assert people["clerk"].get(url).json()["status_code"] == 3


def test_overdue_listing(people, clock):
    clerk = people["clerk"]
    # Accepted Mon 5 January (due Tue 6 January), still in progress in March.
    clock("2026-01-05T09:00")
    old = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-01-05T09:00:00+07:00"}
    ).json()
    clerk.post(f"{old['@id']}/@workflow/transfer")
    # Accepted Tue 3 March 09:00, due Wed 09:00: not overdue at 10:00.
    clock("2026-03-03T09:00")
    fresh = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    ).json()
    clock("2026-03-03T10:00")
    overdue = people["officer"].get("@dossiers", params={"overdue": "1"}).json()
    codes = [item["code"] for item in overdue["items"]]
    assert codes == [old["code"]]
    assert overdue["items"][0]["overdue"] is True
    assert overdue["items"][0]["status_code"] == 4
    listed = people["clerk"].get("@dossiers", params={"state": "accepted"}).json()
    assert [item["code"] for item in listed["items"]] == [fresh["code"]]
    due = people["clerk"].get("@dossiers", params={"due_before": "2026-03-01"}).json()
    assert [item["code"] for item in due["items"]] == [old["code"]]
    # A day later the fresh one is overdue too.
    clock("2026-03-04T09:01")
    overdue = people["officer"].get("@dossiers", params={"overdue": "1"}).json()
    assert {item["code"] for item in overdue["items"]} == {old["code"], fresh["code"]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"state": "lost"}, "state"),
        ({"overdue": "yes"}, "overdue"),
        ({"due_before": "tomorrow"}, "due_before"),
        ({"b_size": "0"}, "b_size"),
        ({"x": "1"}, "x"),
    ],
)
def test_dossiers_bad_parameters(people, params, field):
    response = people["clerk"].get("@dossiers", params=params)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
