"""Official correspondence over HTTP: create, steps, read, list (issue 10,
item 11). Each step by the right function, and refused to a wrong one."""

from conftest import STAFF_PASSWORD
from plone import api
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
from test_api_errors import fields
from test_openapi import conforms

import pytest
import transaction


OUTGOING = {
    "@type": "OutgoingDocument",
    "unit": "H15.50",
    "doctype": "dispatch",
    "department": "VP",
    "summary": "Về việc báo cáo tình hình tháng 3",
    "internal_recipients": ["H15.50.05"],
    "external_recipients": ["Sở Nội vụ tỉnh Điện Biên"],
    "urgency": "normal",
    "confidentiality": "normal",
    "signer": "lanhdao",
    "copies": 2,
    "body": "<p>Kính gửi Phòng Tài nguyên và Môi trường.</p>",
}
INCOMING = {
    "@type": "IncomingDocument",
    "unit": "H15.50",
    "received": "2026-03-03T08:30:00+07:00",
    "sender_name": "Sở Nội vụ tỉnh Điện Biên",
    "sender_notation": "3954/SNV-VP",
    "sender_date": "2026-03-02",
    "doctype": "dispatch",
    "summary": "Về việc báo cáo biên chế năm 2026",
    "urgency": "normal",
    "confidentiality": "normal",
}


@pytest.fixture
def people(offices, http):
    """The correspondence staff (``conftest.OFFICES``) and a user of no unit."""
    api.user.create(
        username="khach", email="khach@example.invalid", password=STAFF_PASSWORD
    )
    transaction.commit()
    return {**offices, "khach": http("khach", STAFF_PASSWORD)}


def create(client, body, **changes):
    response = client.post("van-ban", json={**body, **changes})
    assert response.status_code == 201, response.text
    return response.json()


def step(client, document, transition, expect=200, **body):
    response = client.post(f"{document['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == expect, response.text
    return response.json()


def read(client, document):
    response = client.get(document["@id"])
    assert response.status_code == 200, response.text
    return response.json()


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["@id"].rsplit("/", 1)[-1] for item in response.json()["items"]]


def short(document) -> str:
    return document["@id"].rsplit("/", 1)[-1]


# -- Create ------------------------------------------------------------------


def test_officer_drafts_an_outgoing_document(people):
    draft = create(people["chuyenvien"], OUTGOING)
    assert draft["@type"] == "OutgoingDocument"
    assert short(draft).startswith("vbdi-")
    assert draft["kind"] == "outgoing"
    assert draft["review_state"] == "draft"
    assert draft["state_title"] == "Dự thảo"
    assert draft["drafter"] == "chuyenvien"
    assert draft["number"] is None
    assert draft["notation"] is None
    assert draft["issued"] is None
    assert [entry["review_state"] for entry in draft["history"]] == ["draft"]
    assert draft["history"][0]["actor_name"] == "Cán bộ chuyenvien"


def test_clerk_registers_an_incoming_document_in_the_same_request(people):
    clerk = people["vanthu"]
    first = create(clerk, INCOMING)
    assert short(first).startswith("vbden-")
    assert first["review_state"] == "registered"
    assert first["state_title"] == "Đã vào sổ, chờ giao xử lý"
    assert first["incoming_number"] == 1
    assert first["year"] == 2026
    assert first["registered"] == "2026-03-03T10:00:00+07:00"
    second = create(clerk, INCOMING, sender_notation="3955/SNV-VP")
    assert second["incoming_number"] == 2
    assert [e["action"] for e in second["history"]] == [None, "register"]


@pytest.mark.parametrize(
    ("login", "body", "status"),
    [
        (None, OUTGOING, 401),
        ("khach", OUTGOING, 401),
        ("khach", INCOMING, 401),
        ("chuyenvien", INCOMING, 403),
        ("lanhdao", INCOMING, 403),
    ],
)
def test_wrong_function_may_not_create(http, people, login, body, status):
    client = people[login] if login else http()
    response = client.post("van-ban", json=body)
    assert response.status_code == status, response.text


