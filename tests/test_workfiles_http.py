"""Work files over HTTP: the officer opens a file from his unit's plan, adds
the documents he may see (from the file's page and from the document's page),
closes it; the plan as .xlsx (exact cells); the files served by plone.restapi's
content endpoints; who is refused."""

from openpyxl import load_workbook
from plone import api
from test_correspondence_foundation import create_incoming
from test_correspondence_foundation import create_outgoing

import io
import pytest
import re
import transaction


PLAN = "ho-so-cong-viec/h15-50-2026"


def token(client) -> str:
    """plone.protect's authenticator for the client's user (what the
    pages put in their forms)."""
    from plone.protect.authenticator import createToken

    with api.env.adopt_user(username=client.auth[0]):
        return createToken()


def post(client, path, data, page=None):
    data = {**data, "_authenticator": token(client)}
    return client.post(
        path, data=data, headers={"Accept": "text/html"}, allow_redirects=False
    )


def refused(answer) -> bool:
    """Unauthorized: 401/403, or the login form for a browser."""
    if answer.status_code == 302:
        return "login" in answer.headers["Location"]
    return answer.status_code in (401, 403)


@pytest.fixture
def plan(offices, functional_portal):
    """Điện Biên district's plan for 2026 (started by its clerk over HTTP)
    with three files, one kept by the officer ``chuyenvien``."""
    clerk = offices["vanthu"]
    answer = post(
        clerk,
        "ho-so-cong-viec/@@workfiles",
        {"unit": "H15.50", "year": "2026", "form.submitted": "1"},
        page="ho-so-cong-viec",
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/{PLAN}")
    portal = functional_portal
    transaction.begin()  # see what the server committed
    with api.env.adopt_user(username="vanthu"):
        container = portal.unrestrictedTraverse(PLAN)
        for symbol, title, retention, owner, note in [
            ("10.TH", "Hồ sơ hội nghị tổng kết năm 2026", "permanent", "lanhdao", ""),
            (
                "01.TH",
                "Kế hoạch công tác năm 2026",
                "10",
                "chuyenvien",
                "Theo Quyết định 12/QĐ-UBND",
            ),
            ("02.VP", "Báo cáo tháng", "5", "chuyenvien", ""),
        ]:
            api.content.create(
                container=container,
                type="WorkFile",
                id=symbol.replace(".", "-").lower(),
                symbol=symbol,
                title=title,
                retention=retention,
                owner=owner,
                note=note,
            )
    transaction.commit()
    return offices


def test_plan_as_xlsx(plan):
    answer = plan["vanthu"].get(f"{PLAN}/@@file-plan.xlsx")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="h15-50-2026.xlsx"' in answer.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows == [
        [
            "Danh mục hồ sơ năm 2026 – UBND huyện Điện Biên",
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "Số và ký hiệu hồ sơ",
            "Tên đề mục và tiêu đề hồ sơ",
            "Thời hạn bảo quản",
            "Đơn vị/người lập hồ sơ",
            "Tình trạng",
            "Ghi chú",
        ],
        [
            "01.TH",
            "Kế hoạch công tác năm 2026",
            "10 năm",
            "Cán bộ chuyenvien",
            "Chưa mở",
            "Theo Quyết định 12/QĐ-UBND",
        ],
        ["02.VP", "Báo cáo tháng", "5 năm", "Cán bộ chuyenvien", "Chưa mở", None],
        [
            "10.TH",
            "Hồ sơ hội nghị tổng kết năm 2026",
            "Vĩnh viễn",
            "Cán bộ lanhdao",
            "Chưa mở",
            None,
        ],
    ]
    # Same plan, same bytes (no time stamp of its own).
    assert plan["vanthu"].get(f"{PLAN}/@@file-plan.xlsx").content == answer.content


