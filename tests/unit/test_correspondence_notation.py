"""Number and notation of official documents (Decree 30/2020 Art. 7, 15,
Appendix I and III; domain.md §3): every type, parsing, round trips."""

from dienbien.policy.core.correspondence.doctypes import by_abbreviation
from dienbien.policy.core.correspondence.doctypes import document_type
from dienbien.policy.core.correspondence.doctypes import load_copy_forms
from dienbien.policy.core.correspondence.doctypes import load_document_types
from dienbien.policy.core.correspondence.doctypes import normative_types
from dienbien.policy.core.correspondence.notation import format_number
from dienbien.policy.core.correspondence.notation import Notation
from dienbien.policy.core.correspondence.notation import notation_for
from dienbien.policy.core.correspondence.notation import NotationError
from dienbien.policy.core.correspondence.notation import parse_notation
from hypothesis import given
from hypothesis import strategies as st

import dataclasses
import pytest


TYPES = load_document_types()

#: Every type of Art. 7, in its order, with the line a clerk expects for
#: number 5 of UBND, whose drafting department is the office (VP).
EXPECTED = [
    ("resolution", "Nghị quyết", "Số: 05/NQ-UBND"),
    ("decision", "Quyết định", "Số: 05/QĐ-UBND"),
    ("directive", "Chỉ thị", "Số: 05/CT-UBND"),
    ("regulations", "Quy chế", "Số: 05/QC-UBND"),
    ("rules", "Quy định", "Số: 05/QyĐ-UBND"),
    ("communique", "Thông cáo", "Số: 05/TC-UBND"),
    ("notice", "Thông báo", "Số: 05/TB-UBND"),
    ("guidance", "Hướng dẫn", "Số: 05/HD-UBND"),
    ("programme", "Chương trình", "Số: 05/CTr-UBND"),
    ("plan", "Kế hoạch", "Số: 05/KH-UBND"),
    ("scheme", "Phương án", "Số: 05/PA-UBND"),
    ("proposal", "Đề án", "Số: 05/ĐA-UBND"),
    ("project", "Dự án", "Số: 05/DA-UBND"),
    ("report", "Báo cáo", "Số: 05/BC-UBND"),
    ("minutes", "Biên bản", "Số: 05/BB-UBND"),
    ("submission", "Tờ trình", "Số: 05/TTr-UBND"),
    ("contract", "Hợp đồng", "Số: 05/HĐ-UBND"),
    ("dispatch", "Công văn", "Số: 05/UBND-VP"),
    ("telegram", "Công điện", "Số: 05/CĐ-UBND"),
    ("memorandum", "Bản ghi nhớ", "Số: 05/GN-UBND"),
    ("agreement", "Bản thỏa thuận", "Số: 05/TTh-UBND"),
    ("authorisation", "Giấy ủy quyền", "Số: 05/GUQ-UBND"),
    ("invitation", "Giấy mời", "Số: 05/GM-UBND"),
    ("introduction", "Giấy giới thiệu", "Số: 05/GGT-UBND"),
    ("leave", "Giấy nghỉ phép", "Số: 05/GNP-UBND"),
    ("dispatch_note", "Phiếu gửi", "Số: 05/PG-UBND"),
    ("transfer_note", "Phiếu chuyển", "Số: 05/PC-UBND"),
    ("advice_note", "Phiếu báo", "Số: 05/PB-UBND"),
    ("public_letter", "Thư công", "Số: 05/UBND-VP"),
]


def test_the_29_types_of_article_7_in_order():
    assert len(TYPES) == 29
    assert [(t.id, t.title) for t in TYPES] == [(i, title) for i, title, _ in EXPECTED]


def test_types_are_immutable_records():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TYPES[0].abbreviation = "X"


def test_only_cong_van_and_thu_cong_have_no_abbreviation():
    assert [t.title for t in TYPES if t.dispatch_form] == ["Công văn", "Thư công"]


def test_the_unconfirmed_rows_say_so():
    assert [t.id for t in TYPES if t.unverified] == [
        "memorandum",
        "agreement",
        "public_letter",
    ]


