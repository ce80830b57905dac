"""The one-stop slips (domain.md §1): Mẫu 01 receipt and appointment, 02
supplement request, 03 refusal, 04 apology, 05 hand-over control slip and the
06 tracking register.

Each slip is built as plain data — title, header lines, paragraphs, tables,
signatures — from a plain ``SlipData`` (the dossier's facts, unit titles,
the hand-over log, the lookup URL); the Plone shell renders that data as a
print-ready HTML page, and ``to_docx`` writes it as a Word file. The texts
are legal form texts and stay in Vietnamese: they are documents, not UI.

The wording follows the structure of the forms of Circular 01/2018/TT-VPCP
(receiving unit, dossier code, applicant, procedure, papers received, legal
processing time, time received, appointment, where to collect, signatures).
Dates are written as in administrative documents (Decree 30/2020): "ngày 03
tháng 3 năm 2026" (days below 10 and the months 1 and 2 take a leading
zero), times "09 giờ 00 phút".
"""

from datetime import date
from datetime import datetime
from dienbien.policy.dossiers.slips.model import ACTION_TITLES
from dienbien.policy.dossiers.slips.model import APPLICANT_SIDE
from dienbien.policy.dossiers.slips.model import BLANK
from dienbien.policy.dossiers.slips.model import CHANNEL_TEXTS
from dienbien.policy.dossiers.slips.model import FORM_TITLES
from dienbien.policy.dossiers.slips.model import NotApplicable
from dienbien.policy.dossiers.slips.model import PAPER_KIND_TEXTS
from dienbien.policy.dossiers.slips.model import Paragraph
from dienbien.policy.dossiers.slips.model import QRCode
from dienbien.policy.dossiers.slips.model import Run
from dienbien.policy.dossiers.slips.model import Signature
from dienbien.policy.dossiers.slips.model import Slip
from dienbien.policy.dossiers.slips.model import SlipData
from dienbien.policy.dossiers.slips.model import Step
from dienbien.policy.dossiers.slips.model import Table
from dienbien.policy.dossiers.slips.model import TIMELINESS_TITLES
from dienbien.policy.dossiers.slips.model import Unit
from dienbien.policy.dossiers.slips.words import lookup_link
from dienbien.policy.dossiers.slips.words import moment_text
from dienbien.policy.dossiers.slips.words import money_text
from dienbien.policy.dossiers.slips.words import place_date
from dienbien.policy.dossiers.slips.words import processing_time_text
from dienbien.policy.dossiers.slips.words import qr_png
from dienbien.policy.dossiers.slips.words import short_text

import re


def _line(label: str, value: str | None, bold: bool = False) -> Paragraph:
    """``Label: value``, left-aligned (a justified form line stretches)."""
    return Paragraph((Run(f"{label}: "), Run(value or BLANK, bold=bold)), align="left")


def _text(text: str, **kwargs) -> Paragraph:
    """A sentence of the form: justified unless told otherwise."""
    return Paragraph((Run(text),), **kwargs)


def _code_line(data: SlipData) -> Paragraph:
    return Paragraph((Run("Mã hồ sơ: "), Run(data.code, bold=True)), align="center")


def _procedure(data: SlipData) -> str:
    title = data.procedure_title or ""
    if title and data.procedure:
        return f"{title} (mã thủ tục {data.procedure})"
    return title or data.procedure or BLANK


def _contact(data: SlipData) -> Paragraph:
    return Paragraph(
        (
            Run("Số điện thoại: "),
            Run(data.applicant_phone or BLANK),
            Run("; Email: "),
            Run(data.applicant_email or BLANK),
        ),
        align="left",
    )


def _unit_title(data: SlipData, code: str | None) -> str:
    if not code:
        return APPLICANT_SIDE
    unit = data.units.get(code)
    if unit is not None:
        return unit.title
    for known in (data.receiving_unit, data.handling_unit):
        if known.code == code:
            return known.title
    return code


def _unit(data: SlipData, code: str | None, default: Unit) -> Unit:
    if code and code in data.units:
        return data.units[code]
    return default


def _last(data: SlipData, *actions: str) -> Step | None:
    found = [step for step in data.steps if step.action in actions]
    return found[-1] if found else None


def _items(note: str) -> list[str]:
    """A reason typed as lines or "1. …; 2. …" as a list of items."""
    lines = [
        re.sub(r"^\s*(?:\d+[.)]|[-•*])\s*", "", line) for line in note.splitlines()
    ]
    return [line.strip() for line in lines if line.strip()] or [BLANK]


