"""Normative documents: the register's validity on any day from dates and
relations, published documents only, over real HTTP; the record's rules
(notation, lead time) refused with 400 naming the field."""

from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import re
import transaction


UNITS_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.HD,HĐND huyện Điện Biên,peoples_council,HĐND,H15.50
H15.50.05.01,UBND xã Thanh Xương,commune,UBND,H15.50
"""


def add(portal, notation, signed, effective, relations=(), publish=True, **fields):
    values = {
        "notation": notation,
        "doctype": "resolution" if "/NQ-" in notation else "decision",
        "issuer": "H15.50.HD" if "/NQ-" in notation else "H15.50",
        "signer": "Trần Văn Dũng",
        "signer_position": "Chủ tịch",
        "signed": signed,
        "in_force_from": effective,
        "summary": f"Quy định {notation}",
        "relations": list(relations),
    }
    values.update(fields)
    document = api.content.create(
        container=portal["van-ban-qppl"],
        type="LegalDocument",
        id=notation.lower().replace("/", "-").replace("đ", "d"),
        **values,
    )
    if publish:
        api.content.transition(obj=document, transition="submit")
        api.content.transition(obj=document, transition="publish")
    return document


@pytest.fixture
def register(functional_portal):
    from dienbien.policy.orgunits.importer import import_units

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    add(portal, "12/2024/QĐ-UBND", date(2024, 3, 1), date(2024, 3, 15))
    add(portal, "03/2025/NQ-HĐND", date(2025, 7, 10), date(2025, 7, 25))
    add(
        portal,
        "05/2026/QĐ-UBND",
        date(2026, 6, 1),
        date(2026, 7, 1),
        relations=[
            {
                "kind": "replaces",
                "target": "12/2024/QĐ-UBND",
                "part": "",
                "on": None,
                "until": None,
            },
            {
                "kind": "suspends",
                "target": "03/2025/NQ-HĐND",
                "part": "Điều 3",
                "on": date(2026, 7, 1),
                "until": date(2026, 9, 1),
            },
        ],
    )
    add(portal, "09/2026/QĐ-UBND", date(2026, 8, 3), date(2026, 8, 13), publish=False)
    transaction.commit()
    return portal


def listing(session, **params):
    response = session.get("/@legal-documents", params=params)
    assert response.status_code == 200, response.text
    return {
        item["docNum"]: item["effStatus"]["code"] for item in response.json()["items"]
    }


def test_validity_on_days_before_on_and_after_the_replacement(register, anonymous):
    assert listing(anonymous, on="2026-06-30") == {
        "05/2026/QĐ-UBND": "not_yet",
        "03/2025/NQ-HĐND": "in_force",
        "12/2024/QĐ-UBND": "in_force",
    }
    assert listing(anonymous, on="2026-07-01") == {
        "05/2026/QĐ-UBND": "in_force",
        "03/2025/NQ-HĐND": "partly_suspended",
        "12/2024/QĐ-UBND": "expired",
    }
    assert listing(anonymous, on="2026-09-01")["03/2025/NQ-HĐND"] == "in_force"


def test_filter_by_status_on_a_day(register, anonymous):
    assert listing(anonymous, status="in_force", on="2026-06-30") == {
        "03/2025/NQ-HĐND": "in_force",
        "12/2024/QĐ-UBND": "in_force",
    }
    assert listing(anonymous, status="in_force", on="2026-07-01") == {
        "05/2026/QĐ-UBND": "in_force",
    }
    # In force, suspended in part, in force again: two periods in force.
    assert listing(anonymous, status="in_force", on="2026-09-01") == {
        "05/2026/QĐ-UBND": "in_force",
        "03/2025/NQ-HĐND": "in_force",
    }
    assert listing(anonymous, status="expired", on="2026-07-01") == {
        "12/2024/QĐ-UBND": "expired"
    }


def test_the_status_changes_on_its_day_without_an_edit(register, anonymous, clock):
    clock("2026-06-30T23:59")
    assert listing(anonymous, q="12/2024")["12/2024/QĐ-UBND"] == "in_force"
    clock("2026-07-01T00:00")
    assert listing(anonymous, q="12/2024")["12/2024/QĐ-UBND"] == "expired"


def test_an_item_in_the_national_databases_shape(register, anonymous):
    response = anonymous.get(
        "/@legal-documents", params={"type": "resolution", "on": "2026-07-01"}
    )
    (item,) = response.json()["items"]
    assert {k: v for k, v in item.items() if k != "@id"} == {
        "title": "Nghị quyết 03/2025/NQ-HĐND Quy định 03/2025/NQ-HĐND",
        "docNum": "03/2025/NQ-HĐND",
        "docType": "resolution",
        "issueDate": "2025-07-10",
        "effFrom": "2025-07-25",
        "effTo": None,
        "effStatus": {"code": "partly_suspended", "name": "Ngưng hiệu lực một phần"},
        "statusOn": "2026-07-01",
        "agencyCode": "H15.50.HD",
        "agencyName": "HĐND huyện Điện Biên",
        "documentFields": [],
        "documentIssues": [{"personName": "Trần Văn Dũng", "jobTitleName": "Chủ tịch"}],
        "summary": "Quy định 03/2025/NQ-HĐND",
    }


def test_drafts_are_not_public(register, anonymous):
    assert "09/2026/QĐ-UBND" not in listing(anonymous, on="2026-12-31")
    assert anonymous.get("/van-ban-qppl/09-2026-qd-ubnd").status_code in (401, 404)


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "valid"}, "status"),
        ({"on": "01/07/2026"}, "on"),
        ({"type": "directive"}, "type"),
        ({"issuer": "X.99"}, "issuer"),
        ({"year": "20x6"}, "year"),
        ({"b_size": "1000"}, "b_size"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(
    register, anonymous, params, field
):
    response = anonymous.get("/@legal-documents", params=params)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_the_lead_time_and_the_notation_are_checked(register, manager):
    body = {
        "@type": "LegalDocument",
        "notation": "15/2026/QĐ-UBND",
        "doctype": "decision",
        "issuer": "H15.50",
        "signer": "Trần Văn Dũng",
        "signed": "2026-08-03",
        "in_force_from": "2026-08-05",
        "summary": "Quy định về quản lý chợ",
    }
    response = manager.post("/van-ban-qppl", json=body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["in_force_from"]
    response = manager.post(
        "/van-ban-qppl",
        json={**body, "in_force_from": "2026-08-13", "notation": "15/2025/QĐ-UBND"},
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["notation"]
    response = manager.post("/van-ban-qppl", json={**body, "shortened": True})
    assert response.status_code == 201, response.text
    transaction.begin()
    assert len(register["van-ban-qppl"].objectIds()) == 5


def test_a_relation_must_name_a_document_of_the_register(register, manager):
    body = {
        "@type": "LegalDocument",
        "notation": "15/2026/QĐ-UBND",
        "doctype": "decision",
        "issuer": "H15.50",
        "signer": "Trần Văn Dũng",
        "signed": "2026-08-03",
        "in_force_from": "2026-08-13",
        "summary": "Quy định về quản lý chợ",
        "relations": [{"kind": "replaces", "target": "99/2020/QĐ-UBND"}],
    }
    response = manager.post("/van-ban-qppl", json=body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["relations"]


def test_withdrawing_ends_what_a_document_did(register, anonymous):
    document = register["van-ban-qppl"]["05-2026-qd-ubnd"]
    api.content.transition(obj=document, transition="withdraw", comment="Nhập nhầm")
    transaction.commit()
    assert listing(anonymous, on="2026-07-01") == {
        "03/2025/NQ-HĐND": "in_force",
        "12/2024/QĐ-UBND": "in_force",
    }


def text(page: str) -> str:
    """What a reader sees: the page without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" ;", ";")


