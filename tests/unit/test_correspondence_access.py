"""Who gets which local role on an official document (issue 10 item 6):
the unit's clerical office and leaders, the drafter, handlers and readers;
on a secret document only the people named on it."""

from dienbien.policy.core.correspondence.access import CLERK
from dienbien.policy.core.correspondence.access import DocumentAccess
from dienbien.policy.core.correspondence.access import DRAFTER
from dienbien.policy.core.correspondence.access import HANDLER
from dienbien.policy.core.correspondence.access import LEADER
from dienbien.policy.core.correspondence.access import local_roles
from dienbien.policy.core.correspondence.access import READER
from dienbien.policy.core.correspondence.marks import CONFIDENTIALITY_IDS
from hypothesis import given
from hypothesis import strategies as st

import pytest


UNIT = "H15.50.03"
OTHER = "H15.50.05"
# Who holds which function where (the unit's groups).
MEMBERS = {
    ("van.thu", UNIT): {"clerical"},
    ("lanh.dao", UNIT): {"leader"},
    ("chuyen.vien", UNIT): {"officer"},
    ("van.thu.mat", UNIT): {"clerical"},
    ("lanh.dao.mat", UNIT): {"leader"},
    ("van.thu.khac", OTHER): {"clerical"},
}


def functions(user, unit):
    return MEMBERS.get((user, unit), set())


def frozen(mapping):
    return {key: frozenset(value) for key, value in mapping.items()}


def test_ordinary_outgoing_document():
    document = DocumentAccess(unit=UNIT, drafter="chuyen.vien", signer="lanh.dao")
    assert local_roles(document, functions) == frozen(
        {
            "unit.h15.50.03.clerical": {CLERK},
            "unit.h15.50.03.leader": {LEADER},
            "chuyen.vien": {DRAFTER},
            "lanh.dao": {READER},
        }
    )


def test_ordinary_incoming_document_assigned():
    document = DocumentAccess(
        unit=UNIT,
        handling_unit=OTHER,
        handler="xu.ly",
        co_handlers=("phoi.hop", "xu.ly"),
        readers=("doc.gia",),
    )
    assert local_roles(document, functions) == frozen(
        {
            "unit.h15.50.03.clerical": {CLERK},
            "unit.h15.50.03.leader": {LEADER},
            "unit.h15.50.05.officer": {HANDLER},
            "unit.h15.50.05.leader": {READER},
            "xu.ly": {HANDLER},
            "phoi.hop": {HANDLER},
            "doc.gia": {READER},
        }
    )


@pytest.mark.parametrize("level", ["confidential", "secret", "top_secret"])
def test_secret_document_names_only(level):
    document = DocumentAccess(
        unit=UNIT,
        confidentiality=level,
        handling_unit=OTHER,
        handler="chuyen.vien",
        co_handlers=("phoi.hop",),
        readers=("van.thu.mat", "lanh.dao.mat", "van.thu.khac"),
    )
    # no group: not the unit's clerks, leaders or officers, not the handling
    # unit; each named person by their function in the document's unit (a
    # clerk of another unit named on it only reads it)
    assert local_roles(document, functions) == frozen(
        {
            "chuyen.vien": {HANDLER},
            "phoi.hop": {HANDLER},
            "van.thu.mat": {CLERK},
            "lanh.dao.mat": {LEADER},
            "van.thu.khac": {READER},
        }
    )


def test_secret_outgoing_document_drafter_and_signer():
    document = DocumentAccess(
        unit=UNIT,
        confidentiality="confidential",
        drafter="chuyen.vien",
        signer="lanh.dao.mat",
    )
    assert local_roles(document, functions) == frozen(
        {"chuyen.vien": {DRAFTER}, "lanh.dao.mat": {LEADER}}
    )


def test_no_unit_no_group():
    assert local_roles(DocumentAccess(unit=None), functions) == {}


def test_blank_names_are_nobody():
    document = DocumentAccess(
        unit=UNIT, confidentiality="secret", readers=("", "  ", "lanh.dao.mat ")
    )
    assert local_roles(document, functions) == frozen({"lanh.dao.mat": {LEADER}})


# -- properties ---------------------------------------------------------------

PEOPLE = st.sampled_from(
    ["van.thu", "lanh.dao", "chuyen.vien", "van.thu.mat", "lanh.dao.mat", "x", "y"]
)
MAYBE = st.one_of(st.none(), PEOPLE)
DOCUMENTS = st.builds(
    DocumentAccess,
    unit=st.sampled_from([UNIT, OTHER]),
    confidentiality=st.sampled_from(CONFIDENTIALITY_IDS),
    drafter=MAYBE,
    signer=MAYBE,
    handling_unit=st.one_of(st.none(), st.sampled_from([UNIT, OTHER])),
    handler=MAYBE,
    co_handlers=st.lists(PEOPLE, max_size=3).map(tuple),
    readers=st.lists(PEOPLE, max_size=3).map(tuple),
)


@given(DOCUMENTS)
def test_secret_documents_give_roles_to_named_people_only(document):
    roles = local_roles(document, functions)
    if document.secret:
        assert set(roles) == set(document.named())
        assert not any(principal.startswith("unit.") for principal in roles)
    else:
        assert set(document.named()) <= set(roles)
        groups = {p for p in roles if p.startswith("unit.")}
        units = {document.unit, document.handling_unit} - {None}
        assert {group.rsplit(".", 1)[0] for group in groups} == {
            f"unit.{unit.lower()}" for unit in units
        }


@given(DOCUMENTS)
def test_every_named_person_and_nobody_else_has_a_role(document):
    roles = local_roles(document, functions)
    people = {p for p in roles if not p.startswith("unit.")}
    assert people == set(document.named())
    assert all(held for held in roles.values())
    assert all(
        held <= {CLERK, LEADER, DRAFTER, HANDLER, READER} for held in roles.values()
    )


@given(DOCUMENTS)
def test_drafter_and_handlers_keep_their_function(document):
    roles = local_roles(document, functions)
    if document.drafter:
        assert DRAFTER in roles[document.drafter]
    for person in (document.handler, *document.co_handlers):
        if person:
            assert HANDLER in roles[person]
