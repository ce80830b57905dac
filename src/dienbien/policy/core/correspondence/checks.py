"""What a document must hold before it is stored, and what a step needs.

The rules the REST API (and any form) applies to an outgoing or incoming
document, as ``Problem``s naming the field and the reason:

- the type is one of the 29 of Art. 7; only Nghị quyết and Quyết định may be
  normative, and a normative document is published, so never secret;
- a công văn names its drafting department (``05/UBND-VP``), no other type
  does, and the unit has the abbreviation its notation needs;
- urgency and confidentiality are among their levels (``marks``);
- units and people named exist;
- a received document's sender is one of our units or an organisation, its
  notation reads (``notation.parse_notation``) and its date is not after its
  arrival, which is not in the future;
- an assignment names a handler or a handling unit, co-handlers apart from
  the handler, and a deadline not yet passed;
- a return or a recall gives its reason.

The shell hands over the values (what was sent, or what is stored), the
site's units as ``{code: abbreviation}`` and a test for user ids: no Zope here.
"""

from ..messages import Problem
from . import doctypes
from . import marks
from .notation import notation_for
from .notation import NotationError
from .notation import parse_notation
from .notation import PART
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from datetime import date
from datetime import datetime


#: Steps that say why, per kind (the reason is the step's comment).
NEEDS_REASON = {
    "outgoing": frozenset({"return", "recall"}),
    "incoming": frozenset({"return"}),
}

Units = Mapping[str, str]
UserTest = Callable[[str], bool]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _level(field: str, value, levels: tuple[str, ...]) -> list[Problem]:
    if _blank(value):
        return []  # the schema's default applies
    if value not in levels:
        return [
            Problem(
                field,
                "Unknown value ${value}; expected one of ${allowed}.",
                {"value": value, "allowed": ", ".join(levels)},
            )
        ]
    return []


def _doctype(value) -> tuple[doctypes.DocumentType | None, list[Problem]]:
    if _blank(value):
        return None, [Problem("doctype", "Choose the document type.")]
    try:
        return doctypes.document_type(value), []
    except (KeyError, TypeError):
        return None, [
            Problem("doctype", "Unknown document type ${value}.", {"value": value})
        ]


def _unit(field: str, value, units: Units, required: bool) -> list[Problem]:
    if _blank(value):
        if required:
            return [Problem(field, "Choose the unit.")]
        return []
    if not isinstance(value, str) or value not in units:
        return [Problem(field, "No unit has the code ${value}.", {"value": value})]
    return []


def _items(values) -> list:
    # A list as sent; anything else is the schema's to refuse.
    return list(values) if isinstance(values, (list, tuple)) else []


def _unit_list(field: str, values, units: Units) -> list[Problem]:
    return [
        Problem(f"{field}.{index}", "No unit has the code ${value}.", {"value": code})
        for index, code in enumerate(_items(values))
        if not isinstance(code, str) or code not in units
    ]


def _user(field: str, value, known_user: UserTest) -> list[Problem]:
    if _blank(value) or (isinstance(value, str) and known_user(value)):
        return []
    return [Problem(field, "No user has the id ${value}.", {"value": value})]


def _user_list(field: str, values, known_user: UserTest) -> list[Problem]:
    return [
        Problem(f"{field}.{index}", "No user has the id ${value}.", {"value": user})
        for index, user in enumerate(_items(values))
        if not (isinstance(user, str) and known_user(user))
    ]


def _common(values, units, known_user) -> tuple:
    doctype, problems = _doctype(values.get("doctype"))
    problems += _unit("unit", values.get("unit"), units, required=True)
    if _blank(values.get("summary")):
        problems.append(Problem("summary", "Enter the summary (trích yếu)."))
    problems += _level("urgency", values.get("urgency"), marks.URGENCY_IDS)
    problems += _level(
        "confidentiality", values.get("confidentiality"), marks.CONFIDENTIALITY_IDS
    )
    problems += _user_list("readers", values.get("readers"), known_user)
    return doctype, problems


def _secret(values) -> bool:
    level = values.get("confidentiality")
    return level in marks.CONFIDENTIALITY_IDS and marks.is_secret(level)


