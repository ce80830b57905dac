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

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from urllib.parse import quote

import io
import re


NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
#: What an empty field shows, for the clerk to fill in by hand.
BLANK = "…………………………"

FORM_TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "05": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "06": "SỔ THEO DÕI HỒ SƠ",
}
ACTION_TITLES = {
    "accept": "Tiếp nhận hồ sơ",
    "refuse": "Từ chối tiếp nhận hồ sơ",
    "transfer": "Chuyển hồ sơ đến cơ quan giải quyết",
    "request_supplement": "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    "receive_supplement": "Nhận hồ sơ bổ sung",
    "request_payment": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "confirm_payment": "Xác nhận đã thực hiện nghĩa vụ tài chính",
    "resolve": "Hoàn thành xử lý hồ sơ",
    "stop": "Dừng xử lý hồ sơ",
    "withdraw": "Công dân rút hồ sơ",
    "return_result": "Trả kết quả cho người nộp",
    "apology": "Xin lỗi và hẹn lại ngày trả kết quả",
}
TIMELINESS_TITLES = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
CHANNEL_TEXTS = {
    "in_person": "Nộp trực tiếp",
    "online": "Nộp trực tuyến",
    "post": "Nộp qua dịch vụ bưu chính",
}
PAPER_KIND_TEXTS = {"original": "Bản chính", "copy": "Bản sao"}
#: Who stands on the other side of a step that has no unit: the applicant.
APPLICANT_SIDE = "Người nộp hồ sơ"


class NotApplicable(Exception):
    """The slip does not apply to the dossier (yet); ``reason`` says why:
    ``not_accepted``, ``no_supplement_request``, ``not_refused``,
    ``no_apology`` or ``no_handover``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# -- Facts -------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    code: str
    title: str
    parent_title: str = ""

    def heading(self) -> tuple[str, ...]:
        """The issuing unit's lines in a document's top left corner."""
        lines = (self.parent_title, self.title) if self.parent_title else (self.title,)
        return tuple(line.upper() for line in lines if line)


@dataclass(frozen=True)
class Paper:
    name: str
    kind: str = "original"
    count: int = 1


@dataclass(frozen=True)
class Step:
    """One entry of the hand-over log; ``actor`` is the person's name."""

    time: datetime
    action: str
    actor: str = ""
    from_unit: str | None = None
    to_unit: str | None = None
    note: str = ""
    timeliness: str | None = None
    appointment: datetime | None = None
    previous_appointment: datetime | None = None


@dataclass(frozen=True)
class SlipData:
    code: str
    procedure: str
    procedure_title: str
    receiving_unit: Unit
    handling_unit: Unit
    applicant_name: str
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    channel: str = "in_person"
    papers: tuple[Paper, ...] = ()
    fee: int = 0
    submitted: datetime | None = None
    accepted: datetime | None = None
    appointment: datetime | None = None
    resolved: datetime | None = None
    returned: datetime | None = None
    terms: dict | None = None
    state: str = ""
    state_title: str = ""
    steps: tuple[Step, ...] = ()
    #: The public lookup page, e.g. ``https://…/dienbien/tra-cuu-ho-so``.
    lookup_url: str = ""
    #: The place in "Điện Biên, ngày … tháng … năm …".
    place: str = ""
    #: Unit code -> Unit, for the units named in the log.
    units: dict = field(default_factory=dict)


# -- Content -----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    align: str = "justify"  # left | center | right | justify
    indent: bool = False
    kind: str = "paragraph"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths.
    widths: tuple[float, ...]
    #: Column alignment per column: left | center.
    aligns: tuple[str, ...] = ()
    kind: str = "table"


@dataclass(frozen=True)
class QRCode:
    url: str
    png: bytes
    caption: tuple[Run, ...]
    kind: str = "qr"


@dataclass(frozen=True)
class Signature:
    title: str
    note: str = "(Ký và ghi rõ họ tên)"
    name: str = ""


@dataclass(frozen=True)
class Slip:
    form: str
    title: str
    issuer: tuple[str, ...]
    place_date: str
    subtitle: tuple[Paragraph, ...]
    blocks: tuple
    signatures: tuple[Signature, ...] = ()
    landscape: bool = False
    filename: str = ""

    @property
    def form_label(self) -> str:
        return f"Mẫu số {self.form}"

    @property
    def national_heading(self) -> tuple[str, str]:
        return NATIONAL_HEADING, MOTTO

    def text(self) -> str:
        """All the slip's text, one line per paragraph or table row."""
        lines = [
            *self.issuer,
            NATIONAL_HEADING,
            MOTTO,
            self.place_date,
            self.title,
            *(p.text for p in self.subtitle),
        ]
        for block in self.blocks:
            if block.kind == "table":
                lines.append(" | ".join(block.headers))
                lines.extend(" | ".join(row) for row in block.rows)
            elif block.kind == "qr":
                lines.append("".join(run.text for run in block.caption))
            else:
                lines.append(block.text)
        for signature in self.signatures:
            lines.extend((signature.title, signature.note, signature.name))
        return "\n".join(line for line in lines if line)


