"""What happens to a dossier: created and accepted, handed on, supplemented,
resolved, returned — each step logged with its timeliness."""

from datetime import datetime
from dienbien.policy import clock
from dienbien.policy.core.dossiers import appointment
from dienbien.policy.core.dossiers import dossier_code
from dienbien.policy.core.dossiers import timeliness
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.core.steps import apology_problems
from dienbien.policy.core.steps import NEEDS_REASON
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.sequence import next_number
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.workingtime import same_day_cutoff
from dienbien.policy.workingtime import site_calendar
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.lifecycleevent import modified

import dataclasses


#: Who holds the dossier in each state: the receiving desk or the handling unit.
HOLDER = {"processing": "handling"}


def now() -> datetime:
    """The site's local time to the minute (``dienbien.policy.clock``)."""
    return clock.now()


def find_procedure(context, code: str):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Procedure", procedure_code=code, review_state="published"
    )
    return brains[0]._unrestrictedGetObject() if brains else None


def creation_problems(dossier) -> list[Problem]:
    """What stops a dossier from being accepted: procedure, channel, units."""
    problems = []
    if not dossier.procedure:
        # The schema's required check says it (a code of None helps nobody).
        return problems
    procedure = find_procedure(dossier, dossier.procedure)
    if procedure is None:
        problems.append(
            Problem(
                "procedure",
                "No published procedure has the code ${value}.",
                {"value": dossier.procedure},
            )
        )
    elif dossier.channel not in {
        row.channel for row in procedure_of(procedure).channels
    }:
        problems.append(
            Problem(
                "channel",
                "The procedure ${code} is not offered ${channel}.",
                {"code": dossier.procedure, "channel": dossier.channel},
            )
        )
    elif not (dossier.handling_unit or procedure_of(procedure).unit):
        problems.append(
            Problem(
                "handling_unit",
                "The procedure names no implementing unit: choose the handling unit.",
            )
        )
    if dossier.receiving_unit and not works_at_desk(dossier.receiving_unit):
        problems.append(
            Problem(
                "receiving_unit",
                "You do not work at the one-stop desk of ${value}.",
                {"value": dossier.receiving_unit},
            )
        )
    return problems


def own_desks() -> list[str]:
    """The units at whose one-stop desk the current user works."""
    return sorted(user_units(unit_titles(api.portal.get()))["desk"])


def works_at_desk(unit: str) -> bool:
    """Whether the current user may receive dossiers for ``unit``: its desk
    clerks (and managers). A clerk of one desk cannot number dossiers in
    another desk's sequence."""
    user = api.user.get_current()
    if "Manager" in api.user.get_roles(user=user):
        return True
    wanted = group_id(unit, "desk")
    return any(group.getId() == wanted for group in api.group.get_groups(user=user))


def accept_new(dossier, folder, accepted: datetime, submitted: datetime | None) -> None:
    """Give a new dossier its code, frozen terms and appointment."""
    procedure = procedure_of(find_procedure(dossier, dossier.procedure))
    terms = next(row for row in procedure.channels if row.channel == dossier.channel)
    dossier.terms = dataclasses.asdict(terms)
    dossier.procedure_title = procedure.title
    dossier.procedure_field = procedure.field
    if not dossier.handling_unit:
        # A procedure may still name a unit that has retired since: its
        # successor handles the dossier.
        dossier.handling_unit = resolve(procedure.unit, references.LazySuccession())
    dossier.submitted = submitted or accepted
    dossier.accepted = accepted
    dossier.appointment = appointment(
        site_calendar(), accepted, terms, same_day_cutoff()
    )
    number = next_number(folder, dossier.receiving_unit, accepted.date())
    dossier.code = dossier_code(dossier.receiving_unit, accepted.date(), number)
    dossier.title = f"{dossier.code} – {procedure.title}"


def _terms(dossier) -> ChannelTerms:
    return ChannelTerms(**dossier.terms)


