"""The dossiers the benchmarks load: what an export of an earlier one-stop
system would hold (codes, times, appointments, states, hand-over logs),
made up with the site's working calendar. Imported by ``bench/dossiers.py``'s
loader and by ``bench/bulk_profile.py`` (zconsole scripts, in the instance).

Making a record is mostly the calendar work in it (the appointment and
the finish times are working-day arithmetic, about 0.2 ms a record); a
migration gets its records ready-made, so the benchmark times their making
apart and leaves it out of the load's rate (``timed``).
"""

from collections.abc import Iterator
from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.dossiers import dossier_code
from dienbien.policy.workingtime import site_calendar

import random
import time
import transaction


def empty_dossier_folder(portal) -> None:
    """Remove the demo's few dossiers (run as a Manager): their codes would
    be the records' own."""
    demo = list(portal["ho-so"].objectIds())
    if demo:
        portal["ho-so"].manage_delObjects(demo)
        transaction.commit()


DESKS = ["H15.50.MC"] + [f"H15.50.05.{i:02d}" for i in range(1, 22)]


def make_records(
    portal,
    count: int,
    years: int,
    end: datetime = datetime(2026, 11, 27, 17, 0),
    now: datetime = datetime(2026, 11, 29, 9, 0),
    seed: int = 20261129,
) -> Iterator[dict]:
    """``count`` records accepted over the last ``years`` calendar years
    ending at ``end``, in acceptance order; those older than 30 days at
    ``now`` are returned. One at a time: 500,000 held at once would take
    about 2 GB."""
    rng = random.Random(seed)
    calendar = site_calendar()
    procedures = [
        (b.procedure_code, b.Title, b.procedure_field, b.procedure_unit or "H15.50.03")
        for b in portal.portal_catalog.unrestrictedSearchResults(
            portal_type="Procedure", review_state="published"
        )
    ]
    start = datetime(end.year - years + 1, 1, 2, 7, 0)
    span = (end - start).total_seconds()
    moments = sorted(
        start + timedelta(seconds=rng.random() * span) for _ in range(count)
    )
    sequences = {}
    for moment in moments:
        accepted = calendar.opening(moment.replace(second=0, microsecond=0))
        desk = rng.choice(DESKS)
        key = (desk, accepted.date())
        sequences[key] = sequences.get(key, 0) + 1
        code = dossier_code(desk, accepted.date(), sequences[key])
        procedure, title, field, unit = rng.choice(procedures)
        days = rng.choice([1, 3, 5, 10, 15])
        appointment = calendar.add_working_days(accepted, days)
        age = (now - accepted).days
        state = (
            "returned"
            if age > 30
            else rng.choice(
                [
                    "processing",
                    "processing",
                    "resolved",
                    "returned",
                    "supplement_requested",
                ]
            )
        )
        resolved = returned = None
        if state in ("resolved", "returned"):
            resolved = calendar.add_working_days(
                accepted, days * rng.choice([0.5, 0.9, 1.0, 1.2])
            )
        if state == "returned":
            returned = calendar.add_working_hours(resolved, 2)
        log = [
            {
                "time": accepted,
                "actor": "bulk",
                "action": "accept",
                "from_state": "submitted",
                "to_state": "accepted",
                "from_unit": None,
                "to_unit": desk,
                "note": "",
                "timeliness": "early",
                "appointment": appointment,
            },
            {
                "time": accepted,
                "actor": "bulk",
                "action": "transfer",
                "from_state": "accepted",
                "to_state": "processing",
                "from_unit": desk,
                "to_unit": unit,
                "note": "",
                "timeliness": "early",
                "appointment": appointment,
            },
        ]
        yield (
            {
                "code": code,
                "procedure": procedure,
                "procedure_title": title,
                "procedure_field": field,
                "channel": rng.choice(["in_person", "online", "post"]),
                "receiving_unit": desk,
                "handling_unit": unit,
                "applicant_name": "Người nộp mẫu",
                "applicant_phone": f"09{rng.randint(10000000, 99999999)}",
                "applicant_id_number": f"0112{rng.randint(10000000, 99999999)}",
                "papers": [{"name": "Tờ khai", "kind": "original", "count": 1}],
                "fee": 0,
                "submitted": accepted,
                "accepted": accepted,
                "appointment": appointment,
                "resolved": resolved,
                "returned": returned,
                "terms": {
                    "channel": "in_person",
                    "time_value": float(days),
                    "time_unit": "working_days",
                    "cutoff": "",
                    "fee": 0,
                    "note": "",
                },
                "state": state,
                "log": log,
            }
        )


class timed:
    """``records`` as they are taken, adding the time spent making each to
    ``seconds``."""

    def __init__(self, records):
        self.records = iter(records)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.records)
        finally:
            self.seconds += time.perf_counter() - started
