"""Updates and replacements of exchanged documents (BussinessDocType 2, 3),
both sides on one integration site, as in test_exchange_statuses.py: the
commune has the identifier of an organisation in the district's address
book, so what the district sends "outside" reaches the commune as packages
and the commune's answers come back the same way. The packages are caught
where they leave (``transport.send``)."""

from correspondence_steps import COMMUNE
from correspondence_steps import DISTRICT
from correspondence_steps import issued
from correspondence_steps import step
from dienbien.policy.core.exchange import edxml
from dienbien.policy.correspondence.mywork import my_work
from dienbien.policy.exchange import corrections
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange import transport
from dienbien.policy.exchange.addressbook import ADDRESS_BOOK_PATH
from dienbien.policy.exchange.receive import file_package
from dienbien.policy.exchange.receive import receive_waiting
from dienbien.policy.exchange.transport import FolderTransport
from plone import api
from zExceptions import Forbidden

import dataclasses
import pytest


DISTRICT_ID = "000.00.50.H15"
COMMUNE_ID = "000.01.50.H15"


@pytest.fixture
def site(offices_portal, tmp_path, monkeypatch):
    portal = offices_portal
    with api.env.adopt_roles(["Manager"]):
        for unit in portal["to-chuc"].objectValues():
            unit.organ_id = {DISTRICT: DISTRICT_ID, COMMUNE: COMMUNE_ID}.get(unit.code)
        api.content.create(
            container=portal[ADDRESS_BOOK_PATH],
            type="ExternalOrganisation",
            title="UBND xã Thanh Xương (hệ thống khác)",
            organ_id=COMMUNE_ID,
        )
    api.portal.set_registry_record(
        "dienbien.settings.exchange_outbox", str(tmp_path / "outbox")
    )
    outbox = []
    monkeypatch.setattr(
        transport, "send", lambda package, note="": outbox.append(package) or True
    )
    portal.outbox = outbox
    return portal


def sent(portal) -> list:
    """What left since the last look, read."""
    packages = [edxml.parse(data) for data in portal.outbox]
    portal.outbox.clear()
    return packages


def filed(portal, user, message_or_data):
    data = (
        message_or_data
        if isinstance(message_or_data, bytes)
        else edxml.build(message_or_data)
    )
    with api.env.adopt_user(username=user):
        return file_package(portal, data)


def answer(portal, status):
    from dienbien.policy.core.exchange.status import build_status

    return filed(portal, "vanthu", build_status(status))


def view(context, name):
    return api.content.get_view(name, context, context.REQUEST)


def rows(outgoing):
    return [
        (row["status"], row["reason"])
        for row in getattr(outgoing, "exchange_statuses", ())
    ]