def test_the_register_page_shows_validity_on_the_chosen_day(register, anonymous):
    anonymous.headers["Accept"] = "text/html"
    page = anonymous.get(
        "/van-ban-qppl", params={"status": "expired", "on": "2026-07-01"}
    ).text
    assert "12/2024/QĐ-UBND" in page
    assert "05/2026/QĐ-UBND" not in page
    assert "Hết hiệu lực toàn bộ" in page
    assert "1 văn bản; hiệu lực tính đến ngày 01/07/2026" in text(page)


def test_a_documents_page_shows_both_sides_of_a_relation_and_its_history(
    register, anonymous, clock
):
    clock("2026-07-02T09:00")
    anonymous.headers["Accept"] = "text/html"
    old = anonymous.get("/van-ban-qppl/12-2024-qd-ubnd").text
    assert 'legal-badge legal-expired">Hết hiệu lực toàn bộ' in old
    assert "Bị thay thế bởi" in old
    assert "05/2026/QĐ-UBND" in old
    assert "01/07/2026" in old
    new = anonymous.get("/van-ban-qppl/05-2026-qd-ubnd").text
    assert "Thay thế" in new and "12/2024/QĐ-UBND" in new
    assert "Đình chỉ" in new and "(Điều 3)" in new
    council = anonymous.get("/van-ban-qppl/03-2025-nq-hdnd").text
    # Suspended in part from 1 July until 1 September, then in force again.
    history = council.split("Lịch sử hiệu lực")[1]
    assert [
        line for line in ("25/07/2025", "01/07/2026", "01/09/2026") if line in history
    ] == [
        "25/07/2025",
        "01/07/2026",
        "01/09/2026",
    ]
    assert "Ngưng hiệu lực một phần" in history