def test_staff_create_documents_of_their_own_unit(people):
    # Phòng Tài nguyên và Môi trường's clerk does not register for the district's office,
    # nor does one of its leaders draft in the district's name.
    response = people["vanthu_tnmt"].post("van-ban", json=INCOMING)
    assert fields(response) == ["unit"]
    response = people["lanhdao_tnmt"].post("van-ban", json=OUTGOING)
    assert fields(response) == ["unit"]
    mine = create(
        people["lanhdao_tnmt"], OUTGOING, unit="H15.50.05", signer="lanhdao_tnmt"
    )
    assert mine["unit"] == {
        "token": "H15.50.05",
        "title": "Phòng Tài nguyên và Môi trường (H15.50.05)",
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"doctype": "memo"}, ["doctype"]),
        ({"department": ""}, ["department"]),
        ({"doctype": "notice", "department": "", "normative": True}, ["normative"]),
        (
            {
                "doctype": "decision",
                "department": "",
                "normative": True,
                "confidentiality": "secret",
            },
            ["confidentiality"],
        ),
        ({"unit": "H99"}, ["unit"]),
        ({"internal_recipients": ["H15.50.05", "H99"]}, ["internal_recipients.1"]),
        ({"urgency": "asap"}, ["urgency"]),
        ({"confidentiality": "mat"}, ["confidentiality"]),
        ({"signer": "ai-do"}, ["signer"]),
        ({"signer": "lanhdao_tnmt"}, ["signer"]),
        ({"readers": ["ai-do"]}, ["readers.0"]),
        ({"summary": ""}, ["summary"]),
        ({"number": 5}, ["number"]),
    ],
)
def test_outgoing_bad_input_names_the_field(people, changes, expected):
    officer = people["chuyenvien"]
    response = officer.post("van-ban", json={**OUTGOING, **changes})
    assert sorted(fields(response)) == sorted(expected)
    assert ids(people["lanhdao"].get("@documents")) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"body": False}, ["body"]),
        ({"file": "x"}, ["file"]),
        ({"file": {"data": 5}}, ["file"]),
        ({"internal_recipients": [{}]}, ["internal_recipients.0"]),
        ({"internal_recipients": "H15.50.05"}, ["internal_recipients"]),
        ({"readers": "vanthu"}, ["readers"]),
        ({"copies": "hai"}, ["copies"]),
        ({"normative": "yes"}, ["normative"]),
        ({"doctype": {"token": 5}}, ["doctype"]),
        ({"unit": ["H15.50"]}, ["unit"]),
    ],
)
def test_malformed_values_are_refused_by_name(people, changes, expected):
    response = people["chuyenvien"].post("van-ban", json={**OUTGOING, **changes})
    assert fields(response) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"received": "hôm qua"},
        {"received": "9999-01-01T00:00"},
        {"sender_date": "02/03/2026"},
        {"sender_unit": 5},
    ],
)
def test_malformed_incoming_values(people, changes):
    response = people["vanthu"].post("van-ban", json={**INCOMING, **changes})
    assert fields(response) == list(changes)


@pytest.mark.parametrize(
    ("changes", "expected", "message"),
    [
        (
            {"sender_notation": "3954 SNV"},
            ["sender_notation"],
            "3954 SNV thiếu dấu '/' giữa số và ký hiệu (05/QĐ-UBND).",
        ),
        ({"sender_notation": ""}, ["sender_notation"], None),
        ({"sender_name": ""}, ["sender_name"], None),
        ({"sender_unit": "H99", "sender_name": ""}, ["sender_unit"], None),
        ({"received": "2026-03-03T10:05:00+07:00"}, ["received"], None),
        ({"sender_date": "2026-03-04"}, ["sender_date"], None),
        ({"doctype": "decision"}, ["sender_notation"], None),
        ({"incoming_number": 7}, ["incoming_number"], None),
    ],
)
def test_incoming_bad_input_names_the_field(people, changes, expected, message):
    response = people["vanthu"].post("van-ban", json={**INCOMING, **changes})
    assert fields(response) == expected
    if message:
        assert response.json()["errors"][0]["message"] == message
    # Nothing stored, and the counter did not move.
    assert ids(people["vanthu"].get("@documents")) == []
    assert create(people["vanthu"], INCOMING)["incoming_number"] == 1


# -- Steps -------------------------------------------------------------------