def _note_line(note: str) -> str:
    """A note of several lines on one line ("a; b"), for a table cell."""
    return "; ".join(_items(note)) if note and note.strip() else ""


def _filename(data: SlipData, form: str) -> str:
    return f"{data.code or 'ho-so'}-mau-{form}.docx"


# -- The forms ---------------------------------------------------------------


def _dossier_slip(
    form: str,
    data: SlipData,
    *,
    issuer,
    when: datetime,
    blocks,
    signatures=(),
    subtitle=None,
    landscape: bool = False,
) -> Slip:
    """One of a dossier's slips (Mẫu 01–05): its title, the issuing unit's
    heading, place and date, the code line unless told otherwise."""
    return Slip(
        form=form,
        title=FORM_TITLES[form],
        issuer=issuer.heading(),
        place_date=place_date(data.place, when),
        subtitle=(_code_line(data),) if subtitle is None else subtitle,
        blocks=tuple(blocks),
        signatures=tuple(signatures),
        landscape=landscape,
        filename=_filename(data, form),
    )


def receipt(data: SlipData) -> Slip:
    """Mẫu 01: the receipt and appointment slip, with the lookup QR code.

    Issued on acceptance and again when a complete supplement is received
    (the clock restarts): it shows the latest of the two."""
    step = _last(data, "accept", "receive_supplement")
    if data.accepted is None and step is None:
        raise NotApplicable("not_accepted")
    received = step.time if step else data.accepted
    appointment = (step.appointment if step else None) or data.appointment
    clerk = step.actor if step else ""
    desk = data.receiving_unit
    rows = [
        (paper.name, PAPER_KIND_TEXTS.get(paper.kind, paper.kind), f"{paper.count:02d}")
        for paper in data.papers
    ]
    # Reissued on a complete supplement, it lists what the dossier holds
    # now: the papers of every supplement received as well (the step form
    # records their names only). The slip is the latest receipt, so every
    # supplement in the log came before it.
    for supplement in data.steps:
        if supplement.action == "receive_supplement":
            rows.extend(
                (f"{name} (bổ sung ngày {supplement.time:%d/%m/%Y})", "", "")
                for name in supplement.papers
            )
    papers = tuple((str(number), *row) for number, row in enumerate(rows, 1)) or (
        ("", BLANK, "", ""),
    )
    link = lookup_link(data.lookup_url, data.code)
    papers_table = Table(
        ("TT", "Tên loại giấy tờ", "Hình thức (bản chính, bản sao)", "Số lượng"),
        papers,
        (0.7, 11.6, 2.6, 1.5),
        ("center", "left", "center", "center"),
    )
    blocks = [
        _line(f"{desk.title} tiếp nhận hồ sơ của", data.applicant_name, bold=True),
        _line("Số định danh cá nhân", data.applicant_id_number),
        _line("Địa chỉ", data.applicant_address),
        _contact(data),
        _line("Nội dung yêu cầu giải quyết", _procedure(data)),
        _line("Hình thức nộp", CHANNEL_TEXTS.get(data.channel, data.channel)),
        _text("1. Thành phần hồ sơ nộp gồm:"),
        papers_table,
        _text("2. Số lượng hồ sơ: 01 (bộ)"),
        _line(
            "3. Thời gian giải quyết hồ sơ theo quy định",
            processing_time_text(data.terms),
        ),
        _line("4. Thời gian nhận hồ sơ", moment_text(received)),
        _line(
            "5. Thời gian trả kết quả giải quyết hồ sơ", moment_text(appointment), True
        ),
        _line("6. Phí, lệ phí", money_text(data.fee)),
        _line("7. Nhận kết quả tại", desk.title),
    ]
    if data.lookup_url:
        # Beside lines 2-7 rather than under them: twelve papers, the code
        # and both signatures still fit on one page.
        blocks.insert(
            blocks.index(papers_table) + 1,
            QRCode(
                link,
                qr_png(link),
                (
                    Run("Tra cứu tình trạng hồ sơ: ", bold=True),
                    Run(f"quét mã QR hoặc truy cập {data.lookup_url}, nhập mã hồ sơ "),
                    Run(data.code, bold=True),
                    Run(
                        " và 4 chữ số cuối của số điện thoại hoặc số định danh "
                        "cá nhân đã khai khi nộp hồ sơ."
                    ),
                ),
            ),
        )
    return _dossier_slip(
        "01",
        data,
        issuer=desk,
        when=received,
        blocks=blocks,
        signatures=(
            Signature("NGƯỜI NỘP HỒ SƠ", name=data.applicant_name),
            Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=clerk),
        ),
    )


