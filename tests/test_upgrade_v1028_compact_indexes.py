"""Upgrade 1028: the ids, sortable titles, dossier codes and applicant terms
keep a value held by one object as its record id. After the upgrade the
desk's searches, stock @search and the public lookup answer as before, over
HTTP; a value two dossiers share is a tree set of both."""

from Acquisition import aq_base
from BTrees.IIBTree import IITreeSet
from conftest import upgrade_steps
from dienbien.policy.compactindexes import COMPACT
from dienbien.policy.dossiers.applicants import dossier_terms
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from test_dossier_lifecycle import DOSSIER

import transaction


#: A father and his daughter give the same phone.
APPLICANTS = (
    ("Lò Văn Pâng", "011234567890", "0912 000 111", "2026-03-03T09:00:00+07:00"),
    ("Lò Thị Ún", "011234567891", "0912 000 111", "2026-03-03T10:00:00+07:00"),
    ("Quàng Văn Hặc", "011234567892", "0977 222 333", "2026-03-04T08:30:00+07:00"),
)


def answers(clerk, anonymous, codes):
    def listing(**params):
        response = clerk.get("@dossiers", params=params)
        assert response.status_code == 200, response.text
        return [item["code"] for item in response.json()["items"]]

    def search(**params):
        response = clerk.get("@search", params={"portal_type": "Dossier", **params})
        assert response.status_code == 200, response.text
        return [item["@id"].rsplit("/", 1)[-1] for item in response.json()["items"]]

    def titles():
        # Dossiers are not in the sortable title (since 1031): the units are.
        response = clerk.get(
            "@search",
            params={
                "portal_type": "OrgUnit",
                "sort_on": "sortable_title",
                "sort_order": "descending",
                "b_size": 100,
            },
        )
        assert response.status_code == 200, response.text
        return [item["title"] for item in response.json()["items"]]

    ids = [code.lower().replace(".", "-") for code, _digits in codes]
    return {
        "all": listing(),
        "titles": titles(),
        "ids": [search(getId=id_) for id_ in ids] + [search(id=ids[0])],
        "phone": listing(q="0912.000.111"),
        "name": listing(q="lo thi un"),
        "id": listing(q="011234567892"),
        "codes": [
            anonymous.get(
                "@dossier-status", params={"code": code, "verify": digits}
            ).json()["code"]
            for code, digits in codes
        ],
    }


def test_upgrade_from_1027(staff, anonymous, one_stop):
    clerk = staff["clerk"]
    codes = []
    for name, id_number, phone, accepted in APPLICANTS:
        response = clerk.post(
            "ho-so",
            json={
                **DOSSIER,
                "applicant_name": name,
                "applicant_id_number": id_number,
                "applicant_phone": phone,
                "accepted": accepted,
            },
        )
        assert response.status_code == 201, response.text
        codes.append((response.json()["code"], phone.replace(" ", "")[-4:]))
    transaction.begin()
    catalog = one_stop.portal_catalog
    # As a 1027 site: stock indexes, filled by reindexing.
    for name, kind in COMPACT.items():
        stock = FieldIndex if kind.meta_type == "CompactFieldIndex" else KeywordIndex
        old = catalog._catalog.getIndex(name)
        attributes = old.getIndexSourceNames()
        catalog.delIndex(name)
        catalog.addIndex(name, stock(name, extra={"indexed_attrs": attributes}))
    catalog.manage_reindexIndex(ids=list(COMPACT))
    transaction.commit()
    before = answers(clerk, anonymous, codes)
    assert before["phone"] == [codes[0][0], codes[1][0]]
    assert before["name"] == [codes[1][0]]
    assert before["id"] == [codes[2][0]]
    assert before["codes"] == [code for code, _digits in codes]
    ids = [code.lower().replace(".", "-") for code, _digits in codes]
    assert len(before["titles"]) > 3  # in the same order after (below)
    assert before["ids"] == [[id_] for id_ in ids] + [[ids[0]]]

    setup = one_stop.portal_setup
    steps = upgrade_steps(setup, "1028")
    assert steps[1]["title"] == "Compact indexes of one object's values"
    steps[1]["step"].doStep(setup)
    transaction.commit()

    assert answers(clerk, anonymous, codes) == before
    table = catalog._catalog
    for name, kind in COMPACT.items():
        assert type(aq_base(table.getIndex(name))) is kind
        if name.startswith("dossier_"):
            assert len(table.getIndex(name)._unindex) == 3, name
    folder = one_stop["ho-so"]
    dossiers = [folder[code.lower().replace(".", "-")] for code, _digits in codes]
    rids = [table.uids["/".join(dossier.getPhysicalPath())] for dossier in dossiers]
    # One dossier's code or ID number: its record id. The phone two share:
    # a tree set of both.
    codes_index = table.getIndex("dossier_code")._index
    assert [codes_index[code] for code, _digits in codes] == rids
    terms = [dossier_terms(dossier) for dossier in dossiers]
    applicant = table.getIndex("dossier_applicant")._index
    id_term, phone_term = terms[0][-1], terms[0][-2]
    assert applicant[id_term] == rids[0]
    assert isinstance(applicant[phone_term], IITreeSet)
    assert list(applicant[phone_term]) == sorted(rids[:2])
    # Run again, it changes nothing.
    kept = aq_base(table.getIndex("dossier_code"))
    steps[1]["step"].doStep(setup)
    assert aq_base(table.getIndex("dossier_code")) is kept
