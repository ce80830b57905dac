"""Full text of attachments (issue 11 item 7): the words of a document's PDF
or .docx are found by the officers who may see the document through
``@documents?q=``, never through the site's SearchableText (``@search``, the
search page), and a secret document's file is never read."""

from attachment_files import tiny_docx
from attachment_files import tiny_pdf
from correspondence_steps import acting_as
from correspondence_steps import incoming
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.fulltext import KEY
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import base64
import transaction


def pdf(word):
    return NamedBlobFile(
        tiny_pdf(f"Bao cao {word}"), contentType="application/pdf", filename="bc.pdf"
    )


def found(user, **query):
    with acting_as(user):
        return [brain.getId for brain in api.content.find(**query)]


def edited(document, *names, **values):
    for name, value in values.items():
        setattr(document, name, value)
    notify(ObjectModifiedEvent(document, Attributes(IIncomingDocument, *names)))


def test_attachment_words_found_by_officers_only_and_read_again(offices_portal):
    document = incoming(offices_portal, file=pdf("zyxcorn"))
    me = document.getId()
    assert found("lanhdao", document_text="zyxcorn") == [me]
    assert found("lanhdao", document_text="ra soat") == [me]  # its own words
    # Never in the site's SearchableText, even for the officers.
    assert found("lanhdao", SearchableText="zyxcorn") == []
    assert found("lanhdao_tnmt", document_text="zyxcorn") == []

    # An edit that leaves the file alone does not read it again.
    digest = IAnnotations(document)[KEY][0]
    edited(document, "summary", summary="V/v rà soát biên chế năm 2027")
    assert IAnnotations(document)[KEY][0] == digest

    # A new file: its words replace the old ones.
    edited(document, "file", file=pdf("qwmbat"))
    assert found("lanhdao", document_text="zyxcorn") == []
    assert found("lanhdao", document_text="qwmbat") == [me]

    # A .docx, searched without diacritics.
    docx = NamedBlobFile(
        tiny_docx("Quyết định về việc thành lập tổ công tác"), filename="qd.docx"
    )
    edited(document, "file", file=docx)
    assert found("lanhdao", document_text="quyet dinh thanh lap") == [me]
    assert found("lanhdao", document_text="qwmbat") == []

    # Marked secret: the text is dropped from the document and the index.
    edited(document, "confidentiality", confidentiality="confidential")
    assert KEY not in IAnnotations(document)
    assert found("vanthu", document_text="thanh lap") == []


def test_a_secret_documents_file_is_never_read(offices_portal):
    document = incoming(
        offices_portal,
        file=pdf("kvtrop"),
        confidentiality="secret",
        readers=["lanhdao"],
    )
    assert KEY not in IAnnotations(document)
    # The people named find it by its own words, nobody by its file's.
    assert found("lanhdao", document_text="ra soat") == [document.getId()]
    assert found("lanhdao", document_text="kvtrop") == []


def test_officers_search_attachments_over_http(offices, anonymous):
    """One HTTP round: a word only in the attached PDF, uploaded through
    REST, is found by the unit's leader through @documents?q= and by nobody
    through @search; a secret document's PDF is found by no one, and its
    own words not by a leader who is not named on it."""

    def upload(word, **changes):
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
                "data": base64.b64encode(tiny_pdf(f"Phu luc {word}")).decode(),
                "encoding": "base64",
                "filename": "phu-luc.pdf",
                "content-type": "application/pdf",
            },
            **changes,
        }
        response = offices["vanthu"].post("van-ban", json=body)
        assert response.status_code == 201, response.text
        return response.json()["@id"]

    def q(client, words):
        response = client.get("@documents", params={"q": words})
        assert response.status_code == 200, response.text
        return [item["@id"] for item in response.json()["items"]]

    plain = upload("zyxcorn")
    secret = upload(
        "kvtrop",
        confidentiality="secret",
        summary="Kế hoạch phòng cháy chữa cháy",
        readers=["chuyenvien"],
    )
    transaction.begin()  # see what the requests committed

    assert q(offices["lanhdao"], "Zyxcorn") == [plain]
    for client in (anonymous, offices["lanhdao"]):
        response = client.get("@search", params={"SearchableText": "zyxcorn"})
        assert response.json()["items_total"] == 0
    assert anonymous.get("@documents", params={"q": "zyxcorn"}).status_code == 401
    # The secret document: its file's words in no index, even for those named.
    for login in ("chuyenvien", "vanthu", "lanhdao"):
        assert q(offices[login], "kvtrop") == [], login
    assert q(offices["chuyenvien"], "phong chay") == [secret]
    assert q(offices["lanhdao"], "phong chay") == []


def test_without_pdftotext_pdfs_are_skipped_with_a_warning(
    offices_portal, monkeypatch, caplog
):
    monkeypatch.setenv("PATH", "/nonexistent")
    document = incoming(offices_portal, file=pdf("plxwen"))
    assert "pdftotext is missing (Debian package poppler-utils)" in caplog.text
    assert "bc.pdf" not in caplog.text
    assert found("lanhdao", document_text="plxwen") == []
    # Installed later: the next change of the file reads it.
    monkeypatch.undo()
    edited(document, "file", file=pdf("plxwen"))
    assert found("lanhdao", document_text="plxwen") == [document.getId()]
