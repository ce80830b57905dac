"""A slip as a Word file (.docx), built with python-docx."""

from dienbien.policy.dossiers.slips.model import MOTTO
from dienbien.policy.dossiers.slips.model import NATIONAL_HEADING
from dienbien.policy.dossiers.slips.model import Run
from dienbien.policy.dossiers.slips.model import Slip

import io


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
            # Many columns (the control slip, the register) set smaller.
            size = 10 if slip.landscape or len(block.headers) >= 8 else 12
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
