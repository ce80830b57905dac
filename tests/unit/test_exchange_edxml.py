"""edXML packages (QCVN 102:2016, reference exchange.md §5): what we write
reads back the same, and every malformed package names its element."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange.edxml import Limits
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.core.exchange.organs import decision20_problems
from dienbien.policy.core.exchange.organs import DocumentId
from dienbien.policy.core.exchange.organs import is_organ_id
from dienbien.policy.core.exchange.organs import parse_document_id
from dienbien.policy.core.exchange.organs import same_document_key
from dienbien.policy.core.exchange.package import Attachment
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.core.exchange.package import ResponseFor
from dienbien.policy.core.exchange.package import Signer
from dienbien.policy.core.exchange.package import TraceHeader
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree

import dataclasses
import pytest


PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00\xff" * 500

MESSAGE = DocumentMessage(
    sender=Organ(
        "000.00.12.H41",
        "Ủy ban nhân dân huyện Mường Ảng",
        address="Tổ dân phố 3, thị trấn Mường Ảng",
        email="vanthu@muongang.example",
        telephone="0215 3000 000",
    ),
    recipients=(
        Organ("000.00.00.H41", "Ủy ban nhân dân tỉnh Điện Biên"),
        Organ("000.00.31.H41", "Sở Tư pháp tỉnh Điện Biên"),
    ),
    number="05",
    notation="QĐ-UBND",
    promulgated=date(2026, 8, 3),
    doc_type="2",
    type_name="Quyết định",
    subject="Về việc phê duyệt kế hoạch cải cách hành chính năm 2026",
    place="Mường Ảng",
    content="Phê duyệt kế hoạch <kèm theo> & giao các phòng thực hiện.",
    signer=Signer("Lò Văn Pâng", "Chủ tịch", "TM. Ủy ban nhân dân"),
    due_date=date(2026, 8, 20),
    to_places=("Như Điều 3", "Lưu: VT"),
    priority=2,
    promulgation_amount=12,
    page_amount=3,
    appendixes=("Phụ lục I", "Phụ lục II"),
    steering_type=1,
    response_for=(
        ResponseFor(
            "000.00.00.H41",
            "3954/UBND-VX",
            date(2026, 7, 20),
            "000.00.00.H41,2026/07/20,3954/UBND-VX",
        ),
    ),
    trace=(TraceHeader("000.00.12.H41", datetime(2026, 8, 3, 16, 5, 0)),),
    attachments=(
        Attachment("05-QD-UBND.pdf", "application/pdf", PDF, "Quyết định"),
        Attachment(
            "Phụ lục.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            DOCX,
        ),
    ),
)


def test_round_trip_gives_the_same_metadata_and_the_same_bytes():
    package = edxml.build(MESSAGE)
    read = edxml.parse(package)
    assert read.effective_document_id == "000.00.12.H41,2026/08/03,05/QĐ-UBND"
    assert [a.data for a in read.attachments] == [PDF, DOCX]
    expected = dataclasses.replace(
        MESSAGE,
        document_id="000.00.12.H41,2026/08/03,05/QĐ-UBND",
        attachments=tuple(
            dataclasses.replace(a, content_id=f"attachment-{i}")
            for i, a in enumerate(MESSAGE.attachments, start=1)
        ),
    )
    assert read == expected


def test_every_element_carries_the_edxml_prefix_and_namespace():
    package = edxml.build(MESSAGE)
    root = etree.fromstring(package)
    assert package.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    for element in root.iter():
        assert element.prefix == "edXML", element.tag
        assert etree.QName(element).namespace == edxml.NS
    assert "<edXML:DocumentId>000.00.12.H41,2026/08/03,05/QĐ-UBND<" in (
        package.decode("utf-8")
    )
    reference = root.find(".//" + edxml.q("Reference"))
    assert reference.get("{http://www.w3.org/1999/xlink}href") == "cid:attachment-1"
    assert root.findtext(".//" + edxml.q("PromulgationDate")) == "2026/08/03"


@settings(max_examples=25, deadline=None)
@given(
    subject=st.text(
        st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80
    ).filter(lambda s: s.strip() == s and s),
    data=st.binary(max_size=2000),
)
def test_any_subject_and_any_bytes_survive(subject, data):
    message = dataclasses.replace(
        MESSAGE,
        subject=subject,
        attachments=(Attachment("a.bin", "application/octet-stream", data),),
    )
    read = edxml.parse(edxml.build(message))
    assert read.subject == subject
    assert read.attachments[0].data == data


def _package(edit) -> bytes:
    """Our package, changed by ``edit(root)`` on its tree."""
    root = etree.fromstring(edxml.build(MESSAGE))
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _find(root, name):
    return root.find(".//" + edxml.q(name))


def _remove(name):
    def edit(root):
        element = _find(root, name)
        element.getparent().remove(element)

    return edit


def _set(name, text):
    def edit(root):
        _find(root, name).text = text

    return edit


def _header_document_id(root):
    header = _find(root, "MessageHeader")
    header.find(edxml.q("DocumentId")).text = "7816/VPCP-TTĐT"


def _wrong_namespace(root):
    for element in root.iter():
        element.tag = "{urn:example:other}" + etree.QName(element).localname


def _orphan_reference(root):
    encoded = _find(root, "AttachmentEncoded")
    encoded.remove(encoded[1])


def _unlisted_attachment(root):
    manifest = _find(root, "edXMLManifest")
    manifest.remove(manifest[0])


MALFORMED = [
    pytest.param(
        _package(_remove("MessageHeader")),
        "edXML:edXMLHeader/edXML:MessageHeader",
        "missing",
        id="missing-header",
    ),
    pytest.param(
        _package(_wrong_namespace), "edXML:edXML", "namespace", id="wrong-namespace"
    ),
    pytest.param(
        _package(_set("ContentTransferEncoded", "JVBERi0x*%%not base64")),
        "edXML:AttachmentEncoded/edXML:Attachment[1]/edXML:ContentTransferEncoded",
        "base64",
        id="broken-base64",
    ),
    pytest.param(
        _package(_orphan_reference),
        "edXML:edXMLManifest/edXML:Reference[2]/@xlink:href",
        "attachment-2",
        id="reference-without-attachment",
    ),
    pytest.param(
        _package(_unlisted_attachment),
        "edXML:AttachmentEncoded/edXML:Attachment[1]/edXML:ContentId",
        "manifest",
        id="attachment-not-in-manifest",
    ),
    pytest.param(b"%PDF-1.7 not a package", "edXML:edXML", "not XML", id="not-xml"),
    pytest.param(edxml.build(MESSAGE)[:-40], "edXML:edXML", "not XML", id="truncated"),
    pytest.param(
        _package(_set("CodeNumber", "")),
        "edXML:MessageHeader/edXML:Code/edXML:CodeNumber",
        "empty",
        id="no-number",
    ),
    pytest.param(
        _package(_remove("Subject")),
        "edXML:MessageHeader/edXML:Subject",
        "missing",
        id="no-subject",
    ),
    pytest.param(
        _package(_set("PromulgationDate", "03/08/2026")),
        "edXML:MessageHeader/edXML:PromulgationInfo/edXML:PromulgationDate",
        "yyyy/MM/dd",
        id="date-form",
    ),
    pytest.param(
        _package(_set("OrganId", "UBND huyện")),
        "edXML:MessageHeader/edXML:From/edXML:OrganId",
        "000.00.00.H41",
        id="bad-organ-id",
    ),
    pytest.param(
        _package(_set("Priority", "9")),
        "edXML:MessageHeader/edXML:OtherInfo/edXML:Priority",
        "9",
        id="unknown-priority",
    ),
    pytest.param(
        _package(_header_document_id),
        "edXML:MessageHeader/edXML:DocumentId",
        "OrganId,yyyy/MM/dd,Number/Notation",
        id="bad-document-id",
    ),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<x>&e;</x>",
        "edXML:edXML",
        "DTD",
        id="entity",
    ),
]


@pytest.mark.parametrize("package,element,reason", MALFORMED)
def test_a_malformed_package_names_its_element(package, element, reason):
    with pytest.raises(PackageError) as caught:
        edxml.parse(package)
    assert caught.value.element == element
    assert reason in caught.value.reason


def test_oversized_packages_and_files_are_refused_before_decoding():
    package = edxml.build(MESSAGE)
    with pytest.raises(PackageError) as caught:
        edxml.parse(package, Limits(package=len(package) - 1))
    assert caught.value.element == "edXML:edXML"
    assert f"{len(package)} bytes" in caught.value.reason
    with pytest.raises(PackageError) as caught:
        edxml.parse(package, Limits(attachment=len(PDF) - 1))
    assert caught.value.element == (
        "edXML:AttachmentEncoded/edXML:Attachment[1]/edXML:ContentTransferEncoded"
    )
    with pytest.raises(PackageError) as caught:
        edxml.parse(package, Limits(attachments=1))
    assert caught.value.element == "edXML:AttachmentEncoded"


def test_line_wrapped_base64_reads():
    def wrap(root):
        element = _find(root, "ContentTransferEncoded")
        text = element.text
        element.text = "\n".join(text[i : i + 76] for i in range(0, len(text), 76))

    assert edxml.parse(_package(wrap)).attachments[0].data == PDF


def test_the_problem_is_translatable_data():
    with pytest.raises(PackageError) as caught:
        edxml.parse(_package(_set("CodeNotation", "X" * 31)))
    problem = caught.value.problem
    assert problem.field == "edXML:MessageHeader/edXML:Code/edXML:CodeNotation"
    assert problem.template == "${length} characters, more than the ${limit} allowed."
    assert problem.mapping == {"length": 31, "limit": 30}


@pytest.mark.parametrize(
    "value,valid",
    [
        ("000.00.00.H41", True),
        ("000.00.00.G22", True),
        ("000.00.12.H41", True),
        ("000.00.00.h41", False),
        ("000.00.00.H4", False),
        ("0000.00.00.H41", False),
        ("000-00-00-H41", False),
        ("", False),
        (None, False),
    ],
)
def test_qcvn_102_identifiers(value, valid):
    assert is_organ_id(value) is valid


def test_decision_20_codes():
    assert decision20_problems("H41.01.05") == []
    assert decision20_problems("G22") == []
    assert decision20_problems("h41.01")[0].field == "organ_code"
    assert decision20_problems("H" + ".1" * 20)[0].mapping["value"].startswith("H.1")


def test_document_ids_read_and_compare():
    read = parse_document_id("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    assert read == DocumentId("000.00.00.G22", date(2015, 9, 30), "7816", "VPCP-TTĐT")
    assert str(read) == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    with pytest.raises(ValueError):
        parse_document_id("000.00.00.G22,30/09/2015,7816/VPCP-TTĐT")
    assert same_document_key("05", "QĐ-UBND", "000.00.12.H41") == same_document_key(
        "5", "qđ-ubnd", "000.00.12.h41"
    )


def test_the_demo_identifiers_are_samples_of_the_right_form():
    import json
    import pathlib

    data = pathlib.Path(edxml.__file__).parents[2] / "data" / "demo"
    samples = json.loads((data / "exchange.json").read_text("utf-8"))
    units = json.loads((data / "orgunits.json").read_text("utf-8"))["units"]
    assert "SAMPLE" in samples["_comment"]
    assert set(samples["organ_ids"]) == {unit["code"] for unit in units}
    assert all(is_organ_id(value) for value in samples["organ_ids"].values())
    assert len(set(samples["organ_ids"].values())) == len(units)


def test_a_package_meets_the_paper_copy_by_number_notation_and_issuer():
    from dienbien.policy.core.exchange.organs import exchange_keys

    package = exchange_keys(
        "05",
        "QĐ-UBND",
        "000.00.12.H41,2026/08/03,05/QĐ-UBND",
        ("000.00.12.H41", "Ủy ban nhân dân huyện Mường Ảng"),
    )
    paper = exchange_keys("5", "qđ-ubnd", "", ("", "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG ẢNG"))
    assert set(package) & set(paper) == {
        "triple:5|qđ-ubnd|ủy ban nhân dân huyện mường ảng"
    }
    other = exchange_keys("6", "QĐ-UBND", "", ("000.00.12.H41",))
    assert not set(package) & set(other)
