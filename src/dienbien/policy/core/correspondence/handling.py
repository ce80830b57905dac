"""Handling an incoming document (Decree 30/2020 Art. 20–24, domain.md §3).

The clerical office registers what arrives (arrival time, sender, the
sender's number and notation, date, type, summary, marks); a leader assigns
it (instruction, handling unit or person, co-handlers, a deadline on the
working calendar); the handler records progress and closes it, optionally
with the outgoing reply. Each step's checks are here as ``Problem`` lists on
the form's fields; the Plone shell stores the result.

Timing [law]: registered and forwarded (assigned) the same working day, at
the latest the next one; khẩn and above at once. Deadlines [decision]: N
working days from the assignment, fewer for urgent documents — the site may
change N, the ratios stay.
"""

from ..calendar import WorkingCalendar
from ..messages import Problem
from ..text import fold
from . import doctypes
from . import marks
from .notation import Notation
from .notation import NotationError
from .notation import parse_notation
from .registers import duplicate_key
from dataclasses import dataclass
from datetime import date
from datetime import datetime


#: Working days a leader is offered by default to handle an ordinary document.
DEFAULT_HANDLING_DAYS = 10

#: The share of those days offered for an urgent one (khẩn: half, thượng
#: khẩn: a fifth, hỏa tốc: the same day), never less than one day.
URGENT_SHARE = {"normal": 1.0, "urgent": 0.5, "very_urgent": 0.2, "flash": 0.0}

#: The longest text a clerk types in a one-line field.
MAX_LINE = 300


@dataclass(frozen=True)
class Registration:
    """What the clerk entered, checked."""

    received: datetime
    sender_unit: str
    sender_name: str
    notation: Notation
    sender_notation: str
    sender_date: date
    doctype: str
    summary: str
    urgency: str
    confidentiality: str

    @property
    def duplicate_key(self) -> tuple:
        return registration_key(
            self.sender_unit, self.sender_name, self.notation, self.sender_date
        )


def sender_key(sender_unit: str, sender_name: str) -> str:
    """The sender as the duplicate check compares it: the unit's code, or
    the organisation's name typed with or without marks and in any case."""
    if sender_unit:
        return f"unit:{sender_unit}"
    return "name:" + " ".join(fold(sender_name or "").split())


def registration_key(
    sender_unit: str, sender_name: str, notation: Notation, sender_date: date
) -> tuple:
    """``registers.duplicate_key`` of a received document."""
    return duplicate_key(sender_key(sender_unit, sender_name), notation, sender_date)


def _required(field: str, value, problems: list, message: str) -> None:
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        problems.append(Problem(field, message))


def check_registration(
    *,
    received: datetime | None,
    sender_unit: str = "",
    sender_name: str = "",
    sender_notation: str = "",
    sender_date: date | None = None,
    doctype: str = "",
    summary: str = "",
    urgency: str = "normal",
    confidentiality: str = "normal",
    now: datetime,
    known_units=(),
) -> tuple[Registration | None, list[Problem]]:
    """The clerk's registration form, checked field by field. ``known_units``
    are the codes the sender may be; ``now`` is the site's clock (an arrival
    is never in the future)."""
    problems: list[Problem] = []
    sender_unit = (sender_unit or "").strip()
    sender_name = " ".join((sender_name or "").split())
    summary = (summary or "").strip()
    if received is None:
        problems.append(Problem("received", "Enter the arrival date and time."))
    elif received > now:
        problems.append(
            Problem("received", "The arrival time cannot be later than now.")
        )
    if sender_unit and sender_unit not in known_units:
        problems.append(
            Problem("sender_unit", "Choose the sending unit from the list.")
        )
    if not sender_unit and not sender_name:
        problems.append(
            Problem(
                "sender_name",
                "Choose the sending unit or type the sending organisation's name.",
            )
        )
    if len(sender_name) > MAX_LINE:
        problems.append(
            Problem(
                "sender_name",
                "At most ${max} characters.",
                {"max": MAX_LINE},
            )
        )
    chosen_type = None
    if not doctype:
        problems.append(Problem("doctype", "Choose the document type."))
    else:
        try:
            chosen_type = doctypes.document_type(doctype)
        except KeyError:
            problems.append(Problem("doctype", "Choose the document type."))
    notation = None
    if not (sender_notation or "").strip():
        problems.append(
            Problem(
                "sender_notation",
                "Enter the number and notation written on the document (3954/UBND-VX).",
            )
        )
    else:
        try:
            notation = parse_notation(sender_notation, chosen_type)
        except NotationError as error:
            problems.append(
                Problem(
                    "sender_notation", error.problem.template, error.problem.mapping
                )
            )
    if sender_date is None:
        problems.append(Problem("sender_date", "Enter the document's date."))
    elif received is not None and sender_date > received.date():
        problems.append(
            Problem(
                "sender_date",
                "The document's date cannot be later than its arrival.",
            )
        )
    _required("summary", summary, problems, "Enter the summary (trích yếu).")
    if urgency not in marks.URGENCY_IDS:
        problems.append(Problem("urgency", "Choose the urgency."))
    if confidentiality not in marks.CONFIDENTIALITY_IDS:
        problems.append(Problem("confidentiality", "Choose the confidentiality."))
    if problems:
        return None, problems
    return (
        Registration(
            received=received,
            sender_unit=sender_unit,
            sender_name=sender_name,
            notation=notation,
            sender_notation=str(notation),
            sender_date=sender_date,
            doctype=doctype,
            summary=summary,
            urgency=urgency,
            confidentiality=confidentiality,
        ),
        [],
    )


