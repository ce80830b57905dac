"""Upgrade 1031: the dossiers already stored are taken out of the indexes
no dossier is written to any more (``dossiers/catalogue.py``)."""

from conftest import catalog_holds
from conftest import upgrade_steps
from dienbien.policy.dossiers.catalogue import INDEXES
from plone import api
from plone.indexer.wrapper import IndexableObjectWrapper
from test_dossier_bulk_catalog import DOSSIER
from types import SimpleNamespace

import transaction


def indexes_holding(catalog, obj) -> set:
    return catalog_holds(catalog, obj)[0]


def test_upgrade_from_1030(staff, one_stop):
    codes, ids = [], []
    for _ in range(2):
        response = staff["clerk"].post("ho-so", json=DOSSIER)
        assert response.status_code == 201, response.text
        codes.append(response.json()["code"])
        ids.append(response.json()["id"])
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    dossiers = [one_stop["ho-so"][id] for id in ids]
    # As a 1030 site stored them: in every index the stock wrapper fills,
    # the words of their titles in the full text.
    for dossier in dossiers:
        path = "/".join(dossier.getPhysicalPath())
        catalog._catalog.catalogObject(IndexableObjectWrapper(dossier, catalog), path)
        catalog._catalog.getIndex("SearchableText").index_object(
            catalog._catalog.uids[path], SimpleNamespace(SearchableText=dossier.title)
        )
    before = indexes_holding(catalog, dossiers[0])
    assert {"Title", "sortable_title", "object_provides", "Creator"} <= before
    assert len(catalog(SearchableText="Chứng thực")) == 3  # and the procedure
    procedure = one_stop["thu-tuc-hanh-chinh"]["2-000815"]
    procedure_indexes = indexes_holding(catalog, procedure)

    setup = one_stop.portal_setup
    steps = upgrade_steps(setup, "1031")
    assert [s["title"] for s in steps] == ["Dossiers in their own indexes only"]
    assert {s["ssource"] for s in steps} == {"1030"}
    from dienbien.policy.upgrades.v1031_dossier_indexes import dossier_indexes

    removed = dossier_indexes()
    # And the description's index, which held an empty entry for each.
    assert set(removed) == (before - set(INDEXES)) | {"Description"}
    assert set(removed.values()) == {2}
    for dossier in dossiers:
        assert indexes_holding(catalog, dossier) == before & set(INDEXES)
    # Other content keeps its entries; the dossiers are found as before.
    assert indexes_holding(catalog, procedure) == procedure_indexes
    assert [b.dossier_code for b in catalog(dossier_code=codes[0])] == codes[:1]
    assert [b.dossier_code for b in catalog(SearchableText=codes[1])] == codes[1:]
    assert len(catalog(Title="Chứng thực")) == 1  # the procedure alone
    # The full text holds a dossier's code, no longer its procedure's words.
    assert [b.portal_type for b in catalog(SearchableText="Chứng thực")] == [
        "Procedure"
    ]
    # Run again, it finds nothing to do.
    assert dossier_indexes() == {}
    steps[0]["step"].doStep(setup)
    transaction.abort()
