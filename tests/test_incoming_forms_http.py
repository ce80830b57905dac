"""The incoming document's forms over real HTTP, as a browser posts them:
the registration form with its scanned file, the leader's assign form, the
handler's progress and close forms, the clerk's return — each POST carrying
plone.protect's token, and refused without it."""

from test_incoming_handling import add_people
from test_incoming_handling import FORM
from test_incoming_handling import PASSWORD

import pytest
import re
import requests
import transaction


TOKEN = re.compile(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"')


@pytest.fixture
def people(functional_portal):
    add_people(functional_portal)
    transaction.commit()
    return functional_portal


@pytest.fixture
def browser_as(people):
    sessions = []

    def make(user):
        session = requests.Session()
        session.auth = (user, PASSWORD)
        session.headers["Accept"] = "text/html"
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


def token(session, url) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (
        page.status_code,
        re.sub(r"<[^>]+>", " ", page.text)[-6000:],
    )
    return TOKEN.search(page.text).group(1)


def register(session, portal_url, **changes):
    url = f"{portal_url}/van-ban/@@incoming-registration"
    data = {
        **FORM,
        **changes,
        "form.submitted": "1",
        "form.save": "1",
        "_authenticator": token(session, url),
    }
    return session.post(
        url,
        data=data,
        files={"file": ("cv-3954.pdf", b"%PDF-1.4 scan", "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )


def step(session, doc_url, name, form_of=None, **fields):
    """Open the step's form (or ``form_of``'s: a form the user may open),
    then post it with the token it carries."""
    url = f"{doc_url}/@@incoming-step"
    data = {
        "step": name,
        **fields,
        "form.submitted": "1",
        "form.save": "1",
        "_authenticator": token(session, f"{url}?step={form_of or name}"),
    }
    return session.post(url, data=data, allow_redirects=False, timeout=30)


def test_the_whole_journey_over_http(people, browser_as):
    portal_url = people.absolute_url()
    clerk, leader, officer = (
        browser_as("vanthu"),
        browser_as("lanhdao"),
        browser_as("chuyenvien"),
    )
    answer = register(clerk, portal_url)
    assert answer.status_code == 302
    doc_url = answer.headers["Location"]
    page = clerk.get(doc_url, timeout=30)
    assert re.search(r'incoming-number-value">1<', page.text)
    assert "Đã vào sổ. Số đến: 1." in page.text
    assert 'href="' + doc_url + '/@@download/file/cv-3954.pdf"' in page.text
    scan = clerk.get(f"{doc_url}/@@download/file/cv-3954.pdf", timeout=30)
    assert scan.content == b"%PDF-1.4 scan"

    answer = step(
        leader,
        doc_url,
        "assign",
        instruction="Giao Phòng Tư pháp",
        handling_unit="H15.50.03",
        handler="chuyenvien",
        deadline="2026-03-17",
    )
    assert answer.status_code == 302
    answer = step(officer, doc_url, "progress", text="Đã dự thảo văn bản trả lời")
    assert answer.status_code == 302
    answer = step(officer, doc_url, "close")
    assert answer.status_code == 302
    page = officer.get(doc_url, timeout=30)
    assert "Đã xử lý xong" in page.text
    assert "Đã dự thảo văn bản trả lời" in page.text


def test_a_post_without_the_token_is_refused(people, browser_as):
    clerk = browser_as("vanthu")
    url = f"{people.absolute_url()}/van-ban/@@incoming-registration"
    answer = clerk.post(
        url, data={**FORM, "form.submitted": "1"}, allow_redirects=False, timeout=30
    )
    assert answer.status_code == 403
    assert not [
        obj
        for obj in people["van-ban"].objectValues()
        if obj.portal_type == "IncomingDocument"
    ]


def test_bad_input_answers_400_with_the_form(people, browser_as):
    clerk = browser_as("vanthu")
    answer = register(clerk, people.absolute_url(), sender_notation="abc")
    assert answer.status_code == 400
    assert "abc thiếu dấu &#39;/&#39; giữa số và ký hiệu" in answer.text or (
        "abc thiếu dấu '/' giữa số và ký hiệu" in answer.text
    )


def test_add_new_is_the_registration_form(people, browser_as):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=people["so-dia-chi"],
            type="ExternalOrganisation",
            title="Sở Nội vụ tỉnh Điện Biên",
            organ_id="000.00.02.H15",
        )
    transaction.commit()
    url = f"{people.absolute_url()}/van-ban/++add++IncomingDocument"
    page = browser_as("vanthu").get(url, timeout=30)
    assert page.status_code == 200
    assert "Vào sổ văn bản đến" in page.text
    # A sender outside is chosen from the address book (or typed).
    assert 'list="incoming-address-book"' in page.text
    datalist = re.search(
        r'<datalist id="incoming-address-book">(.*?)</datalist>', page.text, re.S
    ).group(1)
    assert re.findall(r'<option value="([^"]*)"', datalist) == [
        "Sở Nội vụ tỉnh Điện Biên"
    ]
    assert 'action="' + people.absolute_url() + '/van-ban/@@incoming-registration"' in (
        page.text
    )
    answer = browser_as("lanhdao").get(url, timeout=30, allow_redirects=False)
    assert answer.status_code in (302, 401, 403)


def test_the_wrong_function_cannot_open_the_forms(people, browser_as):
    leader = browser_as("lanhdao")
    url = f"{people.absolute_url()}/van-ban/@@incoming-registration"
    assert leader.get(url, timeout=30, allow_redirects=False).status_code in (
        302,
        401,
        403,
    )
    clerk = browser_as("vanthu")
    doc_url = register(clerk, people.absolute_url()).headers["Location"]
    answer = clerk.get(f"{doc_url}/@@incoming-step?step=assign", timeout=30)
    assert answer.status_code == 404
    answer = step(leader, doc_url, "return", form_of="assign", reason="x")
    assert answer.status_code == 404
