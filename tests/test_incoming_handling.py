"""Incoming documents in the classic UI, step by step (integration): the
clerk registers (number taken in the same request, errors on their fields,
duplicates), the leader assigns (deadline proposed on the working calendar,
urgent mail), the handler records progress and closes, the clerk returns to
sender — and each step refused to the wrong function."""

from dienbien.policy.core.orgunits import group_id
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.protect.authenticator import createToken
from types import SimpleNamespace
from zExceptions import NotFound

import pytest
import re


ORGANISATION_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,agency,TNMT,H15.50
H15.51,UBND huyện Mường Ảng,district,UBND,
"""

#: login -> (unit, function, full name)
PEOPLE = {
    "vanthu": ("H15.50", "clerical", "Lò Thị Mai"),
    "lanhdao": ("H15.50", "leader", "Quàng Văn Hùng"),
    "chuyenvien": ("H15.50.03", "officer", "Cà Văn Dũng"),
    "phoihop": ("H15.50.03", "officer", "Lường Thị Hoa"),
    "nguoingoai": ("H15.51", "officer", "Tòng Văn Nam"),
}
PASSWORD = "mat-khau-thu-nghiem"

FORM = {
    "unit": "H15.50",
    "received": "2026-03-03T09:30",
    "sender_unit": "",
    "sender_name": "Sở Nội vụ tỉnh Điện Biên",
    "sender_notation": "3954/SNV-VP",
    "sender_date": "2026-03-02",
    "doctype": "dispatch",
    "summary": "V/v báo cáo công tác cải cách hành chính quý I năm 2026",
    "urgency": "normal",
    "confidentiality": "normal",
}


def add_people(portal):
    from dienbien.policy.orgunits.importer import import_units

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, ORGANISATION_CSV, "csv")
    for username, (unit, function, fullname) in PEOPLE.items():
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=PASSWORD,
            properties={"fullname": fullname},
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)
    api.portal.set_registry_record("plone.email_from_address", "vanthu@example.invalid")
    api.portal.set_registry_record("plone.email_from_name", "Văn thư UBND huyện")
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture
def site(integration):
    portal = integration["portal"]
    add_people(portal)
    return portal


@pytest.fixture
def request_(integration):
    return integration["request"]


def call(context, request, name, user, form=None, post=False):
    """Open view ``name`` as ``user``: a GET, or a POST with the form and
    plone.protect's token (as the browser sends it)."""
    with api.env.adopt_user(username=user):
        request.form.clear()
        request.other.pop("disable_border", None)
        request.response.setStatus(200)
        request.response.headers.pop("location", None)
        if form:
            request.form.update(form)
        if post:
            request.form["form.submitted"] = "1"
            request.form["_authenticator"] = createToken()
            request["REQUEST_METHOD"] = "POST"
            request.method = "POST"
        else:
            request["REQUEST_METHOD"] = "GET"
            request.method = "GET"
        view = api.content.get_view(name, context, request)
        body = view()
        return view, body


def folder(portal):
    return portal["van-ban"]


def incoming_docs(portal):
    return [
        obj
        for obj in folder(portal).objectValues()
        if obj.portal_type == "IncomingDocument"
    ]


def register(portal, request, **changes):
    form = {**FORM, **changes}
    view, _body = call(
        folder(portal), request, "incoming-registration", "vanthu", form, True
    )
    return view


def registered(portal, request, **changes):
    before = {doc.getId() for doc in incoming_docs(portal)}
    register(portal, request, **changes)
    (doc,) = [doc for doc in incoming_docs(portal) if doc.getId() not in before]
    return doc


def assign(doc, request, user="lanhdao", **changes):
    form = {
        "step": "assign",
        "instruction": "Giao Phòng Tư pháp chủ trì tham mưu báo cáo",
        "handling_unit": "H15.50.03",
        "handler": "chuyenvien",
        "co_handlers": ["phoihop"],
        "deadline": "2026-03-17",
        **changes,
    }
    return call(doc, request, "incoming-step", user, form, True)