def test_outgoing_lifecycle_by_the_right_functions(people, clock):
    officer, leader, clerk = people["chuyenvien"], people["lanhdao"], people["vanthu"]
    draft = create(officer, OUTGOING)
    # Draft: only the drafter and the unit's leaders see it.
    step(clerk, draft, "submit", expect=401)
    step(people["chuyenvien_tnmt"], draft, "submit", expect=401)
    step(leader, draft, "submit", expect=403)
    step(officer, draft, "submit")
    assert read(officer, draft)["review_state"] == "pending"

    step(officer, draft, "approve", expect=403)
    step(officer, draft, "return", expect=403, comment="Tự trả lại")
    step(clerk, draft, "return", expect=403, comment="Sai thể thức")
    assert fields_of(step(leader, draft, "return", expect=400)) == ["comment"]
    step(leader, draft, "return", comment="Sửa trích yếu")
    returned = read(officer, draft)
    assert returned["review_state"] == "draft"
    assert returned["return_reason"] == "Sửa trích yếu"
    assert returned["history"][-1]["comment"] == "Sửa trích yếu"

    step(officer, draft, "submit")
    step(clerk, draft, "approve", expect=403)
    step(leader, draft, "approve")

    step(officer, draft, "issue", expect=403)
    step(leader, draft, "issue", expect=403)
    clock("2026-03-03T14:00")
    issued = step(clerk, draft, "issue")
    assert issued["review_state"] == "issued"
    assert issued["number"] == 1
    assert issued["notation"] == "01/UBND-VP"
    document = read(clerk, draft)
    assert document["number"] == 1
    assert document["year"] == 2026
    assert document["notation"] == "01/UBND-VP"
    assert document["issued"] == "2026-03-03T14:00:00+07:00"
    assert document["state_title"] == "Đã ban hành"

    step(officer, draft, "send", expect=403)
    step(clerk, draft, "send")
    step(clerk, draft, "recall", expect=403)
    assert fields_of(step(leader, draft, "recall", expect=400)) == ["comment"]
    step(leader, draft, "recall", comment="Sai nơi nhận")
    final = read(leader, draft)
    assert final["review_state"] == "recalled"
    assert final["recall_reason"] == "Sai nơi nhận"
    assert [e["action"] for e in final["history"]] == [
        None,
        "submit",
        "return",
        "submit",
        "approve",
        "issue",
        "send",
        "recall",
    ]


def fields_of(body) -> list[str]:
    return [error["field"] for error in body["errors"]]


def test_incoming_lifecycle_by_the_right_functions(people, clock):
    clerk, leader, officer = people["vanthu"], people["lanhdao"], people["chuyenvien"]
    incoming = create(clerk, INCOMING)
    assignment = {
        "instruction": "Phòng Nội vụ tham mưu trả lời",
        "handler": "chuyenvien",
        "co_handlers": ["chuyenvien_tnmt"],
        "deadline": "2026-03-10",
    }
    step(clerk, incoming, "assign", expect=403, **assignment)
    step(officer, incoming, "assign", expect=401, **assignment)
    step(leader, incoming, "assign", **assignment)
    assigned = read(officer, incoming)
    assert assigned["review_state"] == "assigned"
    assert assigned["handler"] == "chuyenvien"
    assert assigned["co_handlers"] == ["chuyenvien_tnmt"]
    assert assigned["deadline"] == "2026-03-10"
    assert assigned["instruction"] == "Phòng Nội vụ tham mưu trả lời"
    assert assigned["assigned"] == "2026-03-03T10:00:00+07:00"

    step(leader, incoming, "start", expect=403)
    step(clerk, incoming, "start", expect=403)
    step(officer, incoming, "start")

    reply = create(officer, OUTGOING, summary="Về việc báo cáo biên chế năm 2026")
    step(leader, incoming, "close", expect=403)
    body = step(officer, incoming, "close", expect=400, reply="no-such-uid")
    assert fields_of(body) == ["reply"]
    step(officer, incoming, "close", reply=reply["UID"])
    done = read(officer, incoming)
    assert done["review_state"] == "done"
    assert done["reply"] == reply["UID"]
    assert done["state_title"] == "Đã xử lý xong"


def test_a_delivered_document_is_registered_by_the_clerk_only(
    people, functional_portal
):
    """A document delivered inside the organisation waits in ``received``
    (created here as internal sending does, without registration)."""
    from datetime import datetime
    from dienbien.policy.correspondence.documents import new_id

    with api.env.adopt_user(username="vanthu"):
        delivered = api.content.create(
            container=functional_portal["van-ban"],
            type="IncomingDocument",
            id=new_id("incoming"),
            unit="H15.50",
            doctype="report",
            summary="Báo cáo kết quả kiểm tra",
            sender_unit="H15.50.05",
            sender_notation="12/BC-TNMT",
            received=datetime(2026, 3, 3, 9, 0),
        )
    transaction.commit()
    document = {"@id": delivered.absolute_url()}
    assert read(people["vanthu"], document)["review_state"] == "received"
    step(people["chuyenvien"], document, "register", expect=401)
    step(people["lanhdao"], document, "register", expect=403)
    step(people["vanthu_tnmt"], document, "register", expect=401)
    registered = step(people["vanthu"], document, "register")
    assert registered["review_state"] == "registered"
    assert registered["incoming_number"] == 1


