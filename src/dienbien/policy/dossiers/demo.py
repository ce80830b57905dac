"""Demo dossiers: a few months of a one-stop desk, generated reproducibly
(a fixed seed) through the bulk loader, so the dashboard, the listings and
the public lookup have something to show. Sample people, sample numbers.

The first dossier of the demo is the one the README uses for the lookup:
code ``H15.50.MC-<its date>-0001`` with verification digits ``5678``.

After a few months of random work come the demo staff's working lists
(``WORKLISTS``): for the district (its desk, officer and leader) and for the
commune of Thanh Xương, one dossier in every state a list shows, two of them
overdue and one due this week, timed from the site clock so that the same
clock gives the same demo.
"""

from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.dossiers import appointment as due_time
from dienbien.policy.core.dossiers import dossier_code
from dienbien.policy.core.dossiers import timeliness
from dienbien.policy.dossiers.bulk import bulk_load
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.workingtime import same_day_cutoff
from dienbien.policy.workingtime import site_calendar
from plone import api

import dataclasses
import random


COUNT = 60
DESKS = ("H15.50.MC", "H15.50.05.01")
NAMES = ("Lò Văn Páo", "Quàng Thị Xuân", "Giàng A Dơ", "Cầm Thị Lan", "Vì Văn Thắng")


def _procedures():
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Procedure", review_state="published", sort_on="procedure_code"
    ):
        procedure = procedure_of(brain._unrestrictedGetObject())
        if procedure.unit and procedure.channels:
            found.append(procedure)
    return found


def records(today: datetime):
    rng = random.Random(2026)
    calendar = site_calendar()
    cutoff = same_day_cutoff()
    procedures = _procedures()
    if not procedures:
        return
    sequences: dict = {}
    yield from _months_of_work(today, rng, calendar, cutoff, procedures, sequences)
    yield from _worklists(today, rng, calendar, cutoff, procedures, sequences)


def _months_of_work(today, rng, calendar, cutoff, procedures, sequences):
    first = calendar.opening(today - timedelta(days=120))
    for index in range(COUNT):
        moment = first + timedelta(hours=index * 46)
        accepted = calendar.opening(moment)
        if accepted >= today:
            break
        desk = DESKS[index % len(DESKS)]
        key = (desk, accepted.date())
        sequences[key] = sequences.get(key, 0) + 1
        procedure = procedures[index % len(procedures)]
        terms = procedure.channels[0]
        appointment = due_time(calendar, accepted, terms, cutoff)
        if appointment < today - timedelta(days=3):
            state = rng.choice(("returned", "returned", "returned", "resolved"))
        else:
            state = rng.choice(
                ("processing", "processing", "accepted", "supplement_requested")
            )
        if index == 0:
            state = "processing"
        resolved = returned = None
        if state in ("resolved", "returned"):
            resolved = calendar.add_working_minutes(
                accepted,
                int(
                    calendar.working_minutes_between(accepted, appointment)
                    * rng.choice((0.5, 0.8, 1.0, 1.3))
                ),
            )
            returned = (
                calendar.add_working_hours(resolved, 1) if state == "returned" else None
            )
        log = [
            _entry(
                accepted, "accept", "submitted", "accepted", None, desk, appointment
            ),
        ]
        if state != "accepted":
            log.append(
                _entry(
                    accepted,
                    "transfer",
                    "accepted",
                    "processing",
                    desk,
                    procedure.unit,
                    appointment,
                )
            )
        log += _finished(resolved, returned, procedure.unit, desk, appointment)
        yield _record(
            code=dossier_code(desk, accepted.date(), sequences[key]),
            procedure=procedure,
            terms=terms,
            desk=desk,
            index=index,
            phone="0912 345 678"
            if index == 0
            else f"09{rng.randint(10**7, 10**8 - 1)}",
            accepted=accepted,
            appointment=appointment,
            resolved=resolved,
            returned=returned,
            state=state,
            log=log,
        )


def _record(
    code,
    procedure,
    terms,
    desk,
    index,
    phone,
    accepted,
    appointment,
    state,
    log,
    resolved=None,
    returned=None,
):
    return {
        "code": code,
        "procedure": procedure.code,
        "procedure_title": procedure.title,
        "procedure_field": procedure.field,
        "channel": terms.channel,
        "receiving_unit": desk,
        "handling_unit": procedure.unit,
        "applicant_name": f"{NAMES[index % len(NAMES)]} (mẫu)",
        "applicant_phone": phone,
        "applicant_id_number": "",
        "applicant_address": "Xã Thanh Xương, huyện Điện Biên (mẫu)",
        "papers": [{"name": "Tờ khai", "kind": "original", "count": 1}],
        "fee": terms.fee,
        "submitted": accepted,
        "accepted": accepted,
        "appointment": appointment,
        "resolved": resolved,
        "returned": returned,
        "terms": dataclasses.asdict(terms),
        "state": state,
        "log": log,
    }


def _entry(
    when, action, from_state, to_state, from_unit, to_unit, appointment, note=""
):
    return {
        "time": when,
        "actor": "demo",
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "from_unit": from_unit,
        "to_unit": to_unit,
        "note": note,
        "timeliness": timeliness(when, appointment),
        "appointment": appointment,
    }


def _finished(resolved, returned, unit, desk, appointment) -> list[dict]:
    """The log entries of a dossier resolved by ``unit`` and, when
    ``returned`` is set, handed back to the applicant at ``desk``."""
    entries = []
    if resolved:
        entries.append(
            _entry(
                resolved, "resolve", "processing", "resolved", unit, desk, appointment
            )
        )
    if returned:
        entries.append(
            _entry(
                returned,
                "return_result",
                "resolved",
                "returned",
                desk,
                None,
                appointment,
            )
        )
    return entries


