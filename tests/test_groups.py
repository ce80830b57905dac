"""Each unit keeps one group per function; the groups follow the unit."""

from datetime import date
from datetime import timedelta
from dienbien.policy.core.orgunits import FUNCTIONS
from dienbien.policy.core.orgunits import group_id
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.lifecycleevent import modified

import pytest


#: The site's clock in every test (``clock`` fixture in conftest.py).
TODAY = date(2026, 3, 3)


@pytest.fixture
def units(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = portal["to-chuc"]

    def make(code, title, kind="agency", **fields):
        return api.content.create(
            container=folder,
            type="OrgUnit",
            title=title,
            code=code,
            kind=kind,
            **fields,
        )

    return make


def group(code, function):
    return api.group.get(groupname=group_id(code, function))


def test_groups_created_with_function_roles(units):
    units("H15.50.03", "Phòng Tư pháp", abbreviation="TP")
    expected_roles = {
        "clerical": "Clerical",
        "desk": "DeskClerk",
        "officer": "Officer",
        "leader": "Leader",
        "editor": "NewsEditor",
        "reviewer": "NewsReviewer",
    }
    for function in FUNCTIONS:
        found = group("H15.50.03", function)
        assert found is not None
        assert "Phòng Tư pháp (H15.50.03)" in found.getProperty("title")
        assert expected_roles[function] in found.getRoles()
    assert group("H15.50.03", "desk").getProperty("title").startswith("Một cửa")


def test_rename_updates_titles(units):
    unit = units("H15.50.07", "Phòng Văn hóa")
    unit.title = "Phòng Văn hóa và Thông tin"
    modified(unit)
    assert group("H15.50.07", "officer").getProperty("title") == (
        "Chuyên viên – Phòng Văn hóa và Thông tin (H15.50.07)"
    )


def test_code_change_moves_groups_and_members(units):
    unit = units("H15.50.09", "Phòng Kinh tế")
    child = units("H15.50.09.1", "Tổ công tác", parent="H15.50.09")
    api.user.create(username="officer1", email="o1@example.invalid", password="x" * 12)
    api.group.add_user(groupname=group_id("H15.50.09", "officer"), username="officer1")

    unit.code = "H15.50.90"
    modified(unit)

    assert group("H15.50.09", "officer") is None
    moved = group("H15.50.90", "officer")
    assert "officer1" in moved.getGroupMemberIds()
    assert child.parent == "H15.50.90"


def test_retirement_moves_staff_to_successor(units):
    units("H15.51", "Xã mới", kind="commune")
    old = units("H15.50.05.21", "Xã cũ", kind="commune")
    api.user.create(username="clerk1", email="c1@example.invalid", password="x" * 12)
    api.group.add_user(groupname=group_id("H15.50.05.21", "desk"), username="clerk1")

    old.valid_to = TODAY - timedelta(days=1)
    old.successor = "H15.51"
    modified(old)

    retired = group("H15.50.05.21", "desk")
    assert retired.getProperty("title").startswith("[ngừng hoạt động]")
    assert "DeskClerk" not in retired.getRoles()
    assert retired.getGroupMemberIds() == []
    assert "clerk1" in group("H15.51", "desk").getGroupMemberIds()


def test_future_end_does_not_retire(units):
    unit = units("H15.50.10", "Phòng Nông nghiệp")
    unit.valid_to = TODAY + timedelta(days=30)
    modified(unit)
    assert "Officer" in group("H15.50.10", "officer").getRoles()


def test_deleting_a_unit_removes_its_groups(units):
    unit = units("H15.50.08", "Phòng Giáo dục")
    api.content.delete(obj=unit)
    for function in FUNCTIONS:
        assert group("H15.50.08", function) is None


def test_daily_sync_retires_units_whose_end_passed(units, portal):
    from dienbien.policy.orgunits.events import sync_all_units

    unit = units("H15.50.06", "Phòng Lao động", valid_to=TODAY)
    assert "Officer" in group("H15.50.06", "officer").getRoles()
    # Nobody edits the unit; the day after its last day the daily run retires it.
    sync_all_units(portal, today=TODAY + timedelta(days=1))
    assert "Officer" not in group("H15.50.06", "officer").getRoles()
    assert unit is not None
