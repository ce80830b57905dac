"""Importing units: idempotent and all-or-nothing."""

from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.importer import import_units
from dienbien.policy.orgunits.importer import UnitImportRefused
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import json
import pytest


CSV = """\
code,title,kind,abbreviation,parent,valid_from,valid_to,successor
H15.50,UBND huyện Điện Biên,district,UBND,,,,
H15.50.MC,Bộ phận Một cửa,one_stop_desk,BPMC,H15.50,,,
H15.50.05.01,UBND xã Thanh Xương,commune,UBND,H15.50,2015-01-01,,
"""


@pytest.fixture
def portal_as_manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


def codes(portal):
    return sorted(obj.code for obj in portal["to-chuc"].objectValues())


def test_csv_import_creates_units_and_groups(portal_as_manager):
    report = import_units(portal_as_manager, CSV, "csv")
    assert sorted(report.created) == ["H15.50", "H15.50.05.01", "H15.50.MC"]
    assert codes(portal_as_manager) == ["H15.50", "H15.50.05.01", "H15.50.MC"]
    desk = portal_as_manager["to-chuc"]["h15-50-mc"]
    assert desk.parent == "H15.50" and desk.kind == "one_stop_desk"
    assert api.group.get(groupname=group_id("H15.50.MC", "desk")) is not None


def test_second_run_changes_nothing(portal_as_manager):
    import_units(portal_as_manager, CSV, "csv")
    unit = portal_as_manager["to-chuc"]["h15-50"]
    stamp = unit.modified()
    report = import_units(portal_as_manager, CSV, "csv")
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 3
    assert unit.modified() == stamp


def test_changed_rows_update(portal_as_manager):
    import_units(portal_as_manager, CSV, "csv")
    report = import_units(
        portal_as_manager,
        CSV.replace("UBND xã Thanh Xương", "UBND xã Thanh Xương mới"),
        "csv",
    )
    assert report.updated == ["H15.50.05.01"]
    assert (
        portal_as_manager["to-chuc"]["h15-50-05-01"].title == "UBND xã Thanh Xương mới"
    )


def test_bad_file_imports_nothing(portal_as_manager):
    bad = CSV + "H15.50.05.02,UBND xã Thanh An,commune,UBND,H15.99,,,\n"
    bad += "H15.50.05.03,UBND xã Thanh Chăn,town,UBND,H15.50,2025-13-01,,\n"
    with pytest.raises(UnitImportRefused) as refused:
        import_units(portal_as_manager, bad, "csv")
    located = sorted((p.line, p.field) for p in refused.value.problems)
    assert located == [(5, "parent"), (6, "kind"), (6, "valid_from")]
    assert codes(portal_as_manager) == []


def test_json_import_with_cycle_is_refused(portal_as_manager):
    units = [
        {"code": "A", "title": "A", "kind": "district", "parent": "B"},
        {"code": "B", "title": "B", "kind": "commune", "parent": "A"},
    ]
    with pytest.raises(UnitImportRefused) as refused:
        import_units(portal_as_manager, json.dumps(units), "json")
    assert {p.field for p in refused.value.problems} == {"parent"}
    assert codes(portal_as_manager) == []


def test_demo_profile(portal_as_manager):
    from plone.app.testing import applyProfile

    applyProfile(portal_as_manager, "dienbien.policy:demo")
    folder = portal_as_manager["to-chuc"]
    kinds = [obj.kind for obj in folder.objectValues()]
    assert kinds.count("commune") == 21
    assert kinds.count("agency") == 10
    assert {"district", "one_stop_desk", "peoples_council"} <= set(kinds)
    clerk = api.user.get(username="motcua.huyen")
    assert group_id("H15.50.MC", "desk") in [
        g.getId() for g in api.group.get_groups(user=clerk)
    ]
    assert "DeskClerk" in api.user.get_roles(user=clerk)
    assert len(portal_as_manager["thu-tuc-hanh-chinh"].objectIds()) == 34
    dossiers = portal_as_manager["ho-so"].objectValues()
    assert len(dossiers) > 40
    assert {api.content.get_state(d) for d in dossiers} >= {"processing", "returned"}
    assert "Chào mừng" in portal_as_manager.text.raw
    assert "dữ liệu mẫu" in portal_as_manager.description
    # The district and its 21 communes have their newsrooms and the demo
    # news editors and reviewers their groups.
    from dienbien.policy.editorial.newsroom import newsrooms

    rooms = newsrooms(portal_as_manager)
    assert len(rooms) == 22
    assert rooms["H15.50.05.01"].getId() == "ubnd-xa-thanh-xuong"
    reviewer = api.user.get(username="duyettin.thanhxuong")
    assert group_id("H15.50.05.01", "reviewer") in [
        g.getId() for g in api.group.get_groups(user=reviewer)
    ]
    # Running it again changes nothing.
    applyProfile(portal_as_manager, "dienbien.policy:demo")
    assert len(folder.objectIds()) == 35
