"""My work: the groups of documents waiting for one person, and their order.

Each group is a step of the correspondence workflows that waits for a
function in a unit (the clerical office registers and issues, the leader
assigns and approves) or for a person named on the document (the handler
and co-handlers handle, the drafter takes back a returned draft). The
one-stop dossiers due soon or overdue come from the dossier wing.
"""

from dataclasses import dataclass
from datetime import date
from dienbien.policy.core.correspondence.marks import is_urgent
from dienbien.policy.core.correspondence.marks import URGENCY_IDS


@dataclass(frozen=True)
class Group:
    id: str
    kind: str  # "incoming", "outgoing" or "dossier"
    states: tuple[str, ...]
    #: whose work it is: a unit function ("clerical", "leader") or a person
    #: named on the document ("handler", "drafter"); "staff" for dossiers.
    waits_for: str


GROUPS = (
    Group("to_register", "incoming", ("received",), "clerical"),
    # A sender's update or replacement of a registered document, waiting for
    # the clerical office's decision (exchange/corrections.py).
    Group(
        "to_decide",
        "incoming",
        ("registered", "assigned", "in_progress", "done"),
        "clerical",
    ),
    Group("to_assign", "incoming", ("registered",), "leader"),
    Group("to_handle", "incoming", ("assigned", "in_progress"), "handler"),
    Group("to_approve", "outgoing", ("pending",), "leader"),
    Group("to_issue", "outgoing", ("approved",), "clerical"),
    Group("to_send", "outgoing", ("issued",), "clerical"),
    Group("returned_drafts", "outgoing", ("draft",), "drafter"),
    Group("dossiers_due", "dossier", (), "staff"),
)
GROUP_IDS = tuple(group.id for group in GROUPS)
#: Groups listed only when they hold something (rare work: an empty heading
#: on every clerk's page would say nothing).
SHOWN_WHEN_FULL = ("to_decide",)


def group(group_id: str) -> Group:
    for found in GROUPS:
        if found.id == group_id:
            return found
    raise ValueError(f"unknown group {group_id!r}")


def deadline_of(text: str | None) -> date | None:
    """The catalog's deadline (ISO date text, or a date-time's first ten
    characters) as a date; ``None`` for none or nonsense."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def is_overdue(deadline: date | None, today: date) -> bool:
    """A deadline is a working day: the document is late from the next day."""
    return deadline is not None and deadline < today


def is_due_soon(deadline: date | None, today: date, until: date | None) -> bool:
    """Due from today to ``until`` (the week's last working day)."""
    return deadline is not None and until is not None and today <= deadline <= until


def handling_key(urgency: str | None, deadline: date | None, arrived: str, today: date):
    """The order of the documents to handle: urgent and overdue ones first
    (the law wants them handled at once), then by deadline, the soonest
    first and those without one last, then by arrival."""
    level = urgency if urgency in URGENCY_IDS else "normal"
    pressing = is_urgent(level) or is_overdue(deadline, today)
    return (
        0 if pressing else 1,
        deadline or date.max,
        -URGENCY_IDS.index(level),
        arrived or "",
    )


def arrival_key(urgency: str | None, arrived: str):
    """The order of the other groups: urgent first, then oldest first (what
    came first waits longest)."""
    level = urgency if urgency in URGENCY_IDS else "normal"
    return (-URGENCY_IDS.index(level), arrived or "")