def test_incoming_returned_to_the_sender_with_a_reason(people):
    clerk = people["vanthu"]
    incoming = create(clerk, INCOMING)
    step(people["lanhdao"], incoming, "return", expect=403, comment="Sai nơi gửi")
    assert fields_of(step(clerk, incoming, "return", expect=400)) == ["comment"]
    step(clerk, incoming, "return", comment="Gửi nhầm đơn vị")
    returned = read(clerk, incoming)
    assert returned["review_state"] == "returned"
    assert returned["return_reason"] == "Gửi nhầm đơn vị"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"deadline": "2026-03-10"}, ["handler"]),
        ({"handler": "ai-do"}, ["handler"]),
        ({"handling_unit": "H99"}, ["handling_unit"]),
        ({"handler": "chuyenvien", "co_handlers": ["chuyenvien"]}, ["co_handlers"]),
        ({"handler": "chuyenvien", "deadline": "2026-03-02"}, ["deadline"]),
        ({"handler": "chuyenvien", "deadline": "10/03/2026"}, ["deadline"]),
        ({"handler": "chuyenvien", "co_handlers": "chuyenvien_tnmt"}, ["co_handlers"]),
        ({"handler": "chuyenvien", "reply": "x"}, ["reply"]),
        ({"handler": ["chuyenvien"]}, ["handler"]),
    ],
)
def test_bad_assignment_stores_nothing(people, body, expected):
    incoming = create(people["vanthu"], INCOMING)
    response = people["lanhdao"].post(f"{incoming['@id']}/@workflow/assign", json=body)
    assert fields(response) == expected
    after = read(people["vanthu"], incoming)
    assert after["review_state"] == "registered"
    assert after["handler"] in (None, "")


def test_steps_the_state_does_not_have(people):
    draft = create(people["chuyenvien"], OUTGOING)
    response = people["chuyenvien"].post(f"{draft['@id']}/@workflow/issue", json={})
    assert fields(response) == ["transition"]
    response = people["chuyenvien"].post(
        f"{draft['@id']}/@workflow/submit", json={"handler": "x"}
    )
    assert fields(response) == ["handler"]
    response = people["chuyenvien"].post(
        f"{draft['@id']}/@workflow/submit", json={"comment": 5}
    )
    assert fields(response) == ["comment"]


# -- Read and list -----------------------------------------------------------


@pytest.fixture
def documents(people, clock):
    """Five documents of H15.50 (one a draft awaiting approval) and one of
    Phòng Tài nguyên và Môi trường, at known times."""
    clerk, leader, officer = people["vanthu"], people["lanhdao"], people["chuyenvien"]
    made = {}
    clock("2026-03-02T09:00")
    made["report"] = create(
        clerk,
        INCOMING,
        received="2026-03-02T08:00:00+07:00",
        sender_notation="120/BC-SNV",
        doctype="report",
        summary="Báo cáo kết quả tuyển dụng",
    )
    step(leader, made["report"], "assign", handler="chuyenvien", deadline="2026-03-05")
    clock("2026-03-03T09:00")
    made["urgent"] = create(
        clerk,
        INCOMING,
        received="2026-03-03T08:00:00+07:00",
        sender_notation="77/UBND-VX",
        sender_name="UBND tỉnh Điện Biên",
        urgency="flash",
        summary="Về việc phòng chống lũ quét",
    )
    step(leader, made["urgent"], "assign", handler="chuyenvien", deadline="2026-03-20")
    clock("2026-03-03T09:30")
    made["secret"] = create(
        clerk,
        INCOMING,
        received="2026-03-03T09:15:00+07:00",
        sender_notation="15/CAT-PV01",
        sender_name="Công an tỉnh",
        confidentiality="confidential",
        readers=["vanthu", "lanhdao"],
        summary="Về việc bảo vệ bí mật nhà nước",
    )
    clock("2026-03-03T10:00")
    made["draft"] = create(officer, OUTGOING, summary="Về việc tổ chức hội nghị")
    step(officer, made["draft"], "submit")
    step(leader, made["draft"], "approve")
    step(clerk, made["draft"], "issue")
    clock("2026-03-03T10:30")
    made["pending"] = create(officer, OUTGOING, summary="Về việc kế hoạch năm 2026")
    step(officer, made["pending"], "submit")
    clock("2026-03-03T11:00")
    made["tp"] = create(
        people["vanthu_tnmt"], INCOMING, unit="H15.50.05", summary="Về việc chứng thực"
    )
    return made


