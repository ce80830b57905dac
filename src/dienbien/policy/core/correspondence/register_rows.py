"""The rows of the three registers of Decree 30/2020 Appendix IV
(reference/exchange.md §1): what each column holds and how it is written.

- outgoing (sổ đăng ký văn bản đi): one row per number issued;
- incoming (sổ đăng ký văn bản đến): one row per incoming number;
- follow-up (sổ theo dõi giải quyết văn bản đến): one row per incoming
  document handed to someone to handle.

Plain data in, plain rows out: the print view, the .xlsx workbook and the
JSON of ``@registers`` all build their rows here, so that they agree cell for
cell. A cell holds a ``date`` (written ``dd/mm/yyyy``), an ``int`` or a
``str``; ``text`` writes any of them as the register prints it.

The words the rows add around the data (``số``, ``ngày``, the progress of a
document, the notes) come in a ``Words`` record: Vietnamese by default, as
the register is kept; the Plone side passes translated ones.
"""

from . import doctypes
from . import marks
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime

import re


OUTGOING = "outgoing"
INCOMING = "incoming"
FOLLOW_UP = "follow-up"
KINDS = (OUTGOING, INCOMING, FOLLOW_UP)

#: Joins the recipients of an outgoing document in one cell.
SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """One column: a stable id (the JSON key), its title as Appendix IV
    names it, an English default for the i18n message, what it holds
    (``text``, ``date``, ``number``) and a width in characters (Excel's unit;
    the print view shares it out in proportion)."""

    id: str
    title: str
    default: str
    kind: str = "text"
    width: float = 12


COLUMNS = {
    OUTGOING: (
        Column("notation", "Số, ký hiệu văn bản", "Number and notation", width=14),
        Column("date", "Ngày tháng văn bản", "Date of the document", "date", 11),
        Column(
            "summary", "Tên loại và trích yếu nội dung", "Type and summary", width=42
        ),
        Column("signer", "Người ký", "Signed by", width=16),
        Column("recipients", "Nơi nhận", "Recipients", width=30),
        Column(
            "file_keeper", "Đơn vị, người nhận bản lưu", "File copy kept by", width=16
        ),
        Column("copies", "Số lượng bản", "Copies", "number", 8),
        Column("sent", "Ngày chuyển", "Date sent", "date", 11),
        Column("acknowledged", "Ký nhận", "Received by (signature)", width=10),
        Column("notes", "Ghi chú", "Notes", width=14),
    ),
    INCOMING: (
        Column("received", "Ngày đến", "Date received", "date", 11),
        Column("number", "Số đến", "Incoming number", "number", 8),
        Column("author", "Tác giả", "Issuer", width=22),
        Column("notation", "Số, ký hiệu", "Number and notation", width=14),
        Column("date", "Ngày tháng văn bản", "Date of the document", "date", 11),
        Column(
            "summary", "Tên loại và trích yếu nội dung", "Type and summary", width=42
        ),
        Column("recipient", "Đơn vị hoặc người nhận", "Unit or person", width=22),
        Column("forwarded", "Ngày chuyển", "Date forwarded", "date", 11),
        Column("acknowledged", "Ký nhận", "Received by (signature)", width=10),
        Column("notes", "Ghi chú", "Notes", width=14),
    ),
    FOLLOW_UP: (
        Column("number", "Số đến", "Incoming number", "number", 8),
        Column(
            "document",
            "Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành",
            "Type, number and notation, date and issuer",
            width=44,
        ),
        Column("recipient", "Đơn vị hoặc người nhận", "Unit or person", width=24),
        Column("deadline", "Thời hạn giải quyết", "Deadline", "date", 11),
        Column("progress", "Tiến độ giải quyết", "Progress", width=28),
        Column(
            "reply",
            "Số, ký hiệu văn bản trả lời",
            "Number and notation of the reply",
            width=16,
        ),
        Column("notes", "Ghi chú", "Notes", width=14),
    ),
}

#: The register's title, as Appendix IV heads it; the secret registers are
#: kept apart (Art. 15; their title [unverified], see docs/correspondence.md).
TITLES = {
    (OUTGOING, False): "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
    (INCOMING, False): "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
    (FOLLOW_UP, False): "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
    (OUTGOING, True): "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI",
    (INCOMING, True): "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN",
    (FOLLOW_UP, True): "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN MẬT ĐẾN",
}

