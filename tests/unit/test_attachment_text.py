"""Reading the text of attached files (core/attachments.py), without Plone."""

from attachment_files import tiny_docx
from attachment_files import tiny_pdf
from dienbien.policy.core import attachments
from dienbien.policy.core.attachments import extract
from dienbien.policy.core.attachments import Extraction
from dienbien.policy.core.text import words

import io
import pytest


def read(data, filename, content_type="", **kwargs):
    return extract(io.BytesIO(data), filename, content_type, size=len(data), **kwargs)


def test_pdf_text_by_pdftotext():
    found = read(tiny_pdf("Quyet dinh zyxcorn 2026"), "qd.pdf", "application/pdf")
    assert found == Extraction(text="Quyet dinh zyxcorn 2026")


def test_docx_paragraphs_and_tables_folded_for_search():
    data = tiny_docx("Quyết định phê duyệt kế hoạch", cell="Ủy ban nhân dân xã")
    found = read(data, "Quyết định.docx")
    assert found.text == "Quyết định phê duyệt kế hoạch Ủy ban nhân dân xã"
    # What the folding lexicon indexes: "quyet dinh" finds it.
    assert words(found.text)[:2] == ["quyet", "dinh"]
    assert "uy" in words(found.text)


@pytest.mark.parametrize(
    ("filename", "content_type", "kind"),
    [
        ("a.PDF", "", "pdf"),
        ("scan", "application/pdf; name=x", "pdf"),
        ("b.docx", "application/octet-stream", "docx"),
        ("b", attachments.DOCX_TYPE, "docx"),
        ("c.doc", "application/msword", None),
        ("d.txt", "text/plain", None),
        (None, None, None),
    ],
)
def test_kind_of(filename, content_type, kind):
    assert attachments.kind_of(filename, content_type) == kind


def test_other_files_have_no_text():
    assert read(b"plain words", "notes.txt", "text/plain") == Extraction()


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"%PDF-1.4 bao cao", "bao-cao.pdf"), (b"not a zip", "x.docx")],
)
def test_broken_files_give_no_text_and_say_why(data, filename):
    assert read(data, filename) == Extraction(problem=attachments.UNREADABLE)


def test_too_large_files_are_not_read(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    assert read(tiny_pdf("x"), "a.pdf") == Extraction(problem=attachments.TOO_LARGE)


def test_missing_pdftotext_is_reported(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert not attachments.pdftotext_available()
    found = read(tiny_pdf("x"), "a.pdf")
    assert found == Extraction(problem=attachments.MISSING_TOOL)


def test_a_slow_pdftotext_is_stopped(tmp_path, monkeypatch):
    slow = tmp_path / "pdftotext"
    slow.write_text("#!/bin/sh\nexec /bin/sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = read(tiny_pdf("x"), "a.pdf", timeout=0.3)
    assert found == Extraction(problem=attachments.TIMED_OUT)


def test_text_is_bounded_and_cut_between_words():
    assert attachments.bounded(" a\n\n b\tc ") == "a b c"
    assert attachments.bounded("alpha beta gamma", limit=12) == "alpha beta"
    assert len(attachments.bounded("word " * 100_000)) <= attachments.MAX_CHARS
