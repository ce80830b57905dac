"""Upgrade 1024: a 1023 site gets the ``document_register_key`` index with
its numbered documents in it, and the registers then find them by it."""

from datetime import date
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.correspondence.registers import query
from dienbien.policy.upgrades.v1024_register_key import add_register_key_index
from dienbien.policy.upgrades.v1024_register_key import INDEX
from plone import api


def create(portal, portal_type, user, **fields):
    kind = "outgoing" if portal_type == "OutgoingDocument" else "incoming"
    with api.env.adopt_user(username=user):
        document = api.content.create(
            container=portal["van-ban"], type=portal_type, id=new_id(kind), **fields
        )
    document.reindexObjectSecurity()
    return document


def step(document, user, transition):
    with api.env.adopt_user(username=user):
        api.content.transition(obj=document, transition=transition)


def test_upgrade_from_1023(offices_portal, clock):
    portal = offices_portal
    clock("2026-03-03T10:00")
    catalog = portal.portal_catalog
    # As a 1023 site: no index.
    catalog.delIndex(INDEX)
    issued = create(
        portal,
        "OutgoingDocument",
        "chuyenvien",
        unit="H15.50",
        doctype="decision",
        summary="Về việc thành lập Tổ công tác",
        signer="lanhdao",
    )
    for user, transition in (
        ("chuyenvien", "submit"),
        ("lanhdao", "approve"),
        ("vanthu", "issue"),
    ):
        step(issued, user, transition)
    create(
        portal,
        "OutgoingDocument",
        "chuyenvien",
        unit="H15.50",
        doctype="report",
        summary="Dự thảo báo cáo",
    )
    registered = create(
        portal,
        "IncomingDocument",
        "vanthu_xa",
        unit="H15.50.05.01",
        doctype="dispatch",
        summary="V/v báo cáo tình hình thiên tai",
        sender_name="UBND tỉnh Điện Biên",
        sender_notation="3954/UBND-VX",
        sender_date=date(2026, 2, 27),
    )
    step(registered, "vanthu_xa", "register")

    with api.env.adopt_roles(["Manager"]):
        assert add_register_key_index(portal.portal_setup) == 3

    index = catalog._catalog.getIndex(INDEX)
    assert index.meta_type == "FieldIndex"
    # The draft has no number: it is in no register.
    assert sorted(index.uniqueValues()) == [
        "incoming:H15.50.05.01:2026:normal",
        "outgoing:H15.50:2026:normal",
    ]
    with api.env.adopt_user(username="vanthu"):
        found = query.search(portal, query.Params(rr.OUTGOING, "H15.50", 2026))
        assert [brain.getObject() for brain in found] == [issued]
    # Run again, it changes nothing.
    with api.env.adopt_roles(["Manager"]):
        assert add_register_key_index(portal.portal_setup) == 3
    assert len(list(index.uniqueValues())) == 2
