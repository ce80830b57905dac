"""Legal reminders in the site: the daily job mails each issuer's editors
(members of the issuer's groups who may edit normative documents) what
concerns that issuer, and nobody else; the page ``@@legal-reminders`` is for
those who may edit; the lead time is the site's setting."""

from datetime import date
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import logging
import pytest
import re
import transaction


UNITS_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.HD,HĐND huyện Điện Biên,peoples_council,HĐND,H15.50
"""
PASSWORD = "mat-khau-thu-nghiem"
#: login: (unit, function, may edit normative documents)
PEOPLE = {
    "bientap": ("H15.50", "clerical", True),
    "chuyenvien": ("H15.50", "officer", False),
    "bientap_hd": ("H15.50.HD", "clerical", True),
}
TODAY = date(2026, 6, 1)


def add(portal, notation, effective, relations=(), **fields):
    council = "/NQ-" in notation
    document = api.content.create(
        container=portal["van-ban-qppl"],
        type="LegalDocument",
        id=notation.lower().replace("/", "-").replace("đ", "d"),
        notation=notation,
        doctype="resolution" if council else "decision",
        issuer="H15.50.HD" if council else "H15.50",
        signer="Trần Văn Dũng",
        signed=date(effective.year, 1, 2),
        in_force_from=effective,
        summary=f"Quy định {notation}",
        relations=[
            {"kind": kind, "target": target, "part": part, "on": None, "until": None}
            for kind, target, part in relations
        ],
        **fields,
    )
    api.content.transition(obj=document, transition="submit")
    api.content.transition(obj=document, transition="publish")
    return document


def make_register(portal):
    """On 1 June 2026: one decision ends on 1 July (day 30), one on 2 July
    (day 31); a decision is based on a resolution replaced on 1 March, a
    resolution on one repealed in part on 1 May."""
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    register = portal["van-ban-qppl"]
    for login, (unit, function, editor) in PEOPLE.items():
        api.user.create(
            username=login, email=f"{login}@example.invalid", password=PASSWORD
        )
        api.group.add_user(groupname=group_id(unit, function), username=login)
        if editor:
            api.user.grant_roles(username=login, obj=register, roles=["Editor"])
    # An editor of no unit: the site's web editor gets no unit's mail.
    api.user.create(username="web", email="web@example.invalid", password=PASSWORD)
    api.user.grant_roles(username="web", obj=register, roles=["Editor"])

    add(portal, "01/2024/QĐ-UBND", date(2024, 2, 1), in_force_until=date(2026, 7, 1))
    add(portal, "02/2024/QĐ-UBND", date(2024, 2, 1), in_force_until=date(2026, 7, 2))
    add(portal, "10/2020/NQ-HĐND", date(2020, 2, 1))
    add(portal, "11/2020/NQ-HĐND", date(2020, 2, 1))
    add(
        portal,
        "05/2025/QĐ-UBND",
        date(2025, 2, 1),
        relations=[("based_on", "10/2020/NQ-HĐND", "")],
        # The basis is another issuer's: name it.
    )
    add(
        portal,
        "06/2025/NQ-HĐND",
        date(2025, 2, 1),
        relations=[("based_on", "11/2020/NQ-HĐND", "")],
    )
    add(
        portal,
        "04/2026/NQ-HĐND",
        date(2026, 3, 1),
        relations=[
            ("replaces", "10/2020/NQ-HĐND", ""),
            ("repeals", "11/2020/NQ-HĐND", "Điều 3"),
        ],
    )


@pytest.fixture
def site(functional_portal):
    make_register(functional_portal)
    transaction.commit()
    return functional_portal


def test_the_daily_job_mails_each_issuers_editors(legal_portal, caplog):
    portal = legal_portal
    from dienbien.policy.legal.reminders import send

    api.portal.set_registry_record("plone.email_from_address", "qppl@example.invalid")
    mailhost = portal.MailHost
    mailhost.reset()
    with caplog.at_level(logging.INFO, logger="dienbien.policy"):
        sent = send(TODAY)
    assert sent == [
        ("H15.50", "bientap@example.invalid"),
        ("H15.50.HD", "bientap_hd@example.invalid"),
    ]
    mails = {}
    for raw in mailhost.messages:
        mail = message_from_bytes(raw)
        mails[mail["To"]] = (
            str(make_header(decode_header(mail["Subject"]))),
            mail.get_payload(decode=True).decode("utf-8"),
        )
    subject, body = mails["bientap@example.invalid"]
    assert subject == (
        "[Văn bản QPPL] UBND huyện Điện Biên: 1 văn bản sắp hết hiệu lực, "
        "1 văn bản có căn cứ bị thay thế, bãi bỏ"
    )
    assert (
        "01/2024/QĐ-UBND Quy định 01/2024/QĐ-UBND — hết hiệu lực từ ngày 01/07/2026"
        in body
    )
    assert "02/2024/QĐ-UBND" not in body  # day 31
    assert (
        "05/2025/QĐ-UBND — căn cứ 10/2020/NQ-HĐND bị thay thế bởi 04/2026/NQ-HĐND "
        "từ ngày 01/03/2026"
    ) in body
    assert "/van-ban-qppl/05-2025-qd-ubnd" in body
    subject, body = mails["bientap_hd@example.invalid"]
    assert subject.endswith(
        "0 văn bản sắp hết hiệu lực, 1 văn bản có căn cứ bị thay thế, bãi bỏ"
    )
    assert "Văn bản có căn cứ bị thay thế, bãi bỏ một phần:" in body
    assert (
        "06/2025/NQ-HĐND — căn cứ 11/2020/NQ-HĐND bị bãi bỏ một phần (Điều 3) bởi "
        "04/2026/NQ-HĐND từ ngày 01/03/2026"
    ) in body
    assert "UBND" not in body.replace("HĐND", "")  # the other issuer's stays out
    # Counts only in the log.
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "legal reminders: 2 issuers, 2 mails" in logged
    assert "example.invalid" not in logged and "bientap" not in logged


@pytest.fixture
def legal_portal(integration):
    portal = integration["portal"]
    make_register(portal)
    return portal


def test_the_page_is_for_editors(site, http, anonymous, clock):
    clock("2026-06-01T08:00")
    editor = http("bientap", PASSWORD)
    editor.headers["Accept"] = "text/html"
    page = editor.get("van-ban-qppl/@@legal-reminders")
    assert page.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
    assert "Nhắc việc văn bản QPPL 3 việc cần xem xét ngày 01/06/2026" in text
    assert (
        "05/2025/QĐ-UBND Quyết định 05/2025/QĐ-UBND Quy định 05/2025/QĐ-UBND "
        "UBND huyện Điện Biên · căn cứ 10/2020/NQ-HĐND bị thay thế bởi "
        "04/2026/NQ-HĐND từ ngày 01/03/2026"
    ) in text
    for notation in ("01/2024/QĐ-UBND", "05/2025/QĐ-UBND", "06/2025/NQ-HĐND"):
        assert notation in text
    assert "02/2024/QĐ-UBND" not in text
    assert f"{site.absolute_url()}/van-ban-qppl/04-2026-nq-hdnd" in page.text
    # The register links to it for editors only.
    register = editor.get("van-ban-qppl")
    assert "@@legal-reminders" in register.text
    assert "@@import-legal-documents" in register.text
    anonymous.headers["Accept"] = "text/html"
    public = anonymous.get("van-ban-qppl").text
    assert "@@legal-reminders" not in public
    assert "@@import-legal-documents" not in public
    # Anonymous, and an officer of the issuer who may not edit: sent to log in.
    officer = http("chuyenvien", PASSWORD)
    for client in (anonymous, officer):
        client.headers["Accept"] = "text/html"
        response = client.get("van-ban-qppl/@@legal-reminders", allow_redirects=False)
        assert response.status_code == 302
        assert "/require_login?came_from=" in response.headers["Location"]


def test_the_lead_time_is_the_sites_setting(site, manager):
    body = {
        "@type": "LegalDocument",
        "notation": "15/2026/QĐ-UBND",
        "doctype": "decision",
        "issuer": "H15.50",
        "signer": "Trần Văn Dũng",
        "signed": "2026-08-03",
        "in_force_from": "2026-08-12",  # 9 days after signing
        "summary": "Quy định về quản lý chợ",
    }
    panel = "@controlpanels/dienbien-settings"
    assert manager.get(panel).json()["data"]["legal_lead_days"] == 10
    response = manager.post("van-ban-qppl", json=body)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "in_force_from"
    assert "10" in error["message"] and "13/08/2026" in error["message"]

    assert manager.patch(panel, json={"legal_lead_days": 9}).status_code == 204
    refused = manager.patch(panel, json={"legal_lead_days": -1})
    assert refused.status_code == 400
    assert "legal_lead_days" in refused.text
    response = manager.post("van-ban-qppl", json=body)
    assert response.status_code == 201, response.text
