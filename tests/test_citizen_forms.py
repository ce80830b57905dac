"""Citizens' forms (issue 13, item 5) on the functional site over HTTP: a
question is stored and mailed to the chosen unit's clerical office without
the sender's details; a honeypot-filled one is thanked and dropped; a client
past the limit gets 429 in Vietnamese; an attachment of the wrong kind is
refused on its field; the unit's staff see their unit's questions only; an
editor publishes an answer without the sender; exports in CSV and XLSX for
those who may download; comments on a draft until its closing day, read by
the drafting unit only."""

from datetime import date
from dienbien.policy.citizenforms import consultation
from dienbien.policy.citizenforms import spam
from dienbien.policy.citizenforms import storage
from dienbien.policy.core.ratelimit import SlidingWindow
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from io import BytesIO
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import csv
import io
import openpyxl
import pytest
import re
import transaction


HTML = {"Accept": "text/html"}
FORM = "gop-y/gui-cau-hoi"
QUESTION = {
    "fullname": "Lò Thị Hoa",
    "contact": "0912 345 678",
    "unit": "H15.50.05",
    "subject": "Cấp đổi sổ đỏ",
    "message": "Tôi cần giấy tờ gì để cấp đổi giấy chứng nhận quyền sử dụng đất?",
}


@pytest.fixture(autouse=True)
def fresh_limits():
    spam.reset()
    yield
    spam.reset()


@pytest.fixture
def site(functional_portal, offices):
    portal = functional_portal
    api.portal.set_registry_record("plone.email_from_address", "cong@example.invalid")
    portal.MailHost.reset()
    transaction.commit()
    return portal


def token(page: str) -> dict:
    found = re.search(r'name="_authenticator" value="([^"]+)"', page)
    return {"_authenticator": found.group(1)} if found else {}


def send(client, path=FORM, files=None, **fields):
    page = client.get(path, headers=HTML)
    data = {f"form.widgets.{name}": value for name, value in fields.items()}
    if "form.widgets.unit" in data:
        data["form.widgets.unit:list"] = data.pop("form.widgets.unit")
    data["form.buttons.submit"] = "Gửi"
    data.update(token(page.text))
    return client.post(path, data=data, files=files or {}, headers=HTML)


def mails(portal) -> list:
    return [message_from_bytes(raw) for raw in portal.MailHost.messages]


def subject_of(mail) -> str:
    return str(make_header(decode_header(mail["Subject"])))


def body_of(mail) -> str:
    return mail.get_payload(decode=True).decode("utf-8")


def test_a_question_is_stored_and_mailed_to_the_units_clerks(site, anonymous, caplog):
    answer = send(anonymous, **QUESTION)
    assert answer.status_code == 200
    assert "Cảm ơn" in answer.text
    transaction.begin()
    form = site["gop-y"]["gui-cau-hoi"]
    (row,) = storage.rows(form)
    assert {name: row[name] for name in QUESTION} == QUESTION
    assert spam.HONEYPOT not in row

    (mail,) = mails(site)
    assert mail["To"] == "vanthu_tnmt@example.invalid"
    assert subject_of(mail) == "[Gửi câu hỏi, góp ý] Cấp đổi sổ đỏ"
    body = body_of(mail)
    assert "Phòng Tài nguyên và Môi trường" in body
    assert QUESTION["message"] in body
    # What reaches a mailbox holds no more of the citizen than the question.
    assert "Lò Thị Hoa" not in body and "0912" not in body
    assert f"{form.absolute_url()}/@@cau-hoi-da-nhan" in body
    assert "Lò Thị Hoa" not in caplog.text and "0912" not in caplog.text


def test_a_filled_honeypot_is_thanked_and_dropped(site, anonymous, caplog):
    answer = send(anonymous, website="http://spam.example", **QUESTION)
    assert answer.status_code == 200
    assert "Cảm ơn" in answer.text
    transaction.begin()
    assert storage.rows(site["gop-y"]["gui-cau-hoi"]) == []
    assert site.MailHost.messages == []
    assert "Lò Thị Hoa" not in caplog.text and "spam.example" not in caplog.text


def test_past_the_limit_a_client_waits(site, anonymous, monkeypatch):
    monkeypatch.setattr(spam, "SUBMISSIONS", SlidingWindow(limit=1, window=3600.0))
    assert send(anonymous, **QUESTION).status_code == 200
    refused = send(anonymous, **QUESTION)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 3500
    assert "Bạn đã gửi nhiều lần trong thời gian ngắn" in refused.text
    assert "60 phút" in refused.text
    transaction.begin()
    assert len(storage.rows(site["gop-y"]["gui-cau-hoi"])) == 1


def test_an_attachment_must_be_a_document_or_a_picture(site, anonymous):
    files = {
        "form.widgets.attachment": (
            "chuong-trinh.exe",
            b"MZ...",
            "application/octet-stream",
        )
    }
    answer = send(anonymous, files=files, **QUESTION)
    assert "Hãy đính kèm tệp PDF, Word, JPG hoặc PNG." in answer.text
    transaction.begin()
    assert storage.rows(site["gop-y"]["gui-cau-hoi"]) == []


def test_the_contact_form_writes_to_the_site(site, anonymous):
    fields = {name: QUESTION[name] for name in ("fullname", "contact", "subject")}
    send(anonymous, "lien-he/gui-lien-he", message="Trang web rất hữu ích.", **fields)
    transaction.begin()
    (mail,) = mails(site)
    assert mail["To"] == "cong@example.invalid"
    assert "Trang web rất hữu ích." in body_of(mail)
    assert len(storage.rows(site["lien-he"]["gui-lien-he"])) == 1