def test_plan_print_view(plan):
    page = plan["lanhdao"].get(
        f"{PLAN}/@@file-plan-print", headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
    cells = re.findall(r"<td>([^<]*)</td>", page.text)
    assert cells[:5] == [
        "01.TH",
        "Kế hoạch công tác năm 2026",
        "10 năm",
        "Cán bộ chuyenvien",
        "Theo Quyết định 12/QĐ-UBND",
    ]
    assert "size: A4 landscape" in page.text


def test_other_units_and_anonymous_are_refused(plan, anonymous):
    assert plan["vanthu_xa"].get(f"{PLAN}/@@file-plan.xlsx").status_code in (401, 403)
    assert anonymous.get(f"{PLAN}/@@file-plan.xlsx").status_code in (401, 403)
    assert anonymous.get("ho-so-cong-viec/@@workfiles-due").status_code in (401, 403)
    # Another unit's clerk cannot start this unit's plan.
    answer = post(
        plan["vanthu_xa"],
        "ho-so-cong-viec/@@workfiles",
        {"unit": "H15.50", "year": "2027", "form.submitted": "1"},
        page="ho-so-cong-viec",
    )
    assert answer.status_code == 200
    assert "Chọn một đơn vị của bạn." in answer.text


def test_officer_opens_fills_and_closes_a_file(plan, functional_portal, clock):
    portal = functional_portal
    officer = plan["chuyenvien"]
    mine = create_outgoing(
        portal, as_user="chuyenvien", summary="Về việc kế hoạch công tác năm 2026"
    )
    foreign = create_incoming(portal)  # the commune's: the officer may not see it
    transaction.commit()
    mine_uid, foreign_uid = api.content.get_uuid(mine), api.content.get_uuid(foreign)

    # Not opened: nothing can be added yet; another officer cannot open it.
    assert refused(
        post(
            plan["chuyenvien_tnmt"],
            f"{PLAN}/01-th/@@workfile-step",
            {"transition": "open"},
            page=PLAN,
        )
    )
    clock("2026-03-04T08:30")
    answer = post(
        officer,
        f"{PLAN}/01-th/@@workfile-step",
        {"transition": "open", "came_from": f"{portal.absolute_url()}/{PLAN}"},
        page=PLAN,
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/{PLAN}")
    page = officer.get(PLAN, headers={"Accept": "text/html"}).text
    assert "Đang mở từ 04/03/2026" in page

    # The file's search finds his draft, never the commune's document.
    page = officer.get(
        f"{PLAN}/01-th", params={"q": "kế hoạch"}, headers={"Accept": "text/html"}
    ).text
    assert mine_uid in page and foreign_uid not in page
    answer = post(
        officer,
        f"{PLAN}/01-th/@@workfile-documents",
        {"uids:list": [mine_uid, foreign_uid]},
    )
    assert answer.status_code == 302
    workfile = portal.unrestrictedTraverse(f"{PLAN}/01-th")
    transaction.begin()
    assert tuple(workfile.items) == (mine_uid,)

    # From the document's page: his open files, then "already in".
    other = create_outgoing(
        portal, as_user="chuyenvien", summary="Về việc báo cáo tháng"
    )
    transaction.commit()
    path = other.absolute_url_path().replace(portal.absolute_url_path() + "/", "")
    page = officer.get(
        f"{path}/@@add-to-workfile", headers={"Accept": "text/html"}
    ).text
    assert "01.TH – Kế hoạch công tác năm 2026 (2026)" in page
    assert "02.VP" not in page  # not opened
    answer = post(
        officer,
        f"{path}/@@add-to-workfile",
        {"workfile": api.content.get_uuid(workfile), "form.submitted": "1"},
    )
    assert answer.status_code == 302
    page = officer.get(
        f"{path}/@@add-to-workfile", headers={"Accept": "text/html"}
    ).text
    assert (
        "Đã có trong các hồ sơ" in page and "01.TH – Kế hoạch công tác năm 2026" in page
    )

    # The file's page lists both, in the order added.
    page = officer.get(f"{PLAN}/01-th", headers={"Accept": "text/html"}).text
    assert page.index("kế hoạch công tác năm 2026</a>") < page.index(
        "báo cáo tháng</a>"
    )

    clock("2026-12-30T16:00")
    assert (
        post(
            officer, f"{PLAN}/01-th/@@workfile-step", {"transition": "close"}
        ).status_code
        == 302
    )
    # Closed: the keeper adds nothing more; only the leader reopens.
    assert refused(
        post(
            officer, f"{PLAN}/01-th/@@workfile-documents", {"uids:list": [foreign_uid]}
        )
    )
    assert refused(
        post(officer, f"{PLAN}/01-th/@@workfile-step", {"transition": "reopen"})
    )
    page = plan["lanhdao"].get(f"{PLAN}/01-th", headers={"Accept": "text/html"}).text
    assert "Đã đóng ngày 30/12/2026" in page
    assert "Hạn nộp lưu" in page and "30/12/2027" in page
    assert "Bảo quản đến" in page and "31/12/2036" in page

    # Due for the archive a year later, in the clerk's list.
    clock("2027-12-30T08:00")
    page = (
        plan["vanthu"]
        .get("ho-so-cong-viec/@@workfiles-due", headers={"Accept": "text/html"})
        .text
    )
    assert "Kế hoạch công tác năm 2026" in page and "30/12/2027" in page
    page = (
        plan["vanthu_xa"]
        .get("ho-so-cong-viec/@@workfiles-due", headers={"Accept": "text/html"})
        .text
    )
    assert "Không có hồ sơ nào đến hạn nộp lưu." in page


def test_changes_need_post_and_the_authenticator(plan):
    officer = plan["chuyenvien"]
    assert (
        officer.get(
            f"{PLAN}/01-th/@@workfile-step", params={"transition": "open"}
        ).status_code
        == 400
    )
    answer = officer.post(
        f"{PLAN}/01-th/@@workfile-step",
        data={"transition": "open"},
        headers={"Accept": "text/html"},
    )
    assert answer.status_code == 403  # no authenticator: plone.protect refuses


def test_rest_content_endpoints(plan):
    officer = plan["chuyenvien"]
    data = officer.get(f"{PLAN}/01-th").json()
    assert data["@type"] == "WorkFile"
    assert data["symbol"] == "01.TH"
    assert data["review_state"] == "planned"
    assert data["retention"] == {"token": "10", "title": "10 năm"}
    assert data["owner"] == {"token": "chuyenvien", "title": "Cán bộ chuyenvien"}
    assert data["items"] == []
    assert data["opened"] is None and data["closed"] is None
    assert officer.post(f"{PLAN}/01-th/@workflow/open").status_code == 200
    data = officer.get(f"{PLAN}/01-th").json()
    assert data["review_state"] == "open"
    assert data["opened"] == "2026-03-03T10:00:00"
    # The plan lists the files the user sees.
    listed = officer.get(PLAN).json()["items"]
    assert sorted(item["title"] for item in listed) == [
        "Báo cáo tháng",
        "Kế hoạch công tác năm 2026",
    ]
    assert plan["chuyenvien_xa"].get(f"{PLAN}/01-th").status_code in (401, 403)


def test_listing_endpoint(plan, functional_portal, clock):
    """``GET /@workfiles``: plan order, filters, what each one sees."""
    clerk, officer = plan["vanthu"], plan["chuyenvien"]
    answer = clerk.get("@workfiles")
    assert answer.status_code == 200
    data = answer.json()
    assert data["items_total"] == 3
    assert [(i["symbol"], i["review_state"], i["keeper"]) for i in data["items"]] == [
        ("01.TH", "planned", "chuyenvien"),
        ("02.VP", "planned", "chuyenvien"),
        ("10.TH", "planned", "lanhdao"),
    ]
    first = data["items"][0]
    assert first["@id"].endswith(f"/{PLAN}/01-th")
    assert first == {
        **first,
        "title": "Kế hoạch công tác năm 2026",
        "unit": "H15.50",
        "year": 2026,
        "retention": "10",
        "documents": 0,
        "closed": None,
        "archive_by": None,
        "archive_status": "not_due",
    }
    # The officer sees his own files only; another unit none.
    assert [i["symbol"] for i in officer.get("@workfiles").json()["items"]] == [
        "01.TH",
        "02.VP",
    ]
    assert plan["vanthu_xa"].get("@workfiles").json()["items_total"] == 0
    assert (
        clerk.get("@workfiles", params={"keeper": "lanhdao"}).json()["items_total"] == 1
    )
    assert clerk.get("@workfiles", params={"year": 2025}).json()["items_total"] == 0
    assert clerk.get("@workfiles", params={"unit": "H15.50", "b_size": 2}).json()[
        "batching"
    ]

    # Closed on 03/03/2026: due from 03/03/2027, "soon" 30 days before.
    assert officer.post(f"{PLAN}/01-th/@workflow/open").status_code == 200
    assert officer.post(f"{PLAN}/01-th/@workflow/close").status_code == 200
    assert clerk.get("@workfiles", params={"due": 1}).json()["items_total"] == 0
    clock("2027-02-01T08:00")
    due = clerk.get("@workfiles", params={"due": 1}).json()["items"]
    assert [
        (i["symbol"], i["closed"], i["archive_by"], i["archive_status"]) for i in due
    ] == [("01.TH", "2026-03-03", "2027-03-03", "soon")]
    clock("2027-03-03T08:00")
    assert (
        clerk.get("@workfiles", params={"due": 1}).json()["items"][0]["archive_status"]
        == "due"
    )
    assert (
        clerk.get("@workfiles", params={"due": 1, "state": "open"}).json()[
            "items_total"
        ]
        == 0
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "hai nghìn"}, "year"),
        ({"year": 1999}, "year"),
        ({"state": "archived"}, "state"),
        ({"due": "yes"}, "due"),
        ({"b_size": 0}, "b_size"),
        ({"b_start": -1}, "b_start"),
        ({"unit": "x" * 101}, "unit"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_listing_bad_input(plan, params, field):
    answer = plan["vanthu"].get("@workfiles", params=params)
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_listing_needs_a_staff_login(plan, anonymous):
    assert anonymous.get("@workfiles").status_code == 401
