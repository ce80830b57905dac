"""The organisation rules, without Plone."""

from datetime import date
from dienbien.policy.core.orgunits import ancestors
from dienbien.policy.core.orgunits import check_import
from dienbien.policy.core.orgunits import check_unit
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.orgunits import order_for_import
from dienbien.policy.core.orgunits import read_units
from dienbien.policy.core.orgunits import Unit
from hypothesis import given
from hypothesis import strategies as st

import json
import pytest


PROVINCE = Unit("H15", "UBND tỉnh Điện Biên", "province", "UBND")
DISTRICT = Unit("H15.50", "UBND huyện Điện Biên", "district", "UBND", parent="H15")
COMMUNE = Unit("H15.50.05.01", "UBND xã Thanh Xương", "commune", parent="H15.50")
SITE = {u.code: u for u in (PROVINCE, DISTRICT, COMMUNE)}


def fields(problems):
    return sorted(problem.field for problem in problems)


def others(unit):
    return {code: u for code, u in SITE.items() if code != unit.code}


def test_valid_units_pass():
    for unit in SITE.values():
        assert check_unit(unit, others(unit)) == []


@pytest.mark.parametrize(
    ("unit", "field"),
    [
        (Unit("X1", "Đơn vị", "town"), "kind"),
        (Unit("H15.50", "Trùng mã", "agency"), "code"),
        (Unit("bad code", "Mã có dấu cách", "agency"), "code"),
        (Unit("H15.50-1", "Mã có gạch", "agency"), "code"),
        (Unit("X2", "  ", "agency"), "title"),
        (Unit("X3", "Đơn vị", "agency", parent="NOPE"), "parent"),
        (Unit("X4", "Đơn vị", "agency", successor="X4"), "successor"),
        (Unit("X5", "Đơn vị", "agency", abbreviation="TWO WORDS"), "abbreviation"),
        (
            Unit(
                "X6",
                "Đơn vị",
                "agency",
                valid_from=date(2025, 7, 1),
                valid_to=date(2025, 6, 30),
            ),
            "valid_to",
        ),
    ],
)
def test_each_rule_names_its_field(unit, field):
    problems = check_unit(unit, SITE)
    assert fields(problems) == [field]
    assert problems[0].message


def test_parent_cycle_is_refused():
    # Making the province a child of the commune closes a loop.
    province = Unit("H15", "UBND tỉnh", "province", parent="H15.50.05.01")
    problems = check_unit(province, others(province))
    assert fields(problems) == ["parent"]
    assert "H15.50.05.01" in problems[0].message


def test_group_ids_are_predictable():
    assert group_id("H15.50.MC", "desk") == "unit.h15.50.mc.desk"
    with pytest.raises(ValueError):
        group_id("H15", "janitor")


def test_ancestors_nearest_first():
    assert ancestors("H15.50.05.01", SITE) == ["H15.50", "H15"]


def test_active_and_retired():
    unit = Unit(
        "X", "X", "district", valid_from=date(2020, 1, 1), valid_to=date(2025, 6, 30)
    )
    assert unit.active_on(date(2025, 6, 30))
    assert not unit.retired_on(date(2025, 6, 30))
    assert unit.retired_on(date(2025, 7, 1))
    assert not unit.active_on(date(2019, 12, 31))


def test_read_csv_reports_line_and_field():
    text = (
        "code,title,kind,valid_from\n"
        "A1,Đơn vị A,agency,2025-07-01\n"
        "A2,Đơn vị B,agency,01/07/2025\n"
        ",Không mã,agency,\n"
    )
    units, problems = read_units(text, "csv")
    # A2 is still read (without its date) so that its other fields get checked.
    assert [u.code for _, u in units] == ["A1", "A2"]
    assert [(p.line, p.field) for p in problems] == [(3, "valid_from"), (4, "code")]


def test_read_json_and_unknown_fields():
    text = json.dumps(
        {"units": [{"code": "A1", "title": "A", "kind": "agency", "x": 1}]}
    )
    _units, problems = read_units(text, "json")
    assert [(p.line, p.field) for p in problems] == [(1, "x")]


def test_read_broken_json():
    units, problems = read_units("[{", "json")
    assert units == [] and problems[0].field == "file"


def test_import_duplicates_and_links_within_file():
    incoming = [
        (2, Unit("B1", "B1", "agency", parent="B2")),
        (3, Unit("B2", "B2", "district", parent="H15")),
        (4, Unit("B1", "B1 again", "agency")),
    ]
    problems = check_import(incoming, SITE)
    assert [(p.line, p.field) for p in problems] == [(4, "code")]


def test_import_may_update_existing_codes():
    renamed = Unit("H15.50", "Huyện Điện Biên (cũ)", "district", "UBND", parent="H15")
    assert check_import([(2, renamed)], SITE) == []


codes = st.lists(
    st.text(alphabet="ABC123", min_size=1, max_size=3),
    min_size=1,
    max_size=12,
    unique=True,
)


@given(codes=codes, data=st.data())
def test_import_order_puts_parents_first(codes, data):
    units = []
    for index, code in enumerate(codes):
        parent = data.draw(st.sampled_from([None, *codes[:index]]))
        units.append(Unit(code, code, "agency", parent=parent))
    shuffled = data.draw(st.permutations(units))
    ordered = order_for_import(shuffled)
    assert sorted(u.code for u in ordered) == sorted(codes)
    position = {u.code: i for i, u in enumerate(ordered)}
    for unit in ordered:
        if unit.parent:
            assert position[unit.parent] < position[unit.code]


@given(codes=codes, data=st.data())
def test_no_accepted_organisation_has_a_cycle(codes, data):
    """Whatever parents are drawn, a set the checker accepts has no cycle."""
    units = {
        code: Unit(
            code, code, "agency", parent=data.draw(st.sampled_from([None, *codes]))
        )
        for code in codes
    }
    accepted = all(
        not check_unit(unit, {c: u for c, u in units.items() if c != code})
        for code, unit in units.items()
    )
    if accepted:
        for code in units:
            assert code not in ancestors(code, units)
