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


COLUMNS = {
    "code": "dossier_code",
    "state": "review_state",
    "channel": "dossier_channel",
    "field": "dossier_field",
    "procedure": "dossier_procedure",
    "unit": "dossier_handling_unit",
    "submitted": "dossier_submitted",
    "accepted": "dossier_accepted",
    "appointment": "dossier_appointment",
    "resolved": "dossier_resolved",
    "returned": "dossier_returned",
    "state_changed": "dossier_state_changed",
}


def dossier_facts(end: datetime, units: set[str] | None, unit: str | None = None):
    """Facts of the dossiers accepted before ``end`` in the allowed units.

    A year of a district is tens of thousands of dossiers: the metadata
    records are read straight from the catalog's table by record id, without
    making a brain for each (brains cost more than the statistics).
    """
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
    table = catalog._catalog
    result = table.search(query)
    rids = getattr(result, "_seq", None)
    if rids is None:  # an empty result, or a ZCatalog that changed
        return [facts_of(brain) for brain in result]
    schema = table.schema
    code, state, channel, field, procedure, unit = (
        schema[COLUMNS[name]]
        for name in ("code", "state", "channel", "field", "procedure", "unit")
    )
    accepted, appointment, resolved, returned, changed = (
        schema[COLUMNS[name]]
        for name in ("accepted", "appointment", "resolved", "returned", "state_changed")
    )
    parse = datetime.fromisoformat
    data = table.data
    facts_list = []
    append = facts_list.append
    for rid in rids:
        record = data[rid]
        facts = Facts()
        facts.code = record[code]
        facts.state = record[state]
        facts.channel = record[channel]
        facts.field = record[field] or ""
        facts.procedure = record[procedure] or ""
        facts.unit = record[unit] or ""
        # ``submitted`` is not used by the statistics: not parsed.
        facts.submitted = None
        value = record[accepted]
        facts.accepted = parse(value) if value else None
        value = record[appointment]
        facts.appointment = parse(value) if value else None
        value = record[resolved]
        facts.resolved = parse(value) if value else None
        value = record[returned]
        facts.returned = parse(value) if value else None
        value = record[changed]
        facts.state_changed = parse(value) if value else None
        append(facts)
    return facts_list