def test_normative_types_are_resolution_and_decision():
    assert [t.abbreviation for t in normative_types()] == ["NQ", "QĐ"]


def test_copy_forms():
    assert [(c.title, c.abbreviation) for c in load_copy_forms()] == [
        ("Bản sao y", "SY"),
        ("Bản trích sao", "TrS"),
        ("Bản sao lục", "SL"),
    ]


def test_lookups():
    assert document_type("decision").abbreviation == "QĐ"
    assert by_abbreviation("qđ").id == "decision"
    assert by_abbreviation("QYĐ").id == "rules"
    assert by_abbreviation("") is None
    assert by_abbreviation("NĐ") is None
    with pytest.raises(KeyError):
        document_type("decree")


@pytest.mark.parametrize(("type_id", "title", "line"), EXPECTED)
def test_number_and_notation_of_every_type(type_id, title, line):
    doctype = document_type(type_id)
    department = "VP" if doctype.dispatch_form else ""
    assert notation_for(5, doctype, "UBND", department).line == line


@pytest.mark.parametrize(
    ("number", "text"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (3954, "3954")]
)
def test_leading_zero_below_ten(number, text):
    assert format_number(number) == text


def test_examples_of_the_brief():
    decision = document_type("decision")
    dispatch = document_type("dispatch")
    assert str(notation_for(12, decision, "UBND")) == "12/QĐ-UBND"
    assert str(notation_for(3954, dispatch, "UBND", "VX")) == "3954/UBND-VX"
    normative = notation_for(5, decision, "UBND", year=2026)
    assert normative.line == "Số: 05/2026/QĐ-UBND"
    assert normative.symbol == "2026/QĐ-UBND"
    assert str(notation_for(25, decision, "UBND", year=2026)) == "25/2026/QĐ-UBND"
    assert str(notation_for(3, document_type("resolution"), "HĐND", year=2026)) == (
        "03/2026/NQ-HĐND"
    )


def test_formatting_refuses_what_the_decree_does_not_allow():
    with pytest.raises(NotationError, match="starts at 1, not 0"):
        notation_for(0, document_type("decision"), "UBND")
    with pytest.raises(NotationError, match="Báo cáo is not a normative document"):
        notation_for(5, document_type("report"), "UBND", year=2026)
    with pytest.raises(NotationError, match="Công văn names its drafting department"):
        notation_for(5, document_type("dispatch"), "UBND")
    with pytest.raises(NotationError, match="Only a công văn"):
        notation_for(5, document_type("decision"), "UBND", "VP")
    with pytest.raises(NotationError, match="without spaces or dashes"):
        notation_for(5, document_type("decision"), "UBND-X")
    with pytest.raises(NotationError) as error:
        notation_for(5, document_type("dispatch"), "UBND", "V P")
    assert error.value.problem.field == "notation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/QĐ-UBND", Notation(5, "UBND", "QĐ")),
        ("Số: 05/QĐ-UBND", Notation(5, "UBND", "QĐ")),
        ("số 5 / qđ - UBND", Notation(5, "UBND", "QĐ")),
        ("So: 05/QĐ-UBND", Notation(5, "UBND", "QĐ")),
        ("3954/UBND-VX", Notation(3954, "UBND", "", "VX")),
        ("7816/VPCP-TTĐT", Notation(7816, "VPCP", "", "TTĐT")),
        ("05/2026/QĐ-UBND", Notation(5, "UBND", "QĐ", "", 2026)),
        ("12/2024/NĐ-CP", Notation(12, "CP", "NĐ", "", 2024)),
        ("64/2025/QH15", Notation(64, "QH15", "", "", 2025)),
        ("1661/NQ-UBTVQH15", Notation(1661, "UBTVQH15", "NQ")),
        ("12729/VPCP-KGVX", Notation(12729, "VPCP", "", "KGVX")),
        # Combining marks (a decomposed Đ-less "ố", "Ạ") read as precomposed.
        ("Sô\u0301: 05/KH-UBND", Notation(5, "UBND", "KH")),
    ],
)
def test_parsing_notations_of_senders(text, expected):
    assert parse_notation(text) == expected


