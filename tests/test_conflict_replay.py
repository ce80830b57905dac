"""A registration with a signed PDF that meets a ConflictError at commit is
replayed by Zope from its start; the replay finds the file's text and
pyHanko's reading already done (core/recent.py) and runs neither
``pdftotext`` nor pyHanko, so it stays short."""

from dienbien.policy.core import attachments
from dienbien.policy.core import signatures as core
from dienbien.policy.correspondence.fulltext import stored_text
from dienbien.policy.signatures import store
from dienbien.policy.signatures import verify
from signed_pdfs import Authority
from signed_pdfs import signed_pdf
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.interfaces import IPubBeforeCommit

import base64
import transaction


def counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_replayed_registration_reads_and_verifies_nothing_again(
    offices, functional_portal, monkeypatch
):
    authority = Authority("CA thử nghiệm")
    data = signed_pdf(authority.signer(), text="Cong van conflictcorn 2026")
    store.set_roots([authority.der()])
    transaction.commit()
    before = set(functional_portal["van-ban"].objectIds())
    texts = counting(monkeypatch, attachments, "pdf_text")
    readings = counting(monkeypatch, verify, "_read")
    # Zope waits a random while before a replay; nothing to wait for here.
    monkeypatch.setattr(HTTPRequest, "delay_retry", lambda request: None)
    commits = []

    def conflict_once(event):
        if event.request.get("REQUEST_METHOD") == "POST":
            commits.append(event.request.retry_count)
            if len(commits) == 1:
                raise ConflictError("another clerk committed first")

    registry = getGlobalSiteManager()
    registry.registerHandler(conflict_once, (IPubBeforeCommit,))
    try:
        response = offices["vanthu"].post(
            "van-ban",
            json={
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
                    "data": base64.b64encode(data).decode(),
                    "encoding": "base64",
                    "filename": "cong-van.pdf",
                    "content-type": "application/pdf",
                },
            },
        )
    finally:
        registry.unregisterHandler(conflict_once, (IPubBeforeCommit,))
    assert response.status_code == 201, response.text
    assert commits == [0, 1]  # the request was replayed once
    assert (len(texts), len(readings)) == (1, 1)  # by the first attempt only

    transaction.begin()  # see what the replay committed
    [added] = set(functional_portal["van-ban"].objectIds()) - before
    document = functional_portal["van-ban"][added]
    assert "conflictcorn" in stored_text(document)
    assert store.stored(document)["verdict"] == core.VALID