def test_updates_and_replacements_from_the_sender_to_the_recipient_and_back(
    site, clock, tmp_path
):
    clock("2026-08-03T16:05")
    outgoing = issued(
        site,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        doctype="decision",
        summary="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
        internal_recipients=[],
        external_organisations=[COMMUNE_ID],
    )
    step(outgoing, "send", "vanthu")
    [package] = sent(site)
    [copy] = filed(site, "vanthu_xa", package).documents
    sent(site)  # 01

    # An update while the copy awaits registration: applied at once, 15.
    clock("2026-08-03T17:00")
    with api.env.adopt_user(username="vanthu"):
        corrections.request_update(
            outgoing,
            "Sửa trích yếu",
            "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026 (sửa đổi)",
            "urgent",
        )
    assert rows(outgoing) == [("update_sent", "Sửa trích yếu")]
    history = outgoing.workflow_history["dienbien_outgoing_workflow"]
    assert (history[-1]["action"], history[-1]["review_state"]) == (
        "exchange_update",
        "sent",
    )
    [update] = sent(site)
    assert (update.business_doc_type, update.business_reason) == (2, "Sửa trích yếu")
    assert update.effective_document_id == package.effective_document_id
    result = filed(site, "vanthu_xa", update)
    assert (result.kind, result.documents) == ("correction", [copy])
    assert copy.summary.endswith("(sửa đổi)")
    assert copy.urgency == "urgent"
    assert api.content.get_state(copy) == "received"
    assert copy.handling_log[-1]["action"] == "update_applied"
    [agreed] = sent(site)
    assert (agreed.code, agreed.document.document_id) == (
        "15",
        package.effective_document_id,
    )
    answer(site, agreed)
    assert rows(outgoing) == [("update_agreed", "")]

    # Once registered, the clerical office decides: not anyone else, not a
    # refusal without reason; the refusal's reason reaches the sender (16).
    step(copy, "register", "vanthu_xa")
    sent(site)  # 03
    with api.env.adopt_user(username="vanthu"):
        corrections.request_update(
            outgoing, "Đổi người ký", "Về việc khác hẳn", "normal"
        )
    # This one through the inbox folder, as the receive step files it.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1-update.xml").write_bytes(site.outbox.pop())
    with api.env.adopt_user(username="vanthu_xa"):
        outcome = receive_waiting(site, FolderTransport(None, inbox))
    [(name, result)] = outcome.filed
    assert (name, result.kind, outcome.refused) == ("1-update.xml", "correction", [])
    assert copy.exchange_request["kind"] == "update"
    assert copy.summary.endswith("(sửa đổi)")  # nothing applied yet
    assert sent(site) == []
    with api.env.adopt_user(username="vanthu_xa"):
        work = my_work(site)
    [decide] = [group for group in work.groups if group["id"] == "to_decide"]
    assert [item["UID"] for item in decide["items"]] == [copy.UID()]
    with api.env.adopt_user(username="vanthu_xa"):
        html = view(copy, "exchange-request-box")()
    assert "Đồng ý" in html and "Từ chối" in html and "Đổi người ký" in html
    # What agreeing brings, read before deciding.
    assert f"{update.code} Về việc khác hẳn" in html
    with api.env.adopt_user(username="vanthu_xa"):
        assert "exchange-refuse-reason" in view(copy, "exchange-decision")()
    with api.env.adopt_user(username="chuyenvien_xa"):
        with pytest.raises(Forbidden):
            view(copy, "exchange-decision")()
        with pytest.raises(statuses.NotClerk):
            corrections.decide(copy, False, "Không đồng ý")
    with api.env.adopt_user(username="vanthu_xa"):
        with pytest.raises(corrections.Refused) as refused:
            corrections.decide(copy, False, "  ")
        assert [problem.field for problem in refused.value.problems] == ["reason"]
        corrections.decide(copy, False, "Văn bản đã được triển khai")
    assert copy.exchange_request is None
    with api.env.adopt_user(username="vanthu_xa"):
        work = my_work(site)
    assert "to_decide" not in [group["id"] for group in work.groups]
    assert copy.summary.endswith("(sửa đổi)")
    assert copy.handling_log[-1]["action"] == "update_refused"
    [refusal] = sent(site)
    assert (refusal.code, refusal.description) == ("16", "Văn bản đã được triển khai")
    answer(site, refusal)
    assert rows(outgoing) == [("update_refused", "Văn bản đã được triển khai")]

    # A replacement: a new issued document of the district takes its place;
    # the commune's registered copy waits, the clerk agrees: the old copy
    # leaves the inbox (history kept), the new one arrives, 01 and 15 go.
    replacement = issued(
        site,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        doctype="decision",
        summary="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026 (thay thế)",
        internal_recipients=[],
        external_organisations=[],
    )
    with api.env.adopt_user(username="vanthu"):
        choices = corrections.replacement_choices(outgoing)
        assert [choice["uid"] for choice in choices] == [replacement.UID()]
        corrections.request_replacement(
            outgoing, "Sai căn cứ pháp lý", replacement.UID()
        )
    assert api.content.get_state(replacement) == "sent"
    assert rows(outgoing) == [("replace_sent", "Sai căn cứ pháp lý")]
    [replacing] = sent(site)
    assert replacing.business_doc_type == 3
    assert replacing.replaces == (package.effective_document_id,)
    assert replacing.number == "02"
    result = filed(site, "vanthu_xa", replacing)
    assert result.documents == [copy]
    assert copy.exchange_request["kind"] == "replace"
    with api.env.adopt_user(username="vanthu_xa"):
        old, new = corrections.decide(copy, True)
    assert old.UID() == copy.UID()
    assert api.content.get_state(copy) == "recalled"
    assert copy.incoming_number  # a registered copy keeps its number
    assert copy.workflow_history["dienbien_incoming_workflow"][-1]["action"] == (
        "replace"
    )
    assert api.content.get_state(new) == "received"
    assert new.exchange_document_id == replacing.effective_document_id
    assert copy.exchange_replaced_by == new.UID()
    arrived, agreed = sent(site)
    assert (arrived.code, arrived.document.document_id) == (
        "01",
        replacing.effective_document_id,
    )
    assert (agreed.code, agreed.document.document_id) == (
        "15",
        package.effective_document_id,
    )
    answer(site, agreed)
    assert rows(outgoing) == [("replace_agreed", "")]
    with api.env.adopt_user(username="vanthu_xa"):
        html = view(copy, "exchange-request-box")()
    assert "Đồng ý" not in html and new.absolute_url() in html

    # A replacement of a copy still awaiting registration: at once.
    first, second = (
        issued(
            site,
            drafter="chuyenvien",
            leader="lanhdao",
            clerk="vanthu",
            unit=DISTRICT,
            summary=summary,
            internal_recipients=[],
            external_organisations=[COMMUNE_ID],
        )
        for summary in ("Báo cáo quý II", "Báo cáo quý II (thay thế)")
    )
    step(first, "send", "vanthu")
    [waiting] = filed(site, "vanthu_xa", sent(site)[0]).documents
    sent(site)  # 01
    with api.env.adopt_user(username="vanthu"):
        corrections.request_replacement(first, "Thiếu số liệu", second.UID())
    [replacing] = sent(site)
    old, fresh = filed(site, "vanthu_xa", replacing).documents
    assert old.UID() == waiting.UID()
    assert api.content.get_state(waiting) == "recalled"
    assert (api.content.get_state(fresh), fresh.summary) == (
        "received",
        "Báo cáo quý II (thay thế)",
    )
    assert [(status.code, status.document.document_id) for status in sent(site)] == [
        ("01", replacing.effective_document_id),
        ("15", waiting.exchange_document_id),
    ]

    # A package naming no document received here names its element.
    stranger = dataclasses.replace(
        replacing, replaces=("000.00.50.H15,2026/08/03,77/QĐ-UBND",)
    )
    with pytest.raises(statuses.StatusRefused) as caught:
        filed(site, "vanthu_xa", stranger)
    assert caught.value.problem.field == corrections.REPLACE_ELEMENT
    unknown = dataclasses.replace(update, number="78", document_id="")
    with pytest.raises(statuses.StatusRefused) as caught:
        filed(site, "vanthu_xa", unknown)
    assert caught.value.problem.field == "edXML:MessageHeader/edXML:DocumentId"


