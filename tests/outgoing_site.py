"""The people and units of the outgoing-document tests: the district's
People's Committee (under the province) with its office (VP) and its
finance department (TCKH), a commune, and for each a clerk, an officer and
a leader; helpers to draft, approve and issue as the right person."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import transaction


UNITS_CSV = """\
code,title,kind,abbreviation,parent
H15,UBND tỉnh Điện Biên,province,UBND,
H15.50,UBND huyện Điện Biên,district,UBND,H15
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
H15.50.21,UBND xã Thanh Nưa,commune,UBND,H15.50
"""
DEPARTMENTS = {
    "H15.50": [
        {"abbreviation": "VP", "title": "Văn phòng HĐND và UBND"},
        {"abbreviation": "TCKH", "title": "Phòng Tài chính - Kế hoạch"},
    ],
    "H15.50.21": [{"abbreviation": "VP", "title": "Văn phòng UBND xã"}],
}
#: login: (unit, function, full name)
PEOPLE = {
    "vt_huyen": ("H15.50", "clerical", "Lò Thị Thư"),
    "cv_huyen": ("H15.50", "officer", "Quàng Văn Soạn"),
    "ld_huyen": ("H15.50", "leader", "Lường Văn Ký"),
    "vt_xa": ("H15.50.21", "clerical", "Cà Thị Xã"),
    "cv_xa": ("H15.50.21", "officer", "Tòng Văn Xã"),
    "ld_xa": ("H15.50.21", "leader", "Lò Văn Trưởng"),
}
PASSWORD = "mat-khau-van-ban"


def setup_site(portal) -> None:
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units
    from dienbien.policy.orgunits.lookup import unit_brains

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    for brain in unit_brains(portal):
        if brain.unit_code in DEPARTMENTS:
            unit = brain.getObject()
            unit.departments = DEPARTMENTS[brain.unit_code]
    for login, (unit, function, name) in PEOPLE.items():
        api.user.create(
            username=login,
            email=f"{login}@example.invalid",
            password=PASSWORD,
            properties={"fullname": name},
        )
        api.group.add_user(groupname=group_id(unit, function), username=login)
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture(name="outgoing_site")
def outgoing_site_fixture(functional_portal):
    setup_site(functional_portal)
    transaction.commit()
    return functional_portal


@pytest.fixture(name="outgoing_integration")
def outgoing_integration_fixture(integration):
    portal = integration["portal"]
    setup_site(portal)
    return portal


DEFAULTS = {
    "unit": "H15.50",
    "doctype": "decision",
    "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
    "internal_recipients": ["H15.50.21"],
    "external_recipients": ["Sở Nội vụ tỉnh Điện Biên"],
    "urgency": "normal",
    "confidentiality": "normal",
    "signer": "ld_huyen",
    "copies": 3,
    "file_keeper": "VP",
}


def drafter_of(unit: str) -> str:
    return {"H15.50": "cv_huyen", "H15.50.21": "cv_xa"}[unit]


def leader_of(unit: str) -> str:
    return {"H15.50": "ld_huyen", "H15.50.21": "ld_xa"}[unit]


def clerk_of(unit: str) -> str:
    return {"H15.50": "vt_huyen", "H15.50.21": "vt_xa"}[unit]


def draft(portal, **fields):
    """A draft made by the unit's officer, as the add form makes it."""
    from dienbien.policy.core.correspondence.doctypes import document_type
    from dienbien.policy.correspondence.documents import new_id
    from plone.app.textfield.value import RichTextValue

    values = {**DEFAULTS, **fields}
    values.setdefault(
        "body",
        RichTextValue("<p>Nội dung văn bản.</p>", "text/html", "text/x-html-safe"),
    )
    if document_type(values["doctype"]).dispatch_form:  # công văn, thư công
        values.setdefault("department", "VP")
    drafter = drafter_of(values["unit"])
    with api.env.adopt_user(username=drafter):
        return api.content.create(
            container=portal["van-ban"],
            type="OutgoingDocument",
            id=new_id("outgoing"),
            **values,
        )


def approved(portal, **fields):
    document = draft(portal, **fields)
    with api.env.adopt_user(username=drafter_of(document.unit)):
        api.content.transition(obj=document, transition="submit")
    with api.env.adopt_user(username=leader_of(document.unit)):
        api.content.transition(obj=document, transition="approve")
    return document


def issue(document):
    with api.env.adopt_user(username=clerk_of(document.unit)):
        api.content.transition(obj=document, transition="issue")
    return document
