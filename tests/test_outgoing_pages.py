"""The outgoing document's classic pages over real HTTP: the draft form and
its field errors, the page laid out as the paper, the step buttons each
function sees, the step forms (reasons, CSRF, the number taken only when
the issue is confirmed)."""

from outgoing_site import approved
from outgoing_site import draft
from outgoing_site import issue
from outgoing_site import outgoing_site_fixture  # noqa: F401
from outgoing_site import PASSWORD
from plone import api

import html
import pytest
import re
import transaction


HTML = {"Accept": "text/html", "Accept-Language": "vi"}


@pytest.fixture
def people(http, outgoing_site):
    return {
        login: http(login, PASSWORD)
        for login in ("cv_huyen", "ld_huyen", "vt_huyen", "vt_xa", "cv_xa")
    }


def text_of(page: str) -> str:
    """The visible text of a page, one space between words."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def get(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, response.text[-2000:]
    return response.text


def buttons(client, url) -> list[str]:
    page = get(client, url)
    return [
        html.unescape(label).strip()
        for label in re.findall(
            r'class="btn btn-primary outgoing-action[^"]*"\s+href="[^"]*"\s*>([^<]*)<',
            page,
        )
    ]


def token(page: str) -> str:
    return re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page).group(1)


def step(client, url, transition, authenticator=True, **fields):
    form = get(client, f"{url}/@@outgoing-step?transition={transition}")
    data = {"transition": transition, "form.submitted": "1", "form.save": "1"}
    if authenticator:
        data["_authenticator"] = token(form)
    data.update(fields)
    return client.post(
        f"{url}/@@outgoing-step", data=data, headers=HTML, allow_redirects=False
    )


def committed(portal, document):
    transaction.commit()
    return document.absolute_url()


def state_of(portal, url):
    transaction.begin()
    path = url.split(portal.absolute_url(), 1)[1].lstrip("/")
    return api.content.get_state(portal.unrestrictedTraverse(path))


def test_each_function_sees_only_its_steps(outgoing_site, people):
    portal = outgoing_site
    document = draft(portal)
    url = committed(portal, document)
    assert buttons(people["cv_huyen"], url) == ["Trình duyệt"]
    assert buttons(people["ld_huyen"], url) == []
    assert step(people["cv_huyen"], url, "submit").status_code == 302
    assert buttons(people["cv_huyen"], url) == []
    assert buttons(people["ld_huyen"], url) == ["Duyệt", "Trả lại người soạn thảo"]
    assert buttons(people["vt_huyen"], url) == []
    assert step(people["ld_huyen"], url, "approve").status_code == 302
    assert buttons(people["vt_huyen"], url) == ["Ban hành (cấp số)"]
    assert buttons(people["ld_huyen"], url) == []
    assert step(people["vt_huyen"], url, "issue").status_code == 302
    assert buttons(people["vt_huyen"], url) == ["Gửi văn bản"]
    assert buttons(people["ld_huyen"], url) == ["Thu hồi"]
    assert buttons(people["cv_huyen"], url) == []
    # A step the user may not take is no form at all.
    response = people["cv_huyen"].get(
        f"{url}/@@outgoing-step?transition=recall", headers=HTML
    )
    assert response.status_code == 404


def test_other_units_and_anonymous_do_not_see_it(outgoing_site, people, anonymous):
    # Sent to another unit: the commune is neither its issuer nor recipient.
    document = issue(approved(outgoing_site, internal_recipients=["H15.50.03"]))
    url = committed(outgoing_site, document)
    for client in (people["vt_xa"], anonymous):
        response = client.get(url, headers=HTML, allow_redirects=False)
        assert response.status_code == 302
        assert "/require_login?came_from=" in response.headers["Location"]


def test_the_issue_form_takes_no_number_until_confirmed(outgoing_site, people):
    portal = outgoing_site
    url = committed(portal, approved(portal))
    clerk = people["vt_huyen"]
    for _view in range(3):
        form = text_of(get(clerk, f"{url}/@@outgoing-step?transition=issue"))
        assert "Ban hành (cấp số)" in form
        assert "Số: 01" not in form
    other = committed(portal, approved(portal))
    assert step(clerk, other, "issue").status_code == 302
    response = step(clerk, url, "issue")
    assert response.status_code == 302
    page = text_of(get(clerk, url))
    # The first form was shown three times: the number is still the second.
    assert "Số: 02/QĐ-UBND" in page
    assert "Đã ban hành văn bản Số: 02/QĐ-UBND." in page
    assert "Điện Biên, ngày 03 tháng 3 năm 2026" in page


def test_return_and_recall_need_a_reason(outgoing_site, people):
    portal = outgoing_site
    document = draft(portal)
    url = committed(portal, document)
    assert step(people["cv_huyen"], url, "submit").status_code == 302
    response = step(people["ld_huyen"], url, "return", reason="  ")
    assert response.status_code == 400
    assert "Hãy nhập lý do." in text_of(response.text)
    assert state_of(portal, url) == "pending"
    reason = "Bổ sung căn cứ pháp lý"
    assert step(people["ld_huyen"], url, "return", reason=reason).status_code == 302
    assert state_of(portal, url) == "draft"
    page = text_of(get(people["cv_huyen"], url))
    assert f"Lý do trả lại {reason}" in page
    assert "Trả lại người soạn thảo Lường Văn Ký" in page

    assert step(people["cv_huyen"], url, "submit").status_code == 302
    assert step(people["ld_huyen"], url, "approve").status_code == 302
    assert step(people["vt_huyen"], url, "issue").status_code == 302
    assert step(people["vt_huyen"], url, "send").status_code == 302
    assert state_of(portal, url) == "sent"
    assert "Ngày gửi 10:00 03/03/2026" in text_of(get(people["vt_huyen"], url))
    response = step(people["ld_huyen"], url, "recall")
    assert response.status_code == 400
    assert state_of(portal, url) == "sent"
    recall = "Sai thẩm quyền ban hành"
    assert step(people["ld_huyen"], url, "recall", reason=recall).status_code == 302
    assert state_of(portal, url) == "recalled"
    page = text_of(get(people["ld_huyen"], url))
    assert f"Lý do thu hồi {recall}" in page
    assert "Trạng thái: Đã thu hồi" in page
    # Frozen: no step for anyone.
    for login in ("cv_huyen", "ld_huyen", "vt_huyen"):
        assert buttons(people[login], url) == []


def test_steps_keep_csrf_protection(outgoing_site, people):
    portal = outgoing_site
    url = committed(portal, approved(portal))
    response = step(people["vt_huyen"], url, "issue", authenticator=False)
    assert response.status_code == 403
    assert state_of(portal, url) == "approved"


def test_the_page_reads_like_the_paper(outgoing_site, people):
    portal = outgoing_site
    document = issue(approved(portal, urgency="urgent"))
    url = committed(portal, document)
    page = text_of(get(people["ld_huyen"], url))
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH ĐIỆN BIÊN UBND HUYỆN ĐIỆN BIÊN",
        "Số: 01/QĐ-UBND",
        "Điện Biên, ngày 03 tháng 3 năm 2026",
        "KHẨN",
        "QUYẾT ĐỊNH Về việc thành lập Tổ công tác chuyển đổi số",
        "Nội dung văn bản.",
        "Nơi nhận: - UBND xã Thanh Nưa; - Sở Nội vụ tỉnh Điện Biên; - Lưu: VT, VP.",
        "Lường Văn Ký",
        "Trạng thái: Đã ban hành",
        "Người soạn thảo Quàng Văn Soạn",
        # The history on the site's clock, with people's names.
        "10:00 03/03/2026 Trình duyệt Quàng Văn Soạn",
        "10:00 03/03/2026 Duyệt Lường Văn Ký",
        "10:00 03/03/2026 Ban hành (cấp số) Lò Thị Thư",
    ]:
        assert line in page, line
    assert "cv_huyen" not in page
    assert "ld_huyen" not in page


def test_a_cong_van_shows_its_summary_under_the_number(outgoing_site, people):
    portal = outgoing_site
    document = draft(
        portal, doctype="dispatch", department="TCKH", summary="báo cáo quý I"
    )
    url = committed(portal, document)
    page = text_of(get(people["cv_huyen"], url))
    assert "Số: …/UBND-TCKH V/v báo cáo quý I" in page
    assert "Điện Biên, ngày … tháng … năm …" in page
    assert "Trạng thái: Dự thảo" in page


def test_an_issue_that_cannot_be_numbered_says_why(outgoing_site, people):
    """A unit without its abbreviation cannot write a notation: the clerk
    is told on the form, and no number is used up."""
    from dienbien.policy.orgunits.lookup import unit_brains

    portal = outgoing_site
    unit = unit_brains(portal, unit_code="H15.50")[0].getObject()
    unit.abbreviation = ""
    url = committed(portal, approved(portal))
    response = step(people["vt_huyen"], url, "issue")
    assert response.status_code == 400
    assert "Chữ viết tắt tên cơ quan ban hành chỉ gồm chữ và số" in text_of(
        response.text
    ).replace("  ", " ")
    assert state_of(portal, url) == "approved"
    transaction.begin()
    unit.abbreviation = "UBND"
    transaction.commit()
    assert step(people["vt_huyen"], url, "issue").status_code == 302
    assert "Số: 01/QĐ-UBND" in text_of(get(people["vt_huyen"], url))