def test_corrections_delivered_twice_after_a_return_and_refused_choices(site, clock):
    """What the review found: a replacement of a copy the unit had returned
    arrives as a new document (not a 400 that loses it), and a second
    delivery of it is the duplicate any package is (409); the same update
    delivered twice is applied once; a secret document is never offered as
    a replacement; an urgency the law does not know is refused (the classic
    form passes it through unchecked)."""
    from dienbien.policy.exchange import importer

    clock("2026-08-03T09:00")
    old, replacing_doc, secret = (
        issued(
            site,
            drafter="chuyenvien",
            leader="lanhdao",
            clerk="vanthu",
            unit=DISTRICT,
            summary=summary,
            internal_recipients=[],
            external_organisations=external,
            **extra,
        )
        for summary, external, extra in (
            ("Kế hoạch tháng 8", [COMMUNE_ID], {}),
            ("Kế hoạch tháng 8 (thay thế)", [], {}),
            (
                "Kế hoạch bảo vệ bí mật",
                [],
                {
                    "confidentiality": "confidential",
                    "readers": ["chuyenvien", "lanhdao", "vanthu"],
                },
            ),
        )
    )
    step(old, "send", "vanthu")
    [package] = sent(site)
    [copy] = filed(site, "vanthu_xa", package).documents
    sent(site)  # 01

    # The same update twice: one history line, one 15.
    with api.env.adopt_user(username="vanthu"):
        with pytest.raises(corrections.Refused) as refused:
            corrections.request_update(old, "Sửa", "Kế hoạch tháng 8", "soon")
        assert [problem.field for problem in refused.value.problems] == ["urgency"]
        assert old.urgency == "normal"
        corrections.request_update(
            old, "Sửa trích yếu", "Kế hoạch tháng 8 năm 2026", ""
        )
    [update] = sent(site)
    for _time in range(2):
        assert filed(site, "vanthu_xa", update).documents == [copy]
    actions = [entry["action"] for entry in copy.handling_log]
    assert actions.count("update_applied") == 1
    assert [status.code for status in sent(site)] == ["15"]

    # The commune returns its copy; the district replaces the document.
    step(copy, "return", "vanthu_xa", comment="Gửi nhầm đơn vị")
    sent(site)  # 02
    with api.env.adopt_user(username="vanthu"):
        choices = [choice["uid"] for choice in corrections.replacement_choices(old)]
        assert choices == [replacing_doc.UID()]  # never the secret one
        with pytest.raises(corrections.Refused):
            corrections.request_replacement(old, "Sai căn cứ", secret.UID())
        corrections.request_replacement(old, "Sai căn cứ", replacing_doc.UID())
    [replacing] = sent(site)
    result = filed(site, "vanthu_xa", replacing)
    [new] = result.documents
    assert (result.kind, api.content.get_state(new), new.summary) == (
        "document",
        "received",
        "Kế hoạch tháng 8 (thay thế)",
    )
    assert api.content.get_state(copy) == "returned"
    assert [status.code for status in sent(site)] == ["01"]
    with pytest.raises(importer.Duplicate) as duplicate:
        filed(site, "vanthu_xa", replacing)
    assert new.UID() == duplicate.value.earlier.UID


