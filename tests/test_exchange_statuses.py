"""Status messages, the folder transport and recall (issue 11, items 4, 5,
9). The site plays both sides, as in test_exchange_http.py: the commune has
the identifier of an organisation in the district's address book, so what
the district sends "outside" arrives at the commune through packages, and
the commune's statuses come back the same way."""

from correspondence_steps import AGENCY
from correspondence_steps import COMMUNE
from correspondence_steps import DISTRICT
from correspondence_steps import issued
from correspondence_steps import step
from datetime import datetime
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import status
from dienbien.policy.exchange.addressbook import ADDRESS_BOOK_PATH
from plone import api

import pytest
import transaction


DISTRICT_ID = "000.00.50.H15"
COMMUNE_ID = "000.01.50.H15"
XML = {"Content-Type": "application/xml"}


def errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


class Outbox:
    """The packages the site writes, each read once."""

    def __init__(self, path):
        self.path = path
        self.seen = set()

    def new(self) -> list[bytes]:
        names = sorted(
            p.name for p in self.path.glob("*.xml") if p.name not in self.seen
        )
        self.seen.update(names)
        return [(self.path / name).read_bytes() for name in names]


@pytest.fixture
def site(offices, functional_portal, tmp_path):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = {DISTRICT: DISTRICT_ID, COMMUNE: COMMUNE_ID}.get(unit.code)
        api.content.create(
            container=portal[ADDRESS_BOOK_PATH],
            type="ExternalOrganisation",
            title="UBND xã Thanh Xương (hệ thống khác)",
            organ_id=COMMUNE_ID,
        )
    api.portal.set_registry_record(
        "dienbien.settings.exchange_outbox", str(tmp_path / "outbox")
    )
    api.portal.set_registry_record(
        "dienbien.settings.exchange_inbox", str(tmp_path / "inbox")
    )
    transaction.commit()
    return portal


