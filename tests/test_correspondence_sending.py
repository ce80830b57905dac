"""Sending inside the organisation (issue 10, item 5): the commune's clerk
sends an issued report; the district and the other commune each find an
incoming document awaiting registration, with the same file, linked both
ways; their clerks register or return it; the commune reads per recipient
what became of it — the state and its time, never the content."""

from conftest import STAFF_PASSWORD as PASSWORD
from correspondence_steps import AGENCY as OTHER_UNIT
from correspondence_steps import assign
from correspondence_steps import COMMUNE
from correspondence_steps import DISTRICT
from correspondence_steps import issued
from correspondence_steps import step
from datetime import date
from datetime import datetime
from plone import api

import pytest
import transaction


@pytest.fixture
def site(offices, functional_portal):
    return functional_portal


def deliveries_of(portal, outgoing):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument",
        document_source=api.content.get_uuid(outgoing),
        sort_on="document_unit",
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def test_send_delivers_to_each_internal_recipient(site, clock):
    portal = site
    clock("2026-03-03T09:00")
    outgoing = issued(
        portal,
        internal_recipients=[DISTRICT, OTHER_UNIT, DISTRICT, COMMUNE],
        external_recipients=["Sở Nội vụ tỉnh Điện Biên"],
        urgency="urgent",
    )
    clock("2026-03-03T09:30")
    step(outgoing, "send", "vanthu_xa")

    district, other = deliveries_of(portal, outgoing)
    uid = api.content.get_uuid(outgoing)
    for found, unit in ((district, DISTRICT), (other, OTHER_UNIT)):
        assert api.content.get_state(found) == "received"
        assert found.unit == unit
        assert found.source == uid
        assert found.sender_unit == COMMUNE
        assert found.sender_name == "UBND xã Thanh Xương"
        assert found.sender_notation == outgoing.notation == "01/BC-UBND"
        assert found.sender_date == date(2026, 3, 3)
        assert found.doctype == "report"
        assert found.summary == "Báo cáo tình hình thực hiện nhiệm vụ quý I"
        assert found.urgency == "urgent"
        assert found.confidentiality == "normal"
        assert found.received == datetime(2026, 3, 3, 9, 30)
        # The same file: its blob is shared, not copied.
        assert found.file._blob is outgoing.file._blob
        assert found.file.filename == "bao-cao.pdf"
        assert found.file.data == b"%PDF-1.4 bao cao"
        # Nobody of the sending unit owns it.
        assert "vanthu_xa" not in dict(found.get_local_roles())
    # The issuing unit is no recipient of its own document; each unit once.
    assert [
        (entry["unit"], entry["uid"], entry["delivered"])
        for entry in outgoing.deliveries
    ] == [
        (DISTRICT, api.content.get_uuid(district), datetime(2026, 3, 3, 9, 30)),
        (OTHER_UNIT, api.content.get_uuid(other), datetime(2026, 3, 3, 9, 30)),
    ]


def test_recipients_register_or_return_and_the_sender_reads_it(site, clock, http):
    from dienbien.policy.correspondence.sending import delivery_rows

    portal = site
    clock("2026-03-03T09:00")
    outgoing = issued(portal, internal_recipients=[DISTRICT, OTHER_UNIT])
    step(outgoing, "send", "vanthu_xa")
    district, other = deliveries_of(portal, outgoing)
    transaction.commit()

    clock("2026-03-03T10:15")
    district_clerk = http("vanthu", PASSWORD)
    response = district_clerk.post(f"{district.absolute_url()}/@workflow/register")
    assert response.status_code == 200, response.text
    clock("2026-03-03T11:40")
    other_clerk = http("vanthu_tnmt", PASSWORD)
    response = other_clerk.post(
        f"{other.absolute_url()}/@workflow/return",
        json={"comment": "Gửi nhầm: phòng không thuộc đối tượng báo cáo"},
    )
    assert response.status_code == 200, response.text
    transaction.begin()

    assert district.incoming_number == 1
    assert [
        (row["unit_title"], row["status"], row["changed"], row["reason"])
        for row in delivery_rows(outgoing)
    ] == [
        ("UBND huyện Điện Biên", "registered", datetime(2026, 3, 3, 10, 15), ""),
        (
            "Phòng Tài nguyên và Môi trường",
            "returned",
            datetime(2026, 3, 3, 11, 40),
            "Gửi nhầm: phòng không thuộc đối tượng báo cáo",
        ),
    ]

    # The sender's page shows it in Vietnamese.
    page = http("vanthu_xa", PASSWORD).get(
        outgoing.absolute_url(), headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
    assert "Tình hình gửi văn bản trong hệ thống" in page.text
    assert "Đã vào sổ" in page.text
    assert "10:15 03/03/2026" in page.text
    assert "Bị trả lại" in page.text
    # ... but the sender may not open the district's incoming document.
    response = http("vanthu_xa", PASSWORD).get(district.absolute_url())
    assert response.status_code in (401, 403)


def test_the_sender_reads_the_state_not_the_content(site, clock, http):
    portal = site
    outgoing = issued(portal)
    step(outgoing, "send", "vanthu_xa")
    (district,) = deliveries_of(portal, outgoing)
    step(district, "register", "vanthu")
    assign(district, "lanhdao", "chuyenvien", deadline=date(2026, 3, 10))
    district.instruction = "Phòng Nội vụ tổng hợp, báo cáo trước 10/3 (bí mật)"
    transaction.commit()
    page = http("vanthu_xa", PASSWORD).get(
        outgoing.absolute_url(), headers={"Accept": "text/html"}
    )
    assert "Đã phân công xử lý" in page.text
    assert "bí mật" not in page.text
    assert "10/03/2026" not in page.text


def test_a_secret_document_is_not_delivered_and_the_page_says_why(site, clock, http):
    portal = site
    outgoing = issued(
        portal,
        confidentiality="confidential",
        readers=["vanthu_xa", "lanhdao_xa"],
        internal_recipients=[DISTRICT],
    )
    transaction.commit()
    page = http("vanthu_xa", PASSWORD).get(
        outgoing.absolute_url(), headers={"Accept": "text/html"}
    )
    assert "Văn bản mật không gửi qua hệ thống" in page.text
    step(outgoing, "send", "vanthu_xa")
    assert deliveries_of(portal, outgoing) == []
    assert tuple(getattr(outgoing, "deliveries", ()) or ()) == ()


def test_sending_again_adds_only_the_missing_deliveries(site):
    from dienbien.policy.correspondence.sending import deliver

    portal = site
    outgoing = issued(portal, internal_recipients=[DISTRICT])
    step(outgoing, "send", "vanthu_xa")
    outgoing.internal_recipients = [DISTRICT, OTHER_UNIT]
    with api.env.adopt_user(username="vanthu_xa"):
        added = deliver(outgoing)
    assert [found.unit for found in added] == [OTHER_UNIT]
    assert [entry["unit"] for entry in outgoing.deliveries] == [
        DISTRICT,
        OTHER_UNIT,
    ]
    assert len(deliveries_of(portal, outgoing)) == 2
