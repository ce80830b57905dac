"""An outgoing draft's rules, its steps, a unit's departments and the paper
layout (Decree 30/2020 Appendix I) — plain Python, no Plone."""

from dataclasses import replace
from datetime import date
from dienbien.policy.core.correspondence.departments import Department
from dienbien.policy.core.correspondence.departments import department_problems
from dienbien.policy.core.correspondence.departments import departments_of
from dienbien.policy.core.correspondence.departments import find_department
from dienbien.policy.core.correspondence.doctypes import load_document_types
from dienbien.policy.core.correspondence.outgoing import Draft
from dienbien.policy.core.correspondence.outgoing import draft_problems
from dienbien.policy.core.correspondence.outgoing import in_order
from dienbien.policy.core.correspondence.outgoing import notation_department
from dienbien.policy.core.correspondence.outgoing import step_problems
from dienbien.policy.core.correspondence.paper import dateline
from dienbien.policy.core.correspondence.paper import issuer_lines
from dienbien.policy.core.correspondence.paper import place_from_title
from dienbien.policy.core.correspondence.paper import recipient_lines
from hypothesis import given
from hypothesis import strategies as st

import pytest


GOOD = Draft(
    doctype="decision",
    summary="Về việc thành lập tổ công tác",
    has_body=True,
    internal_recipients=("H15.50.03",),
    signer="leader",
    leaders=("leader",),
    departments=("VP", "TP"),
)


def fields(draft):
    return {problem.field: problem.message for problem in draft_problems(draft)}


def test_a_complete_draft_has_no_problem():
    assert draft_problems(GOOD) == []


@pytest.mark.parametrize("doctype", [t.id for t in load_document_types()])
def test_every_type_may_be_drafted(doctype):
    draft = replace(GOOD, doctype=doctype, department="VP")
    assert fields(draft) == {}


def test_type_is_required_and_known():
    assert fields(replace(GOOD, doctype="")) == {"doctype": "Choose the document type."}
    assert fields(replace(GOOD, doctype="letter")) == {
        "doctype": "letter is not a document type of Decree 30/2020."
    }


def test_only_decisions_and_resolutions_are_normative():
    assert fields(replace(GOOD, normative=True)) == {}
    assert fields(replace(GOOD, doctype="resolution", normative=True)) == {}
    assert fields(replace(GOOD, doctype="plan", normative=True)) == {
        "normative": "Only a Nghị quyết or a Quyết định can be a normative "
        "document; a Kế hoạch cannot."
    }


def test_a_normative_document_is_never_secret():
    draft = replace(GOOD, normative=True, confidentiality="confidential")
    assert fields(draft) == {
        "confidentiality": "A normative document is published: it cannot be secret."
    }


def test_the_department_is_required_for_a_cong_van_only():
    assert fields(replace(GOOD, doctype="dispatch")) == {
        "department": "A Công văn names its drafting department after the "
        "issuer (05/UBND-VP): name the department."
    }
    assert fields(replace(GOOD, doctype="dispatch", department="VP")) == {}
    # Other types may say who drafted them, the number does not show it.
    assert fields(replace(GOOD, department="VP")) == {}


def test_the_department_is_one_of_the_units():
    assert fields(replace(GOOD, doctype="dispatch", department="vp")) == {}
    assert fields(replace(GOOD, doctype="dispatch", department="KT")) == {
        "department": "KT is not one of the issuing unit's departments."
    }
    # A unit that lists no departments yet takes what the drafter writes.
    draft = replace(GOOD, doctype="dispatch", department="KT", departments=())
    assert fields(draft) == {}


def test_summary_content_and_recipients_are_required():
    draft = replace(GOOD, summary="  ", has_body=False, internal_recipients=())
    assert fields(draft) == {
        "summary": "Enter the summary (trích yếu) of the document.",
        "body": "Write the content or attach the document's file.",
        "internal_recipients": "Name at least one recipient: a unit of the "
        "organisation or an address outside it.",
    }
    assert fields(replace(GOOD, has_body=False, has_file=True)) == {}
    outside = replace(GOOD, internal_recipients=(), external_recipients=("Sở Nội vụ",))
    assert fields(outside) == {}
    assert "summary" in fields(replace(GOOD, summary="x" * 501))


def test_marks_signer_and_copies():
    draft = replace(
        GOOD, urgency="soon", confidentiality="hidden", signer="officer", copies=0
    )
    assert fields(draft) == {
        "urgency": "soon is not an urgency.",
        "confidentiality": "hidden is not a confidentiality level.",
        "signer": "The signer must be one of the unit's leaders.",
        "copies": "The number of copies is at least 1.",
    }
    assert fields(replace(GOOD, signer="")) == {
        "signer": "Choose who signs the document."
    }


def test_the_notation_names_the_department_of_a_cong_van_only():
    assert notation_department("dispatch", " VP ") == "VP"
    assert notation_department("decision", "VP") == ""
    assert notation_department("unknown", "VP") == ""


