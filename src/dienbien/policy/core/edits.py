"""Edits of a received dossier: which field may change, in which state, by
which function, and when a reason is needed (docs/workflows.md, "Edits").

A dossier is a record the applicant holds a receipt for (Mẫu 01): what the
receipt and the deadline rest on never changes by an edit, and every other
correction after acceptance states why. The Plone shell asks these rules for
the classic edit form and for ``PATCH``, and keeps the edit trail.

- ``procedure`` and ``channel`` pick the frozen terms and the appointment:
  corrected only while the dossier is ``submitted`` (not yet accepted);
- ``receiving_unit`` issued the code from its desk's daily sequence: never;
- ``handling_unit`` moves only with the ``transfer`` step, never by an edit;
- the applicant's identity (name, ID number) and contact details (phone,
  e-mail, address): the desk, while the dossier is open or awaits return;
- the papers received and the fee: the desk, until the dossier is handed on;
- a manager (data corrections) may change what the desk may, in any state;
- after acceptance every change needs a reason; a closed dossier (refused,
  withdrawn, stopped, returned) is changed by nobody but a manager.
"""

from .messages import Problem
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta


#: The dossier functions a user may hold on one dossier (its local roles),
#: plus ``manager`` (the site's Manager role).
FUNCTIONS = ("desk", "officer", "leader", "manager")
STATES = (
    "submitted",
    "accepted",
    "refused",
    "processing",
    "supplement_requested",
    "awaiting_payment",
    "withdrawn",
    "stopped",
    "resolved",
    "returned",
)
CLOSED = ("refused", "withdrawn", "stopped", "returned")
OPEN = tuple(state for state in STATES if state not in CLOSED)
BEFORE_TRANSFER = ("submitted", "accepted", "supplement_requested")

#: Fields an edit never changes, and why (the message names the rule).
FROZEN = {
    "receiving_unit": "The receiving unit issued the dossier's code: it never changes.",
    "handling_unit": "The handling unit changes only with the transfer step.",
}
#: Fields frozen once the dossier is accepted, and why.
FROZEN_ON_ACCEPTANCE = {
    "procedure": "The procedure and its terms are frozen once the dossier is accepted.",
    "channel": "The procedure and its terms are frozen once the dossier is accepted.",
}

#: field -> function -> states in which that function may change it.
RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "procedure": {"desk": ("submitted",), "manager": ("submitted",)},
    "channel": {"desk": ("submitted",), "manager": ("submitted",)},
    "applicant_name": {"desk": OPEN, "manager": STATES},
    "applicant_id_number": {"desk": OPEN, "manager": STATES},
    "applicant_phone": {"desk": OPEN, "manager": STATES},
    "applicant_email": {"desk": OPEN, "manager": STATES},
    "applicant_address": {"desk": OPEN, "manager": STATES},
    "papers": {"desk": BEFORE_TRANSFER, "manager": STATES},
    "fee": {"desk": BEFORE_TRANSFER, "manager": STATES},
}
FIELDS = (*RULES, *FROZEN)

#: How far back a desk may date an acceptance (a dossier received on paper
#: during an outage is entered within the week).
MAX_BACKDATE = timedelta(days=7)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason_required: bool = False
    #: Why not (an English template, translated by the shell).
    why: str = ""


def reason_required(state: str) -> bool:
    """After acceptance the applicant holds a receipt: every change says why."""
    return state != "submitted"


def verdict(state: str, function: str, field: str) -> Verdict:
    """May ``function`` change ``field`` of a dossier in ``state``?"""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    if function not in FUNCTIONS:
        raise ValueError(f"unknown function {function!r}")
    if field in FROZEN:
        return Verdict(False, why=FROZEN[field])
    if field not in RULES:
        return Verdict(
            False, why="This field is computed: it never changes by an edit."
        )
    if state in RULES[field].get(function, ()):
        return Verdict(True, reason_required=reason_required(state))
    if field in FROZEN_ON_ACCEPTANCE and state != "submitted":
        return Verdict(False, why=FROZEN_ON_ACCEPTANCE[field])
    if state in CLOSED:
        return Verdict(
            False, why="The dossier is closed: its record no longer changes."
        )
    return Verdict(False, why="Your function may not change this field in this state.")


def editable_fields(state: str, functions: Iterable[str]) -> list[str]:
    """The fields a user with these functions may change, in table order."""
    functions = set(functions)
    return [
        field
        for field in RULES
        if any(verdict(state, function, field).allowed for function in functions)
    ]


def may_edit(state: str, functions: Iterable[str]) -> bool:
    """Whether a user with these functions may change anything at all."""
    return bool(editable_fields(state, functions))


def change_problems(
    state: str, functions: Iterable[str], changed: Iterable[str], reason: str
) -> list[Problem]:
    """What is wrong with changing the fields ``changed`` (field by field)."""
    functions = set(functions)
    problems = []
    for field in changed:
        verdicts = [verdict(state, function, field) for function in sorted(functions)]
        allowed = [v for v in verdicts if v.allowed]
        if not allowed:
            why = verdicts[0].why if verdicts else "You may not edit this dossier."
            problems.append(Problem(field, why))
        elif all(v.reason_required for v in allowed) and not (reason or "").strip():
            problems.append(
                Problem(
                    field,
                    "The dossier is accepted: give a reason for the change.",
                )
            )
    return problems


def acceptance_problems(
    accepted: datetime, now: datetime, may_backdate: bool = False
) -> list[Problem]:
    """The acceptance time a desk gives a new dossier: not in the future,
    not more than a week back (a manager migrating records may go back)."""
    if accepted > now:
        return [Problem("accepted", "A dossier cannot be accepted in the future.")]
    if accepted < now - MAX_BACKDATE and not may_backdate:
        return [
            Problem(
                "accepted",
                "A dossier can be entered at most ${days} days after it was accepted.",
                {"days": MAX_BACKDATE.days},
            )
        ]
    return []


def _value(value):
    # A form saves an untouched empty field as "" (or []) where the dossier
    # held None: no change anyone made.
    return None if value in (None, "", [], ()) else value


def changes(before: dict, after: dict) -> list[str]:
    """The fields whose value differs, in ``before``'s order; one empty value
    (None, "", no rows) equals another."""
    return [name for name in before if _value(before[name]) != _value(after.get(name))]
