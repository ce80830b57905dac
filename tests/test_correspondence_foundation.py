"""The correspondence foundation: types, workflows, numbers taken in the
step's transaction, who sees a document, and the catalog's data."""

from datetime import date
from dienbien.policy.correspondence.documents import new_id
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


def create_outgoing(portal, as_user="chuyenvien", **fields):
    values = {
        "unit": "H15.50",
        "doctype": "decision",
        "summary": "Về việc thành lập Tổ công tác",
        "signer": "lanhdao",
    }
    values.update(fields)
    with api.env.adopt_user(username=as_user):
        return api.content.create(
            container=portal["van-ban"],
            type="OutgoingDocument",
            id=new_id("outgoing"),
            **values,
        )


def create_incoming(portal, as_user="vanthu_xa", **fields):
    values = {
        "unit": "H15.50.05.01",
        "doctype": "dispatch",
        "summary": "Về việc báo cáo tình hình thiên tai",
        "sender_name": "UBND tỉnh Điện Biên",
        "sender_notation": "3954/UBND-VX",
        "sender_date": date(2026, 3, 2),
    }
    values.update(fields)
    with api.env.adopt_user(username=as_user):
        return api.content.create(
            container=portal["van-ban"],
            type="IncomingDocument",
            id=new_id("incoming"),
            **values,
        )


def step(document, user, transition, comment=""):
    """Fire ``transition`` as ``user`` (the workflow tool's own errors: a
    guard that refuses and a missing reason both raise WorkflowException)."""
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=user):
        workflow.doActionFor(document, transition, comment=comment)


def issued(portal, clock, moment="2026-03-03T10:00", **fields):
    clock(moment)
    document = create_outgoing(portal, **fields)
    step(document, "chuyenvien", "submit")
    step(document, "lanhdao", "approve")
    step(document, "vanthu", "issue")
    return document


def test_the_folder_exists(offices_portal):
    folder = offices_portal["van-ban"]
    assert folder.portal_type == "DocumentFolder"
    assert folder.title == "Văn bản"


def test_drafter_is_the_creator_and_title_reads_like_a_register(offices_portal):
    document = create_outgoing(offices_portal)
    assert document.drafter == "chuyenvien"
    assert api.content.get_state(document) == "draft"
    assert document.Title() == "Quyết định Về việc thành lập Tổ công tác"


def test_issue_takes_the_number_and_notation(offices_portal, clock):
    first = issued(offices_portal, clock)
    second = issued(offices_portal, clock)
    assert (first.number, first.year, first.notation) == (1, 2026, "01/QĐ-UBND")
    assert second.notation == "02/QĐ-UBND"
    assert api.content.get_state(second) == "issued"
    assert str(second.issued) == "2026-03-03 10:00:00"
    assert second.Title() == "Quyết định 02/QĐ-UBND Về việc thành lập Tổ công tác"


def test_dispatch_needs_its_department(offices_portal, clock):
    document = create_outgoing(offices_portal, doctype="dispatch")
    step(document, "chuyenvien", "submit")
    step(document, "lanhdao", "approve")
    with pytest.raises(WorkflowException):
        step(document, "vanthu", "issue")
    assert api.content.get_state(document) == "approved"
    assert document.number is None
    document.department = "VP"
    step(document, "vanthu", "issue")
    assert document.notation == "01/UBND-VP"


def test_series_apart_and_the_year_turns_at_local_midnight(offices_portal, clock):
    normative = issued(offices_portal, clock, normative=True)
    secret = issued(
        offices_portal, clock, confidentiality="confidential", readers=["vanthu"]
    )
    ordinary = issued(offices_portal, clock)
    last_of_year = issued(offices_portal, clock, "2026-12-31T23:59")
    new_year = issued(offices_portal, clock, "2027-01-01T00:00")
    assert normative.notation == "01/2026/QĐ-UBND"
    assert secret.notation == "01/QĐ-UBND"
    assert ordinary.notation == "01/QĐ-UBND"
    assert (last_of_year.notation, last_of_year.year) == ("02/QĐ-UBND", 2026)
    assert (new_year.notation, new_year.year) == ("01/QĐ-UBND", 2027)


def test_return_needs_a_reason(offices_portal):
    document = create_outgoing(offices_portal)
    step(document, "chuyenvien", "submit")
    with pytest.raises(WorkflowException):
        step(document, "lanhdao", "return")
    step(document, "lanhdao", "return", "Sửa trích yếu")
    assert api.content.get_state(document) == "draft"
    assert document.return_reason == "Sửa trích yếu"