def test_statuses_go_back_and_forth_and_a_recall_reaches_both_sides(
    site, offices, clock, tmp_path
):
    from dienbien.policy.correspondence.sending import delivery_rows

    outbox = Outbox(tmp_path / "outbox")
    clock("2026-08-03T16:05")
    outgoing = issued(
        site,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        doctype="decision",
        summary="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
        internal_recipients=[AGENCY],
        external_organisations=[COMMUNE_ID],
    )
    transaction.commit()
    url = outgoing.absolute_url()

    # Sending: the agency's copy in its inbox, one package in the outbox.
    response = offices["vanthu"].post(f"{url}/@workflow/send", json={})
    assert response.status_code == 200, response.text
    [package] = outbox.new()
    document = edxml.parse(package)
    assert [organ.organ_id for organ in document.recipients] == [COMMUNE_ID]
    document_id = f"{DISTRICT_ID},2026/08/03,01/QĐ-UBND"
    assert document.effective_document_id == document_id

    # The organisation (the commune) receives it: 01 goes back; registers
    # it: 03 goes back.
    clock("2026-08-04T08:10")
    response = offices["vanthu_xa"].post("@edxml", data=package, headers=XML)
    assert response.status_code == 201, response.text
    [copy] = response.json()["items"]
    clock("2026-08-04T09:30")
    response = offices["vanthu_xa"].post(f"{copy['@id']}/@workflow/register", json={})
    assert response.status_code == 200, response.text
    arrived, registered = (edxml.parse(data) for data in outbox.new())
    assert (arrived.code, arrived.timestamp) == ("01", datetime(2026, 8, 4, 8, 10))
    assert (registered.code, registered.sender.organ_id) == ("03", COMMUNE_ID)
    assert registered.document.document_id == document_id
    assert registered.staff.name == "Cán bộ vanthu_xa"

    # Back at the district, in the wrong order: 03 stays.
    for data in (status.build_status(registered), status.build_status(arrived)):
        response = offices["vanthu"].post("@edxml", data=data, headers=XML)
        assert response.status_code == 200, response.text
    assert response.json()["status"] == {
        "code": "01",
        "name": "delivered",
        "from": COMMUNE_ID,
        "document_id": document_id,
    }
    assert response.json()["items"][0]["UID"] == api.content.get_uuid(outgoing)
    transaction.begin()
    assert [
        (row["unit_title"], row["status"], row["changed"])
        for row in delivery_rows(outgoing)
    ] == [
        ("Phòng Tài nguyên và Môi trường", "delivered", datetime(2026, 8, 3, 16, 5)),
        (
            "UBND xã Thanh Xương (hệ thống khác)",
            "registered",
            datetime(2026, 8, 4, 9, 30),
        ),
    ]

    # The same table over REST, for the sender's clerk.
    table = offices["vanthu"].get(url).json()["recipients_status"]
    assert [
        (row["title"], row["external"], row["code"], row["status_title"])
        for row in table
    ] == [
        ("Phòng Tài nguyên và Môi trường", False, "01", "Đã chuyển, chờ vào sổ"),
        ("UBND xã Thanh Xương (hệ thống khác)", True, "03", "Đã vào sổ"),
    ]
    assert table[1]["changed"] == "2026-08-04T09:30:00+07:00"

    # Statuses that do not apply here name their element.
    response = offices["vanthu_xa"].post(
        "@edxml", data=status.build_status(registered), headers=XML
    )
    assert response.status_code == 403  # not the issuing unit's clerk
    stranger = status.StatusMessage(
        registered.document,
        status.Organ("000.00.31.H15", "Sở Tư pháp"),
        "03",
        registered.timestamp,
    )
    response = offices["vanthu"].post(
        "@edxml", data=status.build_status(stranger), headers=XML
    )
    assert response.status_code == 400
    assert list(errors(response)) == ["edXML:MessageStatus/edXML:From/edXML:OrganId"]
    unknown = status.build_status(registered).replace(b",01/", b",77/")
    response = offices["vanthu"].post("@edxml", data=unknown, headers=XML)
    assert response.status_code == 400
    assert list(errors(response)) == [
        "edXML:MessageStatus/edXML:ResponseFor/edXML:DocumentId"
    ]

    # An update (BussinessDocType 2) of the registered copy waits for the
    # commune's clerical office, who refuses it with a reason (16); the
    # district's table says so (exchange/corrections.py).
    response = offices["vanthu"].post(
        f"{url}/@exchange-correction",
        json={"kind": "update", "reason": "Sửa trích yếu", "summary": "Về việc khác"},
    )
    assert response.status_code == 200, response.text
    [update] = outbox.new()
    assert edxml.parse(update).business_doc_type == 2
    response = offices["vanthu_xa"].post("@edxml", data=update, headers=XML)
    assert response.status_code == 200, response.text
    assert response.json()["pending"] == [copy["UID"]]
    waiting = offices["vanthu_xa"].get(copy["@id"]).json()["exchange_request"]
    assert (waiting["kind"], waiting["reason"], waiting["subject"]) == (
        "update",
        "Sửa trích yếu",
        "Về việc khác",
    )
    decision = f"{copy['@id']}/@exchange-decision"
    response = offices["lanhdao_xa"].post(decision, json={"decision": "agree"})
    assert response.status_code == 403
    response = offices["vanthu_xa"].post(decision, json={"decision": "refuse"})
    assert response.status_code == 400
    assert list(errors(response)) == ["reason"]
    response = offices["vanthu_xa"].post(
        decision, json={"decision": "refuse", "reason": "Đã triển khai"}
    )
    assert response.status_code == 200, response.text
    [refused] = outbox.new()
    response = offices["vanthu"].post("@edxml", data=refused, headers=XML)
    assert response.status_code == 200, response.text
    row = offices["vanthu"].get(url).json()["recipients_status"][1]
    assert (row["code"], row["status_title"], row["reason"]) == (
        "16",
        "Từ chối đính chính/cập nhật",
        "Đã triển khai",
    )
    unknown = update.replace(b",01/", b",77/").replace(b">01<", b">77<")
    response = offices["vanthu_xa"].post("@edxml", data=unknown, headers=XML)
    assert response.status_code == 400
    assert list(errors(response)) == ["edXML:MessageHeader/edXML:DocumentId"]

    # The district recalls it: the agency's copy leaves its inbox at once,
    # 13 goes to the organisation.
    clock("2026-08-04T14:00")
    response = offices["lanhdao"].post(
        f"{url}/@workflow/recall", json={"comment": "Sai căn cứ pháp lý"}
    )
    assert response.status_code == 200, response.text
    [recall] = (edxml.parse(data) for data in outbox.new())
    assert (recall.code, recall.sender.organ_id) == ("13", DISTRICT_ID)
    assert recall.description == "Sai căn cứ pháp lý"
    transaction.begin()
    assert [row["status"] for row in delivery_rows(outgoing)] == [
        "recalled",
        "recalled",
    ]
    [agency_copy] = site.portal_catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument", document_unit=AGENCY
    )
    assert agency_copy.review_state == "recalled"

    # The organisation takes its copy out of its inbox and agrees (15).
    clock("2026-08-04T14:20")
    response = offices["vanthu_xa"].post(
        "@edxml", data=status.build_status(recall), headers=XML
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"][0]["review_state"] == "recalled"
    [agreed] = (edxml.parse(data) for data in outbox.new())
    assert agreed.code == "15"
    response = offices["vanthu"].post(
        "@edxml", data=status.build_status(agreed), headers=XML
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    assert [row["status"] for row in delivery_rows(outgoing)] == [
        "recalled",
        "recall_agreed",
    ]
    history = (
        site.portal_catalog.unrestrictedSearchResults(UID=copy["UID"])[0]
        ._unrestrictedGetObject()
        .workflow_history["dienbien_incoming_workflow"]
    )
    assert (history[-1]["action"], history[-1]["comments"]) == (
        "recall",
        "Sai căn cứ pháp lý",
    )
    page = offices["vanthu_xa"].get(copy["@id"], headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Bị nơi gửi thu hồi" in page.text
    assert "Nơi gửi thu hồi văn bản" in page.text


def test_the_inbox_folder_is_received_and_acknowledged(offices_portal, tmp_path, clock):
    """Integration: what waits in the inbox is filed; a refused package
    stays; the filed ones leave once the transaction commits (checked on
    the hooks, an integration test does not commit)."""
    from dienbien.policy.exchange.receive import receive_waiting
    from dienbien.policy.exchange.transport import FolderTransport

    portal = offices_portal
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = {DISTRICT: DISTRICT_ID, COMMUNE: COMMUNE_ID}.get(unit.code)
        api.content.create(
            container=portal[ADDRESS_BOOK_PATH],
            type="ExternalOrganisation",
            title="UBND xã Thanh Xương (hệ thống khác)",
            organ_id=COMMUNE_ID,
        )
    outgoing = issued(
        portal,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        internal_recipients=[],
        external_organisations=[COMMUNE_ID],
    )
    step(outgoing, "send", "vanthu")
    from dienbien.policy.exchange.export import package_of

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1-document.xml").write_bytes(package_of(outgoing))
    (inbox / "2-broken.xml").write_bytes(b"<edXML")
    transport = FolderTransport(None, inbox)
    with api.env.adopt_user(username="vanthu_xa"):
        outcome = receive_waiting(portal, transport)
    [(name, filed)] = outcome.filed
    assert (name, filed.kind) == ("1-document.xml", "document")
    assert api.content.get_state(filed.documents[0]) == "received"
    [(name, error)] = outcome.refused
    assert (name, error.element) == ("2-broken.xml", "edXML:edXML")
    acknowledged = [
        args[1]
        for hook, args, _kwargs in transaction.get().getAfterCommitHooks()
        if hook.__name__ == "_acknowledge"
    ]
    assert acknowledged == ["1-document.xml"]
    for hook, args, _kwargs in transaction.get().getAfterCommitHooks():
        if hook.__name__ == "_acknowledge":
            hook(True, *args)
    assert sorted(p.name for p in inbox.iterdir()) == ["2-broken.xml"]

    # Returned by the commune's clerk: 02 with the reason, once committed.
    api.portal.set_registry_record(
        "dienbien.settings.exchange_outbox", str(tmp_path / "outbox")
    )
    step(filed.documents[0], "return", "vanthu_xa", comment="Gửi nhầm đơn vị")
    [returned] = [
        edxml.parse(args[1])
        for hook, args, _kwargs in transaction.get().getAfterCommitHooks()
        if hook.__name__ == "_after_commit"
    ]
    assert (returned.code, returned.description) == ("02", "Gửi nhầm đơn vị")
    assert returned.sender.organ_id == COMMUNE_ID