# -- Words -------------------------------------------------------------------


def day_text(value: date) -> str:
    """``ngày 03 tháng 3 năm 2026``; the months 1 and 2 take a zero."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def clock_text(value: datetime) -> str:
    """``09 giờ 00 phút``."""
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


def moment_text(value: datetime | None) -> str:
    """``09 giờ 00 phút, ngày 04 tháng 3 năm 2026``."""
    if value is None:
        return BLANK
    return f"{clock_text(value)}, {day_text(value)}"


def short_text(value: datetime | None) -> str:
    """``09:00 03/03/2026``, for the narrow columns of a register."""
    return f"{value:%H:%M %d/%m/%Y}" if value else ""


def place_date(place: str, value: date | None) -> str:
    """``Điện Biên, ngày 03 tháng 3 năm 2026`` (blank day when unknown)."""
    day = day_text(value) if value else "ngày …… tháng …… năm ……"
    return f"{place}, {day}" if place else day[:1].upper() + day[1:]


_UNIT_WORDS = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+",
    re.IGNORECASE,
)


def place_name(unit_title: str) -> str:
    """The place of a People's Committee: ``UBND huyện Điện Biên`` ->
    ``Điện Biên``; other titles give no place (``""``)."""
    title = (unit_title or "").strip()
    match = _UNIT_WORDS.match(title)
    return title[match.end() :].strip() if match else ""


def money_text(amount: int | None) -> str:
    """``2.000 đồng``; nothing to pay says so."""
    if not amount:
        return "Không thu phí, lệ phí"
    return f"{amount:,} đồng".replace(",", ".")


def number_text(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return str(number).replace(".", ",")


def processing_time_text(terms: dict | None) -> str:
    """The legal processing time of the frozen terms, in words."""
    if not terms:
        return BLANK
    unit = terms.get("time_unit")
    value = terms.get("time_value") or 0
    if unit == "same_day":
        cutoff = terms.get("cutoff") or ""
        if cutoff:
            hour, minute = (int(part) for part in cutoff.split(":"))
            return (
                "Trong ngày làm việc (hồ sơ nhận trước "
                f"{hour:02d} giờ {minute:02d} phút)"
            )
        return "Trong ngày làm việc"
    words = {
        "working_days": "ngày làm việc",
        "working_hours": "giờ làm việc",
        "calendar_days": "ngày",
    }
    return f"{number_text(value)} {words.get(unit, unit or '')}".strip()


def lookup_link(lookup_url: str, code: str) -> str:
    """The lookup page for one dossier: ``…/tra-cuu-ho-so?code=<code>``.

    Never the verification digits: the applicant types them."""
    return f"{lookup_url}?code={quote(code, safe='')}"


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a PNG image (black on white, 4-module quiet
    zone, medium error correction)."""
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=4
    )
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# -- Building blocks -----------------------------------------------------------


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
    papers = tuple(
        (
            str(number),
            paper.name,
            PAPER_KIND_TEXTS.get(paper.kind, paper.kind),
            f"{paper.count:02d}",
        )
        for number, paper in enumerate(data.papers, 1)
    ) or (("", BLANK, "", ""),)
    link = lookup_link(data.lookup_url, data.code)
    blocks = [
        _line(f"{desk.title} tiếp nhận hồ sơ của", data.applicant_name, bold=True),
        _line("Số định danh cá nhân", data.applicant_id_number),
        _line("Địa chỉ", data.applicant_address),
        _contact(data),
        _line("Nội dung yêu cầu giải quyết", _procedure(data)),
        _line("Hình thức nộp", CHANNEL_TEXTS.get(data.channel, data.channel)),
        _text("1. Thành phần hồ sơ nộp gồm:"),
        Table(
            ("TT", "Tên loại giấy tờ", "Hình thức (bản chính, bản sao)", "Số lượng"),
            papers,
            (1, 9, 4, 2.2),
            ("center", "left", "center", "center"),
        ),
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
        blocks.append(
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
            )
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
    rows = tuple(
        (
            str(number),
            moment_text(step.time),
            _unit_title(data, step.from_unit),
            _unit_title(data, step.to_unit),
            ACTION_TITLES.get(step.action, step.action),
            step.actor,
            TIMELINESS_TITLES.get(step.timeliness or "", ""),
            step.note
            if step.action != "apology"
            else f"{step.note} (hẹn lại: {moment_text(step.appointment)})",
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
            (0.9, 3.2, 2.6, 2.6, 3, 2, 2, 2.6),
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
        landscape=True,
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
        (0.8, 2.6, 3.2, 1.2, 2.2, 2.6, 2.2, 1.6, 1.6, 1.6, 1.6, 1.6, 1.8),
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


# -- Word --------------------------------------------------------------------


def to_docx(slip: Slip) -> bytes:
    """The slip as a .docx: A4, Times New Roman 13 pt, the two-column
    heading (issuing unit | national heading and motto, place and date),
    the title, the content, the signatures; the QR code as an image."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from docx.shared import Pt

    aligns = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        qn("w:eastAsia"), "Times New Roman"
    )
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    section = document.sections[0]
    if slip.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    width = section.page_width - section.left_margin - section.right_margin

    def paragraph(container, runs, align="justify", size=None, after=None):
        para = container.add_paragraph()
        para.alignment = aligns[align]
        if after is not None:
            para.paragraph_format.space_after = Pt(after)
        for item in runs:
            run = para.add_run(item.text)
            run.bold = item.bold or None
            run.italic = item.italic or None
            if size:
                run.font.size = Pt(size)
        return para

    def first(cell, runs, align="center", size=None, after=0):
        para = cell.paragraphs[0]
        para.alignment = aligns[align]
        para.paragraph_format.space_after = Pt(after)
        for item in runs:
            run = para.add_run(item.text)
            run.bold = item.bold or None
            run.italic = item.italic or None
            if size:
                run.font.size = Pt(size)
        return para

    def widths(table, relative):
        total = sum(relative)
        table.autofit = False
        for index, share in enumerate(relative):
            column_width = int(width * share / total)
            table.columns[index].width = column_width
            for cell in table.columns[index].cells:
                cell.width = column_width

    def gap(points):
        """An empty paragraph ``points`` high (it also keeps two tables
        from merging)."""
        para = document.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.line_spacing = Pt(points)
        return para

    def no_borders(table):
        borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
        if borders is not None:
            table._tbl.tblPr.remove(borders)

    # Form number, top right.
    paragraph(document, (Run(slip.form_label, italic=True),), "right", 11, 0)

    # Heading: issuing unit | national heading, motto, place and date.
    heading = document.add_table(rows=1, cols=2)
    no_borders(heading)
    widths(heading, (2, 3) if not slip.landscape else (1, 1))
    left, right = heading.rows[0].cells
    for index, line in enumerate(slip.issuer or ("",)):
        runs = (Run(line, bold=index == len(slip.issuer) - 1),)
        if index == 0:
            first(left, runs, size=12)
        else:
            paragraph(left, runs, "center", 12, 0)
    rule = paragraph(left, (Run("———————"),), "center", 9, 0)
    rule.runs[0].bold = True
    first(right, (Run(NATIONAL_HEADING, bold=True),), size=12)
    motto = paragraph(right, (Run(MOTTO, bold=True),), "center", 13, 6)
    motto.runs[0].underline = True
    paragraph(right, (Run(slip.place_date, italic=True),), "center", 13, 0)

    # Title and subtitle.
    gap(14)
    paragraph(document, (Run(slip.title, bold=True),), "center", 14, 3)
    for para in slip.subtitle:
        paragraph(document, para.runs, para.align)
    gap(6)

    for block in slip.blocks:
        if block.kind == "paragraph":
            para = paragraph(document, block.runs, block.align)
            if block.indent:
                para.paragraph_format.left_indent = Cm(0.75)
        elif block.kind == "table":
            size = 10 if slip.landscape else 12
            table = document.add_table(
                rows=1 + len(block.rows), cols=len(block.headers)
            )
            table.style = document.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths(table, block.widths)
            for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                first(cell, (Run(header, bold=True),), "center", size)
            header_row = table.rows[0]._tr.get_or_add_trPr()
            repeat = header_row.makeelement(qn("w:tblHeader"), {})
            header_row.append(repeat)
            column_aligns = block.aligns or ("left",) * len(block.headers)
            for row, values in zip(table.rows[1:], block.rows, strict=True):
                for cell, value, align in zip(
                    row.cells, values, column_aligns, strict=True
                ):
                    first(cell, (Run(value),), align, size)
            gap(6)
        elif block.kind == "qr":
            table = document.add_table(rows=1, cols=2)
            no_borders(table)
            widths(table, (1, 4))
            image_cell, caption_cell = table.rows[0].cells
            picture = image_cell.paragraphs[0]
            picture.alignment = aligns["center"]
            picture.add_run().add_picture(io.BytesIO(block.png), width=Cm(3))
            caption_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            first(caption_cell, block.caption, "left", 12)
            gap(6)

    if slip.signatures:
        gap(6)
        # One signature sits on the right half, as in every form.
        count = max(2, len(slip.signatures))
        signers = document.add_table(rows=1, cols=count)
        no_borders(signers)
        widths(signers, (1,) * count)
        cells = signers.rows[0].cells[count - len(slip.signatures) :]
        for cell, signature in zip(cells, slip.signatures, strict=True):
            first(cell, (Run(signature.title, bold=True),))
            paragraph(cell, (Run(signature.note, italic=True),), "center", None, 0)
            for _blank in range(3):
                paragraph(cell, (Run(""),), "center", None, 0)
            paragraph(cell, (Run(signature.name, bold=True),), "center", None, 0)

    properties = document.core_properties
    properties.title = slip.title
    properties.subject = slip.form_label
    properties.author = slip.issuer[-1] if slip.issuer else ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