def test_listing_filters(people, documents, clock):
    leader = people["lanhdao"]
    clock("2026-03-10T09:00")
    every = ["pending", "draft", "secret", "urgent", "report"]
    numbered = every[1:]
    names = {short(doc): name for name, doc in documents.items()}

    def listed(**params):
        return [names[i] for i in ids(leader.get("@documents", params=params))]

    assert listed() == every
    assert listed(kind="incoming") == ["secret", "urgent", "report"]
    assert listed(kind="outgoing") == ["pending", "draft"]
    assert listed(state="pending") == ["pending"]
    assert listed(state="assigned") == ["urgent", "report"]
    assert listed(kind="outgoing", state="issued") == ["draft"]
    assert listed(unit="H15.50") == every
    assert listed(unit="H15.50.05") == []
    # A draft has no number, so no year yet.
    assert listed(year="2026") == numbered
    assert listed(year="2025") == []
    assert listed(urgent="1") == ["urgent"]
    assert listed(overdue="1") == ["report"]
    assert listed(q="phong chong lu") == ["urgent"]
    assert listed(q="BÁO CÁO tuyen") == ["report"]
    assert listed(q="77/UBND-VX") == ["urgent"]
    assert listed(q="cong an") == ["secret"]
    assert listed(q="hội nghị") == ["draft"]
    # The other unit's clerk sees only her unit's document.
    assert ids(people["vanthu_tnmt"].get("@documents")) == [short(documents["tp"])]


def test_listing_items_from_the_catalog(people, documents, clock):
    clock("2026-03-10T09:00")
    response = people["lanhdao"].get("@documents", params={"kind": "incoming"})
    body = response.json()
    assert body["items_total"] == 3
    report = body["items"][2]
    assert report == {
        "@id": documents["report"]["@id"],
        "@type": "IncomingDocument",
        "kind": "incoming",
        "review_state": "assigned",
        "state_title": "Đã giao xử lý",
        "number": 1,
        "year": 2026,
        "notation": "120/BC-SNV",
        "date": "2026-03-02T08:00:00+07:00",
        "type": "report",
        "type_title": "Báo cáo",
        "title": report["title"],
        "summary": "Báo cáo kết quả tuyển dụng",
        "urgency": "normal",
        "confidentiality": "normal",
        "unit": "H15.50",
        "sender": "Sở Nội vụ tỉnh Điện Biên",
        "handler": "chuyenvien",
        "deadline": "2026-03-05",
        "overdue": True,
    }
    outgoing = people["lanhdao"].get("@documents", params={"kind": "outgoing"})
    pending, item = outgoing.json()["items"]
    assert (pending["number"], pending["notation"], pending["date"]) == (
        None,
        None,
        None,
    )
    assert pending["state_title"] == "Chờ duyệt"
    assert (item["number"], item["notation"], item["date"]) == (
        1,
        "01/UBND-VP",
        "2026-03-03T10:00:00+07:00",
    )
    assert item["overdue"] is False


def test_listing_never_wakes_a_document(people, documents, monkeypatch):
    """Items come from catalog metadata: no brain is turned into its object
    (the server runs in this process)."""

    def refuse(brain, *args, **kwargs):
        raise AssertionError(f"woke {brain.getPath()}")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", refuse)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", refuse)
    for params in ({}, {"q": "bao cao"}, {"overdue": "1"}, {"unit": "H15.50"}):
        response = people["lanhdao"].get("@documents", params=params)
        assert response.status_code == 200, response.text