def test_wrong_functions_cannot_step(offices_portal):
    document = create_outgoing(offices_portal)
    with pytest.raises(WorkflowException):
        step(document, "vanthu", "submit")
    step(document, "chuyenvien", "submit")
    for user in ("chuyenvien", "vanthu", "lanhdao_xa", "lanhdao_tnmt"):
        with pytest.raises(WorkflowException):
            step(document, user, "approve")


def test_incoming_registration_numbers_in_order_of_arrival(offices_portal, clock):
    first = create_incoming(offices_portal)
    second = create_incoming(offices_portal)
    assert api.content.get_state(first) == "received"
    step(second, "vanthu_xa", "register")
    step(first, "vanthu_xa", "register")
    assert (second.incoming_number, first.incoming_number) == (1, 2)
    assert first.year == 2026
    assert str(first.registered) == "2026-03-03 10:00:00"


def test_incoming_assignment_and_handling(offices_portal):
    document = create_incoming(offices_portal)
    step(document, "vanthu_xa", "register")
    document.handler = "chuyenvien_xa"
    document.deadline = date(2026, 3, 10)
    step(document, "lanhdao_xa", "assign")
    document.reindexObjectSecurity()
    step(document, "chuyenvien_xa", "start")
    step(document, "chuyenvien_xa", "close")
    assert api.content.get_state(document) == "done"
    assert str(document.assigned) == "2026-03-03 10:00:00"


def _sees(document, user) -> bool:
    with api.env.adopt_user(username=user):
        return api.user.has_permission("View", obj=document)


def test_who_sees_an_ordinary_document(offices_portal):
    document = create_incoming(offices_portal, handler="chuyenvien_xa")
    step(document, "vanthu_xa", "register")
    seers = {user for user in OFFICE_USERS if _sees(document, user)}
    assert seers == {"vanthu_xa", "lanhdao_xa", "chuyenvien_xa"}


def test_administrators_do_not_read_correspondence(offices_portal):
    from plone.app.testing import TEST_USER_ID

    document = create_incoming(offices_portal)
    with api.env.adopt_user(user=api.user.get(userid=TEST_USER_ID)):
        assert "Manager" in api.user.get_roles()
        assert not api.user.has_permission("View", obj=document)


def test_a_secret_document_is_seen_by_the_people_named_only(offices_portal):
    document = create_incoming(
        offices_portal, confidentiality="secret", readers=["lanhdao_xa"]
    )
    document.reindexObjectSecurity()
    # the leader named, and the commune's clerk who entered it (named on it
    # when he saved it: correspondence/security.py)
    assert list(document.readers) == ["lanhdao_xa", "vanthu_xa"]
    named = {"lanhdao_xa", "vanthu_xa"}
    seers = {user for user in OFFICE_USERS if _sees(document, user)}
    assert seers == named
    catalog = api.portal.get_tool("portal_catalog")
    for user in OFFICE_USERS:
        with api.env.adopt_user(username=user):
            found = [b.UID for b in catalog(portal_type="IncomingDocument")]
        assert (document.UID() in found) == (user in named), user


def test_catalog_metadata_lists_without_waking(offices_portal, clock):
    document = issued(offices_portal, clock, internal_recipients=["H15.50.05.01"])
    catalog = api.portal.get_tool("portal_catalog")
    brain = catalog.unrestrictedSearchResults(UID=document.UID())[0]
    assert brain.document_kind == "outgoing"
    assert brain.document_unit == "H15.50"
    assert brain.document_number == 1
    assert brain.document_notation == "01/QĐ-UBND"
    assert brain.document_date == "2026-03-03T10:00"
    assert brain.document_recipients == ("H15.50.05.01",)
    assert brain.review_state == "issued"
    found = catalog.unrestrictedSearchResults(
        document_kind="outgoing", document_unit="H15.50", document_year=2026
    )
    assert [b.UID for b in found] == [document.UID()]


OFFICE_USERS = (
    "vanthu",
    "chuyenvien",
    "lanhdao",
    "vanthu_tnmt",
    "chuyenvien_tnmt",
    "lanhdao_tnmt",
    "vanthu_xa",
    "chuyenvien_xa",
    "lanhdao_xa",
)