def test_the_chosen_type_settles_ambiguity():
    # "TC" is Thông cáo; a công văn of an issuer abbreviated TC is read
    # right when the clerk has chosen the type.
    assert parse_notation("05/TC-VP") == Notation(5, "VP", "TC")
    dispatch = document_type("dispatch")
    assert parse_notation("05/TC-VP", dispatch) == Notation(5, "TC", "", "VP")
    assert parse_notation("05/qđ-UBND", document_type("decision")) == Notation(
        5, "UBND", "QĐ"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The number and notation are empty."),
        ("Số:", "The number and notation are empty."),
        (None, "The number and notation are empty."),
        ("05 QĐ-UBND", "05 QĐ-UBND has no '/' between the number and the symbol"),
        ("1/2/3/QĐ", "1/2/3/QĐ has too many '/'"),
        ("A5/QĐ-UBND", "The number A5 must be digits"),
        ("00/QĐ-UBND", "A document number starts at 1, not 0."),
        ("05/26/QĐ-UBND", "26 between the number and the symbol must be a year"),
        ("05/", "The symbol  has an empty part."),
        ("05/QĐ--UBND", "The symbol QĐ--UBND has an empty part."),
        ("05/QĐ-UB.ND", "The part UB.ND of the symbol must be letters and digits"),
    ],
)
def test_parsing_errors_say_what_is_wrong(text, message):
    with pytest.raises(NotationError) as error:
        parse_notation(text)
    assert error.value.problem.message.startswith(message)
    assert error.value.problem.field == "notation"


def test_a_chosen_type_that_does_not_match():
    with pytest.raises(NotationError, match="A Quyết định is numbered 05/QĐ-…, not BC"):
        parse_notation("05/BC-UBND", document_type("decision"))
    with pytest.raises(NotationError, match="names no issuer after QĐ"):
        parse_notation("05/QĐ", document_type("decision"))


def test_canonical_form_ignores_leading_zeros_and_case():
    assert (
        parse_notation("5/qđ-ubnd").canonical == parse_notation("05/QĐ-UBND").canonical
    )
    assert parse_notation("05/2026/QĐ-UBND").canonical == "5/2026/qđ-ubnd"
    assert (
        parse_notation("05/2026/QĐ-UBND").canonical
        != parse_notation("05/QĐ-UBND").canonical
    )


# -- properties --------------------------------------------------------------

#: Unit and department abbreviations as they look: upper-case letters
#: (Vietnamese Đ included) and digits.
ABBREVIATION = st.text(
    alphabet="ABCDEGHIKLMNOPQRSTUVXYĐ0123456789", min_size=1, max_size=8
)
TYPE = st.sampled_from(TYPES)


@st.composite
def issued(draw):
    doctype = draw(TYPE)
    year = (
        draw(st.integers(2000, 2100))
        if doctype.may_be_normative and draw(st.booleans())
        else None
    )
    department = draw(ABBREVIATION) if doctype.dispatch_form else ""
    return doctype, notation_for(
        draw(st.integers(1, 99999)), doctype, draw(ABBREVIATION), department, year
    )


@given(issued())
def test_format_then_parse_with_the_type_gives_the_notation_back(case):
    doctype, notation = case
    assert parse_notation(notation.line, doctype) == notation
    assert parse_notation(str(notation), doctype) == notation


@given(issued())
def test_format_then_parse_without_the_type(case):
    doctype, notation = case
    if doctype.dispatch_form and by_abbreviation(notation.issuer):
        return  # an issuer written like a type: only the chosen type tells
    assert parse_notation(str(notation)) == notation


@given(issued())
def test_the_number_is_two_digits_at_least(case):
    _doctype, notation = case
    number = str(notation).split("/")[0]
    assert len(number) >= 2
    assert int(number) == notation.number
