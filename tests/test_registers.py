"""The registers of Decree 30/2020 Appendix IV over HTTP: ``@registers``
JSON rows with the Decree's columns, the .xlsx matching them row for row,
the filters, the secret register for the people named, bad input, and the
register pages."""

from datetime import date
from dienbien.policy.correspondence.documents import new_id
from plone import api

import io
import openpyxl
import pytest
import transaction


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def step(document, user, transition, comment=""):
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=user):
        workflow.doActionFor(document, transition, comment=comment)


def create(portal, portal_type, user, **fields):
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal["van-ban"],
            type=portal_type,
            id=new_id("outgoing" if portal_type == "OutgoingDocument" else "incoming"),
            **fields,
        )


def issue(portal, clock, moment, office=("chuyenvien", "lanhdao", "vanthu"), **fields):
    drafter, leader, clerk = office
    values = {
        "unit": "H15.50",
        "doctype": "decision",
        "summary": "Về việc thành lập Tổ công tác",
        "signer": "lanhdao",
    }
    values.update(fields)
    clock(moment)
    document = create(portal, "OutgoingDocument", drafter, **values)
    document.reindexObjectSecurity()
    step(document, drafter, "submit")
    step(document, leader, "approve")
    step(document, clerk, "issue")
    return document


def register(portal, clock, moment, **fields):
    values = {
        "unit": "H15.50.05.01",
        "doctype": "dispatch",
        "summary": "V/v báo cáo tình hình thiên tai",
        "sender_name": "UBND tỉnh Điện Biên",
        "sender_notation": "3954/UBND-VX",
        "sender_date": date(2026, 2, 27),
    }
    values.update(fields)
    clock(moment)
    document = create(portal, "IncomingDocument", "vanthu_xa", **values)
    document.reindexObjectSecurity()
    step(document, "vanthu_xa", "register")
    return document


def assign(document, clock, moment, handler="chuyenvien_xa", deadline=None):
    clock(moment)
    document.handling_unit = "H15.50.05.01"
    document.handler = handler
    document.deadline = deadline
    step(document, "lanhdao_xa", "assign")
    document.reindexObjectSecurity()


@pytest.fixture
def outgoing(offices, functional_portal, clock):
    """The district's outgoing documents of March 2026: a decision sent to
    an agency, a commune and a province department; an urgent công văn; a
    secret decision named to the clerk; a draft (no number, no row)."""
    portal = functional_portal
    decision = issue(
        portal,
        clock,
        "2026-03-03T10:00",
        internal_recipients=["H15.50.05", "H15.50.05.01"],
        external_recipients=["Sở Nội vụ tỉnh Điện Biên"],
        copies=4,
        file_keeper="Văn phòng",
    )
    clock("2026-03-04T08:00")
    step(decision, "vanthu", "send")
    issue(
        portal,
        clock,
        "2026-03-10T15:30",
        doctype="dispatch",
        department="VP",
        summary="V/v khẩn trương ứng phó lũ quét",
        urgency="flash",
        external_recipients=["UBND tỉnh Điện Biên"],
    )
    issue(
        portal,
        clock,
        "2026-03-12T09:00",
        summary="Về việc phương án bảo vệ mục tiêu",
        confidentiality="confidential",
        readers=["vanthu", "lanhdao"],
    )
    create(
        portal,
        "OutgoingDocument",
        "chuyenvien",
        unit="H15.50",
        doctype="report",
        summary="Dự thảo báo cáo",
    )
    transaction.commit()
    return offices


