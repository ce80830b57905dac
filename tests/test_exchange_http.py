"""edXML over real HTTP (issue 11, items 1–3): the district issues a
decision to an organisation of the address book; its clerk downloads the
package; the same bytes arriving at the commune's clerical office (the
organisation's identifier is the commune's, as if on another platform)
become an incoming document awaiting registration with the same metadata
and the same file; the second arrival is refused naming the first; bad
packages are 400s naming the element. Most malformed packages are in the
core's table (tests/unit/test_exchange_edxml.py)."""

from correspondence_steps import COMMUNE
from correspondence_steps import DISTRICT
from correspondence_steps import draft
from correspondence_steps import issued
from datetime import date
from dienbien.policy.core.exchange import edxml
from dienbien.policy.exchange.addressbook import ADDRESS_BOOK_PATH
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest
import transaction


PDF = b"%PDF-1.7\n" + bytes(range(256)) * 16 + b"\n%%EOF\n"
DISTRICT_ID = "000.00.50.H15"
COMMUNE_ID = "000.01.50.H15"


def errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.fixture
def site(offices, functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = {DISTRICT: DISTRICT_ID, COMMUNE: COMMUNE_ID}.get(unit.code)
        api.content.create(
            container=portal[ADDRESS_BOOK_PATH],
            type="ExternalOrganisation",
            title="UBND xã Thanh Xương (hệ thống khác)",
            organ_id=COMMUNE_ID,
            address="Xã Thanh Xương, huyện Điện Biên",
            email="vanthu@thanhxuong.example",
        )
    transaction.commit()
    return portal


def decision(portal, **fields):
    values = {
        "unit": DISTRICT,
        "doctype": "decision",
        "summary": "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
        "internal_recipients": [],
        "external_organisations": [COMMUNE_ID],
        "external_recipients": ["Lưu: VT"],
        "urgency": "urgent",
        "copies": 4,
        "file": NamedBlobFile(PDF, contentType="application/pdf", filename="05-QĐ.pdf"),
    }
    values.update(fields)
    return issued(
        portal, drafter="chuyenvien", leader="lanhdao", clerk="vanthu", **values
    )


def test_export_then_import_gives_the_same_document_once(site, offices, clock):
    clock("2026-08-03T16:05")
    outgoing = decision(site)
    not_issued = draft(site, "chuyenvien", unit=DISTRICT)
    transaction.commit()

    # Only the issuing unit's clerks export, and only what is issued.
    assert (
        offices["chuyenvien"].get(f"{outgoing.absolute_url()}/@edxml").status_code
        == 403
    )
    response = offices["vanthu"].get(f"{not_issued.absolute_url()}/@edxml")
    assert response.status_code == 400
    assert list(errors(response)) == ["review_state"]

    response = offices["vanthu"].get(f"{outgoing.absolute_url()}/@edxml")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/xml")
    assert "edxml-01-QD-UBND.xml" in response.headers["Content-Disposition"]
    package = response.content
    sent = edxml.parse(package)
    assert sent.effective_document_id == f"{DISTRICT_ID},2026/08/03,01/QĐ-UBND"
    assert [r.name for r in sent.recipients] == ["UBND xã Thanh Xương (hệ thống khác)"]
    assert sent.sender.name == "UBND huyện Điện Biên"
    assert (sent.priority, sent.promulgation_amount) == (1, 4)
    assert sent.to_places == ("UBND xã Thanh Xương (hệ thống khác)", "Lưu: VT")

    # The district's clerk is not the commune's clerical office.
    headers = {"Content-Type": "application/xml"}
    response = offices["vanthu"].post("@edxml", data=package, headers=headers)
    assert response.status_code == 403

    clock("2026-08-04T08:00")
    response = offices["vanthu_xa"].post("@edxml", data=package, headers=headers)
    assert response.status_code == 201, response.text
    [item] = response.json()["items"]
    assert (item["unit"], item["review_state"]) == (COMMUNE, "received")
    transaction.begin()
    [brain] = site.portal_catalog.unrestrictedSearchResults(UID=item["UID"])
    arrived = brain._unrestrictedGetObject()
    assert arrived.sender_name == "UBND huyện Điện Biên"
    assert arrived.sender_notation == "01/QĐ-UBND"
    assert arrived.sender_date == date(2026, 8, 3)
    assert (arrived.doctype, arrived.urgency) == ("decision", "urgent")
    assert arrived.summary == "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026"
    assert arrived.file.data == PDF
    assert arrived.file.filename == "05-QĐ.pdf"
    assert arrived.exchange_document_id == sent.effective_document_id
    # It waits for the commune's clerk, who registers it as any other.
    response = offices["vanthu_xa"].post(f"{item['@id']}/@workflow/register", json={})
    assert response.status_code == 200, response.text
    assert response.json()["incoming_number"] == 1

    # The same document again: refused, naming the first.
    response = offices["vanthu_xa"].post("@edxml", data=package, headers=headers)
    assert response.status_code == 409
    assert response.json()["earlier"]["UID"] == item["UID"]
    assert list(errors(response)) == ["edXML:MessageHeader/edXML:DocumentId"]

    # Bad packages name their element; nothing more is filed.
    broken = package.replace(b"<edXML:CodeNumber>01<", b"<edXML:CodeNumber><")
    response = offices["vanthu_xa"].post("@edxml", data=broken, headers=headers)
    assert response.status_code == 400
    assert list(errors(response)) == ["edXML:MessageHeader/edXML:Code/edXML:CodeNumber"]
    response = offices["vanthu_xa"].post("@edxml", data=b"not xml", headers=headers)
    assert list(errors(response)) == ["edXML:edXML"]
    transaction.begin()  # see what the server committed; write on top of it
    found = site.portal_catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument"
    )
    assert len(found) == 1

    # The commune answers it: its package says which document it answers.
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=site[ADDRESS_BOOK_PATH],
            type="ExternalOrganisation",
            title="UBND huyện Điện Biên",
            organ_id=DISTRICT_ID,
        )
    reply = issued(
        site,
        unit=COMMUNE,
        doctype="report",
        internal_recipients=[],
        external_organisations=[DISTRICT_ID],
        reply_to=item["UID"],
    )
    transaction.commit()
    response = offices["vanthu_xa"].get(f"{reply.absolute_url()}/@edxml")
    assert response.status_code == 200, response.text
    [answered] = edxml.parse(response.content).response_for
    assert answered.document_id == sent.effective_document_id
    assert (answered.organ_id, answered.code) == (DISTRICT_ID, "01/QĐ-UBND")
    assert answered.promulgated == date(2026, 8, 3)


