"""Between documents and edXML messages (core/exchange/mapping.py)."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.exchange.mapping import doctype_code
from dienbien.policy.core.exchange.mapping import doctype_for
from dienbien.policy.core.exchange.mapping import export_problems
from dienbien.policy.core.exchange.mapping import incoming_fields
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.exchange.package import Organ

import pytest


@pytest.mark.parametrize(
    "state,confidentiality,organ_id,recipients,fields",
    [
        ("issued", "normal", "000.00.50.H15", 1, []),
        ("sent", None, "000.00.50.H15", 2, []),
        ("approved", "normal", "000.00.50.H15", 1, ["review_state"]),
        (
            "issued",
            "secret",
            "",
            0,
            ["confidentiality", "organ_id", "external_organisations"],
        ),
    ],
)
def test_what_keeps_a_document_from_travelling(
    state, confidentiality, organ_id, recipients, fields
):
    problems = export_problems(state, confidentiality, organ_id, recipients)
    assert [problem.field for problem in problems] == fields


def test_types_by_name_then_by_code():
    assert doctype_code("resolution") == "1"
    assert doctype_code("dispatch") == "18"
    assert doctype_for("Quyết định") == "decision"
    assert doctype_for("quyết định") == "decision"
    assert doctype_for("", "18") == "dispatch"
    assert doctype_for("Tờ trình", "1") == "submission"
    assert doctype_for("Văn bản khác", "99") == "dispatch"


def test_a_package_becomes_an_incoming_document_awaiting_registration():
    message = DocumentMessage(
        sender=Organ("000.00.31.H15", "Sở Tư pháp tỉnh Điện Biên"),
        recipients=(Organ("000.01.50.H15", "UBND xã Thanh Xương"),),
        number="214",
        notation="STP-HCTP",
        promulgated=date(2026, 7, 30),
        type_name="Công văn",
        subject="V/v rà soát thủ tục hành chính",
        priority=3,
    )
    arrived = datetime(2026, 8, 4, 8, 0)
    assert incoming_fields(message, "H15.50.05.01", arrived) == {
        "unit": "H15.50.05.01",
        "received": arrived,
        "sender_name": "Sở Tư pháp tỉnh Điện Biên",
        "sender_notation": "214/STP-HCTP",
        "sender_date": date(2026, 7, 30),
        "doctype": "dispatch",
        "summary": "V/v rà soát thủ tục hành chính",
        "urgency": "flash",
        "confidentiality": "normal",
    }