@pytest.fixture
def incoming(offices, functional_portal, clock):
    """The commune's incoming documents: one handled late with a reply
    noted, one in progress, one only registered, one arrived in April."""
    portal = functional_portal
    first = register(portal, clock, "2026-03-02T14:15", urgency="urgent")
    assign(first, clock, "2026-03-03T07:45", deadline=date(2026, 3, 16))
    step(first, "chuyenvien_xa", "start")
    first.progress = [
        {"time": "2026-03-05T09:00", "user": "chuyenvien_xa", "text": "Đã tổng hợp"}
    ]
    first.reindexObject()
    second = register(
        portal,
        clock,
        "2026-03-05T08:30",
        doctype="invitation",
        summary="Dự hội nghị tổng kết",
        sender_name="Sở Nội vụ",
        sender_notation="15/GM-SNV",
        sender_date=date(2026, 3, 4),
    )
    assign(second, clock, "2026-03-05T09:00", deadline=date(2026, 3, 9))
    clock("2026-03-09T16:00")
    step(second, "chuyenvien_xa", "close")
    # The reply is linked when the document is closed, and numbered after.
    reply = create(
        portal,
        "OutgoingDocument",
        "chuyenvien_xa",
        unit="H15.50.05.01",
        doctype="dispatch",
        department="VP",
        summary="V/v cử cán bộ dự hội nghị",
        signer="lanhdao_xa",
        reply_to=second.UID(),
    )
    second.reply = reply.UID()
    second.reindexObject()
    reply.reindexObjectSecurity()
    step(reply, "chuyenvien_xa", "submit")
    step(reply, "lanhdao_xa", "approve")
    step(reply, "vanthu_xa", "issue")
    register(
        portal,
        clock,
        "2026-03-20T10:00",
        doctype="notice",
        summary="Thông báo lịch tiếp công dân",
        sender_name="UBND huyện Điện Biên",
        sender_notation="21/TB-UBND",
        sender_date=date(2026, 3, 19),
    )
    register(
        portal,
        clock,
        "2026-04-01T08:00",
        doctype="plan",
        summary="Kế hoạch tháng 4",
        sender_notation="30/KH-UBND",
        sender_date=date(2026, 3, 31),
    )
    clock("2026-03-20T10:00")
    transaction.commit()
    return offices


def rows_of(response):
    assert response.status_code == 200, response.text
    return response.json()["items"]


def workbook_rows(response):
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(values) if row[0] and row[1])
    return sheet, values[:header], values[header], values[header + 1 :]


