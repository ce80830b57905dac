"""The spreadsheet of existing normative documents (import, item 8 of #12).

Two sheets, their Vietnamese column headings in row 1 (what a clerk fills):

``Văn bản``
    one row per document: number and notation, type, issuer (the unit's
    code), signer, position, signed date, effective from, effective until,
    fields (names or tokens separated by ``;``), summary, shortened procedure
``Quan hệ``
    one row per relation of a document of the first sheet: the document, the
    relation (căn cứ, thay thế, …), the target (a document of the same file or
    of the site), the target's issuer (when two issuers have that number), the
    day it applies, the part concerned, the day a suspension ends

``check_sheets`` reads plain rows (no Zope): every problem at once, each
located by sheet, row (header = 1) and column heading, the record rules
being those of ``documents.check_record`` (not repeated here). All or
nothing: the caller writes only when the list of problems is empty.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence.notation import NotationError
from dienbien.policy.core.correspondence.notation import parse_notation
from dienbien.policy.core.legal import validity
from dienbien.policy.core.legal.documents import check_record
from dienbien.policy.core.legal.documents import LEAD_DAYS
from dienbien.policy.core.legal.documents import LegalRecord
from dienbien.policy.core.messages import Problem

import io
import re
import unicodedata


DOCUMENTS = "Văn bản"
RELATIONS = "Quan hệ"

#: column id -> heading, in the sheet's order
DOCUMENT_COLUMNS = {
    "notation": "Số, ký hiệu",
    "doctype": "Loại văn bản",
    "issuer": "Cơ quan ban hành (mã)",
    "signer": "Người ký",
    "signer_position": "Chức vụ",
    "signed": "Ngày ký",
    "in_force_from": "Hiệu lực từ ngày",
    "in_force_until": "Hết hiệu lực từ ngày",
    "fields": "Lĩnh vực",
    "summary": "Trích yếu",
    "shortened": "Trình tự rút gọn",
}
RELATION_COLUMNS = {
    "source": "Văn bản",
    "source_issuer": "Cơ quan ban hành văn bản (mã)",
    "kind": "Quan hệ",
    "target": "Văn bản liên quan",
    "target_issuer": "Cơ quan ban hành văn bản liên quan (mã)",
    "on": "Từ ngày",
    "part": "Phần liên quan",
    "until": "Đến ngày (ngưng hiệu lực)",
}
REQUIRED = {
    DOCUMENTS: (
        "notation",
        "doctype",
        "issuer",
        "signer",
        "signed",
        "in_force_from",
        "summary",
    ),
    RELATIONS: ("source", "kind", "target"),
}

#: What a person writes for a relation -> its id (ids read too).
KIND_NAMES = {
    "căn cứ": validity.BASED_ON,
    "dẫn chiếu": validity.REFERS_TO,
    "hướng dẫn": validity.DETAILS,
    "quy định chi tiết": validity.DETAILS,
    "sửa đổi, bổ sung": validity.AMENDS,
    "sửa đổi": validity.AMENDS,
    "bổ sung": validity.AMENDS,
    "thay thế": validity.REPLACES,
    "bãi bỏ": validity.REPEALS,
    "đình chỉ": validity.SUSPENDS,
    "ngưng hiệu lực": validity.SUSPENDS,
}
YES = ("x", "có", "co", "1", "true", "yes")
NO = ("", "không", "khong", "0", "false", "no")


def heading(sheet: str, column: str) -> str:
    return (DOCUMENT_COLUMNS if sheet == DOCUMENTS else RELATION_COLUMNS)[column]


def document_key(notation: str, issuer: str | None) -> str | None:
    """``H15.50|05/2026/qđ-ubnd``, as the site's ``legal_key`` writes it."""
    try:
        canonical = parse_notation(notation or "").canonical
    except NotationError:
        return None
    return f"{issuer or ''}|{canonical}"


@dataclass
class ImportedDocument:
    row: int
    key: str
    values: dict  # the LegalDocument's fields, relations included
    relations: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What the site knows: units (code -> abbreviation), fields (token ->
    name), the keys of the register's documents, the lead time."""

    units: Mapping[str, str]
    fields: Mapping[str, str]
    known: frozenset = frozenset()
    lead_days: int = LEAD_DAYS


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().casefold()
    return re.sub(r"\s+", " ", text)


