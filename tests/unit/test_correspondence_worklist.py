"""My work and internal delivery, the rules: which group waits for whom, the
order of the documents to handle, what a delivery carries and what the
sender reads of it, and why a secret document is not delivered."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence import delivery
from dienbien.policy.core.correspondence import worklist
from dienbien.policy.core.correspondence.marks import URGENCY_IDS
from hypothesis import given
from hypothesis import strategies as st

import pytest


TODAY = date(2026, 3, 3)


def test_each_group_waits_for_one_function_or_person():
    assert [(g.id, g.kind, g.states, g.waits_for) for g in worklist.GROUPS] == [
        ("to_register", "incoming", ("received",), "clerical"),
        (
            "to_decide",
            "incoming",
            ("registered", "assigned", "in_progress", "done"),
            "clerical",
        ),
        ("to_assign", "incoming", ("registered",), "leader"),
        ("to_handle", "incoming", ("assigned", "in_progress"), "handler"),
        ("to_approve", "outgoing", ("pending",), "leader"),
        ("to_issue", "outgoing", ("approved",), "clerical"),
        ("to_send", "outgoing", ("issued",), "clerical"),
        ("returned_drafts", "outgoing", ("draft",), "drafter"),
        ("dossiers_due", "dossier", (), "staff"),
    ]
    assert worklist.group("to_assign").waits_for == "leader"
    with pytest.raises(ValueError):
        worklist.group("to_dream")


def test_deadlines_read_from_the_catalog():
    assert worklist.deadline_of("2026-03-05") == date(2026, 3, 5)
    assert worklist.deadline_of("2026-03-05T17:00") == date(2026, 3, 5)
    assert worklist.deadline_of(None) is None
    assert worklist.deadline_of("") is None
    assert worklist.deadline_of("soon") is None


def test_late_from_the_day_after_the_deadline():
    assert not worklist.is_overdue(date(2026, 3, 3), TODAY)
    assert worklist.is_overdue(date(2026, 3, 2), TODAY)
    assert not worklist.is_overdue(None, TODAY)
    friday = date(2026, 3, 6)
    assert worklist.is_due_soon(date(2026, 3, 3), TODAY, friday)
    assert worklist.is_due_soon(friday, TODAY, friday)
    assert not worklist.is_due_soon(date(2026, 3, 9), TODAY, friday)
    assert not worklist.is_due_soon(date(2026, 3, 2), TODAY, friday)
    assert not worklist.is_due_soon(date(2026, 3, 4), TODAY, None)


def test_urgent_and_overdue_first_then_by_deadline():
    documents = {
        "later": ("normal", date(2026, 3, 20), "2026-03-01T08:00"),
        "no deadline": ("normal", None, "2026-02-01T08:00"),
        "soon": ("normal", date(2026, 3, 4), "2026-03-02T08:00"),
        "overdue": ("normal", date(2026, 3, 2), "2026-02-25T08:00"),
        "urgent, late deadline": ("urgent", date(2026, 3, 30), "2026-03-03T08:00"),
        "flash": ("flash", date(2026, 3, 30), "2026-03-03T09:00"),
    }
    order = sorted(
        documents,
        key=lambda name: worklist.handling_key(*documents[name], TODAY),
    )
    assert order == [
        "overdue",
        "flash",
        "urgent, late deadline",
        "soon",
        "later",
        "no deadline",
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from((*URGENCY_IDS, None, "bogus")),
            st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 12, 31))),
        ),
        max_size=20,
    )
)
def test_no_pressing_document_comes_after_a_quiet_one(rows):
    ordered = sorted(rows, key=lambda row: worklist.handling_key(*row, "", TODAY))
    pressing = [
        (urgency in URGENCY_IDS and urgency != "normal")
        or worklist.is_overdue(deadline, TODAY)
        for urgency, deadline in ordered
    ]
    assert pressing == sorted(pressing, reverse=True)


def test_other_groups_urgent_first_then_oldest():
    rows = [
        ("normal", "2026-03-01"),
        ("urgent", "2026-03-02"),
        ("normal", "2026-02-01"),
    ]
    assert sorted(rows, key=lambda row: worklist.arrival_key(*row)) == [
        ("urgent", "2026-03-02"),
        ("normal", "2026-02-01"),
        ("normal", "2026-03-01"),
    ]


def test_the_sender_reads_a_status_for_each_incoming_state():
    assert [
        delivery.status_of(state)
        for state in (
            "received",
            "registered",
            "assigned",
            "in_progress",
            "done",
            "returned",
        )
    ] == list(delivery.STATUSES)
    assert delivery.status_of(None) == "delivered"
    assert delivery.summary_counts(["delivered", "done", "done"]) == {
        "delivered": 1,
        "registered": 0,
        "assigned": 0,
        "in_progress": 0,
        "done": 2,
        "returned": 0,
    }


def test_secret_documents_are_not_delivered_inside_the_system():
    assert delivery.refusal("normal", ["H15.50"]) is None
    for level in ("confidential", "secret", "top_secret"):
        assert delivery.refusal(level, ["H15.50"]) == delivery.SECRET
    assert delivery.refusal("normal", []) == delivery.NO_RECIPIENTS
    assert delivery.refusal(None, None) == delivery.NO_RECIPIENTS


def test_each_recipient_once_never_the_sender_never_twice():
    recipients = ["H15.50", "H15.50.05.01", "H15.50", "H15.50.05.02", ""]
    assert delivery.recipients_to_deliver(recipients, "H15.50.05.02") == [
        "H15.50",
        "H15.50.05.01",
    ]
    assert delivery.recipients_to_deliver(
        recipients, "H15.50.05.02", delivered=["H15.50"]
    ) == ["H15.50.05.01"]
    assert delivery.recipients_to_deliver(None, "H15.50") == []


def test_a_delivery_carries_the_senders_facts():
    issued = datetime(2026, 3, 3, 9, 30)
    outgoing = delivery.Outgoing(
        uid="abc",
        unit="H15.50.05.01",
        unit_title="UBND xã Thanh Xương",
        notation="05/UBND-VP",
        issued=issued,
        doctype="dispatch",
        summary="V/v báo cáo tình hình",
        urgency="urgent",
        confidentiality="normal",
    )
    now = datetime(2026, 3, 3, 10, 0)
    assert delivery.incoming_fields(outgoing, "H15.50", now) == {
        "unit": "H15.50",
        "received": now,
        "sender_unit": "H15.50.05.01",
        "sender_name": "UBND xã Thanh Xương",
        "sender_notation": "05/UBND-VP",
        "sender_date": date(2026, 3, 3),
        "doctype": "dispatch",
        "summary": "V/v báo cáo tình hình",
        "urgency": "urgent",
        "confidentiality": "normal",
        "source": "abc",
    }