def test_a_unit_identifier_is_checked(site, manager):
    url = site["to-chuc"].objectValues()[0].absolute_url()
    response = manager.patch(url, json={"organ_id": "H15.50"})
    assert response.status_code == 400
    assert list(errors(response)) == ["organ_id"]
    response = manager.patch(url, json={"organ_id": "000.00.50.H15"})
    assert response.status_code == 204


def test_a_failure_while_filing_leaves_nothing(offices_portal, monkeypatch):
    from dienbien.policy.core.exchange.package import DocumentMessage
    from dienbien.policy.core.exchange.package import Organ
    from dienbien.policy.exchange import importer

    portal = offices_portal
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = COMMUNE_ID  # two units addressed: two documents
    message = DocumentMessage(
        sender=Organ("000.00.00.H15", "UBND tỉnh Điện Biên"),
        recipients=(Organ(COMMUNE_ID, "UBND xã"),),
        number="12",
        notation="UBND-VX",
        promulgated=date(2026, 8, 1),
        type_name="Công văn",
        subject="V/v kiểm tra",
    )
    made = []
    real = importer._create

    def fail_second(folder, message, unit, now):
        if made:
            raise RuntimeError("disk full")
        made.append(real(folder, message, unit, now))
        return made[-1]

    monkeypatch.setattr(importer, "_create", fail_second)
    with api.env.adopt_roles(["Manager"]), pytest.raises(RuntimeError):
        importer.import_package(portal, edxml.build(message))
    assert made
    assert not portal.portal_catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument"
    )
    assert made[0].getId() not in portal["van-ban"].objectIds()