# -- Registration ----------------------------------------------------------


def test_the_clerk_registers_and_gets_the_incoming_number(site, request_):
    doc = registered(site, request_)
    assert api.content.get_state(doc) == "registered"
    assert doc.incoming_number == 1
    assert doc.year == 2026
    assert doc.sender_name == "Sở Nội vụ tỉnh Điện Biên"
    assert doc.sender_notation == "3954/SNV-VP"
    assert request_.response.getStatus() == 302
    second = registered(site, request_, sender_notation="3955/SNV-VP")
    assert second.incoming_number == 2
    _view, body = call(doc, request_, "view", "vanthu")
    assert "Số đến:" in body
    assert '<span class="incoming-number-value">1</span>' in body
    assert "09:30 03/03/2026" in body  # arrival, as people read it


def test_the_form_proposes_now_and_the_clerks_unit(site, request_):
    view, body = call(folder(site), request_, "incoming-registration", "vanthu")
    assert 'value="2026-03-03T10:00"' in body
    assert [unit["code"] for unit in view.unit_choices()] == ["H15.50"]
    assert "Vào sổ văn bản đến" in body


def test_a_sender_unit_gives_its_name(site, request_):
    doc = registered(site, request_, sender_unit="H15.50.05", sender_name="")
    assert doc.sender_name == "Phòng Tài nguyên và Môi trường"


def test_errors_are_shown_on_their_fields_in_vietnamese(site, request_):
    view = register(
        site, request_, sender_notation="3954 SNV", summary=" ", sender_date=""
    )
    assert request_.response.getStatus() == 400
    assert view.errors["sender_notation"] == (
        "3954 SNV thiếu dấu '/' giữa số và ký hiệu (05/QĐ-UBND)."
    )
    assert view.errors["summary"] == "Nhập trích yếu nội dung."
    assert view.errors["sender_date"] == "Nhập ngày, tháng của văn bản."
    assert incoming_docs(site) == []


def test_a_notation_of_another_type_is_refused(site, request_):
    view = register(site, request_, doctype="decision", sender_notation="12/TB-SNV")
    assert view.errors["sender_notation"] == (
        "Quyết định ghi số, ký hiệu theo dạng 05/QĐ-…, không phải TB."
    )


def test_a_duplicate_is_warned_and_may_be_confirmed(site, request_):
    registered(site, request_)
    form = {**FORM, "sender_notation": "Số: 3954 / snv-vp"}
    view, page = call(
        folder(site), request_, "incoming-registration", "vanthu", form, True
    )
    assert request_.response.getStatus() == 409
    assert [row["number"] for row in view.duplicate_rows()] == [1]
    # No file was chosen: nothing to choose again. With one, the page says
    # the browser did not keep it.
    again = "Trình duyệt không giữ tệp đã chọn"
    assert "incoming-duplicates" in page
    assert again not in page
    scan = SimpleNamespace(
        filename="cong-van.pdf", read=lambda: b"%PDF-1.4", headers={}
    )
    form["file"] = scan
    _view, page = call(
        folder(site), request_, "incoming-registration", "vanthu", form, True
    )
    assert request_.response.getStatus() == 409
    assert again in page
    assert len(incoming_docs(site)) == 1
    again = registered(site, request_, confirm_duplicate="1")
    assert again.incoming_number == 2


def test_only_the_clerical_office_registers(site):
    permission = "dienbien.policy: Add IncomingDocument"
    for user, allowed in (("vanthu", True), ("lanhdao", False), ("chuyenvien", False)):
        with api.env.adopt_user(username=user):
            assert api.user.has_permission(permission, obj=folder(site)) is allowed, (
                user
            )


# -- Assignment -----------------------------------------------------------------


