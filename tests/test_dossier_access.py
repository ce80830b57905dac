"""Who sees and does what with a dossier, in every state: the permission
matrix of the one-stop service (anonymous, desk clerk, officer and leader of
the handling unit, officer and leader of another unit)."""

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
PATHS = {
    "accepted": [],
    "processing": [("clerk", "transfer", None)],
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
    "refused": None,  # only from submitted, which desk-created dossiers pass at once
    "withdrawn": [("clerk", "withdraw", "Người nộp rút hồ sơ")],
    "stopped": [("clerk", "transfer", None), ("leader", "stop", "Không đủ điều kiện")],
}
# Transitions each role may fire in each state (others are refused).
ALLOWED = {
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
SEES = {"clerk", "officer", "leader"}
PEOPLE = ("anonymous", "clerk", "officer", "leader", "other_officer", "other_leader")


@pytest.fixture
def people(staff, anonymous):
    return {"anonymous": anonymous, **staff}


def bring_to(people, target):
    created = people["clerk"].post("ho-so", json=DOSSIER)
    assert created.status_code == 201, created.text
    dossier = created.json()
    for actor, transition, comment in PATHS[target]:
        body = {"comment": comment} if comment else {}
        response = people[actor].post(
            f"{dossier['@id']}/@workflow/{transition}", json=body
        )
        assert response.status_code == 200, (target, transition, response.text)
    return dossier


@pytest.mark.parametrize(
    "target", [state for state, path in PATHS.items() if path is not None]
)
def test_permission_matrix(people, target):
    dossier = bring_to(people, target)
    url = dossier["@id"]
    for person in PEOPLE:
        client = people[person]
        # view
        expected_view = 200 if person in SEES else 401
        assert client.get(url).status_code == expected_view, (target, person, "view")
        # list
        if person == "anonymous":
            assert client.get("@dossiers").status_code == 401
        else:
            listed = {item["code"] for item in client.get("@dossiers").json()["items"]}
            assert (dossier["code"] in listed) == (person in SEES), (
                target,
                person,
                "list",
            )
        # search
        found = client.get("@search", params={"portal_type": "Dossier"}).json()
        codes = {item["@id"] for item in found.get("items", [])}
        assert (url in codes) == (person in SEES), (target, person, "search")
        # transitions
        if person in SEES:
            info = client.get(f"{url}/@workflow").json()
            offered = {t["@id"].rsplit("/", 1)[-1] for t in info["transitions"]}
            assert offered == ALLOWED[target].get(person, set()), (
                target,
                person,
                offered,
            )


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


def test_overdue_listing(people):
    clerk = people["clerk"]
    old = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-01-05T09:00:00+07:00"}
    ).json()
    clerk.post(f"{old['@id']}/@workflow/transfer")
    fresh = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2099-01-05T09:00:00+07:00"}
    ).json()
    overdue = people["officer"].get("@dossiers", params={"overdue": "1"}).json()
    codes = [item["code"] for item in overdue["items"]]
    assert codes == [old["code"]]
    assert overdue["items"][0]["overdue"] is True
    assert overdue["items"][0]["status_code"] == 4
    listed = people["clerk"].get("@dossiers", params={"state": "accepted"}).json()
    assert [item["code"] for item in listed["items"]] == [fresh["code"]]
    due = people["clerk"].get("@dossiers", params={"due_before": "2027-01-01"}).json()
    assert [item["code"] for item in due["items"]] == [old["code"]]


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
