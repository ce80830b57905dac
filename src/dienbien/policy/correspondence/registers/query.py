"""A register's rows from the catalog, shared by ``@registers``, the register
pages and their .xlsx: the parameters (unit, year, period, secret series,
batch), the catalog query, and the plain entries that
``core.correspondence.register_rows`` turns into rows.

Only catalog metadata is read (``document_register`` and the documents'
other columns); the catalog's security filter decides which rows a user
gets, so that a secret register lists only the documents its reader is
named on."""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.catalogrecords import Columns
from dienbien.policy.core.calendar import in_calendar
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.correspondence.registers.workbook import write_register
from dienbien.policy.correspondence.registers.workbook import XLSX
from dienbien.policy.dossiers.slips.model import Unit
from dienbien.policy.dossiers.slips.views import Names
from dienbien.policy.dossiers.slips.views import units
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.services.errors import form_problems
from dienbien.policy.services.errors import out_of_calendar
from dienbien.policy.services.errors import single
from plone import api
from zope.i18n import translate


PARAMETERS = ("unit", "year", "from", "to", "secret", "b_start", "b_size", "format")
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Rows a JSON page may hold (a register page prints 200).
MAX_BATCH = 1000
#: The functions whose members keep or read a unit's registers.
FUNCTIONS = ("clerical", "leader", "officer")

COLUMN_TITLES = {
    (rr.OUTGOING, "notation"): _(
        "register_outgoing_notation", default="Number and notation"
    ),
    (rr.OUTGOING, "date"): _("register_outgoing_date", default="Date of the document"),
    (rr.OUTGOING, "summary"): _(
        "register_outgoing_summary", default="Type and summary"
    ),
    (rr.OUTGOING, "signer"): _("register_outgoing_signer", default="Signed by"),
    (rr.OUTGOING, "recipients"): _(
        "register_outgoing_recipients", default="Recipients"
    ),
    (rr.OUTGOING, "file_keeper"): _(
        "register_outgoing_file_keeper", default="Unit or person keeping the file copy"
    ),
    (rr.OUTGOING, "copies"): _("register_outgoing_copies", default="Copies"),
    (rr.OUTGOING, "sent"): _("register_outgoing_sent", default="Date sent"),
    (rr.OUTGOING, "acknowledged"): _(
        "register_outgoing_acknowledged", default="Signature of receipt"
    ),
    (rr.OUTGOING, "notes"): _("register_outgoing_notes", default="Notes"),
    (rr.INCOMING, "received"): _("register_incoming_received", default="Date received"),
    (rr.INCOMING, "number"): _("register_incoming_number", default="Incoming number"),
    (rr.INCOMING, "author"): _("register_incoming_author", default="Issuer"),
    (rr.INCOMING, "notation"): _(
        "register_incoming_notation", default="Number and notation"
    ),
    (rr.INCOMING, "date"): _("register_incoming_date", default="Date of the document"),
    (rr.INCOMING, "summary"): _(
        "register_incoming_summary", default="Type and summary"
    ),
    (rr.INCOMING, "recipient"): _(
        "register_incoming_recipient", default="Unit or person"
    ),
    (rr.INCOMING, "forwarded"): _(
        "register_incoming_forwarded", default="Date forwarded"
    ),
    (rr.INCOMING, "acknowledged"): _(
        "register_incoming_acknowledged", default="Signature of receipt"
    ),
    (rr.INCOMING, "notes"): _("register_incoming_notes", default="Notes"),
    (rr.FOLLOW_UP, "number"): _("register_follow_up_number", default="Incoming number"),
    (rr.FOLLOW_UP, "document"): _(
        "register_follow_up_document",
        default="Type, number and notation, date and issuer",
    ),
    (rr.FOLLOW_UP, "recipient"): _(
        "register_follow_up_recipient", default="Unit or person"
    ),
    (rr.FOLLOW_UP, "deadline"): _("register_follow_up_deadline", default="Deadline"),
    (rr.FOLLOW_UP, "progress"): _("register_follow_up_progress", default="Progress"),
    (rr.FOLLOW_UP, "reply"): _(
        "register_follow_up_reply", default="Number and notation of the reply"
    ),
    (rr.FOLLOW_UP, "notes"): _("register_follow_up_notes", default="Notes"),
}

