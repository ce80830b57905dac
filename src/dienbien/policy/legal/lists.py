"""The yearly expired list and the systematisation of the register, for
``@legal-documents/expired`` and ``@legal-documents/systematisation`` (JSON,
.xlsx, .docx) — the rules are ``core/legal/lists.py``; this module reads the
register from catalog metadata (published documents only) and gives each
entry the numbers, titles and grounds people read.

The exports (``annex.py``) are written from the same dictionaries the JSON
answers with, so they say the same thing.
"""

from dataclasses import dataclass
from datetime import date
from dienbien.policy import _
from dienbien.policy.core.legal import lists as rules
from dienbien.policy.core.legal import validity
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.legal.document import REVISION_TITLES
from dienbien.policy.legal.document import STATUS_TITLES
from dienbien.policy.legal.search import register_path
from dienbien.policy.legal.validity import build_register
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.services.errors import form_problems
from dienbien.policy.services.errors import single
from Products.CMFCore.utils import getToolByName
from zope.i18n import translate
from zope.i18nmessageid import Message


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"json": "application/json", "xlsx": XLSX, "docx": DOCX}

#: A ground's code, from the event that is the ground (and whether it
#: concerns a part).
GROUND_TITLES = {
    "end": _("legal_ground_end", default="Its end date was reached"),
    "replaced": _("legal_ground_replaced", default="Replaced by ${document}"),
    "partly_replaced": _(
        "legal_ground_partly_replaced",
        default="${part} replaced by ${document}",
    ),
    "repealed": _("legal_ground_repealed", default="Repealed by ${document}"),
    "partly_repealed": _(
        "legal_ground_partly_repealed", default="${part} repealed by ${document}"
    ),
    "amended": _("legal_ground_amended", default="Amended by ${document}"),
    "partly_amended": _(
        "legal_ground_partly_amended", default="${part} amended by ${document}"
    ),
    "detailed_expired": _(
        "legal_ground_detailed_expired",
        default="The document it details, ${document}, expired",
    ),
    "suspended": _("legal_ground_suspended", default="Suspended by ${document}"),
    "partly_suspended": _(
        "legal_ground_partly_suspended", default="${part} suspended by ${document}"
    ),
}
_WHOLE_CODES = {
    "end": "end",
    validity.REPLACES: "replaced",
    validity.REPEALS: "repealed",
    validity.AMENDS: "amended",
    "detailed_expired": "detailed_expired",
    validity.SUSPENDS: "suspended",
}
_PART_CODES = {
    validity.REPLACES: "partly_replaced",
    validity.REPEALS: "partly_repealed",
    validity.AMENDS: "partly_amended",
    validity.SUSPENDS: "partly_suspended",
}
#: Sections of the list of expired and suspended documents, in order.
SECTIONS = (
    validity.EXPIRED,
    validity.PARTLY_EXPIRED,
    validity.SUSPENDED,
    validity.PARTLY_SUSPENDED,
)
TYPE_ORDER = {"resolution": 0, "decision": 1}
PERIOD_MESSAGES = {
    "format": _("A period is written YYYY-YYYY (2019-2023)."),
    "length": _("A systematisation period is five years (2019-2023)."),
}


@dataclass(frozen=True)
class Params:
    issuer: str | None
    format: str
    year: int | None = None
    period: tuple[int, int] | None = None


def _format(form, request, errors) -> str:
    fmt = single(form, "format")
    if fmt is None:
        # No format asked: the Accept header decides (as @registers does).
        accept = request.getHeader("Accept") or ""
        for name in ("xlsx", "docx"):
            if FORMATS[name] in accept:
                return name
        return "json"
    if fmt not in FORMATS:
        errors.append(
            (
                "format",
                _(
                    "Unknown value ${value}; expected one of ${allowed}.",
                    mapping={"value": fmt, "allowed": ", ".join(FORMATS)},
                ),
            )
        )
    return fmt


def _issuer(portal, form, errors) -> str | None:
    issuer = single(form, "issuer")
    if issuer and issuer not in unit_codes(portal):
        errors.append(
            ("issuer", _("No unit has the code ${value}.", mapping={"value": issuer}))
        )
    return issuer or None


def check_expired(portal, request) -> tuple[Params | None, list]:
    form = request.form
    errors = form_problems(form, ("year", "issuer", "format"))
    year = single(form, "year")
    if not year:
        errors.append(
            ("year", _("The field ${name} is required.", mapping={"name": "year"}))
        )
    elif not (is_whole(year) and 1900 <= int(year) <= 2999):
        errors.append(("year", _("${name} must be a year.", mapping={"name": "year"})))
    issuer = _issuer(portal, form, errors)
    fmt = _format(form, request, errors)
    if errors:
        return None, errors
    return Params(issuer, fmt, year=int(year)), []


def check_systematisation(portal, request) -> tuple[Params | None, list]:
    form = request.form
    errors = form_problems(form, ("period", "issuer", "format"))
    period = None
    text = single(form, "period")
    if not text:
        errors.append(
            ("period", _("The field ${name} is required.", mapping={"name": "period"}))
        )
    else:
        try:
            period = rules.parse_period(text)
        except rules.PeriodError as error:
            errors.append(("period", PERIOD_MESSAGES[error.reason]))
    issuer = _issuer(portal, form, errors)
    fmt = _format(form, request, errors)
    if errors:
        return None, errors
    return Params(issuer, fmt, period=period), []


def _day(text):
    return date.fromisoformat(text) if text else None


