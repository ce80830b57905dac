"""The catalog wrappers give exactly what plone.indexer's would: all of it
for official documents, and for dossiers what they are written with
(``dossiers/catalogue.py``)."""

from dienbien.policy.dossiers.catalogue import COLUMNS
from dienbien.policy.dossiers.catalogue import INDEXES
from dienbien.policy.dossiers.indexable import DossierIndexableWrapper
from dienbien.policy.dossiers.indexable import LookupOnceWrapper
from Missing import MV
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import queryMultiAdapter

import transaction


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Pâng",
    "applicant_phone": "0912 000 111",
}


def catalog_entry(catalog, dossier, wrapper):
    path = "/".join(dossier.getPhysicalPath())
    catalog._catalog.catalogObject(wrapper(dossier, catalog), path)
    rid = catalog._catalog.uids[path]
    indexes = catalog._catalog.getIndexDataForRID(rid)
    return indexes, catalog._catalog.getMetadataForRID(rid)


def test_same_index_data_and_metadata_as_stock(staff, functional_portal):
    response = staff["clerk"].post(
        "ho-so",
        json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"},
    )
    assert response.status_code == 201, response.text
    staff["clerk"].post(f"{response.json()['@id']}/@workflow/transfer")
    transaction.begin()  # see what the requests committed
    catalog = functional_portal.portal_catalog
    dossier = functional_portal["ho-so"][response.json()["id"]]
    assert isinstance(
        queryMultiAdapter((dossier, catalog), IIndexableObject),
        DossierIndexableWrapper,
    )

    stock = catalog_entry(catalog, dossier, IndexableObjectWrapper)
    assert catalog_entry(catalog, dossier, LookupOnceWrapper) == stock

    # Written to every index, as a rebuild would: the dossier's indexes and
    # columns as stock, nothing in the other columns.
    indexes, metadata = catalog_entry(catalog, dossier, DossierIndexableWrapper)
    assert {name: indexes[name] for name in INDEXES} == {
        name: stock[0][name] for name in INDEXES
    }
    assert {name: metadata[name] for name in COLUMNS} == {
        name: stock[1][name] for name in COLUMNS
    }
    assert all(metadata[name] is MV for name in metadata if name not in COLUMNS)
    assert metadata["dossier_code"] == response.json()["code"]
    assert metadata["review_state"] == "processing"
    assert indexes["dossier_code"] == response.json()["code"]


def test_facts_column_and_its_upgrade_step(staff, manager, functional_portal):
    """Version 1001 adds the statistics' facts column; dossiers indexed
    before it are counted the same, before and after the upgrade."""
    from datetime import datetime
    from dienbien.policy.core.statistics import as_facts
    from dienbien.policy.dossiers.statistics.facts import dossier_facts
    from dienbien.policy.upgrades.v1001 import add_dossier_facts
    from dienbien.policy.upgrades.v1001 import DROPPED_COLUMNS
    from dienbien.policy.upgrades.v1001 import DROPPED_INDEXES

    response = staff["clerk"].post(
        "ho-so",
        json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"},
    )
    code = response.json()["code"]
    transaction.begin()
    catalog = functional_portal.portal_catalog
    (row,) = dossier_facts(datetime(2027, 1, 1), None)
    assert type(row) is tuple  # plain: no record names a class (profile 1002)
    facts = as_facts(row)
    assert (facts.code, facts.state, facts.unit) == (code, "accepted", "H15.50.03")
    assert facts.accepted == datetime(2026, 3, 3, 9, 0)

    # A site at 1000: no facts column yet, one column or index per fact.
    catalog.delColumn("dossier_facts")
    for name in DROPPED_INDEXES:
        catalog.addIndex(name, "FieldIndex")
    for name in DROPPED_COLUMNS:
        catalog.addColumn(name)

    setup = functional_portal.portal_setup
    steps = setup.listUpgrades("dienbien.policy:default", show_old=True)
    grouped = [
        s for item in steps for s in (item if isinstance(item, list) else [item])
    ]
    assert {s["title"] for s in grouped if s["sdest"] == "1001"} == {
        "Officers of the handling unit resolve dossiers",
        "Navigation tabs for the one-stop service",
        "Dossier facts in the catalog",
        "Unordered dossier folder",
    }
    assert add_dossier_facts() == 1
    assert dossier_facts(datetime(2027, 1, 1), None) == [facts]
    assert not set(DROPPED_INDEXES) & set(catalog.indexes())
    assert not set(DROPPED_COLUMNS) & set(catalog.schema())
    rid = catalog._catalog.uids[f"/plone/ho-so/{response.json()['id']}"]
    assert catalog._catalog.getMetadataForRID(rid)["dossier_facts"] == facts
    transaction.commit()

    # The column serialises like any other metadata.
    listing = manager.get(
        "@search", params={"portal_type": "Dossier", "metadata_fields": "_all"}
    )
    assert listing.status_code == 200, listing.text
    (item,) = listing.json()["items"]
    assert item["dossier_facts"][0] == code


def test_dossier_folder_keeps_no_order(staff, functional_portal):
    """New dossiers do not rewrite a list of every dossier id; the upgrade
    drops the order an older site kept."""
    from dienbien.policy.upgrades.v1001 import ORDER_KEYS
    from dienbien.policy.upgrades.v1001 import unorder_dossier_folder
    from persistent.list import PersistentList
    from zope.annotation.interfaces import IAnnotations

    response = staff["clerk"].post(
        "ho-so",
        json=DOSSIER,
    )
    assert response.status_code == 201, response.text
    transaction.begin()
    folder = functional_portal["ho-so"]
    annotations = IAnnotations(folder)
    assert not set(ORDER_KEYS) & set(annotations)
    assert folder.getOrdering().getObjectPosition(response.json()["id"]) is None

    # A 1000 site: an explicit default ordering and its list.
    folder._ordering = ""
    annotations[ORDER_KEYS[0]] = PersistentList([response.json()["id"]])
    unorder_dossier_folder()
    assert not set(ORDER_KEYS) & set(IAnnotations(folder))
    assert list(folder.objectIds()) == [response.json()["id"]]
    transaction.commit()
    assert staff["clerk"].get("ho-so").status_code == 200