def test_the_clerical_office_keeps_the_address_book(site, offices):
    entry = {"@type": "ExternalOrganisation", "title": "Sở Tư pháp tỉnh Điện Biên"}
    response = offices["vanthu"].post(
        ADDRESS_BOOK_PATH, json={**entry, "organ_id": "Sở TP"}
    )
    assert response.status_code == 400
    assert list(errors(response)) == ["organ_id"]
    response = offices["chuyenvien"].post(
        ADDRESS_BOOK_PATH, json={**entry, "organ_id": "000.00.31.H15"}
    )
    assert response.status_code in (401, 403)
    response = offices["vanthu"].post(
        ADDRESS_BOOK_PATH, json={**entry, "organ_id": "000.00.31.H15"}
    )
    assert response.status_code == 201, response.text
    names = (
        offices["chuyenvien"]
        .get("@vocabularies/dienbien.policy.ExternalOrganisations")
        .json()["items"]
    )
    assert [item["title"] for item in names] == [
        "Sở Tư pháp tỉnh Điện Biên (000.00.31.H15)",
        f"UBND xã Thanh Xương (hệ thống khác) ({COMMUNE_ID})",
    ]


def test_the_upload_form_files_a_package(site, offices):
    from dienbien.policy.core.exchange.package import Attachment
    from dienbien.policy.core.exchange.package import DocumentMessage
    from dienbien.policy.core.exchange.package import Organ

    import re

    package = edxml.build(
        DocumentMessage(
            sender=Organ("000.00.31.H15", "Sở Tư pháp tỉnh Điện Biên"),
            recipients=(Organ(COMMUNE_ID, "UBND xã Thanh Xương"),),
            number="214",
            notation="STP-HCTP",
            promulgated=date(2026, 7, 30),
            type_name="Công văn",
            subject="V/v rà soát thủ tục hành chính lĩnh vực hộ tịch",
            attachments=(
                Attachment("cv-214.pdf", "application/pdf", PDF),
                Attachment(
                    "Phụ lục.xlsx", "application/vnd.ms-excel", b"PK\x03\x04xlsx"
                ),
            ),
        )
    )
    clerk = offices["vanthu_xa"]
    page = clerk.get("@@edxml-upload", headers={"Accept": "text/html"})
    token = re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page.text
    )

    def upload(data):
        return clerk.post(
            "@@edxml-upload",
            headers={"Accept": "text/html"},
            data={"_authenticator": token.group(1)},
            files={"package": ("goi.xml", data, "application/xml")},
        )

    response = upload(package.replace(b"cid:attachment-1", b"cid:missing"))
    assert response.status_code == 400
    assert "edXML:edXMLManifest/edXML:Reference[1]/@xlink:href" in response.text
    response = upload(package)
    assert response.status_code == 200
    assert 'class="alert alert-success edxml-received"' in response.text
    transaction.begin()
    found = site.portal_catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument"
    )
    assert [brain._unrestrictedGetObject().file.data for brain in found] == [PDF]
    # The further file is listed on the document's page and downloads whole.
    page = clerk.get(found[0].getURL(), headers={"Accept": "text/html"})
    assert "Phụ lục.xlsx" in page.text
    response = clerk.get(f"{found[0].getURL()}/@@exchange-file?n=1")
    assert response.content == b"PK\x03\x04xlsx"
    assert clerk.get(f"{found[0].getURL()}/@@exchange-file?n=2").status_code == 404
