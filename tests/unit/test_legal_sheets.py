"""The spreadsheet import of normative documents, checked without Plone:
each bad row is refused with its sheet, row and column heading; a good file
gives the documents with their relations resolved to an issuer."""

from datetime import date
from dienbien.policy.core.legal import sheets
from dienbien.policy.core.legal.sheets import check_sheets
from dienbien.policy.core.legal.sheets import Context
from dienbien.policy.core.legal.sheets import DOCUMENTS
from dienbien.policy.core.legal.sheets import read_workbook
from dienbien.policy.core.legal.sheets import RELATIONS
from dienbien.policy.core.legal.sheets import write_workbook

import pytest


CONTEXT = Context(
    units={"H15.50": "UBND", "H15.50.HD": "HĐND", "H15.50.05.01": "UBND"},
    fields={"dat-dai": "Đất đai", "y-te": "Y tế"},
    known=frozenset({"H15.50|12/2024/qđ-ubnd", "H15.50.05.01|12/2024/qđ-ubnd"}),
)

GOOD = {
    "notation": "05/2026/QĐ-UBND",
    "doctype": "Quyết định",
    "issuer": "H15.50",
    "signer": "Trần Văn Dũng",
    "signer_position": "Chủ tịch",
    "signed": date(2026, 6, 1),
    "in_force_from": date(2026, 6, 15),
    "fields": "Đất đai; y-te",
    "summary": "Quy định giá đất",
}
RESOLUTION = {
    **GOOD,
    "notation": "03/2026/NQ-HĐND",
    "doctype": "Nghị quyết",
    "issuer": "H15.50.HD",
}


def check(documents=(GOOD,), relations=()):
    return check_sheets({DOCUMENTS: documents, RELATIONS: relations}, CONTEXT)


def located(problems):
    return [(p.sheet, p.line, p.field, p.message) for p in problems]


def test_a_good_file_gives_documents_with_relations_resolved():
    relation = {
        "source": "05/2026/QĐ-UBND",
        "kind": "thay thế",
        "target": "12/2024/QĐ-UBND",
        "target_issuer": "H15.50",
    }
    suspension = {
        "source": "05/2026/QĐ-UBND",
        "kind": "đình chỉ",
        "target": "03/2026/NQ-HĐND",
        "part": "Điều 3",
        "on": "01/07/2026",
        "until": date(2026, 9, 1),
    }
    documents, problems = check((GOOD, RESOLUTION), (relation, suspension))
    assert problems == []
    decision = documents[0]
    assert decision.key == "H15.50|5/2026/qđ-ubnd"
    assert decision.values["doctype"] == "decision"
    assert decision.values["fields"] == ["dat-dai", "y-te"]
    assert decision.values["shortened"] is False
    assert decision.values["relations"] == [
        {
            "kind": "replaces",
            "target": "12/2024/QĐ-UBND",
            "target_issuer": "H15.50",
            "part": "",
            "on": None,
            "until": None,
        },
        {
            "kind": "suspends",
            "target": "03/2026/NQ-HĐND",
            "target_issuer": "H15.50.HD",
            "part": "Điều 3",
            "on": date(2026, 7, 1),
            "until": date(2026, 9, 1),
        },
    ]


BAD_DOCUMENTS = [
    ({"summary": ""}, "Trích yếu", "Required."),
    ({"doctype": "Công văn"}, "Loại văn bản", "Công văn is not a type of normative"),
    ({"issuer": "H99"}, "Cơ quan ban hành (mã)", "No unit has the code H99."),
    ({"signed": "31/02/2026"}, "Ngày ký", "31/02/2026 is not a date (dd/mm/yyyy)."),
    ({"fields": "Đất đai; Thuế"}, "Lĩnh vực", "Unknown field Thuế."),
    ({"shortened": "có lẽ"}, "Trình tự rút gọn", "có lẽ is not “x”"),
    # The record's own rules (core/legal/documents.py), under their heading.
    ({"notation": "05/2025/QĐ-UBND"}, "Số, ký hiệu", "The year 2025 in the number"),
    ({"issuer": "H15.50.HD"}, "Số, ký hiệu", "The issuer in the number is UBND"),
    (
        {"in_force_from": date(2026, 6, 5)},
        "Hiệu lực từ ngày",
        "no earlier than 10 days after it was signed: 11/06/2026",
    ),
    (
        {"in_force_until": date(2026, 6, 1)},
        "Hết hiệu lực từ ngày",
        "The end date comes after the effective date.",
    ),
    (
        {"notation": "12/2024/QĐ-UBND", "signed": date(2024, 3, 1)},
        "Số, ký hiệu",
        "The register already holds 12/2024/QĐ-UBND.",
    ),
]


