"""The register's lists as annexes to the publishing decision, in .xlsx
(openpyxl) and .docx (python-docx): the annex heading ("PHỤ LỤC", the
list's name, the issuer, the year or period, the decision it goes with),
then one table — STT, type, number, date, summary and the list's own
columns — split into sections (wholly expired, partly expired…).

Written from the JSON of ``lists.py`` so the files say what the API says.
Columns as the forms of the decree on systematisation lay them out
(docs/legal.md; the exact forms are [unverified]).
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from dienbien.policy import _
from dienbien.policy.core.legal import validity
from dienbien.policy.legal.lists import day_text
from dienbien.policy.legal.lists import SECTIONS
from zope.i18n import translate

import io


FONT = "Times New Roman"
ROMAN = ("I", "II", "III")


@dataclass
class Annex:
    label: str  # "PHỤ LỤC I"
    title: str  # the list's name, upper case on paper
    lines: list[str]  # issuer, year or period, "kèm theo Quyết định…"
    columns: list[tuple[str, float]]  # title, width (characters)
    #: ``(section heading or "", rows)``; each row one value per column.
    sections: list[tuple[str, list[list]]] = field(default_factory=list)
    dates: tuple[int, ...] = ()  # the columns holding dates

    def rows(self):
        """The rows, without the section headings."""
        return [row for _heading, rows in self.sections for row in rows]


def _t(message, request):
    return translate(message, context=request)


def _common_columns(request):
    return [
        (_t(_("annex_col_number", default="No."), request), 5),
        (_t(_("annex_col_type", default="Document type"), request), 12),
        (_t(_("annex_col_notation", default="Number and notation"), request), 16),
        (_t(_("annex_col_date", default="Date issued"), request), 11),
        (_t(_("annex_col_summary", default="Title (summary)"), request), 40),
    ]


def _decision_line(issuer, request):
    return _t(
        _(
            "annex_with_decision",
            default="(Issued with Decision No. …… of ${issuer})",
            mapping={"issuer": issuer or "……"},
        ),
        request,
    )


def _issuer_line(data, request):
    issuer = data.get("issuer")
    return (
        issuer["title"]
        if issuer
        else _t(_("annex_all_issuers", default="All issuing bodies"), request)
    )


def _day(iso):
    return date.fromisoformat(iso) if iso else None


def _common(item, number):
    return [
        number,
        item["docTypeName"],
        item["docNum"],
        _day(item["issueDate"]),
        item["summary"],
    ]


def _section_titles(request):
    return {
        validity.EXPIRED: _t(
            _("annex_section_expired", default="A. Wholly expired"), request
        ),
        validity.PARTLY_EXPIRED: _t(
            _("annex_section_partly_expired", default="B. Partly expired"), request
        ),
        validity.SUSPENDED: _t(
            _("annex_section_suspended", default="C. Wholly suspended"), request
        ),
        validity.PARTLY_SUSPENDED: _t(
            _("annex_section_partly_suspended", default="D. Partly suspended"),
            request,
        ),
    }


def _expired_annex(label, title, lines, items, request) -> Annex:
    columns = [
        *_common_columns(request),
        (
            _t(
                _("annex_col_parts", default="Provisions expired or suspended"),
                request,
            ),
            20,
        ),
        (_t(_("annex_col_grounds", default="Grounds"), request), 30),
        (
            _t(_("annex_col_expired_on", default="Expired or suspended from"), request),
            12,
        ),
    ]
    titles = _section_titles(request)
    sections = []
    number = 0
    for status in SECTIONS:
        rows = []
        for item in items:
            if item["status"]["code"] != status:
                continue
            number += 1
            rows.append(
                [
                    *_common(item, number),
                    "; ".join(item["parts"]),
                    "; ".join(ground["text"] for ground in item["grounds"]),
                    _day(item["day"]),
                ]
            )
        if rows:
            sections.append((titles[status], rows))
    return Annex(label, title, lines, columns, sections, dates=(3, 7))


def expired_annexes(data, request) -> list[Annex]:
    issuer = _issuer_line(data, request)
    lines = [issuer, _decision_line(data.get("issuer", {}) and issuer, request)]
    return [
        _expired_annex(
            _t(_("annex_label", default="ANNEX"), request),
            data["title"],
            lines,
            data["items"],
            request,
        )
    ]


def systematisation_annexes(data, request) -> list[Annex]:
    issuer = _issuer_line(data, request)
    period = _t(
        _(
            "annex_period_line",
            default="Systematisation period ${period} (reference date ${day})",
            mapping={
                "period": data["period"].replace("-", "–"),
                "day": day_text(data["referenceDate"]),
            },
        ),
        request,
    )
    lines = [issuer, period, _decision_line(data.get("issuer") and issuer, request)]
    label = _t(_("annex_label", default="ANNEX"), request)
    lists = data["lists"]

    in_force = lists["in_force"]
    first = Annex(
        f"{label} {ROMAN[0]}",
        in_force["title"],
        lines,
        [
            *_common_columns(request),
            (_t(_("annex_col_in_force_from", default="In force from"), request), 12),
            (_t(_("annex_col_note", default="Note"), request), 24),
        ],
        dates=(3, 5),
    )
    first.sections.append(
        (
            "",
            [
                [*_common(item, n), _day(item["effFrom"]), item["note"]]
                for n, item in enumerate(in_force["items"], start=1)
            ],
        )
    )
    expired = lists["expired"]
    second = _expired_annex(
        f"{label} {ROMAN[1]}", expired["title"], lines, expired["items"], request
    )
    revise = lists["to_revise"]
    third = Annex(
        f"{label} {ROMAN[2]}",
        revise["title"],
        lines,
        [
            *_common_columns(request),
            (_t(_("annex_col_proposal", default="Proposal"), request), 16),
            (_t(_("annex_col_reason", default="Reason for the proposal"), request), 36),
        ],
        dates=(3,),
    )
    third.sections.append(
        (
            "",
            [
                [*_common(item, n), item["proposal"]["name"], item["reason"]]
                for n, item in enumerate(revise["items"], start=1)
            ],
        )
    )
    return [first, second, third]


# -- .xlsx --------------------------------------------------------------


def to_xlsx(annexes: list[Annex]) -> bytes:
    """One sheet per annex: heading lines, the header row (repeated on each
    printed page), section rows merged across, A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Border
    from openpyxl.styles import Font
    from openpyxl.styles import Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for annex in annexes:
        sheet = workbook.create_sheet(annex.label[:31])
        width = len(annex.columns)
        last = get_column_letter(width)
        for index, (_title, chars) in enumerate(annex.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = chars
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        row = 0
        for text, font in (
            (annex.label, Font(name=FONT, bold=True, size=13)),
            (annex.title.upper(), Font(name=FONT, bold=True, size=13)),
            *((line, Font(name=FONT, italic=True, size=12)) for line in annex.lines),
        ):
            row += 1
            cell = sheet.cell(row=row, column=1, value=text)
            cell.font, cell.alignment = font, centred
            sheet.merge_cells(f"A{row}:{last}{row}")
        row += 2
        for index, (title, _chars) in enumerate(annex.columns, start=1):
            cell = sheet.cell(row=row, column=index, value=title)
            cell.font = Font(name=FONT, bold=True, size=11)
            cell.alignment, cell.border = centred, border
        sheet.print_title_rows = f"{row}:{row}"
        sheet.freeze_panes = f"A{row + 1}"
        body = Font(name=FONT, size=11)
        for heading, rows in annex.sections:
            if heading:
                row += 1
                cell = sheet.cell(row=row, column=1, value=heading)
                cell.font = Font(name=FONT, bold=True, size=11)
                sheet.merge_cells(f"A{row}:{last}{row}")
            for values in rows:
                row += 1
                for index, value in enumerate(values):
                    cell = sheet.cell(row=row, column=index + 1)
                    cell.value = value if value != "" else None
                    if cell.data_type == "f":
                        cell.data_type = "s"  # typed text, never a formula
                    cell.font, cell.alignment, cell.border = body, wrap, border
                    if index in annex.dates:
                        cell.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- .docx --------------------------------------------------------------


def to_docx(annexes: list[Annex]) -> bytes:
    """A4 landscape, Times New Roman; each annex on its own page: label,
    title, lines, then the table (header repeated on each page)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(2)

    def landscape(section):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin, section.right_margin = Cm(2), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)

    def centred(text, bold=False, italic=False, size=12):
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)
        return para

    def text_of(value):
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return "" if value is None else str(value)

    landscape(document.sections[0])
    for position, annex in enumerate(annexes):
        if position:
            landscape(document.add_section(WD_SECTION.NEW_PAGE))
        centred(annex.label, bold=True, size=13)
        centred(annex.title.upper(), bold=True, size=13)
        for line in annex.lines:
            centred(line, italic=True)
        document.add_paragraph()
        table = document.add_table(rows=1, cols=len(annex.columns))
        table.style = "Table Grid"
        header = table.rows[0]
        # The header row again on every page.
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(marker)
        for cell, (title, _chars) in zip(header.cells, annex.columns, strict=True):
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(title).bold = True
        for heading, rows in annex.sections:
            if heading:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                merged.paragraphs[0].add_run(heading).bold = True
            for values in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, values, strict=True):
                    cell.paragraphs[0].add_run(text_of(value))
        total = sum(chars for _title, chars in annex.columns)
        usable = Cm(29.7 - 3.5)
        for index, (_title, chars) in enumerate(annex.columns):
            for cell in table.columns[index].cells:
                cell.width = int(usable * chars / total)
    document.core_properties.author = "dienbien.policy"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WRITERS = {"xlsx": to_xlsx, "docx": to_docx}


def expired_file(data, params, request) -> tuple[bytes, str]:
    """The yearly list as ``params.format``: the bytes and the file name."""
    issuer = f"-{params.issuer}" if params.issuer else ""
    name = f"danh-muc-van-ban-het-hieu-luc-{params.year}{issuer}.{params.format}"
    return WRITERS[params.format](expired_annexes(data, request)), name


def systematisation_file(data, params, request) -> tuple[bytes, str]:
    first, last = params.period
    issuer = f"-{params.issuer}" if params.issuer else ""
    name = f"he-thong-hoa-van-ban-{first}-{last}{issuer}.{params.format}"
    return WRITERS[params.format](systematisation_annexes(data, request)), name


def send(request, body: bytes, name: str, fmt: str) -> bytes:
    """Set the download headers of a list's file; the body itself."""
    from dienbien.policy.legal.lists import FORMATS

    response = request.response
    response.setHeader("Content-Type", FORMATS[fmt])
    response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
    return body
