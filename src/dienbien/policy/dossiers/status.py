"""The public status lookup: what a citizen may know of a dossier.

Status, procedure, the appointment and the units it passed through — never
the applicant's name, ID, phone, e-mail or address. An unknown code and a
wrong verification look exactly the same.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.dossiers import verify_matches
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers import ratelimit
from dienbien.policy.dossiers.dossier import DOSSIERS_PATH
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.workingtime import to_aware
from plone import api


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


def public_view(dossier, unit_titles: dict, request) -> dict:
    state = api.content.get_state(dossier)
    steps = [
        {
            "time": _iso(entry["time"]),
            "unit": entry["to_unit"] or entry["from_unit"],
            "unit_title": unit_titles.get(entry["to_unit"] or entry["from_unit"], ""),
        }
        for entry in log.entries(dossier)
    ]
    return {
        "code": dossier.code,
        "status": {"code": STATUS_CODES[state], "title": status_title(state, request)},
        "procedure": {"code": dossier.procedure, "title": dossier.procedure_title},
        "accepted": _iso(dossier.accepted),
        "appointment": _iso(dossier.appointment),
        "returned": _iso(dossier.returned),
        "steps": steps,
    }
