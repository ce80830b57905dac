"""Dossier statistics from the catalog: which dossiers a user may count, and
the core's facts built from catalog metadata (no dossier is woken)."""

from datetime import datetime
from dienbien.policy.content.orgunit import all_units
from dienbien.policy.core.orgunits import ancestors
from plone import api


FUNCTIONS_SEEING = ("desk", "officer", "leader")


class Facts:
    """The fields ``core.statistics`` reads, from one brain (slots: cheap)."""

    __slots__ = (
        "accepted",
        "appointment",
        "channel",
        "code",
        "field",
        "procedure",
        "resolved",
        "returned",
        "state",
        "state_changed",
        "submitted",
        "unit",
    )


def _time(text):
    return datetime.fromisoformat(text) if text else None


def facts_of(brain) -> Facts:
    facts = Facts()
    facts.code = brain.dossier_code
    facts.state = brain.review_state
    facts.channel = brain.dossier_channel
    facts.field = brain.dossier_field or ""
    facts.procedure = brain.dossier_procedure or ""
    facts.unit = brain.dossier_handling_unit or ""
    facts.submitted = _time(brain.dossier_submitted)
    facts.accepted = _time(brain.dossier_accepted)
    facts.appointment = _time(brain.dossier_appointment)
    facts.resolved = _time(brain.dossier_resolved)
    facts.returned = _time(brain.dossier_returned)
    facts.state_changed = _time(brain.dossier_state_changed)
    return facts


def countable_units(user=None) -> set[str] | None:
    """The handling units whose dossiers the user may count (``None``: all).

    Managers and site administrators count everything; staff count their
    own units' dossiers, and leaders also those of the units below theirs.
    """
    user = user or api.user.get_current()
    roles = set(api.user.get_roles(user=user))
    if {"Manager", "Site Administrator"} & roles:
        return None
    units = all_units(api.portal.get())
    allowed: set[str] = set()
    for group in api.group.get_groups(user=user):
        parts = group.getId().split(".")
        if parts[0] != "unit" or parts[-1] not in FUNCTIONS_SEEING:
            continue
        code_lower = ".".join(parts[1:-1])
        code = next((c for c in units if c.lower() == code_lower), None)
        if code is None:
            continue
        allowed.add(code)
        if parts[-1] == "leader":
            allowed.update(c for c in units if code in ancestors(c, units))
    return allowed


def dossier_facts(end: datetime, units: set[str] | None, unit: str | None = None):
    """Facts of the dossiers accepted before ``end`` in the allowed units."""
    catalog = api.portal.get_tool("portal_catalog")
    query = {
        "portal_type": "Dossier",
        "dossier_accepted": {"query": end.strftime("%Y-%m-%dT%H:%M"), "range": "max"},
    }
    wanted = units
    if unit:
        wanted = {unit} if units is None or unit in units else set()
    if wanted is not None:
        if not wanted:
            return []
        query["dossier_handling_unit"] = sorted(wanted)
    return [facts_of(brain) for brain in catalog.unrestrictedSearchResults(**query)]
