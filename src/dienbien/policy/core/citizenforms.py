"""Rules of the citizens' forms (plain Python).

- an attachment to a question is small and of a kind a unit can open;
- a draft normative document takes comments until the end of its closing
  day (local time), and not before it was opened for comment;
- a question published as a Q&A entry keeps the question and the answer,
  never who asked nor how to reach them.
"""

from collections.abc import Mapping
from datetime import date
from datetime import datetime


ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = ("pdf", "doc", "docx", "jpg", "jpeg", "png")

#: What a Q&A entry may hold of a stored question: the citizen's name,
#: contact and attachment never reach the public page.
PUBLIC_QUESTION_FIELDS = ("subject", "message", "unit")


def attachment_problem(filename: str, size: int) -> str | None:
    """``"type"`` or ``"size"`` when the file cannot be attached, else None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ATTACHMENT_TYPES:
        return "type"
    if size > ATTACHMENT_MAX_BYTES:
        return "size"
    return None


#: What a spreadsheet program would read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value) -> str:
    """A citizen's text as a spreadsheet cell: never a formula (a message
    starting with "=" would otherwise run when a clerk opens the export)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def consultation_open(closes: date | None, now: datetime) -> bool:
    """A draft is open for comment through its closing day."""
    return closes is not None and now.date() <= closes


def qa_entry(
    question: Mapping, answer: str, answered: datetime, sample: bool = False
) -> dict:
    """The public Q&A entry of a stored question and an editor's answer."""
    answer = (answer or "").strip()
    if not answer:
        raise ValueError("answer")
    entry = {
        name: (question.get(name) or "").strip() for name in PUBLIC_QUESTION_FIELDS
    }
    if not entry["subject"] or not entry["message"]:
        raise ValueError("question")
    entry.update(answer=answer, answered=answered, sample=sample)
    return entry