def outgoing_problems(
    values: Mapping,
    units: Units,
    known_user: UserTest,
    leaders: Callable[[str], Collection[str]] | None = None,
):
    """An outgoing document as drafted. ``leaders(unit)`` gives the user ids
    who may sign for a unit (not checked without it)."""
    doctype, problems = _common(values, units, known_user)
    normative = values.get("normative") is True
    department = _text(values.get("department"))
    problems += _unit_list(
        "internal_recipients", values.get("internal_recipients"), units
    )
    signer = values.get("signer")
    unit = values.get("unit")
    found = _user("signer", signer, known_user)
    if (
        not found
        and not _blank(signer)
        and leaders is not None
        and isinstance(unit, str)
        and unit in units
        and signer not in leaders(unit)
    ):
        found.append(Problem("signer", "The signer must be one of the unit's leaders."))
    problems += found
    copies = values.get("copies")
    if copies is not None and (
        not isinstance(copies, int) or isinstance(copies, bool) or copies < 1
    ):
        problems.append(Problem("copies", "The number of copies is at least 1."))
    if doctype is None:
        return problems
    if normative and not doctype.may_be_normative:
        problems.append(
            Problem(
                "normative",
                "A ${type} is not a normative document: only Nghị quyết and "
                "Quyết định may be.",
                {"type": doctype.title},
            )
        )
    elif normative and _secret(values):
        problems.append(
            Problem(
                "confidentiality",
                "A normative document is published: it cannot be secret.",
            )
        )
    if isinstance(unit, str) and unit in units and not PART.match(units[unit] or ""):
        problems.append(
            Problem(
                "unit",
                "The unit ${value} has no abbreviation for the notation of its "
                "documents.",
                {"value": unit},
            )
        )
    if doctype.dispatch_form:
        try:
            # A công văn's notation with any number and issuer: what it asks
            # of the department is checked now, not at issue. Other types may
            # record who drafted them; their notation leaves it out
            # (``outgoing.notation_department``).
            notation_for(1, doctype, "X", department)
        except NotationError as error:
            problems.append(
                Problem("department", error.problem.template, error.problem.mapping)
            )
    return problems


def incoming_problems(
    values: Mapping, units: Units, known_user: UserTest, now: datetime
):
    """A received document as the clerical office registers it. ``now`` is
    naive local time (the house convention)."""
    doctype, problems = _common(values, units, known_user)
    sender_unit = values.get("sender_unit")
    problems += _unit("sender_unit", sender_unit, units, required=False)
    if _blank(sender_unit) and _blank(values.get("sender_name")):
        problems.append(
            Problem(
                "sender_name",
                "Name the sender: one of our units (sender_unit) or an "
                "organisation (sender_name).",
            )
        )
    notation = values.get("sender_notation")
    if _blank(notation):
        problems.append(
            Problem("sender_notation", "Copy the number and notation of the document.")
        )
    elif isinstance(notation, str):
        try:
            parse_notation(notation, doctype)
        except NotationError as error:
            problems.append(
                Problem(
                    "sender_notation", error.problem.template, error.problem.mapping
                )
            )
    received = values.get("received")
    if isinstance(received, datetime) and received > now:
        problems.append(
            Problem(
                "received",
                "The arrival ${value} is later than now.",
                {"value": received.strftime("%H:%M %d/%m/%Y")},
            )
        )
    sent_on = values.get("sender_date")
    arrival = received.date() if isinstance(received, datetime) else now.date()
    if isinstance(sent_on, date) and sent_on > arrival:
        problems.append(
            Problem(
                "sender_date",
                "The document is dated ${value}, after it arrived.",
                {"value": sent_on.strftime("%d/%m/%Y")},
            )
        )
    return problems


def assignment_problems(
    values: Mapping, units: Units, known_user: UserTest, today: date
):
    """What a leader gives when assigning: a handler (a person) or a handling
    unit, co-handlers, a deadline that has not passed."""
    handler = values.get("handler")
    handling_unit = values.get("handling_unit")
    problems = []
    if _blank(handler) and _blank(handling_unit):
        problems.append(Problem("handler", "Name the handler or the handling unit."))
    problems += _user("handler", handler, known_user)
    problems += _unit("handling_unit", handling_unit, units, required=False)
    co_handlers = _items(values.get("co_handlers"))
    problems += _user_list("co_handlers", co_handlers, known_user)
    if not _blank(handler) and handler in co_handlers:
        problems.append(
            Problem(
                "co_handlers",
                "${value} handles the document: not also a co-handler.",
                {"value": handler},
            )
        )
    deadline = values.get("deadline")
    if isinstance(deadline, date) and deadline < today:
        problems.append(
            Problem(
                "deadline",
                "The deadline ${value} has passed.",
                {"value": deadline.strftime("%d/%m/%Y")},
            )
        )
    return problems


def membership_problems(unit, own_units) -> list[Problem]:
    """A document is created by its unit's own staff: a draft by the unit's
    officers, leaders or clerical office, a registration by its clerical
    office (``own_units``: the codes where the user has that function)."""
    if isinstance(unit, str) and unit and unit not in own_units:
        return [
            Problem(
                "unit",
                "You do not work for the unit ${value} in the function this "
                "document needs.",
                {"value": unit},
            )
        ]
    return []


def reason_problems(kind: str, transition: str, comment) -> list[Problem]:
    """A return or a recall without its reason."""
    if transition in NEEDS_REASON.get(kind, ()) and _blank(comment):
        return [
            Problem(
                "comment",
                "The step ${transition} needs a reason (comment).",
                {"transition": transition},
            )
        ]
    return []
