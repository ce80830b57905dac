"""Upgrade 1025: a 1024 site's ``dossier_open_months`` keyword index becomes a
``DossierFactsIndex`` filled from the ``dossier_facts`` metadata column (no
dossier woken), with the same terms; a period's statistics then read the
facts it keeps, and the report is the same."""

from Acquisition import aq_base
from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import encode
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.dossiers.statistics.factsindex import DossierFactsIndex
from dienbien.policy.upgrades.v1023_stats_year import add_open_months_index
from dienbien.policy.upgrades.v1025_stats500 import add_facts_index
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


def test_upgrade_from_1024(integration):
    from dienbien.policy.dossiers.bulk import bulk_load

    portal = integration["portal"]
    catalog = portal.portal_catalog
    year = datetime(2025, 1, 1), datetime(2026, 1, 1)
    # A new site has it from catalog.xml.
    assert isinstance(catalog._catalog.getIndex(PERIODS_INDEX), DossierFactsIndex)
    with api.env.adopt_roles(["Manager"]):
        # As a 1024 site: the keyword index, three dossiers over two years.
        catalog.delIndex(PERIODS_INDEX)
        add_open_months_index(portal.portal_setup)
        records = [
            record(
                "H15.50.MC-241230-0001",
                "returned",
                datetime(2024, 12, 30, 9),
                datetime(2025, 1, 3, 9),
            ),
            record(
                "H15.50.MC-240304-0001",
                "returned",
                datetime(2024, 3, 4, 9),
                datetime(2024, 3, 8, 9),
            ),
            record("H15.50.MC-250304-0001", "processing", datetime(2025, 3, 4, 9)),
        ]
        assert bulk_load(portal["ho-so"], records, commit=False) == 3
        table = catalog._catalog
        assert table.getIndex(PERIODS_INDEX).meta_type == "KeywordIndex"
        before = compute(dossier_facts(year[1], None, start=year[0]), *year, "field")
        terms = sorted(table.getIndex(PERIODS_INDEX).uniqueValues())

        assert add_facts_index(portal.portal_setup) == 3

    index = table.getIndex(PERIODS_INDEX)
    assert isinstance(index, DossierFactsIndex)
    assert index.meta_type == "DossierFactsIndex"
    assert (
        sorted(index.uniqueValues())
        == terms
        == [
            "2024-03",
            "2024-12",
            "2025-01",
            "open",
        ]
    )
    # The facts kept are those of the metadata column, once per term.
    assert index.facts_size() == 4
    read = index.period_facts(*year)
    assert sorted(row[0] for row in read) == [
        "H15.50.MC-241230-0001",
        "H15.50.MC-250304-0001",
    ]
    column = table.schema["dossier_facts"]
    rid = table.uids[
        catalog.unrestrictedSearchResults(dossier_code=read[0][0])[0].getPath()
    ]
    assert read[0] == encode(table.data[rid][column])
    assert (
        compute(dossier_facts(year[1], None, start=year[0]), *year, "field") == before
    )
    # Run again, it changes nothing.
    with api.env.adopt_roles(["Manager"]):
        assert add_facts_index(portal.portal_setup) == 3
    assert aq_base(table.getIndex(PERIODS_INDEX)) is aq_base(index)
    assert index.facts_size() == 4
    # It follows the catalog.
    with api.env.adopt_roles(["Manager"]):
        assert (
            bulk_load(
                portal["ho-so"],
                [
                    record(
                        "H15.50.MC-250305-0001", "processing", datetime(2025, 3, 5, 9)
                    )
                ],
                commit=False,
            )
            == 1
        )
    assert len(index.period_facts(*year)) == 3
