"""A period's statistics read that period's dossiers and the open ones, not
the whole history (the ``dossier_open_months`` index), with the same
figures; the index follows a dossier that finishes; upgrade 1023 is in
``test_upgrade_v1023_stats_year.py``."""

from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import FIELDS
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.dossiers.statistics.report import build
from dienbien.policy.dossiers.statistics.report import parse
from plone import api

import pytest


CODE = FIELDS.index("code")
YEAR_2025 = (datetime(2025, 1, 1), datetime(2026, 1, 1))


def record(code, state, accepted, appointment=None, resolved=None, channel="online"):
    accepted = datetime.fromisoformat(accepted)
    resolved = datetime.fromisoformat(resolved) if resolved else None
    return {
        "code": f"H15.50.MC-{accepted:%y%m%d}-{code}",
        "procedure": "2.000815",
        "procedure_title": "Chứng thực",
        "procedure_field": "chung-thuc",
        "channel": channel,
        "receiving_unit": "H15.50.MC",
        "handling_unit": "H15.50.03",
        "applicant_name": "Người nộp",
        "applicant_phone": "0912 111 222",
        "submitted": accepted,
        "accepted": accepted,
        "appointment": datetime.fromisoformat(appointment) if appointment else None,
        "resolved": resolved,
        "returned": resolved,
        "state": state,
        "log": [],
    }


#: Four years of a desk. Sequence numbers name them in the assertions.
HISTORY = [
    # 2023 and 2024: received and finished in their year.
    record("0001", "returned", "2023-03-01T09:00", "2023-03-06T09:00", "2023-03-05T09:00"),
    record("0002", "returned", "2024-05-02T09:00", "2024-05-09T09:00", "2024-06-03T09:00"),
    # Received in 2024, resolved (late) in 2025: carried over into 2025.
    record("0003", "returned", "2024-12-20T09:00", "2025-01-06T09:00", "2025-01-10T09:00"),
    # Received in 2023 and still open: carried over into every year since.
    record("0004", "processing", "2023-08-01T09:00", "2023-08-10T09:00"),
    # 2025: resolved early by post, still open (overdue by the year's end),
    # withdrawn in person.
    record("0005", "returned", "2025-03-03T09:00", "2025-03-10T09:00", "2025-03-05T09:00", "post"),
    record("0006", "processing", "2025-06-02T09:00", "2025-06-09T09:00"),
    record("0007", "withdrawn", "2025-11-03T09:00", channel="in_person"),
    # Refused in 2025: never received, never read.
    record("0008", "refused", "2025-04-01T09:00"),
    # 2026.
    record("0009", "returned", "2026-02-02T09:00", "2026-02-09T09:00", "2026-02-05T09:00"),
]  # fmt: skip


@pytest.fixture
def history(integration, clock):
    from dienbien.policy.dossiers.bulk import bulk_load

    clock("2026-03-02T09:00")
    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        assert bulk_load(portal["ho-so"], HISTORY, commit=False) == len(HISTORY)
    return portal


def read(start, end):
    """The sequence numbers of the dossiers whose facts the statistics read."""
    return sorted(row[CODE][-4:] for row in dossier_facts(end, None, start=start))


def test_a_year_reads_its_dossiers_and_the_open_ones(history):
    # 2025: those open at some moment of the year (0003 from 2024, 0004
    # since 2023) and those received in it; not 2023's, 2024's, 2026's.
    assert read(*YEAR_2025) == ["0003", "0004", "0005", "0006", "0007"]
    # 2024 also reads 0006, received later but still open; the report
    # leaves it out.
    assert read(datetime(2024, 1, 1), datetime(2025, 1, 1)) == [
        "0002",
        "0003",
        "0004",
        "0006",
    ]
    # The whole history before the end, as without the index.
    assert len(dossier_facts(YEAR_2025[1], None)) == 8


def test_the_figures_are_those_of_the_whole_history(history):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(history, TEST_USER_ID, ["Manager"])  # counts every unit
    params, errors = parse({"from": "2025-01-01", "to": "2025-12-31"})
    assert errors == []
    total = build(params).total
    assert {name: value for name, value in total.items() if value} == {
        "carried_over": 2,
        "new": 3,
        "new_in_person": 1,
        "new_online": 1,
        "new_post": 1,
        "received_total": 5,
        "early": 1,
        "late": 1,
        "resolved_total": 2,
        "in_progress_overdue": 2,
        "in_progress_total": 2,
        "withdrawn": 1,
        "on_time_rate": 0.5,
        "average_calendar_days": 11.5,  # (21 + 2) / 2
    }
    for first, last in (YEAR_2025, (datetime(2024, 12, 15), datetime(2025, 1, 8))):
        everything = compute(dossier_facts(last, None), first, last, "channel")
        bounded = compute(
            dossier_facts(last, None, start=first), first, last, "channel"
        )
        assert bounded == everything


def test_the_index_follows_a_dossier_that_finishes(history):
    from dienbien.policy.core.dossiers import dossier_id
    from Products.CMFCore.indexing import processQueue

    dossier = history["ho-so"][dossier_id("H15.50.MC-250602-0006")]
    catalog = history.portal_catalog
    index = catalog._catalog.getIndex(PERIODS_INDEX)

    def terms():
        rid = catalog._catalog.uids["/".join(dossier.getPhysicalPath())]
        return index.getEntryForObject(rid)

    assert terms() == ["open"]
    dossier.resolved = datetime(2025, 8, 4, 10, 0)
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").setStatusOf(
            "dienbien_dossier_workflow",
            dossier,
            {"review_state": "resolved", "action": "resolve", "actor": "x",
             "comments": "", "time": None},
        )  # fmt: skip
        dossier.reindexObject()
        processQueue()  # as at the end of the step's request
    assert terms() == ["2025-06", "2025-07", "2025-08"]
    # No longer read for 2026.
    assert "0006" not in read(datetime(2026, 1, 1), datetime(2027, 1, 1))