def test_the_leader_is_offered_a_deadline_on_the_working_calendar(site, request_):
    doc = registered(site, request_)
    view, body = call(doc, request_, "incoming-step", "lanhdao", {"step": "assign"})
    # Tuesday 3 March 2026 + 10 working days.
    assert view.deadline_value() == "2026-03-17"
    assert "Đề xuất: 17/03/2026 (10 ngày làm việc" in body
    assert view.staff() == {
        "chuyenvien": "Cà Văn Dũng",
        "lanhdao": "Quàng Văn Hùng",
        "vanthu": "Lò Thị Mai",
        "phoihop": "Lường Thị Hoa",
    }
    urgent = registered(site, request_, sender_notation="12/SNV-VP", urgency="urgent")
    view, _body = call(urgent, request_, "incoming-step", "lanhdao", {"step": "assign"})
    assert view.deadline_value() == "2026-03-10"


def test_the_leader_assigns(site, request_):
    doc = registered(site, request_)
    assign(doc, request_)
    assert api.content.get_state(doc) == "assigned"
    assert doc.handler == "chuyenvien"
    assert doc.co_handlers == ["phoihop"]
    assert doc.handling_unit == "H15.50.03"
    assert str(doc.deadline) == "2026-03-17"
    assert doc.instruction.startswith("Giao Phòng Tư pháp")
    with api.env.adopt_user(username="chuyenvien"):
        assert "DocumentHandler" in api.user.get_roles(obj=doc)
    _view, body = call(doc, request_, "view", "chuyenvien")
    assert "Cà Văn Dũng" in body and "Lường Thị Hoa" in body
    assert "17/03/2026" in body


def test_assignment_errors_stay_on_the_form(site, request_):
    doc = registered(site, request_)
    view, _body = assign(doc, request_, handler="", handling_unit="", deadline="")
    assert view.errors == {
        "handler": "Chọn người xử lý hoặc đơn vị xử lý.",
        "deadline": "Nhập hạn xử lý.",
    }
    assert api.content.get_state(doc) == "registered"
    view, _body = assign(doc, request_, handler="nguoingoai")
    assert view.errors["handler"] == "Chọn người xử lý trong số cán bộ của đơn vị."


def test_only_a_leader_assigns(site, request_):
    doc = registered(site, request_)
    for user in ("vanthu", "chuyenvien"):
        with pytest.raises(NotFound):
            assign(doc, request_, user=user)
    assert api.content.get_state(doc) == "registered"


def test_a_leader_may_reassign(site, request_):
    doc = registered(site, request_)
    assign(doc, request_)
    _view, body = call(doc, request_, "view", "lanhdao")
    assert "incoming-action-reassign" in body
    assert "incoming-action-assign " not in body
    assign(doc, request_, step="reassign", handler="phoihop", co_handlers=[])
    assert doc.handler == "phoihop"
    assert api.content.get_state(doc) == "assigned"


def test_assigned_the_same_working_day_or_late(site, request_, clock):
    clock("2026-03-03T16:00")
    doc = registered(site, request_, received="2026-03-03T15:50")
    view, body = call(doc, request_, "view", "lanhdao")
    assert "Cần giao xử lý trước 17:00 03/03/2026." in body
    clock("2026-03-04T08:00")
    view, body = call(doc, request_, "view", "lanhdao")
    assert "Chưa giao xử lý: lẽ ra phải giao trước 17:00 03/03/2026." in body
    assign(doc, request_, deadline="2026-03-18")
    view, body = call(doc, request_, "view", "lanhdao")
    assert view.timing() == {
        "registered": "16:00 03/03/2026",
        "assigned": "08:00 04/03/2026",
        "limit": "17:00 03/03/2026",
        "late": True,
        "waiting": False,
        "waiting_late": False,
    }
    assert "(chậm: sau ngày làm việc vào sổ)" in body


# -- Urgent documents ---------------------------------------------------------------


