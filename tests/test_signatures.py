"""Signed PDFs verified on arrival (issue 11 item 6): each verdict from
PDFs signed with pyHanko under CAs made here; the subscriber keeps it on the
document; the page shows the badge; REST returns the same facts; the trust
roots are the site administrators' (docs/signatures.md)."""

from correspondence_steps import acting_as
from correspondence_steps import incoming
from dienbien.policy.core import signatures as core
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.signatures import store
from dienbien.policy.signatures import verify
from dienbien.policy.workingtime import display_time
from plone.namedfile.file import NamedBlobFile
from signed_pdfs import Authority
from signed_pdfs import ORGANISATION
from signed_pdfs import signed_pdf
from signed_pdfs import SIGNER
from signed_pdfs import tampered
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import base64
import pytest
import re
import transaction


@pytest.fixture(scope="module")
def pdfs():
    """Made once: two CAs (only the first is trusted) and one PDF per verdict."""
    trusted, other = Authority("CA thử nghiệm"), Authority("CA lạ")
    valid = signed_pdf(trusted.signer())
    from attachment_files import tiny_pdf

    return {
        "root_pem": trusted.pem(),
        "root_der": trusted.der(),
        core.VALID: valid,
        core.MODIFIED: tampered(valid),
        core.UNTRUSTED: signed_pdf(other.signer()),
        core.EXPIRED: signed_pdf(trusted.signer(expired=True)),
        core.UNSIGNED: tiny_pdf("Cong van khong ky"),
    }


@pytest.mark.parametrize("verdict", core.VERDICTS)
def test_each_verdict(pdfs, verdict):
    result = verify.verify(pdfs[verdict], [verify.load_root(pdfs["root_pem"])])
    assert result.verdict == verdict
    if verdict == core.UNSIGNED:
        assert result.signatures == ()
        return
    [(facts, own)] = result.signatures
    assert own == verdict
    assert (facts.signer, facts.organisation) == (SIGNER, ORGANISATION)
    assert facts.signed is not None
    assert facts.intact is True  # tampering left the signed bytes alone
    assert facts.unchanged is (verdict != core.MODIFIED)


def test_no_roots_no_trust_and_not_a_pdf(pdfs):
    assert verify.verify(pdfs[core.VALID], []).verdict == core.UNTRUSTED
    assert verify.verify(b"PK\x03\x04 a docx", []) is None
    with pytest.raises(ValueError):
        verify.load_root(b"-----BEGIN CERTIFICATE-----\nAAAA\n")
    # DER and PEM give the same root.
    assert verify.load_root(pdfs["root_der"]).dump() == pdfs["root_der"]


def _page(document) -> str:
    with acting_as("vanthu"):
        return document.restrictedTraverse("@@view")()


def _pdf(data):
    return NamedBlobFile(data, contentType="application/pdf", filename="qd.pdf")


def test_kept_on_the_document_and_shown_on_its_page(offices_portal, pdfs):
    store.set_roots([pdfs["root_der"]])
    document = incoming(offices_portal, file=_pdf(pdfs[core.VALID]))
    kept = store.stored(document)
    assert kept["verdict"] == core.VALID
    [row] = kept["signatures"]
    assert (row["signer"], row["organisation"]) == (SIGNER, ORGANISATION)
    assert row["signed"].tzinfo is None  # local time, as the site keeps it

    page = _page(document)
    assert 'data-verdict="valid"' in page
    assert SIGNER in page and ORGANISATION in page
    shown = display_time(row["signed"])
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", shown)
    assert shown in page

    # A new file: judged again on save.
    document.file = _pdf(pdfs[core.MODIFIED])
    notify(ObjectModifiedEvent(document, Attributes(IIncomingDocument, "file")))
    assert store.stored(document)["verdict"] == core.MODIFIED
    assert 'data-verdict="modified"' in _page(document)

    # The roots change: the button judges every document again.
    document.file = _pdf(pdfs[core.VALID])
    notify(ObjectModifiedEvent(document, Attributes(IIncomingDocument, "file")))
    store.set_roots([])
    assert store.stored(document)["verdict"] == core.VALID  # not recomputed on view
    assert store.reverify_all() >= 1
    assert store.stored(document)["verdict"] == core.UNTRUSTED

    # No file: no verdict, no badge.
    document.file = None
    notify(ObjectModifiedEvent(document, Attributes(IIncomingDocument, "file")))
    assert store.stored(document) is None
    assert "signature-check" not in _page(document)


def test_rest_and_roots_page_over_http(offices, manager, functional_portal, pdfs):
    """The roots page is the site administrators' (POST with the
    authenticator); the document's GET carries the verdict and details."""
    assert offices["vanthu"].get("@@signature-roots").status_code in (401, 403)
    page = manager.get("@@signature-roots")
    assert page.status_code == 200
    token = re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page.text
    )
    uploaded = manager.post(
        "@@signature-roots",
        data={"_authenticator": token.group(1), "form.upload": "1"},
        files={"root": ("ca.pem", pdfs["root_pem"], "application/x-pem-file")},
    )
    assert uploaded.status_code == 200
    assert "CA thử nghiệm" in uploaded.text
    # Without the authenticator nothing is written.
    forged = manager.post("@@signature-roots", data={"form.reverify": "1"})
    assert forged.status_code == 403

    body = {
        "@type": "IncomingDocument",
        "unit": "H15.50",
        "received": "2026-03-03T08:30:00+07:00",
        "sender_name": "Sở Nội vụ tỉnh Điện Biên",
        "sender_notation": "3954/SNV-VP",
        "doctype": "dispatch",
        "summary": "Về việc báo cáo biên chế năm 2026",
        "urgency": "normal",
        "confidentiality": "normal",
        "file": {
            "data": base64.b64encode(pdfs[core.VALID]).decode(),
            "encoding": "base64",
            "filename": "qd.pdf",
            "content-type": "application/pdf",
        },
    }
    created = offices["vanthu"].post("van-ban", json=body)
    assert created.status_code == 201, created.text
    transaction.begin()
    facts = offices["vanthu"].get(created.json()["@id"]).json()["signatures"]
    assert facts["verdict"] == "valid"
    [row] = facts["signatures"]
    assert (row["signer"], row["organisation"], row["verdict"]) == (
        SIGNER,
        ORGANISATION,
        "valid",
    )
    assert facts["verdict_title"] == "Chữ ký hợp lệ"
    page = (
        offices["vanthu"]
        .get(created.json()["@id"] + "/view", headers={"Accept": "text/html"})
        .text
    )
    assert "Chữ ký hợp lệ" in page and row["signed_display"] in page
    assert row["signed"].endswith("+07:00")
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", row["signed_display"])


def test_legal_documents_take_the_same_path(offices_portal, pdfs):
    from datetime import date
    from test_legal_documents import add

    document = add(
        offices_portal,
        "12/2026/QĐ-UBND",
        date(2026, 3, 1),
        date(2026, 3, 11),
        publish=False,
        file=_pdf(pdfs[core.UNTRUSTED]),
    )
    assert store.stored(document)["verdict"] == core.UNTRUSTED
