"""The steps of a document done as the person whose step it is, on the
units and people of ``conftest.OFFICES`` (the district ``H15.50``, its
agency ``H15.50.05``, the commune ``H15.50.05.01``): shared by the tests of
internal sending and of my work."""

from contextlib import contextmanager
from dienbien.policy.correspondence.documents import new_id
from plone import api
from plone.namedfile.file import NamedBlobFile


DISTRICT = "H15.50"
AGENCY = "H15.50.05"
COMMUNE = "H15.50.05.01"


@contextmanager
def acting_as(username):
    with api.env.adopt_user(username=username):
        yield


def step(document, transition, user, comment=""):
    workflow = api.portal.get_tool("portal_workflow")
    with acting_as(user):
        workflow.doActionFor(document, transition, comment=comment)


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
            container=portal["van-ban"],
            type="OutgoingDocument",
            id=new_id("outgoing"),
            **values,
        )


def issued(
    portal, drafter="chuyenvien_xa", leader="lanhdao_xa", clerk="vanthu_xa", **fields
):
    """An outgoing document (of the commune by default), approved and issued."""
    fields.setdefault("signer", leader)
    document = draft(portal, drafter, **fields)
    step(document, "submit", drafter)
    step(document, "approve", leader)
    step(document, "issue", clerk)
    return document


def incoming(portal, clerk="vanthu", unit=DISTRICT, register=True, **fields):
    """An incoming document entered by the unit's clerk (and registered)."""
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
            container=portal["van-ban"],
            type="IncomingDocument",
            id=new_id("incoming"),
            **values,
        )
    if register:
        step(document, "register", clerk)
    return document


def assign(document, leader, handler, co_handlers=(), deadline=None):
    with acting_as(leader):
        document.handler = handler
        document.co_handlers = list(co_handlers)
        document.deadline = deadline
        document.instruction = "Đề nghị xử lý"
    step(document, "assign", leader)
