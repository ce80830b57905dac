"""The parameters of a documents listing (``@documents``), checked, and when
a document is overdue.

``check_listing(form)`` reads a request's parameters (text, as a query string
brings them) into a ``Listing`` and the ``Problem``s of those that are not
usable, each naming its parameter. Units are checked by the shell (they live
in the site).
"""

from ..calendar import FIRST_YEAR
from ..calendar import LAST_YEAR
from ..messages import Problem
from ..procedures import query_words
from . import marks
from dataclasses import dataclass
from datetime import date
from dienbien.policy.core.numbers import is_whole


KINDS = ("outgoing", "incoming")

#: The states of each kind's workflow (contract10.md).
STATES = {
    "outgoing": ("draft", "pending", "approved", "issued", "sent", "recalled"),
    "incoming": (
        "received",
        "registered",
        "assigned",
        "in_progress",
        "done",
        "returned",
        "recalled",
    ),
}

#: Incoming states in which the deadline runs: handled, not yet closed.
OPEN_STATES = ("registered", "assigned", "in_progress")

URGENT = tuple(level for level in marks.URGENCY_IDS if marks.is_urgent(level))

PARAMETERS = (
    "kind",
    "state",
    "unit",
    "year",
    "q",
    "overdue",
    "urgent",
    "b_start",
    "b_size",
)
MAX_BATCH = 100
MAX_QUERY = 200


@dataclass(frozen=True)
class Listing:
    kind: str | None = None
    states: tuple[str, ...] | None = None
    unit: str | None = None
    year: int | None = None
    words: tuple[str, ...] = ()
    overdue: bool = False
    urgent: bool = False


def is_overdue(state: str | None, deadline: str | date | None, today: date) -> bool:
    """An incoming document still in hand whose deadline (a date, or its ISO
    text as the catalog keeps it) is before ``today``."""
    if state not in OPEN_STATES or not deadline:
        return False
    if isinstance(deadline, str):
        try:
            deadline = date.fromisoformat(deadline[:10])
        except ValueError:
            return False
    return deadline < today


def _flag(name, value, problems) -> bool:
    if value in (None, "", "0"):
        return False
    if value == "1":
        return True
    if name == "overdue":
        problems.append(Problem(name, "overdue must be 0 or 1."))
    else:
        problems.append(Problem(name, "urgent must be 0 or 1."))
    return False


def _choice(name, value, allowed, problems):
    if value in (None, ""):
        return None
    if value not in allowed:
        problems.append(
            Problem(
                name,
                "Unknown value ${value}; expected one of ${allowed}.",
                {"value": value, "allowed": ", ".join(allowed)},
            )
        )
        return None
    return value


def check_listing(form) -> tuple[Listing, list[Problem]]:
    """The listing ``form`` asks for, and what is wrong with it. Unknown and
    repeated parameters are the shell's (``services.errors.form_problems``);
    values here are single texts."""
    problems: list[Problem] = []
    kind = _choice("kind", form.get("kind"), KINDS, problems)
    allowed = (
        STATES[kind]
        if kind
        else tuple(dict.fromkeys(STATES["outgoing"] + STATES["incoming"]))
    )
    state = _choice("state", form.get("state"), allowed, problems)
    overdue = _flag("overdue", form.get("overdue"), problems)
    urgent = _flag("urgent", form.get("urgent"), problems)
    year = None
    text = form.get("year")
    if text not in (None, ""):
        if not (is_whole(text) and FIRST_YEAR <= int(text) <= LAST_YEAR):
            problems.append(
                Problem(
                    "year",
                    "year must be a year from ${first} to ${last}.",
                    {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
            )
        else:
            year = int(text)
    words: tuple[str, ...] = ()
    query = form.get("q")
    if query not in (None, ""):
        if not isinstance(query, str) or len(query) > MAX_QUERY:
            problems.append(Problem("q", "q must be text of at most 200 characters."))
        else:
            words = tuple(query_words(query))
            if not words:
                problems.append(
                    Problem(
                        "q", "Enter words of the summary, the notation or the sender."
                    )
                )
    size = form.get("b_size")
    if size not in (None, "") and not (is_whole(size) and 1 <= int(size) <= MAX_BATCH):
        problems.append(
            Problem("b_size", "b_size must be a whole number from 1 to 100.")
        )
    start = form.get("b_start")
    if start not in (None, "") and not is_whole(start):
        problems.append(Problem("b_start", "b_start must be a whole number."))
    states = (state,) if state else None
    if overdue:
        if kind == "outgoing":
            problems.append(
                Problem(
                    "overdue",
                    "Outgoing documents have no deadline: leave out overdue or kind.",
                )
            )
        # Overdue: a deadline passed while the document is still in hand.
        states = tuple(s for s in (states or OPEN_STATES) if s in OPEN_STATES)
    unit = form.get("unit") or None
    listing = Listing(
        kind=kind,
        states=states,
        unit=unit if isinstance(unit, str) else None,
        year=year,
        words=words,
        overdue=overdue,
        urgent=urgent,
    )
    return listing, problems