def test_an_urgent_document_is_mailed_to_the_handler_on_assignment(site, request_):
    mailhost = api.portal.get_tool("MailHost")
    mailhost.reset()
    doc = registered(site, request_, urgency="very_urgent")
    _view, body = call(doc, request_, "view", "vanthu")
    # The stamp says it in words (colour is not the only sign).
    stamp = re.search(
        r'<span class="doc-stamp doc-stamp-urgency"([^>]*)>([^<]*)<', body
    )
    assert stamp.group(1).strip() == 'title="Thượng khẩn"'
    assert stamp.group(2) == "THƯỢNG KHẨN"
    assert mailhost.messages == []
    assign(doc, request_)
    (message,) = mailhost.messages
    text = message.decode("utf-8") if isinstance(message, bytes) else str(message)
    assert "To: chuyenvien@example.invalid" in text
    from email import message_from_string

    mail = message_from_string(text)
    from email.header import decode_header
    from email.header import make_header

    subject = str(make_header(decode_header(mail["Subject"])))
    assert subject == (
        "[THƯỢNG KHẨN] Công văn 3954/SNV-VP: "
        "V/v báo cáo công tác cải cách hành chính quý I năm 2026"
    )
    body = mail.get_payload(decode=True).decode("utf-8")
    assert doc.absolute_url() in body
    assert "Hạn xử lý: 17/03/2026" in body


def test_a_secret_documents_mail_leaves_its_summary_out(site, request_):
    mailhost = api.portal.get_tool("MailHost")
    mailhost.reset()
    doc = registered(
        site,
        request_,
        urgency="flash",
        confidentiality="confidential",
        readers=["lanhdao", "chuyenvien"],
    )
    assign(doc, request_)
    (message,) = mailhost.messages
    text = message.decode("utf-8") if isinstance(message, bytes) else str(message)
    from email import message_from_string
    from email.header import decode_header
    from email.header import make_header

    mail = message_from_string(text)
    assert str(make_header(decode_header(mail["Subject"]))) == (
        "[HỎA TỐC] Công văn 3954/SNV-VP"
    )
    assert "cải cách hành chính" not in mail.get_payload(decode=True).decode("utf-8")


def test_an_ordinary_document_is_not_mailed(site, request_):
    mailhost = api.portal.get_tool("MailHost")
    mailhost.reset()
    doc = registered(site, request_)
    assign(doc, request_)
    assert mailhost.messages == []


# -- Handling ------------------------------------------------------------------------


def test_the_handler_records_progress_and_closes(site, request_, clock):
    doc = registered(site, request_)
    assign(doc, request_)
    clock("2026-03-05T14:20")
    call(
        doc,
        request_,
        "incoming-step",
        "chuyenvien",
        {"step": "progress", "text": "Đã dự thảo báo cáo, trình lãnh đạo phòng"},
        True,
    )
    assert api.content.get_state(doc) == "in_progress"
    assert [(e["user"], e["text"]) for e in doc.progress] == [
        ("chuyenvien", "Đã dự thảo báo cáo, trình lãnh đạo phòng")
    ]
    view, body = call(doc, request_, "view", "chuyenvien")
    assert view.progress() == [
        {
            "time": "14:20 05/03/2026",
            "user": "Cà Văn Dũng",
            "text": "Đã dự thảo báo cáo, trình lãnh đạo phòng",
        }
    ]
    clock("2026-03-06T09:00")
    call(doc, request_, "incoming-step", "chuyenvien", {"step": "close"}, True)
    assert api.content.get_state(doc) == "done"
    view, body = call(doc, request_, "view", "chuyenvien")
    assert "09:00 06/03/2026" in body
    assert not view.overdue()


def test_progress_needs_text_and_the_handler(site, request_):
    doc = registered(site, request_)
    assign(doc, request_)
    view, _body = call(
        doc, request_, "incoming-step", "chuyenvien", {"step": "progress"}, True
    )
    assert view.errors == {"text": "Ghi nội dung đã thực hiện."}
    assert api.content.get_state(doc) == "assigned"
    for user in ("vanthu", "nguoingoai"):
        with pytest.raises(NotFound):
            call(
                doc,
                request_,
                "incoming-step",
                user,
                {"step": "progress", "text": "x"},
                True,
            )
    assert not doc.progress