def supplement_request(data: SlipData) -> Slip:
    """Mẫu 02: what the applicant must add, from the latest request."""
    step = _last(data, "request_supplement")
    if step is None:
        raise NotApplicable("no_supplement_request")
    issuer = _unit(data, step.from_unit, data.receiving_unit)
    blocks = [
        _line("Hồ sơ của", data.applicant_name, bold=True),
        _line("Nội dung yêu cầu giải quyết", _procedure(data)),
        _line("Địa chỉ", data.applicant_address),
        _contact(data),
        _line(
            "Thời gian tiếp nhận hồ sơ", moment_text(data.accepted or data.submitted)
        ),
        _text("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"),
        *(
            _text(f"{number}. {item}", indent=True)
            for number, item in enumerate(_items(step.note), 1)
        ),
        _text("Lý do: hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục hành chính."),
        _text(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ "
            f"với {data.receiving_unit.title} để được hướng dẫn. Khi nộp hồ sơ "
            f"bổ sung, Ông/Bà vui lòng mang theo phiếu này (mã hồ sơ {data.code})."
        ),
        _text("Xin trân trọng cảm ơn!", align="left"),
    ]
    return _dossier_slip(
        "02",
        data,
        issuer=issuer,
        when=step.time,
        blocks=blocks,
        signatures=(Signature("NGƯỜI HƯỚNG DẪN", name=step.actor),),
    )


def refusal(data: SlipData) -> Slip:
    """Mẫu 03: the desk refuses the dossier, with the reasons."""
    step = _last(data, "refuse")
    if step is None:
        raise NotApplicable("not_refused")
    desk = data.receiving_unit
    blocks = [
        _line(f"{desk.title} tiếp nhận hồ sơ của", data.applicant_name, bold=True),
        _line("Địa chỉ", data.applicant_address),
        _contact(data),
        _line("Nội dung yêu cầu giải quyết", _procedure(data)),
        _line("Thời gian nộp hồ sơ", moment_text(data.submitted or data.accepted)),
        _text(
            "Sau khi nghiên cứu, đối chiếu các quy định hiện hành, "
            f"{desk.title} từ chối tiếp nhận, giải quyết hồ sơ này với lý do "
            "cụ thể như sau:"
        ),
        *(_text(f"- {item}", indent=True) for item in _items(step.note)),
        _text("Xin thông báo cho Ông/Bà được biết và thực hiện./."),
    ]
    return _dossier_slip(
        "03",
        data,
        issuer=desk,
        when=step.time,
        blocks=blocks,
        signatures=(Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=step.actor),),
    )


def apology(data: SlipData) -> Slip:
    """Mẫu 04: the handling unit apologises and sets a new appointment,
    from the latest apology in the log."""
    step = _last(data, "apology")
    if step is None:
        raise NotApplicable("no_apology")
    agency = _unit(data, step.from_unit, data.handling_unit)
    desk = data.receiving_unit
    blocks = [
        Paragraph(
            (Run("Kính gửi: "), Run(f"Ông/Bà {data.applicant_name}", bold=True)),
            align="center",
        ),
        _text(
            f"{desk.title} đã tiếp nhận hồ sơ của Ông/Bà {data.applicant_name} "
            f"đề nghị giải quyết thủ tục hành chính: {_procedure(data)}."
        ),
        Paragraph((Run("Mã hồ sơ: "), Run(data.code, bold=True))),
        _line(
            "Thời gian hẹn trả kết quả giải quyết hồ sơ",
            moment_text(step.previous_appointment),
        ),
        _text(
            f"Tuy nhiên, {agency.title} chưa thể trả kết quả giải quyết hồ sơ "
            "đúng thời gian đã hẹn."
        ),
        _line("Lý do", step.note),
        _text(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency.title} xin lỗi "
            "Ông/Bà và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ là:"
        ),
        Paragraph((Run(moment_text(step.appointment), bold=True),), align="center"),
        _line("Địa điểm nhận kết quả", desk.title),
        _text("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./."),
    ]
    return _dossier_slip(
        "04",
        data,
        issuer=agency,
        when=step.time,
        blocks=blocks,
        subtitle=(),
        signatures=(
            Signature("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"),
        ),
    )


