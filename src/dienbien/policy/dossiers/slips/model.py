"""The slips as plain data: the facts of a dossier they are built from
(``SlipData``), and their content (paragraphs, tables, signatures) that the
HTML page and the Word file both render. The fixed texts of the forms are
here too: legal form texts, in Vietnamese."""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime


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
    "reorganise": "Bàn giao hồ sơ do sắp xếp tổ chức",
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
    #: The supplement papers that arrived (``receive_supplement``), by name.
    papers: tuple[str, ...] = ()


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