@pytest.mark.parametrize("change,column,message", BAD_DOCUMENTS)
def test_a_bad_document_row_is_located(change, column, message):
    documents, problems = check(({**GOOD, "fields": ""}, {**GOOD, **change}))
    (problem,) = problems
    assert (problem.sheet, problem.line, problem.field) == (DOCUMENTS, 3, column)
    assert message in problem.message
    assert len(documents) == 1


def test_the_same_document_twice():
    _documents, problems = check((GOOD, GOOD))
    assert located(problems) == [
        (DOCUMENTS, 3, "Số, ký hiệu", "Row 2 already has 05/2026/QĐ-UBND.")
    ]


RELATION = {
    "source": "05/2026/QĐ-UBND",
    "kind": "thay thế",
    "target": "03/2026/NQ-HĐND",
}
BAD_RELATIONS = [
    ({"kind": "huỷ"}, "Quan hệ", "huỷ is not a relation"),
    ({"source": "07/2026/QĐ-UBND"}, "Văn bản", "no document 07/2026/QĐ-UBND"),
    ({"target": "99/2020/QĐ-UBND"}, "Văn bản liên quan", "no document 99/2020/QĐ"),
    (
        {"target": "12/2024/QĐ-UBND"},
        "Văn bản liên quan",
        "Several issuers have a document 12/2024/QĐ-UBND: choose the issuer.",
    ),
    ({"on": "1/13/2026"}, "Từ ngày", "1/13/2026 is not a date"),
    (
        {"until": date(2026, 9, 1)},
        "Đến ngày (ngưng hiệu lực)",
        "Only a suspension has an end date.",
    ),
    (
        {"kind": "đình chỉ", "on": date(2026, 9, 1), "until": date(2026, 9, 1)},
        "Đến ngày (ngưng hiệu lực)",
        "The end of the suspension comes after its start.",
    ),
    ({"target": "05/2026/QĐ-UBND"}, "Văn bản liên quan", "does not relate to itself"),
]


@pytest.mark.parametrize("change,column,message", BAD_RELATIONS)
def test_a_bad_relation_row_is_located(change, column, message):
    _documents, problems = check((GOOD, RESOLUTION), (RELATION, {**RELATION, **change}))
    (problem,) = problems
    assert (problem.sheet, problem.line, problem.field) == (RELATIONS, 3, column)
    assert message in problem.message


def test_every_problem_of_the_file_at_once():
    _documents, problems = check(
        ({**GOOD, "signer": "", "issuer": "X"},), ({"kind": "thay thế"},)
    )
    assert [(p.sheet, p.line, p.field) for p in problems] == [
        (DOCUMENTS, 2, "Người ký"),
        (DOCUMENTS, 2, "Cơ quan ban hành (mã)"),
        (RELATIONS, 2, "Văn bản"),
        (RELATIONS, 2, "Văn bản liên quan"),
    ]


def test_the_workbook_reads_back_what_was_written():
    data = write_workbook({DOCUMENTS: [GOOD], RELATIONS: [RELATION]})
    rows, problems = read_workbook(data)
    assert problems == []
    assert rows[DOCUMENTS][0]["signed"].date() == date(2026, 6, 1)
    assert rows[RELATIONS] == [{**dict.fromkeys(sheets.RELATION_COLUMNS), **RELATION}]


def test_the_template_has_the_headings_and_no_rows():
    rows, problems = read_workbook(write_workbook())
    assert problems == [] and rows == {DOCUMENTS: [], RELATIONS: []}


def test_not_a_workbook_or_a_missing_column():
    assert [p.message for p in read_workbook(b"not xlsx")[1]] == [
        "The file is not an .xlsx workbook."
    ]
    from openpyxl import Workbook

    import io

    workbook = Workbook()
    workbook.active.title = DOCUMENTS
    workbook.active.append(["Số, ký hiệu"])
    out = io.BytesIO()
    workbook.save(out)
    problems = read_workbook(out.getvalue())[1]
    assert (problems[0].sheet, problems[0].line, problems[0].message) == (
        DOCUMENTS,
        1,
        "The sheet has no column Loại văn bản.",
    )
