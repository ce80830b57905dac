"""The citizens' forms rules: attachments, the comment window, Q&A entries."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.citizenforms import ATTACHMENT_MAX_BYTES
from dienbien.policy.core.citizenforms import attachment_problem
from dienbien.policy.core.citizenforms import cell_text
from dienbien.policy.core.citizenforms import consultation_open
from dienbien.policy.core.citizenforms import qa_entry

import pytest


def test_attachments_of_known_kinds_and_size_only():
    assert attachment_problem("Đơn.PDF", 1000) is None
    assert attachment_problem("anh.jpeg", ATTACHMENT_MAX_BYTES) is None
    assert attachment_problem("anh.jpeg", ATTACHMENT_MAX_BYTES + 1) == "size"
    assert attachment_problem("chuong-trinh.exe", 10) == "type"
    assert attachment_problem("khong-duoi", 10) == "type"


def test_a_draft_takes_comments_through_its_closing_day():
    closes = date(2026, 3, 10)
    assert consultation_open(closes, datetime(2026, 3, 10, 23, 59))
    assert not consultation_open(closes, datetime(2026, 3, 11, 0, 0))
    assert not consultation_open(None, datetime(2026, 3, 1))


def test_a_qa_entry_drops_who_asked():
    question = {
        "fullname": "Lò Văn A",
        "contact": "0912345678",
        "subject": " Giờ làm việc ",
        "message": "Bộ phận một cửa làm việc thứ Bảy không?",
        "unit": "H15.50.MC",
        "attachment": object(),
    }
    when = datetime(2026, 3, 3, 10, 0)
    entry = qa_entry(question, "Có, sáng thứ Bảy.", when)
    assert entry == {
        "subject": "Giờ làm việc",
        "message": "Bộ phận một cửa làm việc thứ Bảy không?",
        "unit": "H15.50.MC",
        "answer": "Có, sáng thứ Bảy.",
        "answered": when,
        "sample": False,
    }
    with pytest.raises(ValueError, match="answer"):
        qa_entry(question, "  ", when)


def test_exported_cells_are_never_formulas():
    assert cell_text('=HYPERLINK("http://x","Bấm")') == '\'=HYPERLINK("http://x","Bấm")'
    assert cell_text("-1") == "'-1"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert cell_text("Lò Thị Hoa") == "Lò Thị Hoa"
    assert cell_text(None) == ""
