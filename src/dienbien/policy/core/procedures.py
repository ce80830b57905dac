"""Administrative procedures as published in the public catalogue.

The components Decree 63/2010 Art. 8 (amended by Decree 92/2017) requires
(domain.md §5): name, steps, method, dossier components, processing time,
applicants, processing agency, result, conditions, fees, legal basis, the
publication decision. As the national portal publishes them, each *channel*
(in person, online, by post) has its own processing time and fee.

Plain values and checks; the Plone shell stores them on a Procedure item and
the files module reads and writes them.
"""

from .messages import Problem
from dataclasses import dataclass
from datetime import date

import re


CHANNELS = ("in_person", "online", "post")
TIME_UNITS = ("working_days", "working_hours", "calendar_days", "same_day")
LEVELS = ("province", "district", "commune")
ONLINE_SERVICES = ("full", "partial")

#: National codes: ``1.000948``, ``2.000635``, with an optional provincial
#: suffix such as ``.H38``.
CODE_PATTERN = re.compile(r"[0-9]\.[0-9]{6}(\.[0-9A-Za-z]{1,12})*")
CUTOFF_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class ChannelTerms:
    """How long and how much, for one way of submitting a dossier."""

    channel: str
    time_value: float = 0
    time_unit: str = "working_days"
    cutoff: str = ""  # HH:MM, same-day procedures only; "" = the site setting
    fee: int = 0  # VND
    note: str = ""


@dataclass(frozen=True)
class Component:
    """One paper of the dossier: how many originals and copies to bring."""

    name: str
    originals: int = 0
    copies: int = 0
    form: str = ""  # the id of the form file kept in the procedure, if any


@dataclass(frozen=True)
class Procedure:
    code: str
    title: str
    field: str
    level: str
    unit: str = ""  # implementing OrgUnit code
    applicants: str = ""
    steps: str = ""  # HTML
    conditions: str = ""
    result: str = ""
    legal_basis: str = ""
    publication_decision: str = ""
    online_service: str = "full"
    online_partial_reason: str = ""
    boundary_free: bool = False
    in_force_from: date | None = None
    abolished_on: date | None = None
    channels: tuple[ChannelTerms, ...] = ()
    components: tuple[Component, ...] = ()


def check_channel(row: ChannelTerms) -> list[Problem]:
    problems = []
    if row.channel not in CHANNELS:
        problems.append(
            Problem(
                "channel",
                "Unknown channel ${value}; expected one of ${allowed}.",
                {"value": row.channel, "allowed": ", ".join(CHANNELS)},
            )
        )
    if row.time_unit not in TIME_UNITS:
        problems.append(
            Problem(
                "time_unit",
                "Unknown time unit ${value}; expected one of ${allowed}.",
                {"value": row.time_unit, "allowed": ", ".join(TIME_UNITS)},
            )
        )
    if not isinstance(row.time_value, int | float) or row.time_value < 0:
        problems.append(
            Problem(
                "time_value",
                "The processing time ${value} must be a number of zero or more.",
                {"value": row.time_value},
            )
        )
    elif row.time_unit != "same_day" and row.time_value == 0:
        problems.append(
            Problem(
                "time_value",
                "A processing time in ${unit} must be more than zero.",
                {"unit": row.time_unit},
            )
        )
    if row.cutoff and not CUTOFF_PATTERN.match(row.cutoff):
        problems.append(
            Problem(
                "cutoff",
                "The cut-off ${value} is not a time of day in the form HH:MM.",
                {"value": row.cutoff},
            )
        )
    if not isinstance(row.fee, int) or isinstance(row.fee, bool) or row.fee < 0:
        problems.append(
            Problem(
                "fee",
                "The fee ${value} must be a whole number of đồng, zero or more.",
                {"value": row.fee},
            )
        )
    return problems