#: Workflow states whose documents hold a number, by register.
NUMBERED_STATES = {
    OUTGOING: ("issued", "sent", "recalled"),
    # A registered copy its sender recalled keeps its number (issue 11).
    INCOMING: ("registered", "assigned", "in_progress", "done", "returned", "recalled"),
    # Handed to someone: assigned, being handled or done.
    FOLLOW_UP: ("assigned", "in_progress", "done"),
}


def register_key(kind: str, unit: str, year: int, secret: bool) -> str:
    """The one catalog value that names a register: ``incoming:H15.50:2026:
    normal``. A numbered document carries its register's key, so that a
    year's register is one index lookup rather than the intersection of
    its kind, unit, year, series and number range over every document (the
    range alone walks one entry per number ever given). The follow-up
    register follows the incoming documents."""
    kind = OUTGOING if kind == OUTGOING else INCOMING
    return f"{kind}:{unit}:{year}:{'secret' if secret else 'normal'}"


@dataclass(frozen=True)
class Words:
    """The words a row adds around the data (Vietnamese as kept on paper;
    the Plone side gives translated ones)."""

    number: str = "số"
    dated: str = "ngày"
    of: str = "của"
    assigned: str = "Đã giao xử lý"
    in_progress: str = "Đang giải quyết"
    done: str = "Đã giải quyết ngày ${date}"
    returned: str = "Đã trả lại"
    recalled: str = "Đã thu hồi"
    overdue: str = "Quá hạn"


@dataclass(frozen=True)
class OutgoingEntry:
    """An issued document, as the catalog keeps it; names already resolved
    (the signer's full name, the recipient units' titles)."""

    notation: str
    doctype: str
    summary: str
    issued: datetime | date | None = None
    signer: str = ""
    recipients: tuple[str, ...] = ()
    file_keeper: str = ""
    copies: int | None = None
    sent: datetime | date | None = None
    state: str = "issued"
    urgency: str = "normal"
    confidentiality: str = "normal"


@dataclass(frozen=True)
class IncomingEntry:
    """A registered incoming document, as the catalog keeps it; ``recipient``
    is the handling unit's title and the handler's name, already resolved;
    ``reply`` the notation of the outgoing answer."""

    number: int
    received: datetime | date | None
    doctype: str
    summary: str
    author: str = ""
    notation: str = ""
    document_date: date | None = None
    recipient: str = ""
    forwarded: datetime | date | None = None
    deadline: date | None = None
    state: str = "registered"
    closed: datetime | date | None = None
    progress: str = ""
    reply: str = ""
    urgency: str = "normal"
    confidentiality: str = "normal"


#: Control characters (a tab or line break becomes a space, the rest goes):
#: a register's cell is one line, and a workbook cannot hold them.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value):
    """A cell's text on one line, without control characters."""
    if not isinstance(value, str) or value.isprintable():
        return value  # the usual case, checked fast
    return _CONTROLS.sub("", _BREAKS.sub(" ", value))


def _row(*cells) -> tuple:
    return tuple(clean(cell) for cell in cells)


def day(value) -> date | None:
    """The day of a moment (registers keep days, not times)."""
    if isinstance(value, datetime):
        return value.date()
    return value


def text(value) -> str:
    """A cell as the register prints it: ``05/03/2026``, ``12``, the text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def json_value(value):
    """A cell in JSON: numbers stay numbers, the rest as printed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return text(value)


def type_title(doctype: str) -> str:
    """The type's name (``Quyết định``); an unknown id is shown as it is."""
    try:
        return doctypes.document_type(doctype).title
    except KeyError:
        return doctype or ""


def type_and_summary(doctype: str, summary: str) -> str:
    """``Quyết định về việc …``: the type's name, then the summary."""
    parts = (type_title(doctype), " ".join((summary or "").split()))
    return " ".join(part for part in parts if part)


def _stamps(urgency: str, confidentiality: str) -> list[str]:
    stamps = []
    for level in (marks.urgency(urgency), marks.confidentiality(confidentiality)):
        if level.stamp:
            stamps.append(level.stamp)
    return stamps


