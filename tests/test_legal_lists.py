"""The register's lists over real HTTP: the yearly expired list and the
systematisation (JSON exact values, 400s naming the field), the reviewer's
mark through REST, and the .xlsx and .docx annexes read back and matched
with the JSON."""

from datetime import date
from datetime import datetime
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from test_legal_documents import add
from test_legal_documents import UNITS_CSV

import io
import pytest
import transaction


def relation(kind, target, part="", on=None):
    return {"kind": kind, "target": target, "part": part, "on": on, "until": None}


@pytest.fixture
def lists_site(functional_portal):
    """2024–2026: a decision amended in part, then wholly replaced in 2026;
    a resolution repealed in part; a decision reaching its end date; a
    draft replacement that changes nothing."""
    from dienbien.policy.orgunits.importer import import_units

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    add(portal, "12/2024/QĐ-UBND", date(2024, 3, 1), date(2024, 3, 15))
    add(portal, "03/2025/NQ-HĐND", date(2025, 7, 10), date(2025, 7, 25))
    add(
        portal,
        "08/2025/QĐ-UBND",
        date(2025, 8, 15),
        date(2025, 9, 1),
        in_force_until=date(2026, 10, 1),
    )
    add(
        portal,
        "03/2026/QĐ-UBND",
        date(2026, 1, 5),
        date(2026, 1, 20),
        relations=[relation("amends", "12/2024/QĐ-UBND", "Điều 2")],
    )
    add(
        portal,
        "07/2026/NQ-HĐND",
        date(2026, 4, 1),
        date(2026, 4, 15),
        relations=[relation("repeals", "03/2025/NQ-HĐND", "Điều 3")],
    )
    add(
        portal,
        "05/2026/QĐ-UBND",
        date(2026, 6, 1),
        date(2026, 7, 1),
        relations=[relation("replaces", "12/2024/QĐ-UBND")],
    )
    add(
        portal,
        "09/2026/NQ-HĐND",
        date(2026, 8, 3),
        date(2026, 8, 13),
        relations=[relation("replaces", "07/2026/NQ-HĐND")],
        publish=False,
    )
    transaction.commit()
    return portal


def url(portal, notation):
    slug = notation.lower().replace("/", "-").replace("đ", "d")
    return f"{portal.absolute_url()}/van-ban-qppl/{slug}"


def rows(items):
    return [
        (
            item["docNum"],
            item["status"]["code"],
            item["day"],
            [(g["code"], g["by"], g["part"], g["text"]) for g in item["grounds"]],
        )
        for item in items
    ]


EXPIRED_2026 = [
    (
        "12/2024/QĐ-UBND",
        "expired",
        "2026-07-01",
        [
            (
                "replaced",
                "05/2026/QĐ-UBND",
                "",
                "Bị thay thế bởi Quyết định 05/2026/QĐ-UBND",
            )
        ],
    ),
    (
        "08/2025/QĐ-UBND",
        "expired",
        "2026-10-01",
        [("end", None, "", "Hết thời hạn có hiệu lực đã được quy định")],
    ),
    (
        "03/2025/NQ-HĐND",
        "partly_expired",
        "2026-04-15",
        [
            (
                "partly_repealed",
                "07/2026/NQ-HĐND",
                "Điều 3",
                "Điều 3 bị bãi bỏ bởi Nghị quyết 07/2026/NQ-HĐND",
            )
        ],
    ),
]