class RegisterLists:
    """The published register, read once from the catalog."""

    def __init__(self, portal, request):
        self.portal = portal
        self.request = request
        catalog = getToolByName(portal, "portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="LegalDocument",
            review_state="published",
            path=register_path(portal),
        )
        # Every issuer's documents: a commune's decision may replace a
        # district's, and the district's list names it.
        self.register, self.by_key = build_register(brains)
        self.units = unit_titles(portal)

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def keys(self, issuer) -> list[str]:
        """The documents of ``issuer`` (all when ``None``), resolutions
        first, then by signing day and number."""
        chosen = [
            key
            for key, brain in self.by_key.items()
            if issuer is None or brain.legal_issuer == issuer
        ]
        return sorted(chosen, key=self._order)

    def _order(self, key):
        brain = self.by_key[key]
        return (
            TYPE_ORDER.get(brain.legal_type, 9),
            brain.legal_signed or "",
            brain.legal_notation or "",
        )

    def document(self, key) -> dict:
        brain = self.by_key[key]
        issuer = brain.legal_issuer
        return {
            "@id": brain.getURL(),
            "docNum": brain.legal_notation,
            "docType": brain.legal_type,
            "docTypeName": type_name(brain.legal_type),
            "issueDate": brain.legal_signed,
            "effFrom": brain.legal_effective,
            "agencyCode": issuer,
            "agencyName": self.units.get(issuer, issuer),
            "summary": brain.Description,
        }

    def status(self, code) -> dict:
        return {"code": code, "name": self.t(STATUS_TITLES[code])}

    def ground(self, event) -> dict:
        part = event.part.strip()
        codes = _PART_CODES if part else _WHOLE_CODES
        code = codes.get(event.kind, _WHOLE_CODES.get(event.kind, event.kind))
        cause = self.by_key.get(event.cause)
        named = f"{type_name(cause.legal_type)} {cause.legal_notation}" if cause else ""
        return {
            "code": code,
            "day": event.day.isoformat(),
            "part": part,
            "by": cause.legal_notation if cause else None,
            "byUrl": cause.getURL() if cause else None,
            "text": self.t(
                Message(GROUND_TITLES[code], mapping={"document": named, "part": part})
            ),
        }

    def entry(self, entry) -> dict:
        grounds = [self.ground(event) for event in entry.grounds]
        return {
            **self.document(entry.id),
            "status": self.status(entry.status),
            "day": entry.day.isoformat(),
            "parts": [g["part"] for g in grounds if g["part"]],
            "grounds": grounds,
        }

    def issuer_json(self, issuer):
        if not issuer:
            return None
        return {"code": issuer, "title": self.units.get(issuer, issuer)}

    def expired(self, params: Params) -> dict:
        chosen = self.keys(params.issuer)
        rank = {key: index for index, key in enumerate(chosen)}
        found = [
            entry
            for entry in rules.expired_list(self.register, params.year)
            if entry.id in rank
        ]
        found.sort(key=lambda e: (SECTIONS.index(e.status), rank[e.id]))
        items = [self.entry(entry) for entry in found]
        return {
            "year": params.year,
            "issuer": self.issuer_json(params.issuer),
            "title": self.t(
                _(
                    "legal_expired_list_title",
                    default="Normative documents wholly or partly expired in ${year}",
                    mapping={"year": params.year},
                )
            ),
            "items_total": len(items),
            "items": items,
        }

    def systematisation(self, params: Params) -> dict:
        first, last = params.period
        chosen = self.keys(params.issuer)
        issued = {key: _day(self.by_key[key].legal_signed) for key in chosen}
        marks = {}
        for key in chosen:
            mark = getattr(self.by_key[key], "legal_revision", None)
            if isinstance(mark, tuple | list) and len(mark) == 2 and mark[0]:
                marks[key] = (mark[0], mark[1] or "")
        result = rules.systematise(
            self.register, first, last, issued, marks, order=chosen
        )
        reference = result.reference.isoformat()
        rank = {key: index for index, key in enumerate(chosen)}
        in_force = []
        for key, status in result.in_force:
            item = {**self.document(key), "status": self.status(status)}
            if status == validity.NOT_YET:
                item["note"] = self.t(
                    _(
                        "legal_note_not_yet",
                        default="Not yet in force; in force from ${day}",
                        mapping={"day": day_text(item["effFrom"])},
                    )
                )
            elif status != validity.IN_FORCE:
                item["note"] = item["status"]["name"]
            else:
                item["note"] = ""
            in_force.append(item)
        to_revise = [
            {
                **self.document(key),
                "proposal": {
                    "code": proposal,
                    "name": self.t(REVISION_TITLES[proposal]),
                },
                "reason": reason,
            }
            for key, proposal, reason in result.to_revise
        ]
        period = f"{first}-{last}"
        return {
            "period": period,
            "referenceDate": reference,
            "issuer": self.issuer_json(params.issuer),
            "lists": {
                "in_force": {
                    "title": self.t(
                        _(
                            "legal_list_in_force",
                            default="Normative documents in force on ${day}",
                            mapping={"day": day_text(reference)},
                        )
                    ),
                    "items": in_force,
                },
                "expired": {
                    "title": self.t(
                        _(
                            "legal_list_expired_period",
                            default="Normative documents wholly or partly "
                            "expired or suspended in the period ${period}",
                            mapping={"period": period.replace("-", "–")},
                        )
                    ),
                    "items": [
                        self.entry(entry)
                        for entry in sorted(
                            result.expired,
                            key=lambda e: (SECTIONS.index(e.status), rank[e.id]),
                        )
                    ],
                },
                "to_revise": {
                    "title": self.t(
                        _(
                            "legal_list_to_revise",
                            default="Normative documents to be amended, "
                            "replaced or repealed",
                        )
                    ),
                    "items": to_revise,
                },
            },
        }


def day_text(iso: str | None) -> str:
    """``2026-07-01`` -> ``01/07/2026``."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
