"""``POST /van-ban-qppl/@import-legal-documents`` over real HTTP: a file with
problems is refused with each one by sheet, row and column heading and
nothing is created; a good file creates every document, published on
request, its relations pointing into the file and into the register."""

from datetime import date
from dienbien.policy.core.legal.sheets import DOCUMENTS
from dienbien.policy.core.legal.sheets import RELATIONS
from dienbien.policy.core.legal.sheets import write_workbook
from test_legal_documents import register  # noqa: F401 (fixture)

import transaction


def decision(notation, signed, effective, **changes):
    return {
        "notation": notation,
        "doctype": "Quyết định",
        "issuer": "H15.50",
        "signer": "Lò Văn Mừng",
        "signer_position": "Chủ tịch",
        "signed": signed,
        "in_force_from": effective,
        "fields": "Đất đai",
        "summary": f"Quy định {notation}",
        **changes,
    }


GOOD = {
    DOCUMENTS: [
        decision("20/2026/QĐ-UBND", date(2026, 8, 1), date(2026, 8, 15)),
        decision("21/2026/QĐ-UBND", date(2026, 8, 1), date(2026, 8, 15)),
    ],
    RELATIONS: [
        # Into the register: the site's 05/2026 (itself replacing 12/2024).
        {"source": "20/2026/QĐ-UBND", "kind": "thay thế", "target": "05/2026/QĐ-UBND"},
        # Into the same file.
        {"source": "21/2026/QĐ-UBND", "kind": "hướng dẫn", "target": "20/2026/QĐ-UBND"},
    ],
}
BAD = {
    DOCUMENTS: [
        GOOD[DOCUMENTS][0],
        decision("21/2026/QĐ-UBND", date(2026, 8, 1), date(2026, 8, 5)),
    ],
    RELATIONS: [
        {"source": "20/2026/QĐ-UBND", "kind": "huỷ", "target": "05/2026/QĐ-UBND"},
    ],
}


def upload(session, sheets, **params):
    return session.post(
        "/van-ban-qppl/@import-legal-documents",
        params=params,
        files={"file": ("van-ban.xlsx", write_workbook(sheets))},
    )


def statuses(session, on):
    response = session.get("/@legal-documents", params={"on": on, "q": "2026"})
    return {i["docNum"]: i["effStatus"]["code"] for i in response.json()["items"]}


def test_import_refuses_a_bad_file_whole_then_creates_a_good_one(
    register,  # noqa: F811
    manager,
    anonymous,
):
    before = len(register["van-ban-qppl"].objectIds())
    refused = upload(manager, BAD, publish=1)
    assert refused.status_code == 400, refused.text
    assert refused.json()["errors"] == [
        {
            "field": "Hiệu lực từ ngày",
            "sheet": "Văn bản",
            "line": 3,
            "message": "Văn bản của địa phương có hiệu lực không sớm hơn 10 ngày "
            "kể từ ngày ký: sớm nhất là 11/08/2026, trừ văn bản ban hành theo thủ "
            "tục rút gọn.",
        },
        {
            "field": "Quan hệ",
            "sheet": "Quan hệ",
            "line": 2,
            "message": "huỷ không phải là một quan hệ (căn cứ, hướng dẫn, sửa đổi, "
            "bổ sung, thay thế, bãi bỏ, đình chỉ).",
        },
    ]
    transaction.begin()
    assert len(register["van-ban-qppl"].objectIds()) == before

    done = upload(manager, GOOD, publish=1)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "dry_run": False,
        "created": ["20/2026/QĐ-UBND", "21/2026/QĐ-UBND"],
        "published": ["20/2026/QĐ-UBND", "21/2026/QĐ-UBND"],
    }
    assert statuses(anonymous, "2026-08-15") == {
        "20/2026/QĐ-UBND": "in_force",
        "21/2026/QĐ-UBND": "in_force",
        "05/2026/QĐ-UBND": "expired",
    }