#: (receiving desk, handling unit) of the demo staff's working lists.
WORKLISTS = (("H15.50.MC", "H15.50"), ("H15.50.05.01", "H15.50.05.01"))
#: (state, when the appointment falls) of each dossier of a working list.
CASES = (
    ("accepted", "later"),
    ("processing", "later"),
    ("processing", "this_week"),
    ("processing", "overdue"),
    ("processing", "long_overdue"),
    ("supplement_requested", "later"),
    ("awaiting_payment", "later"),
    ("resolved", "past"),
    ("returned", "past"),
    ("stopped", "past"),
    ("withdrawn", "later"),
)
#: The hours of day a demo dossier may be accepted at: its later steps then
#: fall on the same day.
HOURS = (15, 14, 10, 9, 8)


def _fits(when: str, due: datetime, today: datetime, week_end) -> bool:
    if when == "later":
        return due > (week_end or today)
    if when == "this_week":
        return week_end is not None and today <= due <= week_end
    if when == "overdue":
        return today - timedelta(days=7) < due < today
    if when == "long_overdue":
        return due < today - timedelta(days=7)
    return due < today - timedelta(days=7)  # past: finished some days ago


def _accepted_for(when, terms, today, calendar, cutoff, week_end):
    """The latest acceptance at one of ``HOURS`` (an hour before ``today``
    at the latest) whose appointment falls ``when``; ``None`` if none in
    the last 120 days."""
    for back in range(120):
        day = (today - timedelta(days=back)).date()
        if not calendar.is_working_day(day):
            continue
        for hour in HOURS:
            accepted = datetime(day.year, day.month, day.day, hour)
            if accepted + timedelta(minutes=60) > today:
                continue  # its later steps would be in the future
            due = due_time(calendar, accepted, terms, cutoff)
            if _fits(when, due, today, week_end):
                return accepted, due
    return None


def _worklists(today, rng, calendar, cutoff, procedures, sequences):
    week_end = calendar.week_closing(today.date())
    index = COUNT
    for desk, unit in WORKLISTS:
        # Procedures of the unit that take days: their deadlines can fall
        # in any week (a same-day procedure is never "due next month").
        own = [
            p
            for p in procedures
            if p.unit == unit and p.channels[0].time_unit != "same_day"
        ]
        for number, (state, when) in enumerate(CASES):
            if not own:
                break
            # The unit's procedures in turn, the first whose deadline can
            # fall ``when`` (a three-day one is never due next month).
            for offset in range(len(own)):
                procedure = own[(number + offset) % len(own)]
                terms = procedure.channels[0]
                found = _accepted_for(when, terms, today, calendar, cutoff, week_end)
                if found is not None:
                    break
            else:
                continue
            accepted, appointment = found
            key = (desk, accepted.date())
            sequences[key] = sequences.get(key, 0) + 1
            resolved, returned, log = _steps(
                state, desk, unit, accepted, appointment, calendar
            )
            yield _record(
                code=dossier_code(desk, accepted.date(), sequences[key]),
                procedure=procedure,
                terms=terms,
                desk=desk,
                index=index,
                phone=f"09{rng.randint(10**7, 10**8 - 1)}",
                accepted=accepted,
                appointment=appointment,
                resolved=resolved,
                returned=returned,
                state=state,
                log=log,
            )
            index += 1


def _steps(state, desk, unit, accepted, appointment, calendar):
    """``(resolved, returned, hand-over log)`` of a working-list dossier."""
    transferred = accepted + timedelta(minutes=30)
    later = accepted + timedelta(minutes=60)
    log = [_entry(accepted, "accept", "submitted", "accepted", None, desk, appointment)]
    if state == "withdrawn":
        log.append(
            _entry(later, "withdraw", "accepted", "withdrawn", desk, None, appointment)
        )
        return None, None, log
    if state == "accepted":
        return None, None, log
    log.append(
        _entry(
            transferred, "transfer", "accepted", "processing", desk, unit, appointment
        )
    )
    resolved = returned = None
    if state == "supplement_requested":
        log.append(
            _entry(
                later,
                "request_supplement",
                "processing",
                "supplement_requested",
                unit,
                desk,
                appointment,
                note="Thiếu bản sao giấy tờ chứng minh nhân thân (mẫu)",
            )
        )
    elif state == "awaiting_payment":
        log.append(
            _entry(
                later,
                "request_payment",
                "processing",
                "awaiting_payment",
                unit,
                desk,
                appointment,
            )
        )
    elif state == "stopped":
        log.append(
            _entry(
                later,
                "stop",
                "processing",
                "stopped",
                unit,
                desk,
                appointment,
                note="Người nộp hồ sơ không còn đủ điều kiện (mẫu)",
            )
        )
    elif state == "resolved":
        # Early: half the processing time.
        resolved = calendar.add_working_minutes(
            accepted, calendar.working_minutes_between(accepted, appointment) // 2
        )
        log += _finished(resolved, None, unit, desk, appointment)
    elif state == "returned":
        # Late: a working day after the appointment.
        resolved = calendar.add_working_days(appointment, 1)
        returned = calendar.add_working_hours(resolved, 1)
        log += _finished(resolved, returned, unit, desk, appointment)
    return resolved, returned, log


def load_dossiers(portal, today: datetime | None = None) -> int:
    folder = portal["ho-so"]
    if folder.objectIds():
        return 0  # demo dossiers exist already
    return bulk_load(folder, records(today or now()), commit=False)