def test_listing_batches(people, documents):
    response = people["lanhdao"].get("@documents", params={"b_size": "2"})
    body = response.json()
    assert body["items_total"] == 5
    assert len(body["items"]) == 2
    assert set(body["batching"]) >= {"@id", "first", "next", "last"}
    second = people["lanhdao"].get(body["batching"]["next"])
    assert [short({"@id": i["@id"]}) for i in second.json()["items"]] == [
        short(documents["secret"]),
        short(documents["urgent"]),
    ]
    # Each batch is cut out by the catalog: the draft, then the dated ones,
    # across the seam and to the end, with the whole count on every page.
    names = {short(doc): name for name, doc in documents.items()}
    pages = [
        people["lanhdao"]
        .get("@documents", params={"b_size": "2", "b_start": str(start)})
        .json()
        for start in (0, 2, 4, 1)
    ]
    assert [[names[short(i)] for i in page["items"]] for page in pages] == [
        ["pending", "draft"],
        ["secret", "urgent"],
        ["report"],
        ["draft", "secret"],
    ]
    assert {page["items_total"] for page in pages} == {5}


def test_secret_documents_only_for_the_people_named(people, documents):
    secret = short(documents["secret"])
    assert secret in ids(people["lanhdao"].get("@documents"))
    assert secret in ids(people["vanthu"].get("@documents"))
    for login in ("chuyenvien", "chuyenvien_tnmt", "vanthu_tnmt", "lanhdao_tnmt"):
        assert secret not in ids(people[login].get("@documents")), login
        response = people[login].get(documents["secret"]["@id"])
        assert response.status_code == 401, login
        found = people[login].get("@search", params={"SearchableText": "bí mật"})
        assert found.json()["items_total"] == 0, login


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "memo"}, ["kind"]),
        ({"state": "lost"}, ["state"]),
        ({"kind": "outgoing", "state": "assigned"}, ["state"]),
        ({"year": "26"}, ["year"]),
        ({"overdue": "yes"}, ["overdue"]),
        ({"urgent": "2"}, ["urgent"]),
        ({"kind": "outgoing", "overdue": "1"}, ["overdue"]),
        ({"q": "-"}, ["q"]),
        ({"unit": "H99"}, ["unit"]),
        ({"b_size": "500"}, ["b_size"]),
        ({"b_start": "x"}, ["b_start"]),
        ({"sort_on": "Title"}, ["sort_on"]),
        ([("kind", "incoming"), ("kind", "outgoing")], ["kind"]),
    ],
)
def test_listing_bad_parameters(people, params, expected):
    assert fields(people["lanhdao"].get("@documents", params=params)) == expected


@pytest.mark.parametrize(("login", "status"), [(None, 401), ("khach", 401)])
def test_listing_refused_without_the_function(http, people, login, status):
    client = people[login] if login else http()
    assert client.get("@documents").status_code == status


# -- The contract --------------------------------------------------------------


def test_answers_conform_to_the_openapi_document(people):
    """The fuzz test's users (one-stop staff) reach little of this: the
    answers of the right functions, checked against docs/openapi.yaml."""
    officer, leader, clerk = people["chuyenvien"], people["lanhdao"], people["vanthu"]
    step_path = "/van-ban/{document}/@workflow/{transition}"
    response = conforms("/van-ban", "POST", officer.post("van-ban", json=OUTGOING))
    draft = response.json()
    bad = officer.post("van-ban", json={**OUTGOING, "doctype": "memo"})
    assert conforms("/van-ban", "POST", bad).status_code == 400
    conforms("/van-ban/{document}", "GET", officer.get(draft["@id"]))
    conforms(step_path, "POST", officer.post(f"{draft['@id']}/@workflow/submit"))
    refused = clerk.post(f"{draft['@id']}/@workflow/approve")
    assert conforms(step_path, "POST", refused).status_code == 403
    conforms(step_path, "POST", leader.post(f"{draft['@id']}/@workflow/approve"))
    issued = conforms(step_path, "POST", clerk.post(f"{draft['@id']}/@workflow/issue"))
    assert issued.json()["notation"] == "01/UBND-VP"
    incoming = conforms("/van-ban", "POST", clerk.post("van-ban", json=INCOMING))
    assert incoming.json()["incoming_number"] == 1
    response = leader.post(
        f"{incoming.json()['@id']}/@workflow/assign",
        json={"handler": "chuyenvien", "deadline": "2026-03-04"},
    )
    conforms(step_path, "POST", response)
    for params in ({}, {"kind": "incoming"}, {"b_size": "1"}, {"year": "1"}):
        conforms("/@documents", "GET", leader.get("@documents", params=params))
