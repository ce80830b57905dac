"""The public status lookup: what a citizen may know of a dossier.

Status, procedure, the appointment and the units it passed through — never
the applicant's name, ID, phone, e-mail or address. An unknown code and a
wrong verification look exactly the same.
"""

from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.dossiers import STATUS_TITLES
from dienbien.policy.core.dossiers import verify_matches
from dienbien.policy.dossiers import log
from dienbien.policy.workingtime import to_aware
from plone import api


def _iso(value):
    return to_aware(value).isoformat() if value else None


def find(code: str, verify: str):
    """The dossier with ``code`` if ``verify`` matches; otherwise None."""
    if not code or len(code) > 64:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Dossier", dossier_code=code)
    if len(brains) != 1:
        return None
    dossier = brains[0]._unrestrictedGetObject()
    if not verify_matches(verify, dossier.applicant_phone, dossier.applicant_id_number):
        return None
    return dossier


def public_view(dossier, unit_titles: dict) -> dict:
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
        "status": {"code": STATUS_CODES[state], "title": STATUS_TITLES[state]},
        "procedure": {"code": dossier.procedure, "title": dossier.procedure_title},
        "accepted": _iso(dossier.accepted),
        "appointment": _iso(dossier.appointment),
        "returned": _iso(dossier.returned),
        "steps": steps,
    }
