"""Updates and replacements (BussinessDocType 2, 3): the package carries the
reason and the replaced DocumentId; the rules of who decides and what the
sender's table says (core/exchange/corrections.py)."""

from datetime import date
from dienbien.policy.core.exchange import corrections
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import status
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.exchange.package import Organ
from lxml import etree

import dataclasses
import pytest


OLD = "000.00.12.H41,2026/08/03,05/QĐ-UBND"
MESSAGE = DocumentMessage(
    sender=Organ("000.00.12.H41", "Ủy ban nhân dân huyện Mường Ảng"),
    recipients=(
        Organ("000.00.00.H41", "Ủy ban nhân dân tỉnh Điện Biên"),
        Organ("000.00.31.H41", "Sở Tư pháp tỉnh Điện Biên"),
    ),
    number="07",
    notation="QĐ-UBND",
    promulgated=date(2026, 8, 5),
    type_name="Quyết định",
    subject="Về việc phê duyệt kế hoạch (thay thế Quyết định số 05/QĐ-UBND)",
)


def test_a_replacement_names_the_old_document_and_the_reason():
    message = dataclasses.replace(
        MESSAGE,
        business_doc_type=3,
        business_reason="Sai căn cứ pháp lý",
        replaces=(OLD,),
    )
    data = edxml.build(message)
    root = etree.fromstring(data)
    ns = {"e": edxml.NS}
    business = root.find(".//e:TraceHeaderList/e:Bussiness", ns)
    assert [etree.QName(child).localname for child in business] == [
        "BussinessDocType",
        "BussinessDocReason",
        "ReplacementInfoList",
        "Paper",
    ]
    assert (
        business.findtext(
            "e:ReplacementInfoList/e:ReplacementInfo/e:DocumentId", namespaces=ns
        )
        == OLD
    )
    assert business.xpath(
        "e:ReplacementInfoList/e:ReplacementInfo/e:OrganIdList/e:OrganId/text()",
        namespaces=ns,
    ) == ["000.00.00.H41", "000.00.31.H41"]
    read = edxml.parse(data)
    assert (read.business_doc_type, read.business_reason, read.replaces) == (
        3,
        "Sai căn cứ pháp lý",
        (OLD,),
    )


def test_an_update_keeps_its_identity_and_a_new_package_its_bytes():
    update = dataclasses.replace(
        MESSAGE, business_doc_type=2, business_reason="Sửa trích yếu"
    )
    read = edxml.parse(edxml.build(update))
    assert (read.business_doc_type, read.business_reason, read.replaces) == (
        2,
        "Sửa trích yếu",
        (),
    )
    assert corrections.named_documents(2, read.effective_document_id, ()) == (
        "000.00.12.H41,2026/08/05,07/QĐ-UBND",
    )
    # A new document's Bussiness is as before: type and Paper only.
    assert b"BussinessDocReason" not in edxml.build(MESSAGE)


@pytest.mark.parametrize(
    ("replacement", "element"),
    [
        ("", "edXML:TraceHeaderList/edXML:Bussiness/edXML:ReplacementInfoList"),
        (
            "<edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>"
            "05/QĐ-UBND</edXML:DocumentId></edXML:ReplacementInfo>"
            "</edXML:ReplacementInfoList>",
            "edXML:TraceHeaderList/edXML:Bussiness/edXML:ReplacementInfoList/"
            "edXML:ReplacementInfo/edXML:DocumentId",
        ),
    ],
)
def test_a_replacement_without_a_valid_replaced_document_names_the_element(
    replacement, element
):
    data = edxml.build(dataclasses.replace(MESSAGE, business_doc_type=3)).decode()
    data = data.replace("<edXML:Paper>", replacement + "<edXML:Paper>").encode()
    with pytest.raises(PackageError) as caught:
        edxml.parse(data)
    assert caught.value.element == element


def test_who_decides_by_the_copy_state():
    assert corrections.fate("received") == corrections.APPLY
    assert [corrections.fate(state) for state in corrections.HANDLED] == [
        corrections.ASK
    ] * 4
    assert corrections.fate("returned") == corrections.fate("recalled") == "skip"


def test_the_senders_row_names_what_was_answered():
    assert corrections.answer_name("update", "15") == "update_agreed"
    assert corrections.answer_name("replace", "16") == "replace_refused"
    assert corrections.answer_name(None, "15") == "recall_agreed"
    assert corrections.answer_name("update", "03") is None
    assert status.CODES["update_refused"] == "16"
    rows = status.recorded(
        (), Organ("000.00.00.H41", "UBND tỉnh"), "03", date(2026, 8, 4)
    )
    rows = status.recorded(
        rows,
        Organ("000.00.00.H41", "UBND tỉnh"),
        None,
        date(2026, 8, 3),
        "Sửa trích yếu",
        own=True,
        name="update_sent",
    )
    assert [(row["status"], row["reason"]) for row in rows] == [
        ("update_sent", "Sửa trích yếu")
    ]
    # The organisation's answer replaces the sender's own row.
    rows = status.recorded(
        rows,
        Organ("000.00.00.H41", "UBND tỉnh"),
        "16",
        date(2026, 8, 5),
        "Đã triển khai",
        name="update_refused",
    )
    assert [(row["status"], row["reason"]) for row in rows] == [
        ("update_refused", "Đã triển khai")
    ]


def test_the_senders_request_is_checked():
    def fields(**given):
        values = {"rows": 1, "state": "sent"}
        values.update(given)
        return [
            problem.field
            for problem in corrections.request_problems(values.pop("kind"), **values)
        ]

    assert fields(kind="update", reason="Sửa", summary="Về việc…") == []
    assert fields(kind="update", reason=" ", summary="") == ["summary", "reason"]
    assert fields(kind="update", reason="x" * 501, summary="s") == ["reason"]
    assert fields(kind="update", reason="Sửa", summary="s", urgency="flash") == []
    assert fields(kind="update", reason="Sửa", summary="s", urgency="soon") == [
        "urgency"
    ]
    assert fields(kind="replace", reason="Sửa") == ["replacement"]
    assert fields(kind="replace", reason="Sửa", replacement_found=True) == []
    assert fields(kind="delete", reason="Sửa") == ["kind"]
    assert fields(kind="update", reason="Sửa", summary="s", rows=0) == ["kind"]
    assert fields(kind="update", reason="Sửa", summary="s", state="recalled") == [
        "kind"
    ]
    assert corrections.replacement_choices(
        [
            {"uid": "a", "state": "issued"},
            {"uid": "b", "state": "sent"},
            {"uid": "c", "state": "issued", "replaces": ("x",)},
            {"uid": "d", "state": "issued", "confidentiality": "confidential"},
            {"uid": "e", "state": "issued", "confidentiality": "normal"},
            {"uid": "old", "state": "issued"},
        ],
        "old",
    ) == [
        {"uid": "a", "state": "issued"},
        {"uid": "e", "state": "issued", "confidentiality": "normal"},
    ]
