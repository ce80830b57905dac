"""The file format of the procedure catalogue: XLSX, zipped CSV and JSON.

One procedure spreads over three tables, each with the column ids in row 1:

``procedures``
    one row per procedure: code, title, field, level, unit, applicants, steps,
    conditions, result, legal_basis, publication_decision, online_service,
    online_partial_reason, boundary_free, in_force_from, abolished_on, state
``channels``
    one row per way of submitting it (code, channel, time_value, time_unit,
    cutoff, fee, note), linked to its procedure by ``code``
``components``
    one row per paper of the dossier (code, name, originals, copies, form)

Formats (``fmt``):

``xlsx``
    a workbook with the three sheets, for people: typed cells (dates, numbers,
    TRUE/FALSE), drop-down lists for the fixed vocabularies, frozen headers.
``csv``
    a ``.zip`` holding ``procedures.csv``, ``channels.csv`` and
    ``components.csv`` (UTF-8 with BOM, so Excel shows Vietnamese correctly;
    ``;`` separators as Excel writes them in a Vietnamese locale are accepted)
    and, optionally, the form files as ``forms/<procedure code>/<form>``. The
    zip is the complete catalogue: the only format that carries form files,
    readable by any tool and diffable line by line.
``json``
    ``{"procedures": [{..., "channels": [...], "components": [...]}]}``, the
    shape of the core dataclasses; the demo data is kept in it.

``state`` is the workflow state (draft, pending, published, abolished) or
empty: an existing procedure keeps its state, a new one stays a draft.

Reading reports every problem at once, each located where a person fixes it:
``Problem.sheet`` (the sheet or CSV file), ``Problem.line`` (the spreadsheet
row, header = 1) and ``Problem.field`` (the column id). JSON problems carry
the position of the procedure in the list as ``line`` and a path such as
``channels.2.fee`` as ``field``. Values are read stripped of surrounding white
space; writing is deterministic (same catalogue, same bytes) and
``read_workbook(write_workbook(items, fmt), fmt)`` gives ``items`` back
(in XLSX numbers to 15 significant digits, Excel's precision).
"""

from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import Procedure

import pathlib
import re


FORMATS = ("xlsx", "csv", "json")
#: File name suffix -> format.
SUFFIXES = {".xlsx": "xlsx", ".zip": "csv", ".json": "json"}
STATES = ("draft", "pending", "published", "abolished")

PROCEDURE_COLUMNS = (
    "code",
    "title",
    "field",
    "level",
    "unit",
    "applicants",
    "steps",
    "conditions",
    "result",
    "legal_basis",
    "publication_decision",
    "online_service",
    "online_partial_reason",
    "boundary_free",
    "in_force_from",
    "abolished_on",
    "state",
)
CHANNEL_COLUMNS = (
    "code",
    "channel",
    "time_value",
    "time_unit",
    "cutoff",
    "fee",
    "note",
)
COMPONENT_COLUMNS = ("code", "name", "originals", "copies", "form")
SHEETS = {
    "procedures": PROCEDURE_COLUMNS,
    "channels": CHANNEL_COLUMNS,
    "components": COMPONENT_COLUMNS,
}
REQUIRED_COLUMNS = {
    "procedures": ("code", "title", "field", "level"),
    "channels": ("code", "channel"),
    "components": ("code", "name"),
}
#: A catalogue without components is possible; without channels it is not.
REQUIRED_SHEETS = ("procedures", "channels")
FORMS_FOLDER = "forms"
#: The id a form file gets inside its procedure.
FORM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

#: Refuse archives that unpack to more than this (zip bombs).
MAX_UNPACKED = 200 * 2**20
#: Excel's limit on the text of one cell.
XLSX_CELL_MAX = 32767
#: Characters XML 1.0 (so XLSX) cannot hold; dropped on writing, any format.
ILLEGAL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
#: Zip entries get this time stamp, so that equal catalogues are equal bytes.
#: CSV cells starting like a formula are written behind an apostrophe, which
#: the reader drops again (spreadsheet formula injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

Item = tuple[Procedure, str]
FormKey = tuple[str, str]


def format_of(filename: str) -> str:
    """The format of a file by its name: ``.xlsx``, ``.zip`` (CSV), ``.json``."""
    suffix = pathlib.PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{filename}: expected a .xlsx, .zip (CSV) or .json file")
    return SUFFIXES[suffix]


def describe(problem: Problem) -> str:
    """One problem as a person reads it: where, then what."""
    if problem.sheet:
        where = problem.sheet
        if problem.line is not None:
            where += f" row {problem.line}"
        where += f", column {problem.field}" if problem.field != "file" else ""
    elif problem.line is not None:
        where = f"procedure {problem.line}, {problem.field}"
    else:
        where = problem.field
    return f"{where}: {problem.message}"