def check_component(row: Component) -> list[Problem]:
    problems = []
    if not row.name.strip():
        problems.append(Problem("name", "A dossier component needs a name."))
    for name in ("originals", "copies"):
        value = getattr(row, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(
                Problem(
                    name,
                    "${name} must be a whole number, zero or more (got ${value}).",
                    {"name": name, "value": value},
                )
            )
    return problems


def check_procedure(
    procedure: Procedure,
    fields: set[str] | None = None,
    units: set[str] | None = None,
) -> list[Problem]:
    """Everything wrong with a procedure. ``fields`` and ``units`` are the
    known field tokens and unit codes (``None``: not checked)."""
    problems = []
    if not CODE_PATTERN.fullmatch(procedure.code or ""):
        problems.append(
            Problem(
                "code",
                "The procedure code ${value} is not of the form 1.000948 "
                "(with an optional suffix such as .H38).",
                {"value": procedure.code},
            )
        )
    if not (procedure.title or "").strip():
        problems.append(Problem("title", "The procedure name is required."))
    if fields is not None and procedure.field not in fields:
        problems.append(
            Problem("field", "Unknown field ${value}.", {"value": procedure.field})
        )
    if procedure.level not in LEVELS:
        problems.append(
            Problem(
                "level",
                "Unknown level ${value}; expected one of ${allowed}.",
                {"value": procedure.level, "allowed": ", ".join(LEVELS)},
            )
        )
    if units is not None and procedure.unit and procedure.unit not in units:
        problems.append(
            Problem("unit", "No unit has the code ${value}.", {"value": procedure.unit})
        )
    if procedure.online_service not in ONLINE_SERVICES:
        problems.append(
            Problem(
                "online_service",
                "Unknown online service ${value}; expected full or partial.",
                {"value": procedure.online_service},
            )
        )
    elif (
        procedure.online_service == "partial"
        and not (procedure.online_partial_reason or "").strip()
    ):
        problems.append(
            Problem(
                "online_partial_reason",
                "A partly online procedure must publish the reason (Decree "
                "224/2026 Art. 14).",
            )
        )
    if (
        procedure.in_force_from
        and procedure.abolished_on
        and procedure.abolished_on < procedure.in_force_from
    ):
        problems.append(
            Problem(
                "abolished_on",
                "The procedure cannot be abolished (${abolished}) before it came "
                "into force (${in_force}).",
                {
                    "abolished": procedure.abolished_on,
                    "in_force": procedure.in_force_from,
                },
            )
        )
    if not procedure.channels:
        problems.append(Problem("channels", "A procedure needs at least one channel."))
    seen = set()
    for index, row in enumerate(procedure.channels, start=1):
        for problem in check_channel(row):
            problems.append(
                Problem(
                    f"channels.{index}.{problem.field}",
                    problem.template,
                    problem.mapping,
                )
            )
        if row.channel in seen:
            problems.append(
                Problem(
                    f"channels.{index}.channel",
                    "The channel ${value} is listed twice.",
                    {"value": row.channel},
                )
            )
        seen.add(row.channel)
    for index, row in enumerate(procedure.components, start=1):
        for problem in check_component(row):
            problems.append(
                Problem(
                    f"components.{index}.{problem.field}",
                    problem.template,
                    problem.mapping,
                )
            )
    return problems


def channel_summary(row: ChannelTerms) -> dict:
    """What a result list shows of one channel: plain, JSON-ready."""
    return {
        "channel": row.channel,
        "time_value": row.time_value,
        "time_unit": row.time_unit,
        "fee": row.fee,
    }


#: The default fields (lĩnh vực) of a new site: token -> Vietnamese name.
#: A setting, editable in the control panel; tokens are stable ids.
DEFAULT_FIELDS = (
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("dat-dai", "Đất đai"),
    ("xay-dung", "Xây dựng"),
    ("dang-ky-kinh-doanh", "Đăng ký kinh doanh"),
    ("lao-dong-tbxh", "Lao động, thương binh và xã hội"),
    ("giao-duc", "Giáo dục và đào tạo"),
    ("nong-nghiep", "Nông nghiệp"),
    ("tu-phap", "Tư pháp"),
    ("van-hoa", "Văn hóa"),
    ("tai-nguyen-moi-truong", "Tài nguyên và môi trường"),
    ("y-te", "Y tế"),
)
FIELD_TOKEN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def parse_field_rows(rows) -> tuple[dict[str, str], list[Problem]]:
    """Read the field setting: rows of ``id`` (the field's token) and
    ``name``, ids unique."""
    fields: dict[str, str] = {}
    problems = []
    for number, row in enumerate(rows or (), start=1):
        # A line of the former text setting reads too (a site whose upgrade
        # to rows has not run yet).
        row = field_line_to_row(row) if isinstance(row, str) else (row or {})
        token = (row.get("id") or "").strip()
        name = (row.get("name") or "").strip()
        if not FIELD_TOKEN.match(token):
            problems.append(
                Problem(
                    "procedure_fields",
                    "Row ${line}, id: ${value} is not lower-case ASCII letters, "
                    "digits and dashes.",
                    {"line": number, "value": token},
                    line=number,
                )
            )
        elif not name:
            problems.append(
                Problem(
                    "procedure_fields",
                    "Row ${line}, name: the name of the field is required.",
                    {"line": number},
                    line=number,
                )
            )
        elif token in fields:
            problems.append(
                Problem(
                    "procedure_fields",
                    "The field token ${value} appears twice.",
                    {"value": token},
                    line=number,
                )
            )
        else:
            fields[token] = name
    return fields, problems


def field_line_to_row(line: str) -> dict:
    """One ``token|Name`` line of the former text setting as a row (for the
    upgrade to rows)."""
    token, _sep, name = (line or "").partition("|")
    return {"id": token.strip(), "name": name.strip()}


def time_label(value: float, unit: str) -> tuple[str, dict]:
    """A processing time as people say it: a message template and mapping.

    ``(5, "working_days")`` -> ``("${value} working days", {"value": "5"})``,
    ``(1, "working_days")`` -> ``("${value} working day", {"value": "1"})``;
    the Plone shell translates the template ("5 ngày làm việc").
    """
    if unit == "same_day":
        return "Same day", {}
    number = int(value) if float(value).is_integer() else value
    text = str(number).replace(".", ",")  # Vietnamese decimal comma
    templates = {
        "working_days": "${value} working days",
        "working_hours": "${value} working hours",
        "calendar_days": "${value} days",
    }
    if number == 1:  # English says "1 working day"; Vietnamese has one form
        templates = {
            "working_days": "${value} working day",
            "working_hours": "${value} working hour",
            "calendar_days": "${value} day",
        }
    return templates[unit], {"value": text}


_QUERY_NOISE = re.compile(r"[\"()*?]|\b(?:AND|OR|NOT)\b")
_WORD = re.compile(r"\w")


def query_words(text: str) -> list[str]:
    """The words of a citizen's search, without full-text query operators."""
    # A word the index cannot hold (no letter or digit: "-", control
    # characters) would leave the full-text query empty; a leading hyphen
    # would turn the word into NOT.
    words = (word.lstrip("-") for word in _QUERY_NOISE.sub(" ", text or "").split())
    return [word for word in words if _WORD.search(word)]