def _notes(parts: Iterable[str]) -> str:
    return "; ".join(part for part in parts if part)


def outgoing_row(entry: OutgoingEntry, words: Words = Words()) -> tuple:
    """One row of the outgoing register, in the order of ``COLUMNS``."""
    notes = _stamps(entry.urgency, entry.confidentiality)
    if entry.state == "recalled":
        notes.append(words.recalled)
    return _row(
        entry.notation,
        day(entry.issued),
        type_and_summary(entry.doctype, entry.summary),
        entry.signer,
        SEPARATOR.join(r for r in entry.recipients if r),
        entry.file_keeper,
        entry.copies,
        day(entry.sent),
        "",
        _notes(notes),
    )


def incoming_row(entry: IncomingEntry, words: Words = Words()) -> tuple:
    """One row of the incoming register, in the order of ``COLUMNS``."""
    notes = _stamps(entry.urgency, entry.confidentiality)
    if entry.state == "returned":
        notes.append(words.returned)
    elif entry.state == "recalled":
        notes.append(words.recalled)
    return _row(
        day(entry.received),
        entry.number,
        entry.author,
        entry.notation,
        entry.document_date,
        type_and_summary(entry.doctype, entry.summary),
        entry.recipient,
        day(entry.forwarded),
        "",
        _notes(notes),
    )


def describe(entry: IncomingEntry, words: Words = Words()) -> str:
    """``Công văn số 3954/UBND-VX ngày 02/03/2026 của UBND tỉnh Điện Biên``:
    the follow-up register's document column."""
    parts = [type_title(entry.doctype)]
    if entry.notation:
        parts += [words.number, entry.notation]
    if entry.document_date:
        parts += [words.dated, text(entry.document_date)]
    if entry.author:
        parts += [words.of, entry.author]
    return " ".join(part for part in parts if part)


def progress(entry: IncomingEntry, words: Words = Words()) -> str:
    """Where the handling stands: assigned, in progress (with the handler's
    last note), done on a day."""
    if entry.state == "done":
        label = words.done.replace("${date}", text(day(entry.closed)))
    elif entry.state == "in_progress":
        label = words.in_progress
    elif entry.state == "returned":
        label = words.returned
    else:
        label = words.assigned
    note = " ".join((entry.progress or "").split())
    return f"{label}: {note}" if note and entry.state != "done" else label


def overdue(entry: IncomingEntry, today: date) -> bool:
    """Past its deadline: closed after it, or still open after it."""
    if entry.deadline is None:
        return False
    finished = day(entry.closed) if entry.state == "done" else None
    return (finished or today) > entry.deadline


def follow_up_row(entry: IncomingEntry, today: date, words: Words = Words()) -> tuple:
    """One row of the follow-up register, in the order of ``COLUMNS``;
    ``today`` decides what is overdue."""
    notes = _stamps(entry.urgency, entry.confidentiality)
    if overdue(entry, today):
        notes.append(words.overdue)
    return _row(
        entry.number,
        describe(entry, words),
        entry.recipient,
        entry.deadline,
        progress(entry, words),
        entry.reply,
        _notes(notes),
    )


def rows(kind: str, entries: Iterable, today: date, words: Words = Words()):
    """The rows of register ``kind`` for ``entries`` (in register order)."""
    return list(iter_rows(kind, entries, today, words))


def iter_rows(kind: str, entries: Iterable, today: date, words: Words = Words()):
    """``rows``, one at a time (a workbook writes each as it comes)."""
    if kind == OUTGOING:
        return (outgoing_row(entry, words) for entry in entries)
    if kind == INCOMING:
        return (incoming_row(entry, words) for entry in entries)
    if kind == FOLLOW_UP:
        return (follow_up_row(entry, today, words) for entry in entries)
    raise ValueError(f"unknown register {kind!r}")


def as_record(kind: str, row: tuple) -> dict:
    """A row as JSON: ``{column id: value}``."""
    return {
        column.id: json_value(value)
        for column, value in zip(COLUMNS[kind], row, strict=True)
    }


def title(kind: str, secret: bool = False) -> str:
    return TITLES[(kind, bool(secret))]
