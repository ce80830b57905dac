"""Which dossier fields may change, in which state, by whom (no Plone)."""

from datetime import datetime
from dienbien.policy.core import edits
from dienbien.policy.core.edits import acceptance_problems
from dienbien.policy.core.edits import change_problems
from dienbien.policy.core.edits import editable_fields
from dienbien.policy.core.edits import may_edit
from dienbien.policy.core.edits import verdict
from hypothesis import given
from hypothesis import strategies as st

import pytest


states = st.sampled_from(edits.STATES)
functions = st.sampled_from(edits.FUNCTIONS)
fields = st.sampled_from(edits.FIELDS)
CONTACT = ("applicant_phone", "applicant_email", "applicant_address")


@given(states, functions)
def test_the_handling_unit_never_changes_by_an_edit(state, function):
    result = verdict(state, function, "handling_unit")
    assert not result.allowed
    assert result.why == "The handling unit changes only with the transfer step."


@given(states, functions)
def test_the_receiving_unit_never_changes(state, function):
    assert not verdict(state, function, "receiving_unit").allowed


@pytest.mark.parametrize("field", ["procedure", "channel"])
@pytest.mark.parametrize("state", [s for s in edits.STATES if s != "submitted"])
@pytest.mark.parametrize("function", edits.FUNCTIONS)
def test_procedure_and_terms_frozen_after_acceptance(field, state, function):
    result = verdict(state, function, field)
    assert result == edits.Verdict(
        False,
        why="The procedure and its terms are frozen once the dossier is accepted.",
    )


def test_procedure_corrected_before_acceptance_without_reason():
    assert verdict("submitted", "desk", "procedure") == edits.Verdict(True, False)
    assert not verdict("submitted", "officer", "procedure").allowed


@pytest.mark.parametrize("field", CONTACT)
@pytest.mark.parametrize(
    "state",
    ["accepted", "processing", "supplement_requested", "awaiting_payment", "resolved"],
)
def test_the_desk_changes_contact_details_with_a_reason(field, state):
    assert verdict(state, "desk", field) == edits.Verdict(True, reason_required=True)
    assert not verdict(state, "officer", field).allowed
    assert not verdict(state, "leader", field).allowed


@pytest.mark.parametrize("state", edits.CLOSED)
def test_a_closed_dossier_changes_only_by_a_manager(state):
    assert editable_fields(state, {"desk", "officer", "leader"}) == []
    assert verdict(state, "desk", "applicant_phone").why == (
        "The dossier is closed: its record no longer changes."
    )
    assert verdict(state, "manager", "applicant_phone") == edits.Verdict(True, True)


def test_papers_and_fee_until_the_dossier_is_handed_on():
    assert verdict("accepted", "desk", "papers").allowed
    assert verdict("supplement_requested", "desk", "papers").allowed
    assert not verdict("processing", "desk", "papers").allowed
    assert not verdict("processing", "desk", "fee").allowed


@given(states)
def test_officers_and_leaders_never_edit(state):
    assert not may_edit(state, {"officer", "leader"})


def test_editable_fields_of_the_desk_after_acceptance():
    assert editable_fields("accepted", {"desk"}) == [
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
        "papers",
        "fee",
    ]
    assert editable_fields("processing", {"desk"}) == [
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
    ]


@given(states, st.sets(functions, min_size=1), st.lists(fields, unique=True))
def test_change_problems_agree_with_the_table(state, held, changed):
    problems = change_problems(state, held, changed, reason="Sửa lỗi nhập")
    refused = {problem.field for problem in problems}
    for field in changed:
        allowed = any(verdict(state, f, field).allowed for f in held)
        assert (field in refused) == (not allowed)


def test_a_reason_is_required_after_acceptance():
    problems = change_problems("accepted", {"desk"}, ["applicant_phone"], reason=" ")
    assert [p.as_dict() for p in problems] == [
        {
            "field": "applicant_phone",
            "message": "The dossier is accepted: give a reason for the change.",
        }
    ]
    assert change_problems("submitted", {"desk"}, ["applicant_phone"], "") == []
    assert change_problems("accepted", {"desk"}, ["applicant_phone"], "SĐT mới") == []


def test_unknown_state_or_function():
    with pytest.raises(ValueError):
        verdict("lost", "desk", "fee")
    with pytest.raises(ValueError):
        verdict("accepted", "editor", "fee")


NOW = datetime(2026, 11, 30, 9, 15)


def test_acceptance_time_window():
    assert acceptance_problems(NOW, NOW) == []
    assert acceptance_problems(datetime(2026, 11, 23, 9, 15), NOW) == []
    assert [
        p.as_dict() for p in acceptance_problems(datetime(2026, 11, 30, 9, 16), NOW)
    ] == [
        {"field": "accepted", "message": "A dossier cannot be accepted in the future."}
    ]
    late = acceptance_problems(datetime(2026, 11, 23, 9, 14), NOW)
    assert [p.as_dict() for p in late] == [
        {
            "field": "accepted",
            "message": "A dossier can be entered at most 7 days after it was accepted.",
        }
    ]
    assert acceptance_problems(datetime(2020, 1, 2, 8, 0), NOW, may_backdate=True) == []
    # Not even a manager accepts in the future.
    assert acceptance_problems(datetime(2026, 12, 1), NOW, may_backdate=True) != []


def test_changes():
    before = {"applicant_phone": "0987654321", "fee": 0, "papers": []}
    after = {"applicant_phone": "0912345678", "fee": 0, "papers": []}
    assert edits.changes(before, after) == ["applicant_phone"]


def test_an_untouched_empty_field_is_no_change():
    # The classic form saves an empty ID number as "" where the dossier held
    # None: the trail must not show a change nobody made.
    before = {
        "applicant_id_number": None,
        "applicant_phone": "0913461507",
        "papers": [],
    }
    after = {"applicant_id_number": "", "applicant_phone": "0913461599", "papers": None}
    assert edits.changes(before, after) == ["applicant_phone"]