REGISTER_TITLES = {
    (rr.OUTGOING, False): _(
        "register_title_outgoing", default="REGISTER OF OUTGOING DOCUMENTS"
    ),
    (rr.INCOMING, False): _(
        "register_title_incoming", default="REGISTER OF INCOMING DOCUMENTS"
    ),
    (rr.FOLLOW_UP, False): _(
        "register_title_follow_up", default="REGISTER OF INCOMING DOCUMENTS' HANDLING"
    ),
    (rr.OUTGOING, True): _(
        "register_title_outgoing_secret",
        default="REGISTER OF SECRET OUTGOING DOCUMENTS",
    ),
    (rr.INCOMING, True): _(
        "register_title_incoming_secret",
        default="REGISTER OF SECRET INCOMING DOCUMENTS",
    ),
    (rr.FOLLOW_UP, True): _(
        "register_title_follow_up_secret",
        default="REGISTER OF SECRET INCOMING DOCUMENTS' HANDLING",
    ),
}

WORDS = {
    "number": _("register_word_number", default="no."),
    "dated": _("register_word_dated", default="of"),
    "of": _("register_word_of", default="by"),
    "assigned": _("register_word_assigned", default="Assigned"),
    "in_progress": _("register_word_in_progress", default="In progress"),
    "done": _("register_word_done", default="Done on ${date}"),
    "returned": _("register_word_returned", default="Returned"),
    "recalled": _("register_word_recalled", default="Recalled"),
    "overdue": _("register_word_overdue", default="Overdue"),
}

#: The file name of a register's workbook, by kind.
FILE_NAMES = {
    rr.OUTGOING: "so-van-ban-di",
    rr.INCOMING: "so-van-ban-den",
    rr.FOLLOW_UP: "so-theo-doi-giai-quyet",
}


@dataclass
class Params:
    kind: str
    unit: str
    year: int
    start: date | None = None
    end: date | None = None
    secret: bool = False
    format: str = "json"


def default_unit(codes) -> str | None:
    """The one unit whose registers the user keeps or reads (``None``: none
    or several, which the user must choose between)."""
    mine = user_units(codes)
    found = set().union(*(mine[function] for function in FUNCTIONS))
    return found.pop() if len(found) == 1 else None