def control_slip(data: SlipData) -> Slip:
    """Mẫu 05: every hand-over with its time, giver, receiver, person and
    result against the appointment."""
    if not data.steps:
        raise NotApplicable("no_handover")
    # Short times and one-line notes: a whole dossier's hand-overs fit on
    # one portrait page.
    rows = tuple(
        (
            str(number),
            short_text(step.time),
            _unit_title(data, step.from_unit),
            _unit_title(data, step.to_unit),
            ACTION_TITLES.get(step.action, step.action),
            step.actor,
            TIMELINESS_TITLES.get(step.timeliness or "", ""),
            _note_line(step.note)
            if step.action != "apology"
            else f"{_note_line(step.note)} (hẹn lại: {short_text(step.appointment)})",
        )
        for number, step in enumerate(data.steps, 1)
    )
    blocks = [
        _line("Người nộp hồ sơ", data.applicant_name, bold=True),
        _line("Thủ tục hành chính", _procedure(data)),
        _line("Cơ quan (bộ phận) tiếp nhận hồ sơ", data.receiving_unit.title),
        _line("Cơ quan (bộ phận) giải quyết hồ sơ", data.handling_unit.title),
        _line("Thời gian tiếp nhận", moment_text(data.accepted or data.submitted)),
        _line("Thời gian hẹn trả kết quả", moment_text(data.appointment), True),
        _line("Tình trạng hiện nay", data.state_title),
        Table(
            (
                "TT",
                "Thời gian giao, nhận hồ sơ",
                "Bên giao",
                "Bên nhận",
                "Nội dung",
                "Người thực hiện",
                "Kết quả (trước hạn/ đúng hạn/ quá hạn)",
                "Ghi chú",
            ),
            rows,
            (0.6, 1.9, 2.6, 2.6, 2.8, 1.6, 1.6, 3.8),
            ("center", "left", "left", "left", "left", "left", "center", "left"),
        ),
    ]
    return _dossier_slip(
        "05",
        data,
        issuer=data.receiving_unit,
        when=data.steps[-1].time,
        blocks=blocks,
        subtitle=(
            _code_line(data),
            _text(
                "(Liên: lưu tại Bộ phận tiếp nhận và trả kết quả)",
                align="center",
            ),
        ),
    )


def tracking_register(
    dossiers,
    period: tuple[date, date],
    issuer: tuple[str, ...] = (),
    place: str = "",
    first_number: int = 1,
    issued: date | None = None,
    filename: str = "",
) -> Slip:
    """Mẫu 06: the desk's register of the dossiers received in ``period``
    (both days included), one row per dossier, numbered from
    ``first_number`` (a later page of a long register goes on counting)."""
    start, end = period
    rows = []
    for number, data in enumerate(dossiers, first_number):
        transfer = next((s for s in data.steps if s.action == "transfer"), None)
        contact = "; ".join(
            part for part in (data.applicant_address, data.applicant_phone) if part
        )
        rows.append(
            (
                str(number),
                data.code,
                data.procedure_title or data.procedure,
                "01",
                data.applicant_name,
                contact,
                data.handling_unit.title,
                short_text(data.accepted or data.submitted),
                short_text(data.appointment),
                short_text(transfer.time if transfer else None),
                short_text(data.resolved),
                short_text(data.returned),
                data.state_title,
            )
        )
    headers = (
        "TT",
        "Mã hồ sơ",
        "Tên thủ tục hành chính",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
        "Ghi chú",
    )
    table = Table(
        headers,
        tuple(rows) or (("", "Không có hồ sơ trong kỳ.", *[""] * 11),),
        (0.7, 3.6, 3.2, 1.0, 2.2, 3.1, 2.4, 1.55, 1.55, 1.55, 1.55, 1.55, 1.6),
        ("center", "left", "left", "center", "left", "left", "left")
        + ("center",) * 5
        + ("left",),
    )
    period_text = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    return Slip(
        form="06",
        title=FORM_TITLES["06"],
        issuer=tuple(issuer),
        place_date=place_date(place, issued),
        subtitle=(_text(period_text, align="center"),),
        blocks=(table,),
        landscape=True,
        filename=filename
        or f"so-theo-doi-ho-so-mau-06-{start:%Y%m%d}-{end:%Y%m%d}.docx",
    )


FORMS = {
    "01": receipt,
    "02": supplement_request,
    "03": refusal,
    "04": apology,
    "05": control_slip,
}
