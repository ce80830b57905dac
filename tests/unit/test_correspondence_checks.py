"""The checks of a document before it is stored, and of a step's input."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence.checks import assignment_problems
from dienbien.policy.core.correspondence.checks import incoming_problems
from dienbien.policy.core.correspondence.checks import membership_problems
from dienbien.policy.core.correspondence.checks import outgoing_problems
from dienbien.policy.core.correspondence.checks import reason_problems
from dienbien.policy.core.correspondence.doctypes import load_document_types
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

import pytest


UNITS = {"H15.50": "UBND", "H15.50.03": "TP", "H15.50.99": ""}
USERS = {"vanthu", "lanhdao", "chuyenvien"}
NOW = datetime(2026, 3, 3, 10, 0)


def known(user):
    return user in USERS


def outgoing(**values):
    base = {
        "unit": "H15.50",
        "doctype": "decision",
        "summary": "Về việc thành lập tổ công tác",
        "urgency": "normal",
        "confidentiality": "normal",
    }
    return outgoing_problems({**base, **values}, UNITS, known)


def incoming(**values):
    base = {
        "unit": "H15.50",
        "doctype": "dispatch",
        "summary": "Về việc báo cáo tình hình",
        "sender_name": "Sở Nội vụ tỉnh Điện Biên",
        "sender_notation": "Số: 3954/SNV-VP",
        "sender_date": date(2026, 3, 2),
        "received": datetime(2026, 3, 3, 8, 30),
    }
    return incoming_problems({**base, **values}, UNITS, known, NOW)


def found(problems):
    return [(p.field, p.message) for p in problems]


def test_a_complete_outgoing_document_passes():
    assert outgoing() == []
    assert outgoing(doctype="dispatch", department="VP") == []
    # Any type may record who drafted it; only a công văn's notation says so.
    assert outgoing(department="VP") == []
    assert outgoing(doctype="resolution", normative=True) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"doctype": "memo"}, [("doctype", "Unknown document type memo.")]),
        ({"doctype": ""}, [("doctype", "Choose the document type.")]),
        ({"unit": "H99"}, [("unit", "No unit has the code H99.")]),
        ({"unit": None}, [("unit", "Choose the unit.")]),
        ({"summary": "  "}, [("summary", "Enter the summary (trích yếu).")]),
        (
            {"urgency": "asap"},
            [
                (
                    "urgency",
                    "Unknown value asap; expected one of normal, urgent, "
                    "very_urgent, flash.",
                )
            ],
        ),
        (
            {"confidentiality": "mat"},
            [
                (
                    "confidentiality",
                    "Unknown value mat; expected one of normal, confidential, "
                    "secret, top_secret.",
                )
            ],
        ),
        (
            {"doctype": "dispatch"},
            [
                (
                    "department",
                    "A Công văn names its drafting department after the issuer "
                    "(05/UBND-VP).",
                )
            ],
        ),
        (
            {"doctype": "dispatch", "department": "V P"},
            [
                (
                    "department",
                    "The drafting department's abbreviation V P must be letters "
                    "and digits, without spaces or dashes.",
                )
            ],
        ),
        (
            {"doctype": "notice", "normative": True},
            [
                (
                    "normative",
                    "A Thông báo is not a normative document: only Nghị quyết and "
                    "Quyết định may be.",
                )
            ],
        ),
        (
            {"normative": True, "confidentiality": "secret"},
            [
                (
                    "confidentiality",
                    "A normative document is published: it cannot be secret.",
                )
            ],
        ),
        (
            {"unit": "H15.50.99"},
            [
                (
                    "unit",
                    "The unit H15.50.99 has no abbreviation for the notation of "
                    "its documents.",
                )
            ],
        ),
        (
            {"internal_recipients": ["H15.50.03", "H16"]},
            [("internal_recipients.1", "No unit has the code H16.")],
        ),
        ({"signer": "ai-do"}, [("signer", "No user has the id ai-do.")]),
        (
            {"readers": ["vanthu", "khach"]},
            [("readers.1", "No user has the id khach.")],
        ),
        ({"copies": 0}, [("copies", "The number of copies is at least 1.")]),
    ],
)
def test_outgoing_problems_name_the_field_and_reason(values, expected):
    assert found(outgoing(**values)) == expected


@pytest.mark.parametrize("doctype", [t.id for t in load_document_types()])
def test_every_type_knows_whether_it_takes_a_department(doctype):
    dispatch = doctype in ("dispatch", "public_letter")
    with_department = outgoing(doctype=doctype, department="VP")
    without = outgoing(doctype=doctype)
    # Every type may record its drafting department; a công văn must.
    assert with_department == []
    assert (without == []) is not dispatch


def test_the_signer_is_a_leader_of_the_unit():
    def leaders(unit):
        return {"H15.50": {"lanhdao"}}.get(unit, set())

    values = {
        "unit": "H15.50",
        "doctype": "decision",
        "summary": "Về việc thành lập tổ công tác",
    }
    assert (
        outgoing_problems({**values, "signer": "lanhdao"}, UNITS, known, leaders) == []
    )
    problems = outgoing_problems({**values, "signer": "vanthu"}, UNITS, known, leaders)
    assert found(problems) == [
        ("signer", "The signer must be one of the unit's leaders.")
    ]


def test_a_complete_incoming_document_passes():
    assert incoming() == []
    assert incoming(sender_name="", sender_unit="H15.50.03") == []
    assert incoming(doctype="decision", sender_notation="12/2024/QĐ-UBND") == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"sender_name": ""},
            [
                (
                    "sender_name",
                    "Name the sender: one of our units (sender_unit) or an "
                    "organisation (sender_name).",
                )
            ],
        ),
        ({"sender_unit": "H17"}, [("sender_unit", "No unit has the code H17.")]),
        (
            {"sender_notation": ""},
            [("sender_notation", "Copy the number and notation of the document.")],
        ),
        (
            {"sender_notation": "3954 SNV"},
            [
                (
                    "sender_notation",
                    "3954 SNV has no '/' between the number and the symbol "
                    "(05/QĐ-UBND).",
                )
            ],
        ),
        (
            {"doctype": "decision", "sender_notation": "05/UBND-VP"},
            [
                (
                    "sender_notation",
                    "A Quyết định is numbered 05/QĐ-…, not UBND.",
                )
            ],
        ),
        (
            {"received": datetime(2026, 3, 3, 10, 1)},
            [("received", "The arrival 10:01 03/03/2026 is later than now.")],
        ),
        (
            {"sender_date": date(2026, 3, 4)},
            [("sender_date", "The document is dated 04/03/2026, after it arrived.")],
        ),
    ],
)
def test_incoming_problems_name_the_field_and_reason(values, expected):
    assert found(incoming(**values)) == expected


def test_assignment():
    today = date(2026, 3, 3)

    def check(**values):
        return found(assignment_problems(values, UNITS, known, today))

    assert check(handler="chuyenvien", deadline=today) == []
    assert check(handling_unit="H15.50.03") == []
    assert check() == [("handler", "Name the handler or the handling unit.")]
    assert check(handler="khach") == [("handler", "No user has the id khach.")]
    assert check(handler="chuyenvien", co_handlers=["chuyenvien", "x"]) == [
        ("co_handlers.1", "No user has the id x."),
        ("co_handlers", "chuyenvien handles the document: not also a co-handler."),
    ]
    assert check(handler="chuyenvien", deadline=date(2026, 3, 2)) == [
        ("deadline", "The deadline 02/03/2026 has passed.")
    ]


@pytest.mark.parametrize(
    ("kind", "transition", "needs"),
    [
        ("outgoing", "return", True),
        ("outgoing", "recall", True),
        ("outgoing", "submit", False),
        ("incoming", "return", True),
        ("incoming", "assign", False),
    ],
)
def test_reasons(kind, transition, needs):
    assert bool(reason_problems(kind, transition, "  ")) is needs
    assert reason_problems(kind, transition, "Sai thể thức") == []


VALUES = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.booleans(),
    st.integers(-2, 3),
    st.lists(st.text(max_size=4), max_size=2),
)
FIELDS = ("doctype", "unit", "summary", "urgency", "confidentiality")
FIELDS += ("department", "normative", "signer", "readers", "internal_recipients")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from((*FIELDS, "copies")), VALUES))
def test_outgoing_checks_never_fail(values):
    """Whatever a client sends, the checks answer with problems, not errors."""
    for problem in outgoing_problems(values, UNITS, known):
        assert problem.field
        assert problem.message


def test_a_document_is_created_by_its_units_staff():
    assert membership_problems("H15.50", {"H15.50", "H15.50.03"}) == []
    assert found(membership_problems("H15.50", {"H15.50.03"})) == [
        (
            "unit",
            "You do not work for the unit H15.50 in the function this document needs.",
        )
    ]
    # An empty or malformed unit is the unit check's to refuse.
    assert membership_problems("", set()) == []
    assert membership_problems(["H15.50"], set()) == []