class _Row:
    """One row of a sheet, collecting its problems by column."""

    def __init__(self, sheet, number, cells, problems):
        self.sheet, self.number, self.cells = sheet, number, cells
        self.problems = problems

    def problem(self, column, template, mapping=None):
        self.problems.append(
            Problem(
                heading(self.sheet, column),
                template,
                dict(mapping or {}),
                self.number,
                self.sheet,
            )
        )

    def text(self, column) -> str:
        value = self.cells.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def day(self, column) -> date | None:
        value = self.cells.get(column)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.text(column)
        if not text:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.problem(column, "${value} is not a date (dd/mm/yyyy).", {"value": text})
        return None

    def flag(self, column) -> bool:
        value = self.cells.get(column)
        if isinstance(value, bool):
            return value
        text = _fold(self.text(column))
        if text in YES:
            return True
        if text not in NO:
            self.problem(
                column, "${value} is not “x” (yes) or empty (no).", {"value": text}
            )
        return False


def _doctype(text: str) -> str | None:
    wanted = _fold(text)
    for doctype in doctypes.normative_types():
        if wanted in (doctype.id, _fold(doctype.title), _fold(doctype.abbreviation)):
            return doctype.id
    return None


def _fields(row: _Row, fields: Mapping[str, str]) -> list[str]:
    by_name = {_fold(name): token for token, name in fields.items()}
    tokens = []
    for part in re.split(r"[;\n]", row.text("fields")):
        if not part.strip():
            continue
        token = part.strip() if part.strip() in fields else by_name.get(_fold(part))
        if token is None:
            row.problem("fields", "Unknown field ${value}.", {"value": part.strip()})
        elif token not in tokens:
            tokens.append(token)
    return tokens


def _required(row: _Row) -> bool:
    missing = [name for name in REQUIRED[row.sheet] if not row.text(name)]
    for name in missing:
        row.problem(name, "Required.")
    return not missing


def _read_document(row: _Row, context: Context, problems_before: int):
    complete = _required(row)
    doctype = _doctype(row.text("doctype")) if row.text("doctype") else None
    if row.text("doctype") and doctype is None:
        row.problem(
            "doctype",
            "${value} is not a type of normative document (Nghị quyết, Quyết định).",
            {"value": row.text("doctype")},
        )
    issuer = row.text("issuer")
    if issuer and issuer not in context.units:
        row.problem("issuer", "No unit has the code ${value}.", {"value": issuer})
    values = {
        "notation": row.text("notation"),
        "doctype": doctype,
        "issuer": issuer,
        "signer": row.text("signer"),
        "signer_position": row.text("signer_position"),
        "signed": row.day("signed"),
        "in_force_from": row.day("in_force_from"),
        "in_force_until": row.day("in_force_until"),
        "fields": _fields(row, context.fields),
        "summary": row.text("summary"),
        "shortened": row.flag("shortened"),
        "relations": [],
    }
    if complete and doctype and issuer in context.units:
        record = LegalRecord(
            notation=values["notation"],
            doctype=doctype,
            issuer_abbreviation=context.units[issuer],
            signed=values["signed"],
            effective=values["in_force_from"],
            end=values["in_force_until"],
            shortened=values["shortened"],
        )
        for problem in check_record(record, context.lead_days):
            row.problem(problem.field, problem.template, problem.mapping)
    key = document_key(values["notation"], issuer)
    if len(row.problems) > problems_before or key is None:
        return None
    return ImportedDocument(row.number, key, values)


def _resolve(row: _Row, notation, issuer, keys, context, column) -> str | None:
    """The key a relation's end names: the issuer given, else the only
    document with that number in the file or on the site."""
    key = document_key(notation, issuer)
    if key is None:
        row.problem(
            column,
            "The register holds no document ${value} to relate to.",
            {"value": notation},
        )
        return None
    if issuer:
        if key in keys:
            return key
        row.problem(
            column,
            "The register holds no document ${value} to relate to.",
            {"value": notation},
        )
        return None
    canonical = key.split("|", 1)[1]
    matches = sorted({k for k in keys if k.split("|", 1)[1] == canonical})
    if len(matches) == 1:
        return matches[0]
    if matches:
        row.problem(
            column,
            "Several issuers have a document ${value}: choose the issuer.",
            {"value": notation},
        )
    else:
        row.problem(
            column,
            "The register holds no document ${value} to relate to.",
            {"value": notation},
        )
    return None


