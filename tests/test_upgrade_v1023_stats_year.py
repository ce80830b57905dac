"""Upgrade 1023: a 1022 site gets the ``dossier_open_months`` index with
every dossier in it, and its statistics then read only a period's
dossiers."""

from datetime import datetime
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.upgrades.v1023_stats_year import add_open_months_index
from plone import api


def record(code, state, accepted, resolved=None):
    return {
        "code": code,
        "procedure": "2.000815",
        "procedure_title": "Chứng thực",
        "procedure_field": "chung-thuc",
        "channel": "in_person",
        "receiving_unit": "H15.50.MC",
        "handling_unit": "H15.50.03",
        "applicant_name": "Người nộp",
        "applicant_phone": "0912 111 222",
        "submitted": accepted,
        "accepted": accepted,
        "appointment": accepted,
        "resolved": resolved,
        "state": state,
        "log": [],
    }


def test_upgrade_from_1022(integration):
    from dienbien.policy.dossiers.bulk import bulk_load

    portal = integration["portal"]
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        # As a 1022 site: no index, dossiers of 2024 and 2025 in the catalog.
        catalog.delIndex(PERIODS_INDEX)
        records = [
            record(
                "H15.50.MC-240304-0001",
                "returned",
                datetime(2024, 3, 4, 9),
                datetime(2024, 3, 8, 9),
            ),
            record("H15.50.MC-250304-0001", "processing", datetime(2025, 3, 4, 9)),
        ]
        assert bulk_load(portal["ho-so"], records, commit=False) == 2
        year = datetime(2025, 1, 1), datetime(2026, 1, 1)
        # Without the index a period reads the whole history.
        assert len(dossier_facts(year[1], None, start=year[0])) == 2

        assert add_open_months_index(portal.portal_setup) == 2

    index = catalog._catalog.getIndex(PERIODS_INDEX)
    assert index.meta_type == "KeywordIndex"
    assert sorted(index.uniqueValues()) == ["2024-03", "open"]
    codes = [row[0] for row in dossier_facts(year[1], None, start=year[0])]
    assert codes == ["H15.50.MC-250304-0001"]
    # Run again, it changes nothing.
    with api.env.adopt_roles(["Manager"]):
        assert add_open_months_index(portal.portal_setup) == 2
    assert sorted(index.uniqueValues()) == ["2024-03", "open"]
