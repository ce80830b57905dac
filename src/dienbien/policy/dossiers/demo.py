"""Demo dossiers: a few months of a one-stop desk, generated reproducibly
(a fixed seed) through the bulk loader, so the dashboard, the listings and
the public lookup have something to show. Sample people, sample numbers.

The first dossier of the demo is the one the README uses for the lookup:
code ``H15.50.MC-<its date>-0001`` with verification digits ``5678``.
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
    first = calendar.opening(today - timedelta(days=120))
    sequences: dict = {}
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
        if resolved:
            log.append(
                _entry(
                    resolved,
                    "resolve",
                    "processing",
                    "resolved",
                    procedure.unit,
                    desk,
                    appointment,
                )
            )
        if returned:
            log.append(
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
        yield {
            "code": dossier_code(desk, accepted.date(), sequences[key]),
            "procedure": procedure.code,
            "procedure_title": procedure.title,
            "procedure_field": procedure.field,
            "channel": terms.channel,
            "receiving_unit": desk,
            "handling_unit": procedure.unit,
            "applicant_name": f"{NAMES[index % len(NAMES)]} (mẫu)",
            "applicant_phone": "0912 345 678"
            if index == 0
            else f"09{rng.randint(10**7, 10**8 - 1)}",
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


def _entry(when, action, from_state, to_state, from_unit, to_unit, appointment):
    return {
        "time": when,
        "actor": "demo",
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "from_unit": from_unit,
        "to_unit": to_unit,
        "note": "",
        "timeliness": timeliness(when, appointment),
        "appointment": appointment,
    }


def load_dossiers(portal, today: datetime | None = None) -> int:
    folder = portal["ho-so"]
    if folder.objectIds():
        return 0  # demo dossiers exist already
    return bulk_load(folder, records(today or now()), commit=False)
