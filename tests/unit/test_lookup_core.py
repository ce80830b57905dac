"""What the public lookup tells a citizen, without Plone."""

from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.lookup import ACTIONS
from dienbien.policy.core.lookup import citizen_action
from dienbien.policy.core.lookup import public_step
from dienbien.policy.core.lookup import supplement_request
from dienbien.policy.core.lookup import SupplementRequest
from hypothesis import given
from hypothesis import strategies as st

import pytest


@pytest.mark.parametrize(
    ("action", "step"),
    [
        ("accept", "accepted"),
        ("transfer", "transferred"),
        ("request_supplement", "supplement_requested"),
        ("receive_supplement", "supplement_received"),
        ("return_result", "returned"),
        ("apology", "new_appointment"),
        ("something_new", "update"),
        (None, "update"),
    ],
)
def test_public_step(action, step):
    assert public_step(action) == step


def test_actions_name_real_states():
    assert set(ACTIONS) <= set(STATUS_CODES)
    assert citizen_action("supplement_requested") == "bring_supplement"
    assert citizen_action("resolved") == "collect_result"
    assert citizen_action("returned") is None
    assert citizen_action(None) is None


def test_supplement_as_typed_on_form_02():
    note = "1. Bản sao Giấy khai sinh\n2) Ảnh 4x6\n- Tờ khai có xác nhận\nLý do: thiếu giấy tờ"
    assert supplement_request(note) == SupplementRequest(
        ("Bản sao Giấy khai sinh", "Ảnh 4x6", "Tờ khai có xác nhận"), "thiếu giấy tờ"
    )


def test_supplement_without_a_reason_line():
    assert supplement_request("Thiếu bản sao CCCD") == SupplementRequest(
        ("Thiếu bản sao CCCD",), ""
    )


def test_reason_line_without_diacritics_or_in_english():
    assert supplement_request("Ly do: chua du").reason == "chua du"
    assert supplement_request("Reason - missing").reason == "missing"


def test_recorded_papers_make_the_note_the_reason():
    assert supplement_request(
        "Hồ sơ chưa đủ", papers=["Bản sao CCCD ", "", "Ảnh"]
    ) == SupplementRequest(("Bản sao CCCD", "Ảnh"), "Hồ sơ chưa đủ")


def test_empty():
    assert supplement_request("") == SupplementRequest((), "")


LINES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc")),
    max_size=30,
)


@given(st.lists(LINES, max_size=8))
def test_no_line_is_lost_and_none_is_empty(lines):
    request = supplement_request("\n".join(lines))
    assert all(paper.strip() == paper and paper for paper in request.papers)
    assert len(request.papers) <= len([line for line in lines if line.strip()])