def test_two_issuers_may_write_the_same_notation(register, manager, anonymous):
    # After 1 July 2025 the commune's committee decides what the district's
    # did: its own 05/2026/QĐ-UBND replaces the district's 2024 decision.
    body = {
        "@type": "LegalDocument",
        "notation": "05/2026/QĐ-UBND",
        "doctype": "decision",
        "issuer": "H15.50.05.01",
        "signer": "Lò Văn Hùng",
        "signed": "2026-08-03",
        "in_force_from": "2026-08-13",
        "summary": "Quy định quản lý chợ trên địa bàn xã",
        "relations": [{"kind": "repeals", "target": "12/2024/QĐ-UBND"}],
    }
    response = manager.post("/van-ban-qppl", json=body)
    assert response.status_code == 201, response.text
    again = manager.post("/van-ban-qppl", json=body)
    assert again.status_code == 400
    assert [e["field"] for e in again.json()["errors"]] == ["notation"]
    # Named by a third issuer without saying whose, a notation two issuers
    # share is ambiguous (an issuer's own document would come first).
    council = {
        **body,
        "notation": "04/2026/NQ-HĐND",
        "doctype": "resolution",
        "issuer": "H15.50.HD",
        "relations": [{"kind": "amends", "target": "05/2026/QĐ-UBND"}],
    }
    ambiguous = manager.post("/van-ban-qppl", json=council)
    assert ambiguous.status_code == 400
    assert ambiguous.json()["errors"] == [
        {
            "field": "relations",
            "message": "Nhiều cơ quan có văn bản 05/2026/QĐ-UBND: "
            "hãy chọn cơ quan ban hành.",
        }
    ]
    chosen = manager.post(
        "/van-ban-qppl",
        json={
            **council,
            "relations": [
                {
                    "kind": "amends",
                    "target": "05/2026/QĐ-UBND",
                    "target_issuer": "H15.50.05.01",
                }
            ],
        },
    )
    assert chosen.status_code == 201, chosen.text


def test_a_number_the_clerical_office_has_not_issued_is_refused(register, manager):
    """The district has issued decisions up to 07/2026 from its normative
    series (correspondence registers): the register takes 07, not 08."""
    from dienbien.policy.core.correspondence.registers import NORMATIVE
    from dienbien.policy.core.correspondence.registers import Series
    from dienbien.policy.correspondence.lifecycle import documents_folder
    from dienbien.policy.correspondence.sequence import at_least
    from dienbien.policy.orgunits.lookup import unit_brains

    district = unit_brains(register, unit_code="H15.50")[0].UID
    at_least(documents_folder(), Series(district, 2026, NORMATIVE, "decision"), 7)
    transaction.commit()
    body = {
        "@type": "LegalDocument",
        "notation": "08/2026/QĐ-UBND",
        "doctype": "decision",
        "issuer": "H15.50",
        "signer": "Trần Văn Dũng",
        "signed": "2026-08-03",
        "in_force_from": "2026-08-13",
        "summary": "Quy định về quản lý chợ",
    }
    response = manager.post(
        "/van-ban-qppl", json=body, headers={"Accept-Language": "vi"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "notation",
            "message": "Số 8 chưa được cấp: số cuối cùng đã cấp trong sổ Quyết định "
            "quy phạm pháp luật năm 2026 của cơ quan ban hành là 7.",
        }
    ]
    response = manager.post(
        "/van-ban-qppl", json={**body, "notation": "07/2026/QĐ-UBND"}
    )
    assert response.status_code == 201, response.text
