"""An outgoing draft judged by the core (``core.correspondence.outgoing``)
with what only the site knows: the issuing unit's departments and leaders.

The classic add and edit forms call ``draft_problems`` with the submitted
values; a REST deserializer can call it with the JSON body's values.
"""

from dienbien.policy.core.correspondence.departments import departments_of
from dienbien.policy.core.correspondence.outgoing import Draft
from dienbien.policy.core.correspondence.outgoing import draft_problems
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.lookup import unit_brains
from plone import api


def unit_object(context, code: str | None):
    """The OrgUnit with ``code`` (the organisation is public), or ``None``."""
    if not code or not isinstance(code, str):
        return None
    brains = unit_brains(context, unit_code=code)
    return brains[0]._unrestrictedGetObject() if brains else None


def unit_departments(context, code: str | None):
    """The departments of the unit with ``code`` (``()`` for none)."""
    unit = unit_object(context, code)
    return departments_of(getattr(unit, "departments", None)) if unit else ()


def unit_leaders(code: str | None) -> tuple[str, ...]:
    """The user ids of the unit's leader group."""
    if not code:
        return ()
    try:
        group = api.group.get(groupname=group_id(code, "leader"))
    except ValueError:
        return ()
    if group is None:
        return ()
    return tuple(sorted(group.getGroupMemberIds()))


def _texts(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(item for item in value if isinstance(item, str))


def _text(value) -> str:
    # REST may send anything; its own checks name a value of the wrong kind.
    return value.strip() if isinstance(value, str) else ""


def draft_from(context, values: dict, unit: str | None) -> Draft:
    unit = unit if isinstance(unit, str) else None
    departments = unit_departments(context, unit)
    copies = values.get("copies")
    return Draft(
        doctype=_text(values.get("doctype")),
        normative=values.get("normative") is True,
        department=_text(values.get("department")),
        summary=values.get("summary") if isinstance(values.get("summary"), str) else "",
        has_body=bool(_body_text(values.get("body"))),
        has_file=bool(values.get("file")),
        internal_recipients=_texts(values.get("internal_recipients")),
        # Address-book choices are recipients outside the organisation too.
        external_recipients=_texts(values.get("external_recipients"))
        + _texts(values.get("external_organisations")),
        urgency=_text(values.get("urgency")) or "normal",
        confidentiality=_text(values.get("confidentiality")) or "normal",
        signer=_text(values.get("signer")),
        copies=copies
        if isinstance(copies, int) and not isinstance(copies, bool)
        else None,
        departments=tuple(d.abbreviation for d in departments),
        leaders=unit_leaders(unit),
    )


def _body_text(body) -> str:
    raw = getattr(body, "raw", body)
    return raw.strip() if isinstance(raw, str) else ""


def problems_of(context, values: dict) -> list[Problem]:
    """What keeps the draft ``values`` from being stored."""
    unit = values.get("unit")
    problems = []
    if not unit:
        problems.append(Problem("unit", "Choose the issuing unit."))
    return problems + draft_problems(draft_from(context, values, unit))