def test_staff_read_their_units_questions_only(site, anonymous, manager, offices):
    send(anonymous, **QUESTION)
    send(anonymous, **dict(QUESTION, unit="H15.50.05.01", subject="Đường liên xã"))
    received = f"{FORM}/@@cau-hoi-da-nhan"
    # The environment office's clerk sees its question only, with who sent
    # it; answering is the editors' (the browser journey publishes one).
    page = offices["vanthu_tnmt"].get(received, headers=HTML)
    assert "Cấp đổi sổ đỏ" in page.text and "Đường liên xã" not in page.text
    assert "Lò Thị Hoa" in page.text and 'name="answer"' not in page.text
    assert offices["vanthu_tnmt"].post(
        received, data={"row": "1", "answer": "x"}, headers=HTML, allow_redirects=False
    ).status_code in (302, 401, 403)
    refused = anonymous.get(received, headers=HTML, allow_redirects=False)
    assert refused.status_code in (302, 401)
    page = manager.get(received, headers=HTML)
    assert page.text.count('name="answer"') == 2


def test_exports_for_those_who_may_download(site, anonymous, manager, offices):
    send(anonymous, **QUESTION)
    send(anonymous, **dict(QUESTION, subject='=HYPERLINK("http://x.example")'))
    export = f"{FORM}/@@xuat-du-lieu"
    text = manager.get(export, params={"dinh_dang": "csv"}).content.decode("utf-8-sig")
    header, row, formula = list(csv.reader(io.StringIO(text)))
    assert formula[4] == '\'=HYPERLINK("http://x.example")'  # text, not a formula
    assert header == [
        "Thời điểm nhận",
        "Họ và tên",
        "Điện thoại hoặc thư điện tử",
        "Đơn vị nhận",
        "Tiêu đề",
        "Nội dung",
        "Tệp đính kèm",
    ]
    assert row[0] == "10:00 03/03/2026"
    assert row[1:6] == [
        "Lò Thị Hoa",
        "0912 345 678",
        "Phòng Tài nguyên và Môi trường",
        "Cấp đổi sổ đỏ",
        QUESTION["message"],
    ]
    book = manager.get(export, params={"dinh_dang": "xlsx"})
    assert (
        book.headers["Content-Disposition"] == 'attachment; filename="gui-cau-hoi.xlsx"'
    )
    sheet = openpyxl.load_workbook(BytesIO(book.content)).active
    assert [cell.value for cell in sheet[2]][1:3] == ["Lò Thị Hoa", "0912 345 678"]
    assert sheet["E3"].data_type == "s"
    for client in (anonymous, offices["vanthu_tnmt"]):
        refused = client.get(export, headers=HTML, allow_redirects=False)
        assert refused.status_code in (302, 401, 403)


@pytest.fixture
def draft(site):
    from dienbien.policy.core.orgunits import group_id

    setRoles(site, TEST_USER_ID, ["Manager"])
    # The register's editors (docs/legal.md): both clerical offices see the
    # drafts; the comments are the drafting unit's only.
    for unit in ("H15.50.05", "H15.50.05.01"):
        api.group.grant_roles(
            groupname=group_id(unit, "clerical"),
            roles=["Editor"],
            obj=site["van-ban-qppl"],
        )
    document = api.content.create(
        container=site["van-ban-qppl"],
        type="LegalDocument",
        id="du-thao-phi-cho",
        notation="",
        doctype="decision",
        issuer="H15.50.05",
        signer="",
        signed=date(2026, 3, 1),
        in_force_from=date(2026, 4, 1),
        summary="Quy định mức thu phí chợ trên địa bàn huyện",
    )
    transaction.commit()
    return document


def test_comments_on_a_draft_until_its_closing_day(
    draft, anonymous, manager, offices, clock
):
    public = f"@@gop-y-du-thao?du_thao={draft.UID()}"
    # Not opened for comment: the draft does not exist for the public.
    assert anonymous.get(public, headers=HTML).status_code == 404
    opening = manager.get(f"{draft.absolute_url()}/@@lay-y-kien", headers=HTML)
    manager.post(
        f"{draft.absolute_url()}/@@lay-y-kien",
        data={"closes": "2026-03-10", **token(opening.text)},
        headers=HTML,
    )
    transaction.begin()
    assert consultation.consultation(draft)["closes"] == date(2026, 3, 10)

    page = anonymous.get(public, headers=HTML)
    assert "Quy định mức thu phí chợ trên địa bàn huyện" in page.text
    assert "Nhận góp ý đến hết ngày" in page.text and "10/03/2026" in page.text
    comment = {"fullname": "Quàng Văn Minh", "comment": "Nên miễn phí cho hộ nghèo."}
    sent = anonymous.post(public, data=comment, headers=HTML)
    assert "Cảm ơn" in sent.text
    anonymous.post(public, data=dict(comment, website="x"), headers=HTML)
    missing = anonymous.post(public, data={"fullname": "A"}, headers=HTML)
    assert 'aria-describedby="consultation-comment-error"' in missing.text

    clock("2026-03-11T00:00")
    late = anonymous.post(public, data=comment, headers=HTML)
    assert late.status_code == 403
    assert "Đã hết hạn nhận góp ý ngày" in late.text

    comments = f"{draft.absolute_url()}/@@y-kien-du-thao"
    page = offices["vanthu_tnmt"].get(comments, headers=HTML)
    assert page.text.count('class="card mb-3 draft-comment"') == 1
    assert "Nên miễn phí cho hộ nghèo." in page.text
    other = offices["vanthu_xa"].get(comments, headers=HTML, allow_redirects=False)
    assert other.status_code in (302, 401, 403)
    assert "Nên miễn phí" not in other.text