# -- Assignment -------------------------------------------------------------


def handling_days(urgency: str, normal_days: int = DEFAULT_HANDLING_DAYS) -> int:
    """Working days offered for handling: ``normal_days`` for an ordinary
    document, fewer the more urgent it is; 0 means the same working day."""
    share = URGENT_SHARE[marks.urgency(urgency).id]
    if share == 0.0:
        return 0
    return max(1, round(normal_days * share))


def proposed_deadline(
    calendar: WorkingCalendar,
    moment: datetime,
    urgency: str,
    normal_days: int = DEFAULT_HANDLING_DAYS,
) -> date:
    """The deadline a leader assigning at ``moment`` is offered: the working
    day ``handling_days`` after the assignment's working day (the same
    working day for hỏa tốc)."""
    day = calendar.opening(moment).date()
    for _ in range(handling_days(urgency, normal_days)):
        day = calendar.next_working_day(day)
    return day


def forwarding_limit(calendar: WorkingCalendar, registered: datetime) -> datetime:
    """By when a registered document must be assigned: the close of the
    working day it was registered in (after hours or on a day off: of the
    next working day)."""
    return calendar.closing(calendar.opening(registered).date())


def assigned_late(
    calendar: WorkingCalendar, registered: datetime, assigned: datetime
) -> bool:
    """Forwarded after the registration's working day."""
    return assigned > forwarding_limit(calendar, registered)


def check_assignment(
    *,
    instruction: str,
    handling_unit: str,
    handler: str,
    co_handlers,
    deadline: date | None,
    today: date,
    staff=None,
    known_units=(),
) -> list[Problem]:
    """The leader's assign form. A handler (a person, from ``staff`` when
    given) or a handling unit is required; co-handlers are other people; the
    deadline is a day from today on."""
    problems: list[Problem] = []
    if handling_unit and handling_unit not in known_units:
        problems.append(
            Problem("handling_unit", "Choose the handling unit from the list.")
        )
    if not handler and not handling_unit:
        problems.append(
            Problem("handler", "Choose the handling person or the handling unit.")
        )
    if handler and staff is not None and handler not in staff:
        problems.append(
            Problem("handler", "Choose the handling person from the unit's staff.")
        )
    co_handlers = list(co_handlers or ())
    if handler and handler in co_handlers:
        problems.append(
            Problem(
                "co_handlers",
                "The handling person is not also a co-handler.",
            )
        )
    if staff is not None and any(person not in staff for person in co_handlers):
        problems.append(
            Problem("co_handlers", "Choose the co-handlers from the unit's staff.")
        )
    if deadline is None:
        problems.append(Problem("deadline", "Enter the deadline."))
    elif deadline < today:
        problems.append(Problem("deadline", "The deadline cannot be in the past."))
    if len(instruction or "") > 5000:
        problems.append(
            Problem("instruction", "At most ${max} characters.", {"max": 5000})
        )
    return problems


# -- Handling ---------------------------------------------------------------


def progress_entry(moment: datetime, user: str, text: str) -> tuple[dict, list]:
    """One line of the follow-up register's "Tiến độ": when, who, what."""
    text = (text or "").strip()
    if not text:
        return {}, [Problem("text", "Say what was done.")]
    return {"time": moment, "user": user, "text": text}, []


def check_reason(reason: str) -> list[Problem]:
    """Returning a document to its sender needs the reason."""
    if not (reason or "").strip():
        return [Problem("reason", "Give the reason for returning the document.")]
    return []


def is_overdue(deadline: date | None, today: date, closed: datetime | None = None):
    """Past its deadline: still open after the deadline's day, or closed
    after it."""
    if deadline is None:
        return False
    if closed is not None:
        return closed.date() > deadline
    return today > deadline
