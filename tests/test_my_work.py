"""My work over HTTP (issue 10, item 9): each clerk, leader and officer of
the district reads what waits for him — the groups his functions give him,
their counts, the documents to handle urgent and overdue first — and
nothing of another unit's, nor a secret document he is not named on.

Test clock: Tuesday 3 March 2026, 10:00 ("this week" until Friday 6 March).
"""

from conftest import STAFF_PASSWORD as PASSWORD
from correspondence_steps import acting_as
from correspondence_steps import assign
from correspondence_steps import DISTRICT
from correspondence_steps import draft
from correspondence_steps import incoming
from correspondence_steps import issued
from correspondence_steps import step
from datetime import date
from plone import api

import pytest
import transaction


@pytest.fixture
def work(offices, functional_portal):
    """The district's work: incoming documents in every state, drafts at
    every step, one secret document, and a delivery from the commune."""
    portal = functional_portal
    made = {}
    made["unregistered"] = incoming(portal, register=False, summary="Chờ vào sổ")
    made["registered"] = incoming(portal, summary="Chờ phân công", urgency="urgent")
    for name, urgency, deadline, summary in (
        ("later", "normal", date(2026, 3, 20), "Hạn 20/3"),
        ("overdue", "normal", date(2026, 3, 2), "Quá hạn 2/3"),
        ("flash", "flash", date(2026, 3, 25), "Hỏa tốc"),
        ("soon", "normal", date(2026, 3, 5), "Hạn 5/3"),
        ("none", "normal", None, "Không hạn"),
    ):
        document = incoming(portal, summary=summary, urgency=urgency)
        if name == "later":  # a co-handler's
            assign(document, "lanhdao", "chuyenvien_tnmt", ["chuyenvien"], deadline)
        else:
            assign(document, "lanhdao", "chuyenvien", deadline=deadline)
        made[name] = document
    step(made["soon"], "start", "chuyenvien")
    made["secret"] = incoming(
        portal,
        summary="Văn bản mật",
        confidentiality="confidential",
        readers=["vanthu"],
    )
    made["pending"] = draft(
        portal, "chuyenvien", unit=DISTRICT, signer="lanhdao", internal_recipients=[]
    )
    step(made["pending"], "submit", "chuyenvien")
    made["returned"] = draft(
        portal, "chuyenvien", unit=DISTRICT, signer="lanhdao", internal_recipients=[]
    )
    step(made["returned"], "submit", "chuyenvien")
    step(made["returned"], "return", "lanhdao", comment="Sửa lại số liệu")
    made["approved"] = draft(
        portal, "chuyenvien", unit=DISTRICT, signer="lanhdao", internal_recipients=[]
    )
    step(made["approved"], "submit", "chuyenvien")
    step(made["approved"], "approve", "lanhdao")
    made["sent"] = issued(portal)  # the commune's report to the district
    step(made["sent"], "send", "vanthu_xa")
    transaction.commit()
    return made


def groups(response) -> dict:
    assert response.status_code == 200, response.text
    return {
        group["id"]: (group["count"], [item["title"] for item in group["items"]])
        for group in response.json()["groups"]
    }


def titles(*summaries, kind="Công văn"):
    return [f"{kind} 123/SNV-VP {summary}" for summary in summaries]


def test_the_clerk_registers_issues_and_sends(work, http):
    found = groups(http("vanthu", PASSWORD).get("@my-work"))
    assert list(found) == [
        "to_register",
        "to_handle",
        "to_issue",
        "to_send",
        "returned_drafts",
    ]
    count, items = found["to_register"]
    # Hers and the commune's delivery (the secret one is registered already).
    assert count == 2
    assert sorted(items) == [
        "Báo cáo 01/BC-UBND Báo cáo tình hình thực hiện nhiệm vụ quý I",
        "Công văn 123/SNV-VP Chờ vào sổ",
    ]
    assert found["to_issue"][0] == 1
    assert found["to_send"][0] == 0
    assert found["to_handle"] == (0, [])


