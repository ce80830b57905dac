"""The officer's draft form over HTTP: what it offers (the unit's
departments, the unit chosen for him), the core's rules as field errors in
Vietnamese, and nothing created until the draft is right."""

from outgoing_site import outgoing_site_fixture  # noqa: F401
from outgoing_site import PASSWORD
from plone import api

import html
import pytest
import re
import transaction


HTML = {"Accept": "text/html", "Accept-Language": "vi"}
ADD = "van-ban/++add++OutgoingDocument"


@pytest.fixture
def officer(http, outgoing_site):
    return http("cv_huyen", PASSWORD)


def form_page(client):
    response = client.get(ADD, headers=HTML)
    assert response.status_code == 200, response.text[-2000:]
    return response.text


def field_errors(page: str) -> dict[str, str]:
    """``{field: message}`` of the fields the form flags."""
    found = {}
    for block in re.split(r'(?=<div[^>]+id="formfield-form-widgets-)', page)[1:]:
        name = re.match(r'<div[^>]+id="formfield-form-widgets-([\w]+)"', block)
        message = re.search(
            r'class="invalid-feedback"[^>]*>\s*(.*?)\s*</div>', block, re.S
        )
        if name and message and "error" in block[:400]:
            text = " ".join(
                html.unescape(re.sub(r"<[^>]+>", " ", message.group(1))).split()
            )
            found[name.group(1)] = text
    return found


def submit(client, **fields):
    page = form_page(client)
    data = {
        "_authenticator": re.search(
            r'name="_authenticator"[^>]*value="([^"]+)"', page
        ).group(1),
        "form.widgets.unit:list": "H15.50",
        "form.widgets.unit-empty-marker": "1",
        "form.widgets.doctype:list": "decision",
        "form.widgets.doctype-empty-marker": "1",
        "form.widgets.normative-empty-marker": "1",
        "form.widgets.department": "",
        "form.widgets.summary": "Về việc thành lập Tổ công tác chuyển đổi số",
        "form.widgets.body": "<p>Nội dung văn bản.</p>",
        "form.widgets.body.mimeType": "text/html",
        "form.widgets.internal_recipients:list": ["H15.50.21"],
        "form.widgets.internal_recipients-empty-marker": "1",
        "form.widgets.external_recipients": "Sở Nội vụ tỉnh Điện Biên",
        "form.widgets.urgency:list": "normal",
        "form.widgets.urgency-empty-marker": "1",
        "form.widgets.confidentiality:list": "normal",
        "form.widgets.confidentiality-empty-marker": "1",
        "form.widgets.signer": "ld_huyen",
        "form.widgets.copies": "3",
        "form.widgets.file_keeper": "VP",
        "form.buttons.save": "Lưu",
    }
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(ADD, data=data, headers=HTML, allow_redirects=False)


def count(portal) -> int:
    transaction.begin()
    return len(portal["van-ban"].objectIds())


def test_the_form_offers_the_units_departments(officer):
    page = html.unescape(form_page(officer))
    assert "VP — Văn phòng HĐND và UBND" in page
    assert "TCKH — Phòng Tài chính - Kế hoạch" in page
    # The officer works in one unit: it is chosen for him.
    assert re.search(r'<option[^>]*value="H15.50"[^>]*selected', page) or re.search(
        r'<option[^>]*selected[^>]*value="H15.50"', page
    )
    assert "reply_to" not in page
    # A new draft is a công văn unless the officer chooses another type.
    doctype = re.search(
        r'<select[^>]*id="form-widgets-doctype".*?</select>', page, re.S
    )
    assert re.findall(
        r"<option[^>]*selected[^>]*>([^<]+)</option>", doctype.group(0)
    ) == ["Công văn"]
    # The signer is chosen by name among the unit's leaders.
    signer = re.search(r'<select[^>]*id="form-widgets-signer".*?</select>', page, re.S)
    assert re.findall(r"<option[^>]*>([^<]+)</option>", signer.group(0)) == [
        "— chọn người ký —",
        "Lường Văn Ký",
    ]


def test_a_cong_van_needs_its_department(outgoing_site, officer):
    before = count(outgoing_site)
    response = submit(officer, **{"form.widgets.doctype:list": "dispatch"})
    assert response.status_code == 200
    assert field_errors(response.text) == {
        "department": "Công văn phải ghi ký hiệu đơn vị soạn thảo sau tên cơ quan "
        "ban hành (05/UBND-VP): hãy ghi đơn vị soạn thảo."
    }
    assert count(outgoing_site) == before


