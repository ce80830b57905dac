"""What a step of a dossier asks of the person taking it, and whether what
they gave is enough: the reason some steps must state, the papers requested
by a supplement request (and which of them arrived), the amount of a fee,
the new appointment of an apology (Mẫu 04).

The dossier page's step form and the REST services both judge input here,
so a step refused in one is refused in the other for the same reason.
"""

from datetime import datetime
from dienbien.policy.core.calendar import WorkingCalendar
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.numbers import is_whole

import re


#: Steps whose slip (Mẫu 02, 03, …) states a reason: never taken without one.
NEEDS_REASON = ("refuse", "request_supplement", "withdraw", "stop")
#: Steps that name an amount of money (the fee asked for, the fee paid).
NEEDS_AMOUNT = ("request_payment", "confirm_payment")
#: States in which an agency may still apologise and set a new appointment.
APOLOGY_STATES = ("accepted", "processing", "awaiting_payment")

#: The order of a dossier's step buttons: the way forward first, then the
#: steps that hold it up, then those that end it early.
ORDER = (
    "accept",
    "transfer",
    "receive_supplement",
    "confirm_payment",
    "resolve",
    "return_result",
    "request_supplement",
    "request_payment",
    "apology",
    "refuse",
    "withdraw",
    "stop",
)

_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[-•*])\s*")


def requested_papers(note: str) -> list[str]:
    """The papers a supplement request asks for, one per line of its note
    ("1. Bản sao giấy khai sinh", "- Ảnh 4x6"), without the numbering."""
    items = (_NUMBERING.sub("", line).strip() for line in (note or "").splitlines())
    return [item for item in items if item]


def received_papers(requested: list[str], ticked: list[str]) -> list[str]:
    """The requested papers that were ticked as arrived, in the request's
    order; anything not requested is ignored (a forged form adds nothing)."""
    chosen = set(ticked)
    return [paper for paper in requested if paper in chosen]


def parse_amount(text: str) -> int | None:
    """An amount in đồng as people type it: "75.000", "75 000", "75000"."""
    digits = re.sub(r"[.\s,]", "", text or "")
    return int(digits) if is_whole(digits) else None


def step_problems(step: str, reason: str, amount: str = "") -> list[Problem]:
    """What keeps a workflow step from being taken with this input."""
    problems = []
    if step in NEEDS_REASON and not (reason or "").strip():
        problems.append(Problem("reason", "Enter the reason."))
    if step in NEEDS_AMOUNT:
        parsed = parse_amount(amount)
        if parsed is None:
            problems.append(
                Problem(
                    "amount", "Enter the amount in đồng, digits only (e.g. 75.000)."
                )
            )
        elif parsed == 0:
            # A request for nothing would hold the dossier, and tell the
            # applicant to pay, with no sum to pay; a payment of nothing is
            # no payment.
            problems.append(Problem("amount", "The amount must be more than 0 đồng."))
    return problems


def apology_problems(
    state: str,
    current: datetime | None,
    new: datetime | None,
    reason: str,
    moment: datetime,
    calendar: WorkingCalendar | None = None,
) -> list[Problem]:
    """Mẫu 04 is issued before the appointment passes, while the dossier is
    in progress, with a reason and a later appointment; with ``calendar``,
    one in its office hours on a working day (the applicant comes back
    then, and the slip prints it)."""
    problems = []
    # A missing or unreadable ``new`` is said by the caller, in its terms
    # (an ISO 8601 value over REST, a date and time field in the form).
    if not (reason or "").strip():
        problems.append(Problem("reason", "An apology states its reason."))
    if new is not None and current is not None and new <= current:
        problems.append(
            Problem(
                "new_appointment",
                "The new appointment must be later than the current one.",
            )
        )
    if new is not None and calendar is not None and not calendar.in_office_hours(new):
        problems.append(
            Problem(
                "new_appointment",
                "The new appointment must be in office hours on a working day.",
            )
        )
    if current is not None and moment > current:
        problems.append(
            Problem(
                "new_appointment",
                "The appointment has passed: an apology is issued before it passes.",
            )
        )
    if state not in APOLOGY_STATES:
        problems.append(
            Problem("state", "Only a dossier in progress can get a new appointment.")
        )
    return problems


def in_order(steps: list[str]) -> list[str]:
    """``steps`` in the buttons' order (unknown ones last, as given)."""
    rank = {step: number for number, step in enumerate(ORDER)}
    return sorted(steps, key=lambda step: rank.get(step, len(ORDER)))
