"""The public status lookup: what a citizen may know of a dossier.

Status, procedure, the appointment, each step with the unit it went to, what
the citizen has to do now and, while a supplement is awaited, the papers it
asks for — never the applicant's name, ID, phone, e-mail or address, nor who
handled a step or the notes of other steps. An unknown code and a wrong
verification look exactly the same.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from dienbien.policy import _
from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.dossiers import verify_matches
from dienbien.policy.core.lookup import citizen_action
from dienbien.policy.core.lookup import public_step
from dienbien.policy.core.lookup import supplement_request
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers import ratelimit
from dienbien.policy.dossiers.dossier import DOSSIERS_PATH
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.workingtime import to_aware
from plone import api
from zope.i18n import translate


def _iso(value):
    return to_aware(value).isoformat() if value else None


@dataclass(frozen=True)
class Lookup:
    """What a lookup came to: ``status`` 200 with the ``dossier``, 404, or
    429 with the seconds to wait (``too_many`` says whose limit: the
    ``client``'s or the ``code``'s)."""

    status: int
    dossier: object = None
    retry_after: int = 0
    too_many: str = ""


def look_up(request, code: str, digits: str) -> Lookup:
    """One lookup, counted against the client's and the code's limits."""
    wait = ratelimit.client_wait(request)
    if wait:
        return Lookup(429, retry_after=wait, too_many="client")
    wait = ratelimit.code_wait(code)
    if wait:
        return Lookup(429, retry_after=wait, too_many="code")
    dossier = find(code, digits)
    if dossier is None:
        ratelimit.wrong_digits(code)
        return Lookup(404)
    return Lookup(200, dossier)


def find(code: str, verify: str):
    """The dossier with ``code`` if ``verify`` matches; otherwise None.

    A dossier's id is made from its code, so this is usually one lookup in
    the dossier folder, not a catalog search: the public's most frequent
    request stays cheap however many dossiers there are. Dossiers whose id
    is not their code's (migrated codes of another form, ids chosen by a
    REST client) are found through the catalog.
    """
    if not code or len(code) > 64:
        return None
    dossier = _by_id(code) if CODE_PATTERN.match(code) else None
    if dossier is None:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="Dossier", dossier_code=code
        )
        if len(brains) != 1:
            return None
        dossier = brains[0]._unrestrictedGetObject()
    if not verify_matches(verify, dossier.applicant_phone, dossier.applicant_id_number):
        return None
    return dossier


def _by_id(code: str):
    folder = api.portal.get().get(DOSSIERS_PATH)
    dossier = folder._getOb(dossier_id(code), None) if folder is not None else None
    if getattr(aq_base(dossier), "portal_type", None) != "Dossier":
        return None
    # Ids are lower case; codes need not be. Citizens type the code on phones,
    # often in lower case: any case will do (the verification digits guard).
    if dossier.code.lower() != code.lower():
        return None
    return dossier


#: The steps as the citizen reads them (``core.lookup.PUBLIC_STEPS``).
STEP_TITLES = {
    "accepted": _("lookup_step_accepted", default="Accepted"),
    "refused": _("lookup_step_refused", default="Refused at the desk"),
    "transferred": _("lookup_step_transferred", default="Sent for processing"),
    "supplement_requested": _(
        "lookup_step_supplement_requested", default="Supplement requested"
    ),
    "supplement_received": _(
        "lookup_step_supplement_received", default="Supplement received"
    ),
    "payment_requested": _(
        "lookup_step_payment_requested", default="Payment of fees requested"
    ),
    "payment_confirmed": _("lookup_step_payment_confirmed", default="Fees paid"),
    "resolved": _("lookup_step_resolved", default="Result ready"),
    "stopped": _("lookup_step_stopped", default="Processing stopped"),
    "withdrawn": _("lookup_step_withdrawn", default="Withdrawn"),
    "returned": _("lookup_step_returned", default="Result returned"),
    "new_appointment": _(
        "lookup_step_new_appointment", default="Apology and new appointment"
    ),
    "reorganised": _(
        "lookup_step_reorganised", default="Handed over to a successor unit"
    ),
    "update": _("lookup_step_update", default="Updated"),
}
#: What the citizen has to do (``core.lookup.ACTIONS``); ``${desk}`` is the
#: receiving unit, where the citizen goes.
INSTRUCTIONS = {
    "wait": "lookup_do_wait",
    "bring_supplement": "lookup_do_bring_supplement",
    "pay_fees": "lookup_do_pay_fees",
    "collect_result": "lookup_do_collect_result",
    "ask_desk": "lookup_do_ask_desk",
}
INSTRUCTION_DEFAULTS = {
    "wait": "Nothing to do for now: your dossier is being processed. "
    "The result is due at the appointment above.",
    "bring_supplement": "Bring the papers listed below to ${desk}, with your "
    "receipt. Processing goes on once the supplement is complete.",
    "pay_fees": "Pay the fees at ${desk}; processing goes on once they are paid.",
    "collect_result": "Your result is ready: collect it at ${desk}, with your receipt.",
    "ask_desk": "Your dossier will not be processed further; ask ${desk} "
    "for the reasons.",
}


def _instruction(state: str, desk: str, request) -> dict | None:
    action = citizen_action(state)
    if action is None:
        return None
    message = _(
        INSTRUCTIONS[action],
        default=INSTRUCTION_DEFAULTS[action],
        mapping={"desk": desk},
    )
    return {"action": action, "text": translate(message, context=request)}


def _supplement(state: str, entries: list[dict]) -> dict | None:
    """The latest supplement request, while the dossier waits for it."""
    if state != "supplement_requested":
        return None
    requests = [entry for entry in entries if entry["action"] == "request_supplement"]
    if not requests:
        return None
    entry = requests[-1]
    request = supplement_request(entry.get("note") or "", entry.get("papers"))
    return {
        "requested": _iso(entry["time"]),
        "papers": list(request.papers),
        "reason": request.reason,
    }


def public_view(dossier, unit_titles: dict, request) -> dict:
    state = api.content.get_state(dossier)
    entries = log.entries(dossier)
    steps = []
    for entry in entries:
        unit = entry["to_unit"] or entry["from_unit"]
        step = public_step(entry["action"])
        steps.append(
            {
                "time": _iso(entry["time"]),
                "unit": unit,
                "unit_title": unit_titles.get(unit, ""),
                "action": step,
                "title": translate(STEP_TITLES[step], context=request),
            }
        )
    desk = unit_titles.get(dossier.receiving_unit, "") or dossier.receiving_unit or ""
    return {
        "code": dossier.code,
        "status": {"code": STATUS_CODES[state], "title": status_title(state, request)},
        "procedure": {"code": dossier.procedure, "title": dossier.procedure_title},
        "accepted": _iso(dossier.accepted),
        "appointment": _iso(dossier.appointment),
        "returned": _iso(dossier.returned),
        "steps": steps,
        "instruction": _instruction(state, desk, request),
        "supplement": _supplement(state, entries),
    }