def test_yearly_expired_list(lists_site, anonymous):
    portal = lists_site
    response = anonymous.get(
        "/@legal-documents/expired",
        params={"year": "2026"},
        headers={"Accept-Language": "vi"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == (
        "Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một "
        "phần năm 2026"
    )
    assert body["year"] == 2026 and body["issuer"] is None
    assert rows(body["items"]) == EXPIRED_2026
    first = body["items"][0]
    assert first["@id"] == url(portal, "12/2024/QĐ-UBND")
    assert first["docTypeName"] == "Quyết định"
    assert first["issueDate"] == "2024-03-01"
    assert first["grounds"][0]["byUrl"] == url(portal, "05/2026/QĐ-UBND")

    council = anonymous.get(
        "/@legal-documents/expired", params={"year": "2026", "issuer": "H15.50.HD"}
    ).json()
    assert council["issuer"] == {"code": "H15.50.HD", "title": "HĐND huyện Điện Biên"}
    assert [item["docNum"] for item in council["items"]] == ["03/2025/NQ-HĐND"]
    assert (
        anonymous.get("/@legal-documents/expired", params={"year": "2025"}).json()[
            "items"
        ]
        == []
    )

    for params, field in (
        ({}, "year"),
        ({"year": "26"}, "year"),
        ({"year": "2026", "issuer": "X9"}, "issuer"),
        ({"year": "2026", "format": "pdf"}, "format"),
    ):
        response = anonymous.get("/@legal-documents/expired", params=params)
        assert response.status_code == 400, params
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert anonymous.get("/@legal-documents/nothing").status_code == 404


def test_systematisation_with_the_reviewers_mark(lists_site, manager, anonymous):
    portal = lists_site
    # The justice office marks a resolution to be amended.
    response = manager.patch(
        url(portal, "07/2026/NQ-HĐND"),
        json={"revision": "amend", "revision_reason": "Không còn phù hợp Luật 87/2025"},
    )
    assert response.status_code == 204, response.text
    response = anonymous.get(
        "/@legal-documents/systematisation",
        params={"period": "2022-2026"},
        headers={"Accept-Language": "vi"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["period"] == "2022-2026"
    assert body["referenceDate"] == "2026-12-31"
    lists = body["lists"]
    assert lists["in_force"]["title"] == (
        "Danh mục văn bản quy phạm pháp luật còn hiệu lực đến ngày 31/12/2026"
    )
    assert [
        (item["docNum"], item["status"]["code"], item["note"])
        for item in lists["in_force"]["items"]
    ] == [
        ("03/2025/NQ-HĐND", "partly_expired", "Hết hiệu lực một phần"),
        ("07/2026/NQ-HĐND", "in_force", ""),
        ("03/2026/QĐ-UBND", "in_force", ""),
        ("05/2026/QĐ-UBND", "in_force", ""),
    ]
    assert rows(lists["expired"]["items"]) == EXPIRED_2026
    assert [
        (item["docNum"], item["proposal"], item["reason"])
        for item in lists["to_revise"]["items"]
    ] == [
        (
            "07/2026/NQ-HĐND",
            {"code": "amend", "name": "Sửa đổi, bổ sung"},
            "Không còn phù hợp Luật 87/2025",
        )
    ]
    # Anonymous cannot mark.
    response = anonymous.patch(
        url(portal, "05/2026/QĐ-UBND"), json={"revision": "repeal"}
    )
    assert response.status_code == 401
    for params, field in (
        ({}, "period"),
        ({"period": "2019-2022"}, "period"),
        ({"period": "2023-2019"}, "period"),
        ({"period": "2022-2026", "issuer": "X9"}, "issuer"),
    ):
        response = anonymous.get("/@legal-documents/systematisation", params=params)
        assert response.status_code == 400, params
        assert [e["field"] for e in response.json()["errors"]] == [field]


def _cell(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value


def test_exports_open_and_match_the_json(lists_site, anonymous):
    from docx import Document
    from openpyxl import load_workbook

    params = {"year": "2026"}
    headers = {"Accept-Language": "vi"}
    data = anonymous.get(
        "/@legal-documents/expired", params=params, headers=headers
    ).json()
    expected = [
        [
            str(n),
            item["docTypeName"],
            item["docNum"],
            item["issueDate"],
            item["summary"],
            "; ".join(item["parts"]),
            "; ".join(g["text"] for g in item["grounds"]),
            item["day"],
        ]
        for n, item in enumerate(data["items"], start=1)
    ]
    # Asked by format=…
    response = anonymous.get(
        "/@legal-documents/expired",
        params={**params, "format": "xlsx"},
        headers=headers,
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="danh-muc-van-ban-het-hieu-luc-2026.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "PHỤ LỤC"
    assert values[1][0] == data["title"].upper()
    assert values[5][:3] == ["STT", "Tên loại văn bản", "Số, ký hiệu"]
    assert values[6][0] == "A. Văn bản hết hiệu lực toàn bộ"
    body = [
        ["" if v is None else str(v) for v in row]
        for row in values[7:]
        if isinstance(row[0], int)
    ]
    assert body == expected
    # … and by Accept.
    response = anonymous.get(
        "/@legal-documents/expired",
        params=params,
        headers={
            **headers,
            "Accept": "application/vnd.openxmlformats-officedocument."
            "wordprocessingml.document",
        },
    )
    assert response.status_code == 200
    table = Document(io.BytesIO(response.content)).tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0][:2] == ["STT", "Tên loại văn bản"]
    docx_body = [row for row in cells[1:] if row[0].isdigit()]

    def iso(text):
        return "-".join(reversed(text.split("/"))) if text else text

    assert [[*row[:3], iso(row[3]), *row[4:7], iso(row[7])] for row in docx_body] == (
        expected
    )

    # The register page's form downloads the same file, for anyone.
    html = {**headers, "Accept": "text/html"}
    page = anonymous.get("/van-ban-qppl", headers=html)
    assert "/van-ban-qppl/@@legal-expired-list" in page.text
    assert '<option selected="selected" value="2019-2023">2019–2023</option>' in (
        page.text
    )
    response = anonymous.get(
        "/van-ban-qppl/@@legal-expired-list",
        params={**params, "format": "docx"},
        headers=html,
    )
    assert response.status_code == 200
    table = Document(io.BytesIO(response.content)).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == cells
    # A wrong value: back to the page's lists, the field named by its label.
    response = anonymous.get(
        "/van-ban-qppl/@@legal-systematisation",
        params={"period": "2019"},
        headers=html,
        allow_redirects=False,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        "/van-ban-qppl?list_period=2019#legal-lists-heading"
    )
    page = anonymous.get(response.headers["Location"], headers=html).text
    assert "Hệ thống hóa văn bản kỳ: Kỳ được ghi dạng NNNN-NNNN (2019-2023)." in page
    page = anonymous.get(
        "/van-ban-qppl/@@legal-expired-list",
        params={"year": "hai nghìn", "issuer": "H15.50", "format": "xlsx"},
        headers=html,
    ).text
    assert "Năm của danh mục văn bản hết hiệu lực phải là một năm." in page
    # Said at the form (the page opens there), with what was typed and
    # chosen still in it, to mend; the other list's form is left alone.
    lists = page.split('id="legal-lists-heading"')[1]
    expired, systematisation = lists.split("@@legal-systematisation")
    assert "Năm của danh mục văn bản hết hiệu lực phải là một năm." in expired
    assert 'aria-invalid="true"' in expired
    assert 'value="hai nghìn"' in expired
    assert '<option selected="selected" value="H15.50">' in expired
    assert 'selected="selected" value="H15.50"' not in systematisation
    assert "aria-invalid" not in systematisation
    # Digits int() refuses are a 400, as any bad year (not a 500).
    for odd in ("²", "9" * 5000):
        refused = anonymous.get(
            "/@legal-documents/expired", params={"year": odd}, headers=headers
        )
        assert refused.status_code == 400, odd
        refused = anonymous.get(
            "/@legal-documents/systematisation",
            params={"period": f"{odd}-2023"},
            headers=headers,
        )
        assert refused.status_code == 400, odd
    # A hand-made address does not break the page.
    for odd in ("²-1", "9" * 5000, "2019-2023-2027"):
        answer = anonymous.get(
            "/van-ban-qppl", params={"list_period": odd}, headers=html
        )
        assert answer.status_code == 200, odd
    # A client that asks for no page gets the 400 and the parameter's name.
    response = anonymous.get(
        "/van-ban-qppl/@@legal-systematisation", params={"period": "2019"}
    )
    assert response.status_code == 400
    assert response.text == "period: Kỳ được ghi dạng NNNN-NNNN (2019-2023)."

    # The systematisation: one annex per list.
    response = anonymous.get(
        "/@legal-documents/systematisation",
        params={"period": "2022-2026", "format": "docx"},
        headers=headers,
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert [len(table.rows) for table in document.tables] == [5, 6, 1]
    workbook = load_workbook(
        io.BytesIO(
            anonymous.get(
                "/@legal-documents/systematisation",
                params={"period": "2022-2026", "format": "xlsx"},
                headers=headers,
            ).content
        )
    )
    assert workbook.sheetnames == ["PHỤ LỤC I", "PHỤ LỤC II", "PHỤ LỤC III"]
    in_force = [
        row[2]
        for row in workbook["PHỤ LỤC I"].iter_rows(values_only=True)
        if isinstance(row[0], int)
    ]
    assert in_force == [
        "03/2025/NQ-HĐND",
        "07/2026/NQ-HĐND",
        "03/2026/QĐ-UBND",
        "05/2026/QĐ-UBND",
    ]


def test_only_reviewers_write_the_mark():
    from dienbien.policy.legal.document import ILegalDocument
    from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY

    permissions = ILegalDocument.queryTaggedValue(WRITE_PERMISSIONS_KEY)
    assert permissions["revision"] == "cmf.ReviewPortalContent"
    assert permissions["revision_reason"] == "cmf.ReviewPortalContent"


def test_register_page_names_the_fields_as_it_shows_them(lists_site, anonymous):
    """A hand-edited address: the note names the filter by its label, and
    the year fields ask the browser for 4 digits before sending."""
    page = anonymous.get(
        "/van-ban-qppl",
        params={"year": "năm 2025", "on": "2026-13-01"},
        headers={"Accept": "text/html"},
    ).text
    assert "Năm ban hành phải là một năm." in page
    assert "Tại ngày phải là một ngày (YYYY-MM-DD)." in page
    assert "year:" not in page
    assert page.count('pattern="[0-9]{4}"') == 2
    assert page.count('title="Năm gồm 4 chữ số, ví dụ 2025"') == 2
