"""Upgrade 1026: the ``dossier_open_months`` index of a 1025 site keeps its
facts rows with ``datetime``s; before the upgrade it still answers (its
rows read in the form kept now, also those of dossiers indexed since), and
the upgrade refills it with the moments as minutes. The report is the same
throughout."""

from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import encode
from dienbien.policy.core.statistics import minutes
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.upgrades.v1026_stats_minutes import facts_in_minutes
from plone import api
from test_upgrade_v1025_stats500 import record


YEAR = datetime(2025, 1, 1), datetime(2026, 1, 1)


def report():
    facts = dossier_facts(YEAR[1], None, start=YEAR[0])
    return compute(facts, *YEAR, "field", as_of=datetime(2025, 6, 1)).as_dict()


def test_upgrade_from_1025(integration):
    from dienbien.policy.dossiers.bulk import bulk_load

    portal = integration["portal"]
    table = portal.portal_catalog._catalog
    index = table.getIndex(PERIODS_INDEX)
    with api.env.adopt_roles(["Manager"]):
        records = [
            record(
                "H15.50.MC-241230-0001",
                "returned",
                datetime(2024, 12, 30, 9),
                datetime(2025, 1, 3, 9),
            ),
            record(
                "H15.50.MC-250304-0001",
                "resolved",
                datetime(2025, 3, 4, 9),
                datetime(2025, 4, 2, 15, 30),
            ),
            record("H15.50.MC-250305-0001", "processing", datetime(2025, 3, 5, 9)),
        ]
        assert bulk_load(portal["ho-so"], records, commit=False) == 3
    expected = report()
    assert expected["total"]["received_total"] == 3
    assert expected["total"]["resolved_total"] == 2
    # The second one: 29 days, 6 hours and 30 minutes.
    assert expected["rows"][0]["average_calendar_days"] == round(
        (4 * 24 + 29 * 24 + 6.5) / 24 / 2, 2
    )
    # As a 1025 site kept them: the metadata column's rows, datetimes.
    for tree in index._facts.values():
        for rid in list(tree.keys()):
            tree[rid] = table.data[rid][table.schema["dossier_facts"]]
    del index._rows_in_minutes
    assert not index._rows_in_minutes
    assert report() == expected
    # A dossier indexed before the upgrade runs is kept as rows are now.
    with api.env.adopt_roles(["Manager"]):
        late = record("H15.50.MC-250306-0001", "processing", datetime(2025, 3, 6, 9))
        assert bulk_load(portal["ho-so"], [late], commit=False) == 1
    after_one_more = report()
    assert after_one_more["total"]["received_total"] == 4
    assert after_one_more["total"]["in_progress_total"] == 2

    with api.env.adopt_roles(["Manager"]):
        assert facts_in_minutes(portal.portal_setup) == 4

    assert index._rows_in_minutes
    rows = [row for tree in index._facts.values() for row in tree.values()]
    # Two months for each finished dossier, `open` for the others.
    assert len(rows) == index.facts_size() == 2 + 2 + 1 + 1
    assert all(type(row[7]) is int for row in rows)
    assert sorted({row[7] for row in rows}) == [
        minutes(datetime(2024, 12, 30, 9)),
        minutes(datetime(2025, 3, 4, 9)),
        minutes(datetime(2025, 3, 5, 9)),
        minutes(datetime(2025, 3, 6, 9)),
    ]
    column = table.schema["dossier_facts"]
    for tree in index._facts.values():
        for rid, row in tree.items():
            assert row == encode(table.data[rid][column])
    assert report() == after_one_more
    # Run again (or after upgrade 1025 run with this code), it changes nothing.
    trees = list(index._facts.values())
    with api.env.adopt_roles(["Manager"]):
        assert facts_in_minutes(portal.portal_setup) == 4
    # The same trees: not cleared and refilled.
    assert all(a is b for a, b in zip(index._facts.values(), trees, strict=True))
    assert index.facts_size() == 6