def test_rules_on_their_fields(outgoing_site, officer):
    before = count(outgoing_site)
    response = submit(
        officer,
        **{
            "form.widgets.doctype:list": "plan",
            "form.widgets.normative:list": "selected",
            "form.widgets.department": "KT",
            "form.widgets.body": "",
            "form.widgets.signer": "ld_xa",
            "form.widgets.internal_recipients:list": None,
            "form.widgets.external_recipients": "",
        },
    )
    assert response.status_code == 200
    assert field_errors(response.text) == {
        "normative": "Chỉ Nghị quyết hoặc Quyết định mới có thể là văn bản quy "
        "phạm pháp luật; Kế hoạch thì không.",
        "department": "KT không phải là đơn vị soạn thảo của cơ quan ban hành.",
        "body": "Hãy soạn nội dung hoặc đính kèm tệp văn bản.",
        "internal_recipients": "Hãy ghi ít nhất một nơi nhận: một đơn vị trong "
        "hệ thống hoặc một nơi nhận bên ngoài.",
        "signer": "Người ký phải là lãnh đạo của đơn vị ban hành.",
    }
    assert count(outgoing_site) == before


def test_a_right_draft_is_created(outgoing_site, officer):
    response = submit(
        officer,
        **{"form.widgets.doctype:list": "dispatch", "form.widgets.department": "TCKH"},
    )
    assert response.status_code == 302, response.text[-3000:]
    transaction.begin()
    documents = list(outgoing_site["van-ban"].objectValues())
    assert len(documents) == 1
    document = documents[0]
    assert response.headers["Location"].startswith(document.absolute_url())
    assert api.content.get_state(document) == "draft"
    assert (document.drafter, document.unit, document.department) == (
        "cv_huyen",
        "H15.50",
        "TCKH",
    )
    assert document.internal_recipients == ["H15.50.21"]
    assert document.external_recipients == ["Sở Nội vụ tỉnh Điện Biên"]
    assert document.signer == "ld_huyen"
    assert document.copies == 3
    assert not document.number


def test_the_edit_form_applies_the_same_rules(outgoing_site, officer):
    from outgoing_site import draft

    document = draft(outgoing_site)
    transaction.commit()
    url = document.absolute_url()
    page = officer.get(f"{url}/edit", headers=HTML)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
    data = {
        "_authenticator": token.group(1),
        "form.widgets.unit:list": "H15.50",
        "form.widgets.doctype:list": "dispatch",
        "form.widgets.department": "",
        "form.widgets.summary": "Về việc khác",
        "form.widgets.body": "<p>Nội dung văn bản.</p>",
        "form.widgets.body.mimeType": "text/html",
        "form.widgets.internal_recipients:list": ["H15.50.21"],
        "form.widgets.internal_recipients-empty-marker": "1",
        "form.widgets.urgency:list": "normal",
        "form.widgets.confidentiality:list": "normal",
        "form.widgets.signer": "ld_huyen",
        "form.widgets.copies": "3",
        "form.buttons.save": "Lưu",
    }
    response = officer.post(
        f"{url}/edit", data=data, headers=HTML, allow_redirects=False
    )
    assert response.status_code == 200
    assert list(field_errors(response.text)) == ["department"]
    transaction.begin()
    assert (document.doctype, document.summary) == (
        "decision",
        "Về việc thành lập Tổ công tác chuyển đổi số",
    )
    data["form.widgets.department"] = "VP"
    response = officer.post(
        f"{url}/edit", data=data, headers=HTML, allow_redirects=False
    )
    assert response.status_code == 302
    transaction.begin()
    assert (document.doctype, document.department, document.summary) == (
        "dispatch",
        "VP",
        "Về việc khác",
    )


def test_a_unit_without_departments_types_it(outgoing_site, http):
    """The commune lists its office only; a unit listing none yet lets the
    officer type the department (the rules then take any abbreviation)."""
    from dienbien.policy.orgunits.lookup import unit_brains

    for brain in unit_brains(outgoing_site, unit_code="H15.50.21"):
        brain.getObject().departments = []
    transaction.commit()
    client = http("cv_xa", PASSWORD)
    page = form_page(client)
    assert re.search(
        r'<input[^>]*id="form-widgets-department"[^>]*type="text"', page
    ) or re.search(r'<input[^>]*type="text"[^>]*id="form-widgets-department"', page)
    response = submit(
        client,
        **{
            "form.widgets.unit:list": "H15.50.21",
            "form.widgets.doctype:list": "dispatch",
            "form.widgets.department": "VP",
            "form.widgets.signer": "ld_xa",
            "form.widgets.internal_recipients:list": ["H15.50"],
        },
    )
    assert response.status_code == 302, field_errors(response.text)