def test_return_and_recall_state_a_reason():
    assert [p.field for p in step_problems("return", " ")] == ["reason"]
    assert [p.field for p in step_problems("recall", "")] == ["reason"]
    assert step_problems("recall", "Sai thể thức") == []
    assert step_problems("approve", "") == []


def test_steps_forward_first():
    assert in_order(["recall", "send", "other", "issue"]) == [
        "issue",
        "send",
        "recall",
        "other",
    ]


# -- Departments ------------------------------------------------------------


def test_departments_rows():
    rows = [
        {"abbreviation": " VP ", "title": "Văn phòng"},
        {"abbreviation": "", "title": "không ký hiệu"},
        None,
        {"abbreviation": "TCKH", "title": None},
    ]
    assert departments_of(rows) == (
        Department("VP", "Văn phòng"),
        Department("TCKH", ""),
    )
    assert departments_of(None) == ()
    assert Department("VP", "Văn phòng").label == "VP — Văn phòng"
    assert find_department(departments_of(rows), "tckh") == Department("TCKH", "")
    assert find_department(departments_of(rows), "KT") is None


def test_department_rules():
    assert department_problems(None) == []
    assert department_problems([{"abbreviation": "VP", "title": "Văn phòng"}]) == []
    rows = [
        {"abbreviation": "VP", "title": "Văn phòng"},
        {"abbreviation": "vp", "title": "Văn phòng 2"},
        {"abbreviation": "T-CKH", "title": "Tài chính"},
        {"abbreviation": "", "title": ""},
    ]
    assert [p.message for p in department_problems(rows)] == [
        "Row 2: the abbreviation vp is already on row 1.",
        "Row 3: the abbreviation T-CKH must be letters and digits, without "
        "spaces or dashes, at most 10 characters.",
        "Row 4: enter the department's abbreviation (e.g. VP).",
        "Row 4: enter the department's name.",
    ]
    assert {p.field for p in department_problems(rows)} == {"departments"}


# -- Paper -----------------------------------------------------------------


def test_dateline_leading_zeros():
    assert (
        dateline("Điện Biên", date(2026, 3, 5)) == "Điện Biên, ngày 05 tháng 3 năm 2026"
    )
    assert (
        dateline("Điện Biên", date(2026, 1, 9))
        == "Điện Biên, ngày 09 tháng 01 năm 2026"
    )
    assert (
        dateline("Điện Biên", date(2026, 2, 28))
        == "Điện Biên, ngày 28 tháng 02 năm 2026"
    )
    assert dateline("Điện Biên", date(2026, 12, 31)) == (
        "Điện Biên, ngày 31 tháng 12 năm 2026"
    )
    assert dateline("", date(2026, 11, 10)) == "Ngày 10 tháng 11 năm 2026"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dateline_reads_back(day):
    words = dateline("Điện Biên", day).split(", ")[1].split()
    assert words[0::2] == ["ngày", "tháng", "năm"]
    assert (int(words[5]), int(words[3]), int(words[1])) == (
        day.year,
        day.month,
        day.day,
    )


def test_place_from_title():
    assert place_from_title("UBND huyện Điện Biên") == "Điện Biên"
    assert place_from_title("Ủy ban nhân dân xã Thanh Nưa") == "Thanh Nưa"
    assert place_from_title("UBND tỉnh Điện Biên") == "Điện Biên"
    assert place_from_title("Phường Mường Thanh") == "Mường Thanh"
    assert place_from_title("Phòng Tư pháp") == ""


def test_issuer_block_and_recipients():
    assert issuer_lines("UBND tỉnh Điện Biên", "UBND huyện Điện Biên") == (
        "UBND TỈNH ĐIỆN BIÊN",
        "UBND HUYỆN ĐIỆN BIÊN",
    )
    assert issuer_lines("", "Phòng Tư pháp") == ("", "PHÒNG TƯ PHÁP")
    assert recipient_lines(
        ["Phòng Tư pháp", " ", "Sở Nội vụ tỉnh Điện Biên"], "", "VP"
    ) == [
        "- Phòng Tư pháp;",
        "- Sở Nội vụ tỉnh Điện Biên;",
        "- Lưu: VT, VP.",
    ]
    assert recipient_lines([], "TP (02)") == ["- Lưu: VT, TP (02)."]
    assert recipient_lines([]) == ["- Lưu: VT."]
    # The keeper as the register's column writes it names VT once.
    assert recipient_lines([], "VT, VP") == ["- Lưu: VT, VP."]
    assert recipient_lines([], "vt, TP, VP") == ["- Lưu: VT, TP, VP."]
    # A comma inside parentheses belongs to its keeper.
    assert recipient_lines([], "VP (02 bản, 01 bản gốc), TP") == [
        "- Lưu: VT, VP (02 bản, 01 bản gốc), TP."
    ]
    assert recipient_lines([], "VP, VT (02)") == ["- Lưu: VT (02), VP."]
    assert recipient_lines([], "vt(02), VT, VP") == ["- Lưu: VT (02), VP."]