def parse(kind: str, form, known_units) -> tuple[Params | None, list]:
    """Checked parameters and the ``(field, message)`` problems."""
    errors = form_problems(form, PARAMETERS)
    # Zope's converters (``from:int=5``, ``unit:record``) give other types.
    errors += [
        (
            name,
            _(
                "register_not_text",
                default="${name} must be given as text.",
                mapping={"name": name},
            ),
        )
        for name in PARAMETERS
        if name in form and not isinstance(form[name], (str, list, tuple))
    ]
    if errors:
        return None, errors
    unit = single(form, "unit") or default_unit(known_units)
    if not unit:
        errors.append(
            (
                "unit",
                _("register_unit_required", default="Choose the unit (unit=code)."),
            )
        )
    elif unit not in known_units:
        errors.append(
            (
                "unit",
                _(
                    "register_unit_unknown",
                    default="No unit has the code ${value}.",
                    mapping={"value": unit},
                ),
            )
        )
    bounds = {}
    for name in ("from", "to"):
        value = single(form, name)
        if not value:
            continue
        try:
            bounds[name] = date.fromisoformat(value)
        except ValueError:
            errors.append(
                (
                    name,
                    _(
                        "${value} is not a date in the form YYYY-MM-DD.",
                        mapping={"value": value},
                    ),
                )
            )
            continue
        if not in_calendar(bounds[name]):
            errors.append((name, out_of_calendar()))
            del bounds[name]
    year = None
    raw_year = single(form, "year")
    if raw_year:
        text = str(raw_year).strip()
        if is_whole(text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
            year = int(text)
        else:
            errors.append(
                (
                    "year",
                    _(
                        "register_bad_year",
                        default="year must be a year from ${first} to ${last}.",
                        mapping={"first": FIRST_YEAR, "last": LAST_YEAR},
                    ),
                )
            )
    elif "from" in bounds:
        year = bounds["from"].year
    elif not errors:
        year = clock.today().year
    if year is not None:
        for name, value in bounds.items():
            if value.year != year:
                errors.append(
                    (
                        name,
                        _(
                            "register_date_outside_year",
                            default="${name} must fall in the register's year ${year}.",
                            mapping={"name": name, "year": year},
                        ),
                    )
                )
    if "from" in bounds and "to" in bounds and bounds["to"] < bounds["from"]:
        errors.append(("to", _("to must not be before from.")))
    secret = single(form, "secret", "0") or "0"
    if secret not in ("0", "1"):
        errors.append(
            ("secret", _("register_bad_secret", default="secret must be 0 or 1."))
        )
    size = single(form, "b_size")
    if size is not None and (not is_whole(size) or not 1 <= int(size) <= MAX_BATCH):
        errors.append(
            (
                "b_size",
                _(
                    "register_bad_b_size",
                    default="b_size must be a whole number from 1 to ${max}.",
                    mapping={"max": MAX_BATCH},
                ),
            )
        )
    start = single(form, "b_start")
    if start is not None and not is_whole(start):
        errors.append(("b_start", _("b_start must be a whole number.")))
    fmt = single(form, "format", "json") or "json"
    if fmt not in ("json", "xlsx"):
        errors.append(("format", _("format is json or xlsx.")))
    if errors:
        return None, errors
    return (
        Params(
            kind,
            unit,
            year,
            bounds.get("from"),
            bounds.get("to"),
            secret == "1",
            fmt,
        ),
        [],
    )


def catalog_query(params: Params, sort: bool = True) -> dict:
    """The documents of the register, in its order (``sort``): outgoing by
    moment of issue, incoming by incoming number."""
    query = {
        "document_register_key": rr.register_key(
            params.kind, params.unit, params.year, params.secret
        ),
        "review_state": list(rr.NUMBERED_STATES[params.kind]),
    }
    if sort:
        query["sort_on"] = register_order(params.kind)
    if params.start or params.end:
        low = f"{params.start or date(params.year, 1, 1):%Y-%m-%d}T00:00"
        high = f"{params.end or date(params.year, 12, 31):%Y-%m-%d}T23:59"
        query["document_date"] = {"query": (low, high), "range": "min:max"}
    return query


def register_order(kind: str):
    """The catalog's ``sort_on`` of a register (``sort_records`` is the same
    order in Python)."""
    return (
        ("document_date", "document_number")
        if kind == rr.OUTGOING
        else "document_number"
    )


def sort_records(kind: str, records) -> list:
    """Records of ``READ`` in the register's order: a whole register is
    sorted here once its columns are read, which costs less than the
    catalog's sort by index (one look-up per document in each sort index)."""
    if kind == rr.OUTGOING:
        return sorted(records, key=lambda r: (r.document_date or "", r.document_number))
    return sorted(records, key=lambda r: r.document_number)


def search(context, params: Params, sort: bool = True):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.searchResults(**catalog_query(params, sort))


#: The catalog columns the registers read, named as on a brain.
READ = (
    "Description",
    "document_confidentiality",
    "document_date",
    "document_deadline",
    "document_handler",
    "document_notation",
    "document_number",
    "document_recipients",
    "document_register",
    "document_sender",
    "document_signer",
    "document_type",
    "document_urgency",
    "review_state",
)


def records(results):
    """The documents of a catalog answer (``search``), in its order, as
    records of the ``READ`` columns (read like brains, made without them:
    a year's register is tens of thousands of documents)."""
    return Columns(api.portal.get_tool("portal_catalog"), READ)(results)


def _moment(text):
    return datetime.fromisoformat(text) if text else None


def _day(text):
    return date.fromisoformat(text) if text else None


class Reader:
    """Turns catalog brains into the entries of ``register_rows``, resolving
    unit codes to titles and user ids to full names once each."""

    def __init__(self, portal, request):
        self.units = units(portal)
        self.names = Names()
        self.request = request

    def unit_title(self, code) -> str:
        unit = self.units.get(code)
        return unit.title if unit else (code or "")

    def unit(self, code) -> Unit:
        return self.units.get(code) or Unit(code or "", code or "")

    def outgoing(self, brain) -> rr.OutgoingEntry:
        extra = brain.document_register or {}
        return rr.OutgoingEntry(
            notation=brain.document_notation or "",
            doctype=brain.document_type or "",
            summary=brain.Description or "",
            issued=_moment(brain.document_date),
            signer=self.names(brain.document_signer),
            recipients=tuple(
                self.unit_title(r) if r in self.units else r
                for r in (brain.document_recipients or ())
            ),
            file_keeper=extra.get("file_keeper", ""),
            copies=extra.get("copies"),
            sent=extra.get("sent"),
            state=brain.review_state,
            urgency=brain.document_urgency or "normal",
            confidentiality=brain.document_confidentiality or "normal",
        )

    def incoming(self, brain) -> rr.IncomingEntry:
        extra = brain.document_register or {}
        author = brain.document_sender or self.unit_title(extra.get("sender_unit"))
        recipient = [
            self.unit_title(extra.get("handling_unit")),
            self.names(brain.document_handler),
        ]
        return rr.IncomingEntry(
            number=brain.document_number,
            received=_moment(brain.document_date),
            doctype=brain.document_type or "",
            summary=brain.Description or "",
            author=author or "",
            notation=brain.document_notation or "",
            document_date=extra.get("sender_date"),
            recipient=rr.SEPARATOR.join(part for part in recipient if part),
            forwarded=extra.get("assigned"),
            deadline=_day(brain.document_deadline),
            state=brain.review_state,
            closed=extra.get("closed"),
            progress=extra.get("progress", ""),
            reply=extra.get("reply", ""),
            urgency=brain.document_urgency or "normal",
            confidentiality=brain.document_confidentiality or "normal",
        )

    def entries(self, kind, brains):
        return list(self.iter_entries(kind, brains))

    def iter_entries(self, kind, brains):
        read = self.outgoing if kind == rr.OUTGOING else self.incoming
        return map(read, brains)

    def words(self) -> rr.Words:
        return rr.Words(
            **{
                name: translate(message, context=self.request)
                for name, message in WORDS.items()
            }
        )

    def rows(self, kind, brains):
        return list(self.iter_rows(kind, brains))

    def iter_rows(self, kind, brains):
        """The rows one by one, as the workbook writes them."""
        return rr.iter_rows(
            kind, self.iter_entries(kind, brains), clock.today(), self.words()
        )


def column_titles(kind: str, request) -> list[str]:
    return [
        translate(COLUMN_TITLES[(kind, column.id)], context=request)
        for column in rr.COLUMNS[kind]
    ]


def register_title(kind: str, secret: bool, request) -> str:
    return translate(REGISTER_TITLES[(kind, secret)], context=request)


def subtitle(params: Params, request) -> list[str]:
    """``Năm 2026`` and, for a period, ``Từ ngày 01/03/2026 đến ngày
    31/03/2026``."""
    lines = [
        translate(
            _("register_year", default="Year ${year}", mapping={"year": params.year}),
            context=request,
        )
    ]
    if params.start or params.end:
        lines.append(
            translate(
                _(
                    "register_period",
                    default="From ${start} to ${end}",
                    mapping={
                        "start": rr.text(params.start or date(params.year, 1, 1)),
                        "end": rr.text(params.end or date(params.year, 12, 31)),
                    },
                ),
                context=request,
            )
        )
    return lines


def file_name(params: Params) -> str:
    secret = "-mat" if params.secret else ""
    return f"{FILE_NAMES[params.kind]}{secret}-{params.unit}-{params.year}.xlsx"


def send_workbook(context, params: Params, request) -> bytes:
    """The whole register (every row the user may see, unbatched) as an
    .xlsx, with its download headers set on ``request``'s response."""
    reader = Reader(api.portal.get(), request)
    kind = params.kind
    body = write_register(
        rr.COLUMNS[kind],
        column_titles(kind, request),
        reader.iter_rows(
            kind, sort_records(kind, records(search(context, params, sort=False)))
        ),
        heading=reader.unit(params.unit).heading(),
        title=register_title(kind, params.secret, request),
        subtitle=subtitle(params, request),
    )
    response = request.response
    response.setHeader("Content-Type", XLSX)
    response.setHeader(
        "Content-Disposition", f'attachment; filename="{file_name(params)}"'
    )
    return body
