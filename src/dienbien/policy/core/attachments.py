"""The text of an attached file, for the officers' search (issue 11 item 7).

A PDF is read by ``pdftotext`` of Debian's poppler-utils (run without a
shell, on a temporary copy, with a page limit and a timeout); a ``.docx`` by
python-docx (paragraphs, then table cells). Other files have no text. The
text is bounded (``MAX_CHARS``) and its white space collapsed, so what is
stored beside a document stays small whatever was attached. Plain Python:
the Plone side (where the text is kept, who may search it) is
``correspondence/fulltext.py``.

Nothing here raises on a bad file: a broken or encrypted PDF, a file that
is not a .docx, a ``pdftotext`` that is missing or too slow give an
``Extraction`` with no text and the ``problem`` named, for the caller to log.
"""

from dataclasses import dataclass
from typing import BinaryIO

import io
import re
import shutil
import subprocess
import tempfile
import zipfile


PDF = "pdf"
DOCX = "docx"

#: The most characters kept of one file's text (about 60 pages of prose).
MAX_CHARS = 200_000
#: Files larger than this are not read at all.
MAX_BYTES = 50 * 1024 * 1024
#: pdftotext reads the first pages only, and gives up after this many seconds.
MAX_PAGES = 200
TIMEOUT = 30.0
PDFTOTEXT = "pdftotext"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Why a file gave no text.
MISSING_TOOL = "missing-tool"
TOO_LARGE = "too-large"
TIMED_OUT = "timed-out"
UNREADABLE = "unreadable"

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Extraction:
    text: str = ""
    problem: str | None = None


def kind_of(filename: str | None, content_type: str | None) -> str | None:
    """``PDF``, ``DOCX`` or ``None`` (no text read), by type or extension."""
    name = (filename or "").lower()
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type == "application/pdf" or name.endswith(".pdf"):
        return PDF
    if content_type == DOCX_TYPE or name.endswith(".docx"):
        return DOCX
    return None


def bounded(text: str, limit: int = MAX_CHARS) -> str:
    """White space collapsed, at most ``limit`` characters, cut at a space
    (never inside a word, which would index a word that is not there)."""
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut


def pdftotext_available(command: str = PDFTOTEXT) -> bool:
    return shutil.which(command) is not None


def pdf_text(
    stream: BinaryIO,
    timeout: float = TIMEOUT,
    command: str = PDFTOTEXT,
    max_pages: int = MAX_PAGES,
) -> Extraction:
    """The text of a PDF by ``pdftotext``: UTF-8, first ``max_pages`` pages."""
    executable = shutil.which(command)
    if executable is None:
        return Extraction(problem=MISSING_TOOL)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        shutil.copyfileobj(stream, copy)
        copy.flush()
        try:
            # A list of arguments and no shell: the file name is ours, and
            # nothing of the upload reaches a command line.
            done = subprocess.run(
                [
                    executable,
                    "-q",
                    "-enc",
                    "UTF-8",
                    "-l",
                    str(max_pages),
                    copy.name,
                    "-",
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Extraction(problem=TIMED_OUT)
    if done.returncode != 0:
        return Extraction(problem=UNREADABLE)
    return Extraction(text=bounded(done.stdout.decode("utf-8", "replace")))


def docx_text(stream: BinaryIO) -> Extraction:
    """The text of a .docx: its paragraphs, then its tables' cells."""
    # python-docx, imported late: most attachments are PDFs.
    from docx.opc.exceptions import PackageNotFoundError

    import docx

    try:
        document = docx.Document(stream)
    except (
        PackageNotFoundError,
        ValueError,
        KeyError,
        zipfile.BadZipFile,
        OSError,
        SyntaxError,
    ):
        # Not a zip, a part missing, XML that lxml refuses (a SyntaxError).
        return Extraction(problem=UNREADABLE)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return Extraction(text=bounded(" ".join(parts)))


def extract(
    stream: BinaryIO,
    filename: str | None,
    content_type: str | None,
    size: int | None = None,
    timeout: float = TIMEOUT,
) -> Extraction:
    """The text of an attached file (``Extraction()`` for other kinds)."""
    kind = kind_of(filename, content_type)
    if kind is None:
        return Extraction()
    if size is not None and size > MAX_BYTES:
        return Extraction(problem=TOO_LARGE)
    if kind == PDF:
        return pdf_text(stream, timeout=timeout)
    return docx_text(io.BytesIO(stream.read(MAX_BYTES + 1)))