def test_the_leader_assigns_and_approves(work, http):
    response = http("lanhdao", PASSWORD).get("@my-work")
    found = groups(response)
    assert list(found) == [
        "to_assign",
        "to_handle",
        "to_approve",
        "returned_drafts",
        "dossiers_due",
    ]
    assert found["to_assign"] == (1, titles("Chờ phân công"))
    assert found["to_approve"][0] == 1
    item = response.json()["groups"][0]["items"][0]
    assert item["urgent"] is True
    assert item["urgency"] == "urgent"
    assert item["kind"] == "incoming"
    assert item["number"] == 1
    assert item["notation"] == "123/SNV-VP"
    assert item["sender"] == "Sở Nội vụ tỉnh Điện Biên"


def test_the_officer_handles_urgent_and_overdue_first(work, http):
    response = http("chuyenvien", PASSWORD).get("@my-work")
    found = groups(response)
    assert list(found) == ["to_handle", "returned_drafts", "dossiers_due"]
    assert found["dossiers_due"] == (0, [])
    assert found["to_handle"] == (
        5,
        titles("Quá hạn 2/3", "Hỏa tốc", "Hạn 5/3", "Hạn 20/3", "Không hạn"),
    )
    items = response.json()["groups"][0]["items"]
    assert [(i["overdue"], i["due_soon"], i["deadline"]) for i in items] == [
        (True, False, "2026-03-02"),
        (False, False, "2026-03-25"),
        (False, True, "2026-03-05"),
        (False, False, "2026-03-20"),
        (False, False, None),
    ]
    assert found["returned_drafts"][0] == 1
    # The handler of the document he co-handles; none of the drafts.
    other = groups(http("chuyenvien_tnmt", PASSWORD).get("@my-work"))
    assert other["to_handle"] == (1, titles("Hạn 20/3"))
    assert other["returned_drafts"] == (0, [])


def test_limit_caps_the_items_not_the_count(work, http):
    found = groups(http("chuyenvien", PASSWORD).get("@my-work?limit=2"))
    assert found["to_handle"] == (5, titles("Quá hạn 2/3", "Hỏa tốc"))


def test_a_secret_document_waits_only_for_the_people_named(work, http):
    from dienbien.policy.correspondence.mywork import my_work

    portal = api.portal.get()
    with api.env.adopt_user(username="lanhdao"):
        leader = my_work(portal)
    assert work["secret"].Title() not in [
        item["title"] for group in leader.groups for item in group["items"]
    ]


def test_another_units_clerk_sees_none_of_it(work, http):
    found = groups(http("vanthu_tnmt", PASSWORD).get("@my-work"))
    assert found["to_register"] == (0, [])
    assert found["to_issue"] == (0, [])


@pytest.mark.parametrize(
    "query,field",
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("limit=1&limit=2", "limit"),
        ("state=done", "state"),
    ],
)
def test_bad_parameters_are_named(work, http, query, field):
    response = http("vanthu", PASSWORD).get(f"@my-work?{query}")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_anonymous_is_refused(work, anonymous):
    assert anonymous.get("@my-work").status_code == 401


def test_the_page_lists_the_same_groups(work, http):
    page = http("chuyenvien", PASSWORD).get(
        "@@my-work", headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
    text = page.text
    assert "Công việc của tôi" in text
    assert "Văn bản đến cần xử lý" in text
    assert "Dự thảo của tôi bị trả lại" in text
    assert text.index("Quá hạn 2/3") < text.index("Hỏa tốc") < text.index("Hạn 5/3")


def test_a_document_assigned_to_a_unit_waits_for_its_officers(
    offices, functional_portal, http
):
    """Assigned to the TNMT office without naming a person: each of its
    officers finds it to handle; the district's officer does not."""
    document = incoming(functional_portal, summary="Giao phòng TNMT")
    with acting_as("lanhdao"):
        document.handling_unit = "H15.50.05"
    assign(document, "lanhdao", None, deadline=date(2026, 3, 20))
    transaction.commit()

    tnmt = groups(http("chuyenvien_tnmt", PASSWORD).get("@my-work"))
    assert tnmt["to_handle"] == (1, titles("Giao phòng TNMT"))
    district = groups(http("chuyenvien", PASSWORD).get("@my-work"))
    assert district["to_handle"] == (0, [])