def as_json(value):
    """An .xlsx cell as ``@registers`` writes it."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return value


def test_outgoing_register(outgoing):
    response = outgoing["vanthu"].get(
        "@registers/outgoing", params={"unit": "H15.50", "year": "2026"}
    )
    data = response.json()
    assert data["title"] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    assert data["unit"] == {"code": "H15.50", "title": "UBND huyện Điện Biên"}
    assert [c["title"] for c in data["columns"]] == [
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung",
        "Người ký",
        "Nơi nhận",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert data["items_total"] == 2
    assert data["items"] == [
        {
            "notation": "01/QĐ-UBND",
            "date": "03/03/2026",
            "summary": "Quyết định Về việc thành lập Tổ công tác",
            "signer": "Cán bộ lanhdao",
            "recipients": "Phòng Tài nguyên và Môi trường; UBND xã Thanh Xương; "
            "Sở Nội vụ tỉnh Điện Biên",
            "file_keeper": "Văn phòng",
            "copies": 4,
            "sent": "04/03/2026",
            "acknowledged": "",
            "notes": "",
        },
        {
            "notation": "02/UBND-VP",
            "date": "10/03/2026",
            "summary": "Công văn V/v khẩn trương ứng phó lũ quét",
            "signer": "Cán bộ lanhdao",
            "recipients": "UBND tỉnh Điện Biên",
            "file_keeper": "",
            "copies": 1,
            "sent": "",
            "acknowledged": "",
            "notes": "HỎA TỐC",
        },
    ]


def test_the_xlsx_matches_the_json_row_for_row(outgoing, incoming):
    clerks = {"outgoing": ("vanthu", "H15.50"), "incoming": ("vanthu_xa", None)}
    clerks["follow-up"] = clerks["incoming"]
    for kind, (user, unit) in clerks.items():
        params = {"year": "2026", **({"unit": unit} if unit else {})}
        client = outgoing[user]
        json_rows = rows_of(client.get(f"@registers/{kind}", params=params))
        assert json_rows, kind
        by_format = client.get(
            f"@registers/{kind}", params={**params, "format": "xlsx"}
        )
        by_accept = client.get(
            f"@registers/{kind}", params=params, headers={"Accept": XLSX}
        )
        assert by_format.content == by_accept.content
        sheet, heading, header, rows = workbook_rows(by_format)
        columns = rows_of(client.get(f"@registers/{kind}", params=params))
        data = client.get(f"@registers/{kind}", params=params).json()
        assert list(header) == [c["title"] for c in data["columns"]]
        assert heading[-3][0] == data["title"]
        ids = [c["id"] for c in data["columns"]]
        assert [
            dict(zip(ids, map(as_json, row), strict=True)) for row in rows
        ] == columns, kind
        # Dates are Excel dates, shown as on paper.
        for position, column in enumerate(data["columns"]):
            if column["type"] == "date":
                for line in range(len(heading) + 2, sheet.max_row + 1):
                    cell = sheet.cell(line, position + 1)
                    if cell.value is not None:
                        assert cell.is_date and cell.number_format == "dd/mm/yyyy"


def test_incoming_and_follow_up_registers(incoming):
    clerk = incoming["vanthu_xa"]
    items = rows_of(clerk.get("@registers/incoming", params={"year": "2026"}))
    assert [row["number"] for row in items] == [1, 2, 3, 4]
    assert items[0] == {
        "received": "02/03/2026",
        "number": 1,
        "author": "UBND tỉnh Điện Biên",
        "notation": "3954/UBND-VX",
        "date": "27/02/2026",
        "summary": "Công văn V/v báo cáo tình hình thiên tai",
        "recipient": "UBND xã Thanh Xương; Cán bộ chuyenvien_xa",
        "forwarded": "03/03/2026",
        "acknowledged": "",
        "notes": "KHẨN",
    }
    follow_up = rows_of(clerk.get("@registers/follow-up", params={"year": "2026"}))
    assert follow_up == [
        {
            "number": 1,
            "document": "Công văn số 3954/UBND-VX ngày 27/02/2026 của UBND tỉnh "
            "Điện Biên",
            "recipient": "UBND xã Thanh Xương; Cán bộ chuyenvien_xa",
            "deadline": "16/03/2026",
            "progress": "Đang giải quyết: Đã tổng hợp",
            "reply": "",
            "notes": "KHẨN; Quá hạn",
        },
        {
            "number": 2,
            "document": "Giấy mời số 15/GM-SNV ngày 04/03/2026 của Sở Nội vụ",
            "recipient": "UBND xã Thanh Xương; Cán bộ chuyenvien_xa",
            "deadline": "09/03/2026",
            "progress": "Đã giải quyết ngày 09/03/2026",
            "reply": "01/UBND-VP",
            "notes": "",
        },
    ]


def test_filters_period_batch_and_unit(incoming):
    clerk = incoming["vanthu_xa"]
    march = {"year": "2026", "from": "2026-03-05", "to": "2026-03-31"}
    data = clerk.get("@registers/incoming", params=march).json()
    assert [row["number"] for row in data["items"]] == [2, 3]
    assert (data["from"], data["to"]) == ("2026-03-05", "2026-03-31")
    # The year follows from the period when it is not given.
    april = clerk.get("@registers/incoming", params={"from": "2026-04-01"}).json()
    assert april["year"] == 2026
    assert [row["number"] for row in april["items"]] == [4]
    batch = clerk.get(
        "@registers/incoming", params={"year": "2026", "b_start": "1", "b_size": "2"}
    ).json()
    assert batch["items_total"] == 4
    assert [row["number"] for row in batch["items"]] == [2, 3]
    assert "next" in batch["batching"]
    # Another year, another unit: empty registers, not errors.
    assert rows_of(clerk.get("@registers/incoming", params={"year": "2025"})) == []
    other = clerk.get("@registers/incoming", params={"unit": "H15.50", "year": "2026"})
    assert rows_of(other) == []


def test_secret_register_for_the_people_named_only(outgoing):
    params = {"unit": "H15.50", "year": "2026", "secret": "1"}
    clerk = rows_of(outgoing["vanthu"].get("@registers/outgoing", params=params))
    assert [(row["notation"], row["notes"]) for row in clerk] == [("01/QĐ-UBND", "MẬT")]
    data = outgoing["vanthu"].get("@registers/outgoing", params=params).json()
    assert data["title"] == "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI"
    # The unit's officer, not named, gets an empty register, in .xlsx too
    # (read from the catalog's records, behind the same security filter).
    assert (
        rows_of(outgoing["chuyenvien_tnmt"].get("@registers/outgoing", params=params))
        == []
    )
    xlsx = {**params, "format": "xlsx"}
    assert (
        workbook_rows(
            outgoing["chuyenvien_tnmt"].get("@registers/outgoing", params=xlsx)
        )[3]
        == []
    )
    assert [
        row[0]
        for row in workbook_rows(
            outgoing["vanthu"].get("@registers/outgoing", params=xlsx)
        )[3]
    ] == ["01/QĐ-UBND"]
    # The ordinary register never lists it.
    ordinary = rows_of(
        outgoing["lanhdao"].get(
            "@registers/outgoing", params={"unit": "H15.50", "year": "2026"}
        )
    )
    assert "MẬT" not in {row["notes"] for row in ordinary}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "26"}, "year"),
        ({"year": "2026", "from": "2026-02-30"}, "from"),
        ({"year": "2026", "from": "2025-12-31"}, "from"),
        ({"year": "2026", "from": "2026-03-10", "to": "2026-03-01"}, "to"),
        ({"unit": "X99"}, "unit"),
        ({"secret": "yes"}, "secret"),
        ({"b_size": "0"}, "b_size"),
        ({"b_start": "-1"}, "b_start"),
        ({"format": "pdf"}, "format"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_names_the_field(offices, params, field):
    response = offices["vanthu"].get("@registers/incoming", params=params)
    assert response.status_code == 400, response.text
    assert field in {error["field"] for error in response.json()["errors"]}


def test_unit_required_when_the_user_has_none_and_unknown_register(offices, manager):
    response = manager.get("@registers/incoming", params={"year": "2026"})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["unit"]
    assert offices["vanthu"].get("@registers/postal").status_code == 404
    assert offices["vanthu"].get("@registers").status_code == 404
    assert offices["vanthu"].get("@registers/incoming/x").status_code == 404


def test_anonymous_gets_401(offices, anonymous):
    response = anonymous.get("@registers/incoming", params={"unit": "H15.50"})
    assert response.status_code == 401
    page = anonymous.get("van-ban/@@register-incoming", allow_redirects=False)
    assert page.status_code in (302, 401)


def test_register_page_and_its_download(outgoing):
    clerk = outgoing["vanthu"]
    page = clerk.get(
        "van-ban/@@register-outgoing",
        params={"unit": "H15.50", "year": "2026"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200
    html = page.text
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in html and "UBND HUYỆN ĐIỆN BIÊN" in html
    assert "01/QĐ-UBND" in html and "02/UBND-VP" in html
    assert "size: A4 landscape" in html and "Times New Roman" in html
    assert "register-outgoing.xlsx?unit=H15.50&amp;year=2026" in html
    download = clerk.get(
        "van-ban/@@register-outgoing.xlsx", params={"unit": "H15.50", "year": "2026"}
    )
    _, _, _, rows = workbook_rows(download)
    assert [row[0] for row in rows] == ["01/QĐ-UBND", "02/UBND-VP"]
    assert (
        'filename="so-van-ban-di-H15.50-2026.xlsx"'
        in (download.headers["Content-Disposition"])
    )
    bad = clerk.get("van-ban/@@register-outgoing", params={"year": "1999"})
    assert bad.status_code == 400
    # The page's messages name the fields as the form does, and keep what
    # was typed.
    html = {"Accept": "text/html"}
    year = clerk.get(
        "van-ban/@@register-outgoing", params={"year": "1999"}, headers=html
    )
    assert "<li>Năm phải từ 2000 đến 2100.</li>" in year.text
    order = clerk.get(
        "van-ban/@@register-incoming",
        params={"unit": "H15.50", "from": "2026-12-01", "to": "2026-01-31"},
        headers=html,
    )
    assert order.status_code == 400
    assert "<li>“Đến ngày” không được trước “Từ ngày”.</li>" in order.text
    assert 'value="2026-12-01"' in order.text and 'value="2026-01-31"' in order.text
    wrong = clerk.get(
        "van-ban/@@register-incoming",
        params={"unit": "H15.50", "from": "2026-13-01"},
        headers=html,
    )
    assert "Từ ngày:" in wrong.text and "from:" not in wrong.text


def test_a_member_without_the_permission_is_refused(offices, http, functional_portal):
    api.user.create(
        username="khach",
        email="khach@example.invalid",
        password="a-long-Password-1",
        roles=("Member",),
    )
    transaction.commit()
    member = http("khach", "a-long-Password-1")
    response = member.get("@registers/incoming", params={"unit": "H15.50"})
    assert response.status_code in (401, 403)
    page = member.get("van-ban/@@register-incoming", allow_redirects=False)
    assert page.status_code in (302, 401, 403)


def test_converted_parameters_are_bad_input(offices):
    response = offices["vanthu"].get("@registers/incoming?from:int=5")
    assert response.status_code == 400, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["from"]
