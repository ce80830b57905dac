"""A district and two communes with their clerical offices, leaders and
officers, and the steps of a document done as the person whose step it
is: shared by the tests of internal sending and of my work."""

from contextlib import contextmanager
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile

import transaction


UNITS_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.05.01,UBND xã Thanh Xương,commune,UBND,H15.50
H15.50.05.02,UBND xã Thanh An,commune,UBND,H15.50
"""
DISTRICT = "H15.50"
COMMUNE = "H15.50.05.01"
OTHER_COMMUNE = "H15.50.05.02"
PEOPLE = {
    "vt_huyen": (DISTRICT, "clerical"),
    "ld_huyen": (DISTRICT, "leader"),
    "cv_huyen": (DISTRICT, "officer"),
    "cv2_huyen": (DISTRICT, "officer"),
    "vt_xa": (COMMUNE, "clerical"),
    "ld_xa": (COMMUNE, "leader"),
    "cv_xa": (COMMUNE, "officer"),
    "vt_an": (OTHER_COMMUNE, "clerical"),
    "ld_an": (OTHER_COMMUNE, "leader"),
}
PASSWORD = "mat-khau-thu-nghiem"


def make_offices(portal) -> None:
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    for username, (unit, function) in PEOPLE.items():
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=PASSWORD,
            properties={"fullname": username},
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)
    transaction.commit()


@contextmanager
def acting_as(username):
    with api.env.adopt_user(username=username):
        yield


def step(obj, transition, user, comment=None):
    with acting_as(user):
        if comment is None:
            api.content.transition(obj=obj, transition=transition)
        else:
            api.content.transition(obj=obj, transition=transition, comment=comment)


def draft(portal, user, unit=COMMUNE, **fields):
    """An outgoing document drafted by ``user`` of ``unit``."""
    values = {
        "unit": unit,
        "doctype": "report",
        "summary": "Báo cáo tình hình thực hiện nhiệm vụ quý I",
        "internal_recipients": [DISTRICT],
        "external_recipients": [],
        "urgency": "normal",
        "confidentiality": "normal",
        "copies": 1,
        "file": NamedBlobFile(
            b"%PDF-1.4 bao cao", contentType="application/pdf", filename="bao-cao.pdf"
        ),
    }
    values.update(fields)
    with acting_as(user):
        return api.content.create(
            container=portal["van-ban"], type="OutgoingDocument", **values
        )


def issued(portal, drafter="cv_xa", leader="ld_xa", clerk="vt_xa", **fields):
    """An outgoing document of the commune, approved and issued."""
    document = draft(portal, drafter, signer=leader, **fields)
    step(document, "submit", drafter)
    step(document, "approve", leader)
    step(document, "issue", clerk)
    return document


def incoming(portal, clerk="vt_huyen", unit=DISTRICT, register=True, **fields):
    """An incoming document entered by the unit's clerk (registered)."""
    values = {
        "unit": unit,
        "sender_name": "Sở Nội vụ tỉnh Điện Biên",
        "sender_notation": "123/SNV-VP",
        "doctype": "dispatch",
        "summary": "V/v rà soát biên chế năm 2026",
        "urgency": "normal",
        "confidentiality": "normal",
    }
    values.update(fields)
    with acting_as(clerk):
        document = api.content.create(
            container=portal["van-ban"], type="IncomingDocument", **values
        )
    if register and api.content.get_state(document) == "received":
        step(document, "register", clerk)
    return document