def dossier_added(dossier, event):
    """A dossier made by a desk clerk is accepted at once (Mẫu 01)."""
    workflow = api.portal.get_tool("portal_workflow")
    if workflow.getInfoFor(dossier, "review_state", None) is None:
        workflow.notifyCreated(dossier)
    if api.content.get_state(dossier) == "submitted" and dossier.accepted:
        workflow.doActionFor(dossier, "accept", comment="")


def before_transition(dossier, event):
    if event.transition is None:
        return
    name = event.transition.id
    comment = (event.kwargs or {}).get("comment", "") if event.kwargs else ""
    if name in NEEDS_REASON and not (comment or "").strip():
        raise WorkflowException(f"The transition {name} needs a reason (comment).")


def _unit(dossier, state: str) -> str | None:
    return (
        dossier.handling_unit
        if HOLDER.get(state) == "handling"
        else dossier.receiving_unit
    )


def after_transition(dossier, event):
    if event.transition is None:
        return
    name = event.transition.id
    moment = now() if name != "accept" or not dossier.accepted else dossier.accepted
    from_state = event.old_state.id
    to_state = event.new_state.id
    settings_rule = api.portal.get_registry_record(
        "dienbien.settings.supplement_rule", default="restart"
    )
    if name == "request_supplement" and dossier.appointment:
        dossier.remaining_minutes = site_calendar().working_minutes_between(
            moment, dossier.appointment
        )
    elif name == "receive_supplement":
        calendar = site_calendar()
        if (
            settings_rule == "resume"
            and getattr(dossier, "remaining_minutes", None) is not None
        ):
            dossier.appointment = calendar.add_working_minutes(
                moment, dossier.remaining_minutes
            )
        else:
            dossier.appointment = appointment(
                calendar, moment, _terms(dossier), same_day_cutoff()
            )
    elif name == "resolve":
        dossier.resolved = moment
    elif name == "return_result":
        dossier.returned = moment
    units = {
        "accept": (None, dossier.receiving_unit),
        "refuse": (dossier.receiving_unit, None),
        "return_result": (dossier.receiving_unit, None),
        "withdraw": (_unit(dossier, from_state), None),
    }
    from_unit, to_unit = units.get(
        name, (_unit(dossier, from_state), _unit(dossier, to_state))
    )
    kwargs = event.kwargs or {}
    log.append(
        dossier,
        when=moment,
        actor=api.user.get_current().getId() or "",
        action=name,
        from_state=from_state,
        to_state=to_state,
        from_unit=from_unit,
        to_unit=to_unit,
        note=kwargs.get("comment") or "",
        timeliness=timeliness(moment, dossier.appointment),
        appointment=dossier.appointment,
        # What the step form adds: the supplement papers that arrived
        # (``receive_supplement``), the amount asked for or paid.
        papers=kwargs.get("papers"),
        amount=kwargs.get("amount"),
    )
    dossier.reindexObject()


def record_apology(dossier, new_appointment: datetime, reason: str) -> dict:
    """Mẫu 04: the agency apologises and sets a new appointment."""
    moment = now()
    old = dossier.appointment
    dossier.appointment = new_appointment
    entry = log.append(
        dossier,
        when=moment,
        actor=api.user.get_current().getId() or "",
        action="apology",
        from_state=api.content.get_state(dossier),
        to_state=api.content.get_state(dossier),
        from_unit=dossier.handling_unit,
        to_unit=dossier.receiving_unit,
        note=reason,
        timeliness=timeliness(moment, old),
        appointment=new_appointment,
    )
    entry["previous_appointment"] = old
    modified(dossier)
    dossier.reindexObject()
    return entry


def apology_refusals(dossier, new_appointment: datetime | None, reason: str):
    """What stops Mẫu 04 now (``core.steps.apology_problems``), for the
    page's step form and ``POST @apology`` alike; ``record_apology`` after."""
    return apology_problems(
        api.content.get_state(dossier),
        dossier.appointment,
        new_appointment,
        reason,
        now(),
        site_calendar(),
    )
