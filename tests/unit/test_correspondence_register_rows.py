"""The rows of the three registers of Decree 30/2020 Appendix IV: columns in
the Decree's order, numbers and notations as printed, dates dd/mm/yyyy,
recipients joined, notes from the marks, the follow-up's progress."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence import register_rows as rr
from hypothesis import given
from hypothesis import strategies as st

import pytest


TODAY = date(2026, 3, 20)

DECISION = rr.OutgoingEntry(
    notation="05/QĐ-UBND",
    doctype="decision",
    summary="Về việc  phê duyệt kế hoạch\nphòng chống thiên tai năm 2026",
    issued=datetime(2026, 3, 3, 9, 30),
    signer="Lò Văn Chiến",
    recipients=("Phòng Tài chính - Kế hoạch", "UBND xã Thanh Xương", "Sở Nội vụ"),
    file_keeper="Văn phòng (bản lưu)",
    copies=5,
    sent=datetime(2026, 3, 4, 8, 0),
)

LETTER = rr.IncomingEntry(
    number=7,
    received=datetime(2026, 3, 2, 14, 15),
    doctype="dispatch",
    summary="V/v báo cáo tình hình thực hiện chỉ tiêu kinh tế",
    author="UBND tỉnh Điện Biên",
    notation="3954/UBND-VX",
    document_date=date(2026, 2, 27),
    recipient="Phòng Tài chính - Kế hoạch; Nguyễn Thị Mai",
    forwarded=datetime(2026, 3, 3, 7, 45),
    deadline=date(2026, 3, 16),
    state="in_progress",
    progress="Đã tổng hợp số liệu  các xã",
    urgency="urgent",
)


def titles(kind):
    return [column.title for column in rr.COLUMNS[kind]]


def test_columns_are_those_of_appendix_iv_in_order():
    assert titles(rr.OUTGOING) == [
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung",
        "Người ký",
        "Nơi nhận",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert titles(rr.INCOMING) == [
        "Ngày đến",
        "Số đến",
        "Tác giả",
        "Số, ký hiệu",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung",
        "Đơn vị hoặc người nhận",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert titles(rr.FOLLOW_UP) == [
        "Số đến",
        "Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành",
        "Đơn vị hoặc người nhận",
        "Thời hạn giải quyết",
        "Tiến độ giải quyết",
        "Số, ký hiệu văn bản trả lời",
        "Ghi chú",
    ]
    for columns in rr.COLUMNS.values():
        ids = [column.id for column in columns]
        assert len(set(ids)) == len(ids)


def test_outgoing_row():
    row = rr.outgoing_row(DECISION)
    assert row == (
        "05/QĐ-UBND",
        date(2026, 3, 3),
        "Quyết định Về việc phê duyệt kế hoạch phòng chống thiên tai năm 2026",
        "Lò Văn Chiến",
        "Phòng Tài chính - Kế hoạch; UBND xã Thanh Xương; Sở Nội vụ",
        "Văn phòng (bản lưu)",
        5,
        date(2026, 3, 4),
        "",
        "",
    )
    assert rr.as_record(rr.OUTGOING, row) == {
        "notation": "05/QĐ-UBND",
        "date": "03/03/2026",
        "summary": "Quyết định Về việc phê duyệt kế hoạch phòng chống thiên tai "
        "năm 2026",
        "signer": "Lò Văn Chiến",
        "recipients": "Phòng Tài chính - Kế hoạch; UBND xã Thanh Xương; Sở Nội vụ",
        "file_keeper": "Văn phòng (bản lưu)",
        "copies": 5,
        "sent": "04/03/2026",
        "acknowledged": "",
        "notes": "",
    }


def test_outgoing_notes_carry_the_stamps_and_the_recall():
    entry = rr.OutgoingEntry(
        notation="02/UBND-VP",
        doctype="dispatch",
        summary="V/v khẩn trương di dời dân",
        issued=date(2026, 7, 1),
        state="recalled",
        urgency="flash",
        confidentiality="confidential",
    )
    row = rr.outgoing_row(entry)
    assert row[2] == "Công văn V/v khẩn trương di dời dân"
    assert row[6] is None and row[7] is None  # not sent: the cells stay empty
    assert row[9] == "HỎA TỐC; MẬT; Đã thu hồi"
    words = rr.Words(recalled="Recalled")
    assert rr.outgoing_row(entry, words)[9] == "HỎA TỐC; MẬT; Recalled"


def test_incoming_row():
    row = rr.incoming_row(LETTER)
    assert [rr.text(value) for value in row] == [
        "02/03/2026",
        "7",
        "UBND tỉnh Điện Biên",
        "3954/UBND-VX",
        "27/02/2026",
        "Công văn V/v báo cáo tình hình thực hiện chỉ tiêu kinh tế",
        "Phòng Tài chính - Kế hoạch; Nguyễn Thị Mai",
        "03/03/2026",
        "",
        "KHẨN",
    ]
    assert rr.as_record(rr.INCOMING, row)["number"] == 7


def test_incoming_returned_after_registration_keeps_its_row():
    entry = rr.IncomingEntry(
        number=8,
        received=datetime(2026, 3, 2),
        doctype="report",
        summary="Báo cáo tháng 2",
        state="returned",
    )
    row = rr.incoming_row(entry)
    assert row[1] == 8 and row[9] == "Đã trả lại"
    assert row[5] == "Báo cáo Báo cáo tháng 2"


def test_follow_up_row_in_progress_and_overdue():
    row = rr.follow_up_row(LETTER, TODAY)
    assert row == (
        7,
        "Công văn số 3954/UBND-VX ngày 27/02/2026 của UBND tỉnh Điện Biên",
        "Phòng Tài chính - Kế hoạch; Nguyễn Thị Mai",
        date(2026, 3, 16),
        "Đang giải quyết: Đã tổng hợp số liệu các xã",
        "",
        "KHẨN; Quá hạn",
    )
    # On the deadline itself it is not yet overdue.
    assert rr.follow_up_row(LETTER, date(2026, 3, 16))[6] == "KHẨN"


def test_follow_up_row_done_with_reply():
    entry = rr.IncomingEntry(
        number=12,
        received=datetime(2026, 3, 5),
        doctype="invitation",
        summary="Dự họp",
        author="Sở Nội vụ",
        notation="15/GM-SNV",
        deadline=date(2026, 3, 10),
        state="done",
        closed=datetime(2026, 3, 9, 16, 0),
        progress="ignored once done",
        reply="21/UBND-VP",
    )
    assert rr.follow_up_row(entry, TODAY) == (
        12,
        "Giấy mời số 15/GM-SNV của Sở Nội vụ",
        "",
        date(2026, 3, 10),
        "Đã giải quyết ngày 09/03/2026",
        "21/UBND-VP",
        "",
    )
    late = rr.IncomingEntry(**{**entry.__dict__, "closed": datetime(2026, 3, 11)})
    assert rr.follow_up_row(late, TODAY)[6] == "Quá hạn"


def test_follow_up_without_deadline_is_never_overdue():
    entry = rr.IncomingEntry(
        number=1, received=date(2026, 1, 2), doctype="notice", summary="x"
    )
    assert not rr.overdue(entry, date(2099, 1, 1))
    assert rr.progress(entry) == "Đã giao xử lý"


def test_rows_by_kind_and_unknown_kind():
    assert rr.rows(rr.OUTGOING, [DECISION], TODAY) == [rr.outgoing_row(DECISION)]
    assert rr.rows(rr.INCOMING, [LETTER], TODAY) == [rr.incoming_row(LETTER)]
    assert rr.rows(rr.FOLLOW_UP, [LETTER], TODAY) == [rr.follow_up_row(LETTER, TODAY)]
    with pytest.raises(ValueError):
        rr.rows("postal", [], TODAY)


def test_titles_secret_apart():
    assert rr.title(rr.INCOMING) == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert rr.title(rr.OUTGOING) == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    assert rr.title(rr.FOLLOW_UP) == "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"
    assert rr.title(rr.INCOMING, secret=True) == "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN"


def test_unknown_type_is_shown_as_given():
    assert rr.type_and_summary("memo-x", "Nội dung") == "memo-x Nội dung"
    assert rr.type_and_summary("", "Nội dung") == "Nội dung"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_print_day_month_year(day):
    printed = rr.text(day)
    assert datetime.strptime(printed, "%d/%m/%Y").date() == day
    assert rr.json_value(day) == printed
    assert rr.text(datetime.combine(day, datetime.min.time())).startswith(printed)


@given(st.integers(min_value=1, max_value=10**6))
def test_numbers_stay_numbers_in_json(number):
    assert rr.json_value(number) == number
    assert rr.text(number) == str(number)


def test_cells_are_one_line_without_control_characters():
    entry = rr.IncomingEntry(
        number=3,
        received=date(2026, 3, 2),
        doctype="report",
        summary="Báo cáo\tquý I\x0b",
        author="Sở\r\nNội vụ\x00\x1b",
    )
    row = rr.incoming_row(entry)
    assert row[2] == "Sở Nội vụ"
    assert row[5] == "Báo cáo Báo cáo quý I"