def test_a_package_for_two_units_stays_in_the_inbox_until_both_filed_it(
    site, clock, tmp_path
):
    """The receive page as one unit's clerk: the package is filed for that
    unit and stays for the other's clerical office (it was acknowledged, so
    deleted, and the other unit never had its copy); that clerk's next run
    says it waits for the others instead of refusing a duplicate."""
    from dienbien.policy.core.exchange.package import Organ

    import transaction

    clock("2026-08-03T09:00")
    outgoing = issued(
        site,
        drafter="chuyenvien",
        leader="lanhdao",
        clerk="vanthu",
        unit=DISTRICT,
        internal_recipients=[],
        external_organisations=[COMMUNE_ID],
    )
    step(outgoing, "send", "vanthu")
    [package] = sent(site)
    invitation = dataclasses.replace(
        package,
        sender=Organ("000.00.02.H15", "Sở Nội vụ tỉnh Điện Biên"),
        recipients=(Organ(DISTRICT_ID, "UBND huyện"), Organ(COMMUNE_ID, "UBND xã")),
        document_id="",
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1-both.xml").write_bytes(edxml.build(invitation))
    transport_ = FolderTransport(None, inbox)

    def run(user):
        """One run and its commit's acknowledgements (one transaction: only
        the last run registers one)."""
        with api.env.adopt_user(username=user):
            outcome = receive_waiting(site, transport_)
        for hook, args, _kwargs in transaction.get().getAfterCommitHooks():
            if hook.__name__ == "_acknowledge":
                hook(True, *args)
        return outcome

    outcome = run("vanthu_xa")
    [(_name, filed)] = outcome.filed
    assert [document.unit for document in filed.documents] == [COMMUNE]
    assert not filed.complete
    assert [path.name for path in inbox.iterdir()] == ["1-both.xml"]
    outcome = run("vanthu_xa")
    assert (outcome.filed, outcome.refused, outcome.waiting) == ([], [], ["1-both.xml"])
    outcome = run("vanthu")
    [(_name, filed)] = outcome.filed
    assert [document.unit for document in filed.documents] == [DISTRICT]
    assert filed.complete
    assert list(inbox.iterdir()) == []