def _read_relation(row: _Row, documents: dict, context: Context):
    if not _required(row):
        row.day("on")
        row.day("until")
        return
    source = _resolve(
        row,
        row.text("source"),
        row.text("source_issuer"),
        set(documents),
        context,
        "source",
    )
    kind_text = row.text("kind")
    kind = kind_text if kind_text in validity.RELATIONS else None
    kind = kind or KIND_NAMES.get(_fold(kind_text))
    if kind is None:
        row.problem(
            "kind",
            "${value} is not a relation (căn cứ, hướng dẫn, sửa đổi, bổ sung, "
            "thay thế, bãi bỏ, đình chỉ).",
            {"value": kind_text},
        )
    target = _resolve(
        row,
        row.text("target"),
        row.text("target_issuer"),
        set(documents) | set(context.known),
        context,
        "target",
    )
    on, until = row.day("on"), row.day("until")
    if until and kind and kind != validity.SUSPENDS:
        row.problem("until", "Only a suspension has an end date.")
    elif until and on and until <= on:
        row.problem("until", "The end of the suspension comes after its start.")
    if source and target and source == target:
        row.problem("target", "A document does not relate to itself.")
        return
    if source is None or target is None or kind is None:
        return
    documents[source].values["relations"].append(
        {
            "kind": kind,
            "target": row.text("target"),
            # Stored resolved: the site finds the target whatever the order
            # the documents were created in.
            "target_issuer": target.split("|", 1)[0],
            "part": row.text("part"),
            "on": on,
            "until": until,
        }
    )


def check_sheets(
    sheets: Mapping[str, Iterable[Mapping]], context: Context
) -> tuple[list[ImportedDocument], list[Problem]]:
    """``sheets``: sheet name -> rows of ``{column id: value}`` from row 2.
    Returns the documents (relations attached) and every problem."""
    problems: list[Problem] = []
    documents: dict[str, ImportedDocument] = {}
    for number, cells in enumerate(sheets.get(DOCUMENTS, ()), start=2):
        row = _Row(DOCUMENTS, number, cells, problems)
        before = len(problems)
        document = _read_document(row, context, before)
        if document is None:
            continue
        if document.key in documents:
            row.problem(
                "notation",
                "Row ${line} already has ${value}.",
                {"line": documents[document.key].row, "value": row.text("notation")},
            )
        elif document.key in context.known:
            row.problem(
                "notation",
                "The register already holds ${value}.",
                {"value": row.text("notation")},
            )
        else:
            documents[document.key] = document
    for number, cells in enumerate(sheets.get(RELATIONS, ()), start=2):
        _read_relation(_Row(RELATIONS, number, cells, problems), documents, context)
    return list(documents.values()), problems


# The workbook ----------------------------------------------------------------

COLUMNS = {DOCUMENTS: DOCUMENT_COLUMNS, RELATIONS: RELATION_COLUMNS}


def read_workbook(data: bytes) -> tuple[dict, list[Problem]]:
    """``{sheet: [{column id: value}]}`` from an ``.xlsx`` file; a missing
    sheet or column is a problem of the file."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file it cannot read
        return {}, [Problem("file", "The file is not an .xlsx workbook.")]
    sheets, problems = {}, []
    for name, columns in COLUMNS.items():
        if name not in workbook.sheetnames:
            if name == DOCUMENTS:
                problems.append(
                    Problem(
                        "file", "The workbook has no sheet ${value}.", {"value": name}
                    )
                )
            continue
        rows = workbook[name].iter_rows(values_only=True)
        header = [_fold(cell or "") for cell in next(rows, ())]
        where = {}
        for column, title in columns.items():
            if _fold(title) in header:
                where[column] = header.index(_fold(title))
            elif column in REQUIRED[name]:
                problems.append(
                    Problem(
                        title,
                        "The sheet has no column ${value}.",
                        {"value": title},
                        1,
                        name,
                    )
                )
        sheets[name] = [
            {
                column: (cells[index] if index < len(cells) else None)
                for column, index in where.items()
            }
            for cells in rows
            if any(cell not in (None, "") for cell in cells)
        ]
    workbook.close()
    return sheets, problems


def write_workbook(sheets: Mapping[str, Iterable[Mapping]] | None = None) -> bytes:
    """A workbook in the import's layout: the headings (bold, frozen) and
    ``sheets``' rows (``{column id: value}``); without rows, the empty template."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, columns in COLUMNS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns.values()))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 40 if column == "summary" else 18
        for values in (sheets or {}).get(name, ()):
            sheet.append([_cell(values.get(column)) for column in columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value):
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return value
