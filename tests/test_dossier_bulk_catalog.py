"""The bulk loader stores the catalog entries the normal path would.

The loader writes new entries itself, through a wrapper of its own that
works out once what the load's dossiers share, and writes each dossier's
workflow status itself (``dossiers/bulk.py``); these tests compare, index by
index and column by column, what it stored with what the catalog stores
when it writes the same dossier to every index, with plone.indexer's stock
wrapper's values for the indexes and columns a dossier has
(``dossiers/catalogue.py``), and a bulk-loaded dossier with one a clerk
received over HTTP.
"""

from conftest import catalog_holds
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.catalogue import COLUMNS
from dienbien.policy.dossiers.catalogue import INDEXES
from Missing import MV
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.indexer.wrapper import IndexableObjectWrapper

import transaction


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Văn Pâng",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 000 111",
    "papers": [{"name": "Bản chính giấy khai sinh", "kind": "original", "count": 1}],
}

#: What the loader copies from a received dossier into its records.
FIELDS = (
    "procedure",
    "procedure_title",
    "procedure_field",
    "channel",
    "receiving_unit",
    "handling_unit",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "papers",
    "fee",
    "submitted",
    "accepted",
    "appointment",
    "resolved",
    "returned",
    "terms",
)

#: Entries that differ between any two dossiers (their code, id, UID and
#: the words of their code), or that only the creation events give: the
#: creation and modification times, the creator and owner, the workflow's
#: last action. A migration's dossiers were created elsewhere.
DIFFERENT = {
    "UID",
    "id",
    "getId",
    "path",
    "Title",
    "sortable_title",
    "SearchableText",
    "dossier_code",
    "dossier_facts",
    "created",
    "modified",
    "Date",
    "CreationDate",
    "ModificationDate",
    "EffectiveDate",
    "effective",
    "effectiveRange",
    "Creator",
    "listCreators",
    "allowedRolesAndUsers",
}


def entries(catalog, dossier):
    table = catalog._catalog
    rid = table.uids["/".join(dossier.getPhysicalPath())]
    return table.getIndexDataForRID(rid), table.getMetadataForRID(rid)


def assert_same(ours, theirs, skip=frozenset(), only=None):
    """Index by index and column by column (of ``only``'s indexes and
    columns, or all), naming the first difference."""
    for part, mine, other, names in zip(
        ("index", "column"), ours, theirs, only or (None, None), strict=True
    ):
        assert set(mine) == set(other), part
        for name in sorted((set(names or mine) & set(mine)) - skip):
            assert mine[name] == other[name], (part, name, mine[name], other[name])


def test_bulk_entries_equal_stock_and_received(staff, one_stop):
    response = staff["clerk"].post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    )
    assert response.status_code == 201, response.text
    transfer = staff["clerk"].post(f"{response.json()['@id']}/@workflow/transfer")
    assert transfer.status_code == 200, transfer.text
    transaction.begin()  # see what the requests committed
    folder = one_stop["ho-so"]
    received = folder[response.json()["id"]]
    code = received.code
    # Three dossiers like the received one, numbered after it: the loader's
    # shortcuts only start after the first. Then some that differ in what
    # decides who may see them (state, handling unit, receiving unit), one
    # like the first again: each is compared with the catalog's own
    # entries and the stock wrapper's values.
    like = {name: getattr(received, name) for name in FIELDS}
    records = [
        {
            **like,
            "code": code[:-4] + f"{number:04d}",
            "state": state,
            "log": log.entries(received),
            **changes,
        }
        for number, state, changes in (
            (2, "processing", {}),
            (3, "processing", {}),
            (4, "processing", {}),
            (5, "resolved", {}),
            (6, "processing", {"handling_unit": "H15.50.05"}),
            (7, "processing", {"receiving_unit": "H15.50"}),
            (8, "processing", {}),
            (9, "processing", {}),
        )
    ]
    from dienbien.policy.dossiers.bulk import bulk_load

    setRoles(one_stop, TEST_USER_ID, ["Manager"])
    assert bulk_load(folder, records, commit=False) == 8
    catalog = one_stop.portal_catalog
    received_entries = entries(catalog, received)
    seen_by = {}
    for record in records:
        loaded = folder[dossier_id(record["code"])]
        path = "/".join(loaded.getPhysicalPath())
        stored = entries(catalog, loaded)
        # Only the dossiers' indexes and columns hold it.
        indexes, columns = catalog_holds(catalog, loaded)
        assert indexes <= set(INDEXES)
        assert columns <= COLUMNS
        assert {"dossier_code", "SearchableText", "allowedRolesAndUsers"} <= indexes
        # The same dossier written again the catalog's own way (the
        # indexing queue's, for ``Dossier.reindexObject``): the same entries.
        catalog._reindexObject(loaded, idxs=list(INDEXES))
        assert_same(stored, entries(catalog, loaded))
        # The values are those of plone.indexer's stock wrapper.
        catalog._catalog.catalogObject(
            IndexableObjectWrapper(loaded, catalog), path, idxs=list(INDEXES)
        )
        assert_same(stored, entries(catalog, loaded), only=(INDEXES, COLUMNS))
        indexes, metadata = stored
        assert metadata["dossier_code"] == indexes["dossier_code"] == record["code"]
        assert metadata["review_state"] == record["state"]
        # The workflow status CMFCore's ``setStatusOf`` would have written.
        history = loaded.workflow_history
        assert type(history).__name__ == "PersistentMapping"
        assert history["dienbien_dossier_workflow"] == (
            {
                "review_state": record["state"],
                "action": None,
                "actor": "bulk-load",
                "comments": "",
                "time": None,
            },
        )
        assert api.content.get_state(loaded) == record["state"]
        assert metadata["getObjSize"] is MV
        assert "is_default_page" not in catalog_holds(catalog, loaded)[0]
        seen_by[record["code"][-1]] = sorted(indexes["allowedRolesAndUsers"])
        if record["code"][-1] in "2348":
            # And like the dossier the clerk received, but for its own code.
            assert_same(stored, received_entries, skip=DIFFERENT)
    # The shortcuts hold for dossiers (else the load is slower, not wrong).
    from dienbien.policy.dossiers.bulk import _LoadMemo
    from dienbien.policy.dossiers.bulk import _LoadWrapper

    memo = _LoadMemo()
    _LoadWrapper(received, catalog, memo)
    assert set(memo.shortcuts) == {
        "allowedRolesAndUsers",
        "UID",
        "dossier_applicant",
        "dossier_open_months",
    }
    assert memo.by_state is True
    assert memo.variables == {"processing": {"review_state": "processing"}}
    # The shortcut's answers differ where the dossiers do.
    assert seen_by["2"] == seen_by["8"]
    assert "user:unit.h15.50.03.officer" in seen_by["2"]
    assert "user:unit.h15.50.05.officer" in seen_by["6"]
    assert "user:unit.h15.50.03.officer" not in seen_by["6"]
    assert "user:unit.h15.50.mc.desk" in seen_by["2"]
    assert "user:unit.h15.50.desk" in seen_by["7"]
    assert "user:unit.h15.50.mc.desk" not in seen_by["7"]
    transaction.abort()