def test_overdue_is_shown(site, request_, clock):
    doc = registered(site, request_)
    assign(doc, request_)
    clock("2026-03-18T08:00")
    view, body = call(doc, request_, "view", "chuyenvien")
    assert view.overdue()
    assert "(quá hạn)" in body


# -- Return to sender ----------------------------------------------------------------


def test_the_clerk_returns_with_a_reason(site, request_):
    doc = registered(site, request_)
    view, _body = call(
        doc,
        request_,
        "incoming-step",
        "vanthu",
        {"step": "return", "reason": " "},
        True,
    )
    assert view.errors == {"reason": "Nêu lý do trả lại văn bản."}
    assert api.content.get_state(doc) == "registered"
    call(
        doc,
        request_,
        "incoming-step",
        "vanthu",
        {"step": "return", "reason": "Gửi nhầm cơ quan"},
        True,
    )
    assert api.content.get_state(doc) == "returned"
    assert doc.return_reason == "Gửi nhầm cơ quan"
    _view, body = call(doc, request_, "view", "vanthu")
    assert "Gửi nhầm cơ quan" in body
    # Returned to its sender, it waits for no assignment.
    assert "incoming-assign-by" not in body
    assert "incoming-waiting-late" not in body
    assert "Giao xử lý lúc" not in body


def test_only_the_clerk_returns(site, request_):
    doc = registered(site, request_)
    with pytest.raises(NotFound):
        call(
            doc,
            request_,
            "incoming-step",
            "lanhdao",
            {"step": "return", "reason": "Không thuộc thẩm quyền"},
            True,
        )


# -- More of the clerk's and the handler's work -----------------------------------


def test_add_new_opens_the_registration_form(site, request_):
    from dienbien.policy.correspondence.browser import incoming as pages

    with api.env.adopt_user(username="vanthu"):
        view = folder(site).restrictedTraverse("++add++IncomingDocument")
        assert isinstance(view, pages.RegisterIncomingAddView)


def test_the_page_offers_the_clerk_the_next_registration(site, request_):
    doc = registered(site, request_)
    _view, body = call(doc, request_, "view", "vanthu")
    assert "incoming-register-next" in body
    _view, body = call(doc, request_, "view", "lanhdao")
    assert "incoming-register-next" not in body


def test_a_secret_document_names_the_clerk_and_the_chosen_leader(site, request_):
    doc = registered(
        site, request_, confidentiality="confidential", readers=["lanhdao", "x"]
    )
    assert doc.readers == ["vanthu", "lanhdao"]
    assert api.content.get_state(doc) == "registered"
    with api.env.adopt_user(username="lanhdao"):
        assert "DocumentLeader" in api.user.get_roles(obj=doc)
    _view, body = call(doc, request_, "view", "vanthu")
    assert re.search(r'doc-stamp-secret"[^>]*>MẬT<', body)


def issued_reply(portal):
    """An outgoing công văn of the district, drafted, approved and issued."""
    from dienbien.policy.correspondence.documents import new_id

    with api.env.adopt_user(username="chuyenvien"):
        reply = api.content.create(
            container=folder(portal),
            type="OutgoingDocument",
            id=new_id("outgoing"),
            unit="H15.50",
            doctype="dispatch",
            department="VP",
            summary="V/v báo cáo công tác cải cách hành chính quý I",
            signer="lanhdao",
        )
        api.content.transition(obj=reply, transition="submit")
    with api.env.adopt_user(username="lanhdao"):
        api.content.transition(obj=reply, transition="approve")
    with api.env.adopt_user(username="vanthu"):
        api.content.transition(obj=reply, transition="issue")
    return reply


def test_closing_links_the_outgoing_reply(site, request_):
    add = "dienbien.policy: Add OutgoingDocument"
    api.group.add_user(groupname=group_id("H15.50", "officer"), username="chuyenvien")
    with api.env.adopt_user(username="chuyenvien"):
        if not api.user.has_permission(add, obj=folder(site)):
            pytest.skip("officers cannot draft here yet")
    reply = issued_reply(site)
    doc = registered(site, request_)
    assign(doc, request_, handling_unit="", co_handlers=[])
    view, body = call(doc, request_, "incoming-step", "chuyenvien", {"step": "close"})
    with api.env.adopt_user(username="chuyenvien"):
        assert [row["uid"] for row in view.replies()] == [reply.UID()]
    assert f"{reply.notation} – " in body
    view, _body = call(
        doc,
        request_,
        "incoming-step",
        "chuyenvien",
        {"step": "close", "reply": "not-a-uid"},
        True,
    )
    assert view.errors == {"reply": "Chọn văn bản trả lời trong danh sách."}
    call(
        doc,
        request_,
        "incoming-step",
        "chuyenvien",
        {"step": "close", "reply": reply.UID()},
        True,
    )
    assert api.content.get_state(doc) == "done"
    assert doc.reply == reply.UID()
    view, body = call(doc, request_, "view", "chuyenvien")
    assert reply.absolute_url() in body
    assert "01/UBND-VP" in body


def test_the_state_menu_opens_the_forms(site, request_):
    doc = registered(site, request_)
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username="lanhdao"):
        urls = {
            action["id"]: action["url"]
            for action in workflow.listActionInfos(object=doc)
            if action["category"] == "workflow"
        }
    assert urls == {"assign": f"{doc.absolute_url()}/@@incoming-step?step=assign"}
    assign(doc, request_)
    # On an assigned document the menu's "assign" is the re-assignment.
    view, _body = call(doc, request_, "incoming-step", "lanhdao", {"step": "assign"})
    assert view.step == "reassign"


def test_upgrade_1012_points_the_menu_at_the_forms(site):
    from dienbien.policy.upgrades import v1012_incoming

    workflow = api.portal.get_tool("portal_workflow")["dienbien_incoming_workflow"]
    for step in v1012_incoming.FORM_STEPS:
        workflow.transitions[step].actbox_url = (
            "%(content_url)s/content_status_modify?workflow_action=" + step
        )
    v1012_incoming.steps_through_forms()
    assert {
        step: workflow.transitions[step].actbox_url
        for step in ("register", "return", "assign", "start", "close")
    } == {
        "register": "%(content_url)s/content_status_modify?workflow_action=register",
        "return": "%(content_url)s/@@incoming-step?step=return",
        "assign": "%(content_url)s/@@incoming-step?step=assign",
        "start": "%(content_url)s/content_status_modify?workflow_action=start",
        "close": "%(content_url)s/@@incoming-step?step=close",
    }


def test_a_delivered_document_is_registered_from_its_page(site, request_):
    """What another unit of ours sent arrives awaiting registration: the
    clerk gives it the unit's incoming number from the page."""
    from dienbien.policy.correspondence.documents import new_id

    with api.env.adopt_user(username="vanthu"):
        doc = api.content.create(
            container=folder(site),
            type="IncomingDocument",
            id=new_id("incoming"),
            unit="H15.50",
            sender_unit="H15.50.05",
            sender_name="Phòng Tài nguyên và Môi trường",
            sender_notation="45/TNMT-QLĐĐ",
            doctype="dispatch",
            summary="V/v rà soát đất công",
        )
    assert api.content.get_state(doc) == "received"
    _view, body = call(doc, request_, "view", "vanthu")
    assert "incoming-action-register" in body
    call(doc, request_, "incoming-step", "vanthu", {"step": "register"}, True)
    assert api.content.get_state(doc) == "registered"
    assert doc.incoming_number == 1
    with pytest.raises(NotFound):
        call(doc, request_, "incoming-step", "vanthu", {"step": "register"}, True)
