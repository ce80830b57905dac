"""The dossier page's step buttons and the step form (``@@dossier-step``)
over real HTTP: what is offered to whom, what the form refuses (and that a
refused form changes nothing), what a taken step records, no edit lock."""

from test_dossier_lifecycle import receive
from test_dossier_lifecycle import state
from test_dossier_lifecycle import step

import json
import re


HTML = {"Accept": "text/html"}


def page(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, response.text
    return response.text


def buttons(client, dossier) -> list[str]:
    """The step buttons on the dossier page, as their labels."""
    html = page(client, dossier["@id"])
    return re.findall(
        r'class="btn btn-outline-primary dossier-action[^"]*"\s+href="[^"]*"\s*>([^<]*)<',
        html,
    )


def token(client, dossier) -> str:
    """The user's plone.protect token, as every page of theirs carries it."""
    html = page(client, dossier["@id"])
    return re.search(r'data-token="([^"]+)"', html).group(1)


def submit(client, dossier, transition, authenticator=True, **fields):
    data = {"transition": transition, "form.submitted": "1", "form.save": "1"}
    if authenticator:
        data["_authenticator"] = token(client, dossier)
    data.update(fields)
    return client.post(
        f"{dossier['@id']}/@@dossier-step",
        data=data,
        headers=HTML,
        allow_redirects=False,
    )


def log(client, dossier) -> list[dict]:
    return client.get(f"{dossier['@id']}/@handover-log").json()["items"]


def test_each_function_sees_its_own_steps(staff):
    clerk, officer, leader = staff["clerk"], staff["officer"], staff["leader"]
    dossier = receive(clerk)
    assert buttons(clerk, dossier) == [
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Công dân rút hồ sơ",
    ]
    step(clerk, dossier, "transfer")
    # In processing the desk may still ask for papers or take a withdrawal.
    assert buttons(clerk, dossier) == [
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Công dân rút hồ sơ",
    ]
    assert buttons(officer, dossier) == [
        "Hoàn thành xử lý hồ sơ",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        "Xin lỗi và hẹn lại ngày trả kết quả",
    ]
    assert "Dừng xử lý hồ sơ" in buttons(leader, dossier)


def test_a_missing_reason_is_said_and_nothing_changes(staff):
    clerk = staff["clerk"]
    dossier = receive(clerk)
    response = submit(clerk, dossier, "request_supplement", reason="   ")
    assert response.status_code == 400
    assert "Hãy nhập lý do." in response.text
    # The required mark is visible beside the label.
    assert re.search(
        r'for="step-reason"[^>]*>\s*Giấy tờ cần bổ sung, mỗi loại một dòng\s*'
        r'<span class="required" title="Bắt buộc">',
        response.text,
    )
    assert state(clerk, dossier)["review_state"] == "accepted"
    assert [entry["action"] for entry in log(clerk, dossier)] == ["accept"]


def test_no_step_without_the_authenticator_nor_on_get(staff):
    clerk = staff["clerk"]
    dossier = receive(clerk)
    forged = submit(clerk, dossier, "transfer", authenticator=False)
    assert forged.status_code == 403
    got = clerk.get(
        f"{dossier['@id']}/@@dossier-step",
        params={"transition": "transfer", "form.submitted": "1", "form.save": "1"},
        headers=HTML,
    )
    assert got.status_code == 200  # the form, not the step
    assert state(clerk, dossier)["review_state"] == "accepted"


def test_a_step_not_offered_is_not_found(staff):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    # The officer does not transfer; the clerk does not resolve.
    assert (
        clerk.get(
            f"{dossier['@id']}/@@dossier-step?transition=resolve", headers=HTML
        ).status_code
        == 404
    )
    step(clerk, dossier, "transfer")
    assert (
        clerk.get(
            f"{dossier['@id']}/@@dossier-step?transition=apology", headers=HTML
        ).status_code
        == 404
    )
    assert submit(officer, dossier, "stop", reason="x").status_code == 404


def test_a_transfer_confirmed(staff, clock):
    clerk = staff["clerk"]
    dossier = receive(clerk)
    form = page(clerk, f"{dossier['@id']}/@@dossier-step?transition=transfer")
    assert "Chuyển hồ sơ đến cơ quan giải quyết" in form
    assert '<strong class="dossier-step-new-state">Đang xử lý</strong>' in form
    # The unit it goes to, for the clerk to check before confirming.
    receiver = re.search(r'<p class="dossier-step-receiver">(.*?)</p>', form, re.S)
    assert " ".join(re.sub(r"<[^>]+>", " ", receiver.group(1)).split()) == (
        "Chuyển đến: Phòng Tư pháp"
    )
    clock("2026-03-03T10:30")
    response = submit(clerk, dossier, "transfer", reason="Hồ sơ đủ")
    assert response.status_code == 302
    assert state(clerk, dossier)["review_state"] == "processing"
    entry = log(clerk, dossier)[-1]
    assert (entry["action"], entry["time"], entry["note"], entry["to_unit"]) == (
        "transfer",
        "2026-03-03T10:30:00+07:00",
        "Hồ sơ đủ",
        "H15.50.03",
    )


def test_supplement_papers_ticked_are_recorded(staff):
    clerk = staff["clerk"]
    dossier = receive(clerk)
    submit(
        clerk,
        dossier,
        "request_supplement",
        reason="1. Bản sao giấy khai sinh\n2. Ảnh 4x6\n3. Sổ hộ khẩu",
    )
    form = page(clerk, f"{dossier['@id']}/@@dossier-step?transition=receive_supplement")
    assert form.count('name="papers:list"') == 3
    # Nothing ticked: the form says so and the dossier waits.
    refused = submit(clerk, dossier, "receive_supplement")
    assert refused.status_code == 400
    assert "Hãy đánh dấu các giấy tờ đã nhận." in refused.text
    assert state(clerk, dossier)["review_state"] == "supplement_requested"
    response = submit(
        clerk,
        dossier,
        "receive_supplement",
        **{"papers:list": ["Bản sao giấy khai sinh", "Sổ hộ khẩu", "Giấy lạ"]},
    )
    assert response.status_code == 302
    assert state(clerk, dossier)["review_state"] == "accepted"
    entry = log(clerk, dossier)[-1]
    assert entry["action"] == "receive_supplement"
    assert entry["papers"] == ["Bản sao giấy khai sinh", "Sổ hộ khẩu"]
    html = page(clerk, dossier["@id"])
    assert (
        '<span class="dossier-log-papers">Bản sao giấy khai sinh; Sổ hộ khẩu</span>'
        in html
    )
    # Listed with the papers received, and on the receipt issued again.
    day = entry["time"][8:10] + "/" + entry["time"][5:7] + "/" + entry["time"][:4]
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"Bản sao giấy khai sinh — bổ sung ngày {day}" in text
    assert f"Sổ hộ khẩu — bổ sung ngày {day}" in text
    slip = page(clerk, f"{dossier['@id']}/@@slip-01")
    assert f"Sổ hộ khẩu (bổ sung ngày {day})" in slip
    # The acceptance came from the applicant: the log says so, no empty cell.
    cells = re.findall(r'<td data-label="([^"]+)">([^<]*)</td>', html)
    assert cells[:3] == [
        ("Bước", "Tiếp nhận hồ sơ"),
        ("Bên giao", "Người nộp hồ sơ"),
        ("Bên nhận", "Bộ phận Một cửa huyện"),
    ]


def test_payment_amount(staff):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    form = page(officer, f"{dossier['@id']}/@@dossier-step?transition=request_payment")
    assert 'value="2.000"' in form  # the dossier's fee
    refused = submit(officer, dossier, "request_payment", amount="hai nghìn")
    assert refused.status_code == 400
    assert state(clerk, dossier)["review_state"] == "processing"
    # Nothing to pay is no payment request: the applicant would be told to
    # pay with no sum named.
    nothing = submit(officer, dossier, "request_payment", amount="0")
    assert nothing.status_code == 400
    assert "Số tiền phải lớn hơn 0 đồng." in nothing.text
    assert state(clerk, dossier)["review_state"] == "processing"
    assert (
        submit(officer, dossier, "request_payment", amount="2.000").status_code == 302
    )
    assert log(clerk, dossier)[-1]["amount"] == 2000
    assert submit(clerk, dossier, "confirm_payment", amount="2000").status_code == 302
    assert state(clerk, dossier)["review_state"] == "processing"


def test_payment_request_of_a_free_dossier_starts_empty(staff):
    """A dossier without a fee offers no amount: the officer types the sum."""
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk, fee=0)
    step(clerk, dossier, "transfer")
    form = page(officer, f"{dossier['@id']}/@@dossier-step?transition=request_payment")
    assert re.search(r'<input[^>]*name="amount"[^>]*value=""', form), form


def test_apology_from_the_form_as_over_rest(staff, clock):
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    current = state(clerk, dossier)["appointment"]
    assert current == "2026-03-04T10:00:00+07:00"
    form = page(officer, f"{dossier['@id']}/@@dossier-step?transition=apology")
    assert "10:00 04/03/2026" in form
    # An appointment not later than the current one is refused.
    refused = submit(
        officer, dossier, "apology", new_appointment="2026-03-04T09:00", reason="x"
    )
    assert refused.status_code == 400
    assert "Thời hạn hẹn mới phải sau thời hạn hiện tại." in refused.text
    # So is one the applicant could not come back at: a Sunday evening.
    sunday = submit(
        officer, dossier, "apology", new_appointment="2026-03-08T20:00", reason="x"
    )
    assert sunday.status_code == 400
    assert "Ngày hẹn mới phải trong giờ làm việc của một ngày làm việc." in (
        sunday.text
    )
    missing = submit(officer, dossier, "apology", new_appointment="", reason="")
    assert missing.status_code == 400
    assert state(clerk, dossier)["appointment"] == current
    response = submit(
        officer,
        dossier,
        "apology",
        new_appointment="2026-03-06T16:00",
        reason="Cần xác minh thêm",
    )
    assert response.status_code == 302
    assert state(clerk, dossier)["appointment"] == "2026-03-06T16:00:00+07:00"
    entry = log(clerk, dossier)[-1]
    assert (entry["action"], entry["note"], entry["previous_appointment"]) == (
        "apology",
        "Cần xác minh thêm",
        current,
    )
    slip = page(clerk, f"{dossier['@id']}/@@slip-04")
    assert "Cần xác minh thêm" in slip
    assert "16 giờ 00 phút" in slip


def test_names_not_logins(staff, one_stop):
    from plone import api

    import transaction

    api.user.get(username="clerk").setMemberProperties({"fullname": "Lò Thị Mai"})
    transaction.commit()
    clerk = staff["clerk"]
    dossier = receive(clerk)
    corrected = clerk.patch(
        dossier["@id"], json={"applicant_phone": "0912 000 111", "reason": "Gõ nhầm"}
    )
    assert corrected.status_code == 204, corrected.text
    submit(clerk, dossier, "transfer")
    html = page(clerk, dossier["@id"])
    # The log's accept and transfer, and the trail's change.
    assert len(re.findall(r">Lò Thị Mai</td>", html)) == 3
    assert ">clerk</td>" not in html


def test_no_edit_lock_on_dossiers(staff, manager):
    """Whoever opens the editor and leaves, the desk's steps stay."""
    clerk, officer = staff["clerk"], staff["officer"]
    dossier = receive(clerk)
    step(clerk, dossier, "transfer")
    step(officer, dossier, "resolve")
    assert page(manager, f"{dossier['@id']}/@@edit")
    # Not even plone.restapi's @lock takes a dossier.
    assert manager.post(f"{dossier['@id']}/@lock", json={}).json() == {}
    assert manager.get(dossier["@id"]).json()["lock"] == {}
    assert buttons(clerk, dossier) == ["Trả kết quả cho người nộp"]
    assert submit(clerk, dossier, "return_result").status_code == 302


def test_plone_status_pages_lead_to_the_step_forms(staff, manager):
    """The state menu's "Advanced…" and ``content_status_modify`` take no
    step of a dossier themselves: they lead to its form, nothing changes."""
    clerk = staff["clerk"]
    dossier = receive(clerk)
    url = dossier["@id"]
    before = state(clerk, dossier)["review_state"]
    clerk.headers["Accept"] = "text/html"
    withdraw = clerk.post(
        f"{url}/content_status_history",
        data={"workflow_action": "withdraw", "comment": ""},
        allow_redirects=False,
    )
    assert withdraw.status_code == 302
    assert withdraw.headers["Location"] == (f"{url}/@@dossier-step?transition=withdraw")
    modify = clerk.get(
        f"{url}/content_status_modify",
        params={"workflow_action": "transfer"},
        allow_redirects=False,
    )
    assert modify.status_code == 302
    assert modify.headers["Location"] == f"{url}/@@dossier-step?transition=transfer"
    history = clerk.get(f"{url}/content_status_history", allow_redirects=False)
    assert (history.status_code, history.headers["Location"]) == (302, url)
    clerk.headers["Accept"] = "application/json"
    assert state(clerk, dossier)["review_state"] == before
    # A folder, in a workflow of Plone's own, keeps Plone's form.
    created = manager.post(
        "", json={"@type": "Folder", "id": "thu-muc-thu", "title": "Thư mục thử"}
    )
    assert created.status_code == 201, created.text
    manager.headers["Accept"] = "text/html"
    form = manager.get("thu-muc-thu/content_status_history", allow_redirects=False)
    assert form.status_code == 200
    assert 'name="comment"' in form.text


def state_dialog(client, folder, uid, authenticator, **data):
    """Folder contents' "State" dialog for one item: ``render="yes"`` asks
    for the steps it offers, ``transition=…`` takes one."""
    response = client.post(
        f"{folder}/@@fc-workflow",
        data={"selection": json.dumps([uid]), "_authenticator": authenticator, **data},
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_folder_contents_state_dialog_takes_no_step(staff, manager):
    """Folder contents' "State" dialog neither offers a step that has a form
    nor takes it: the item stays as it was, and the answer says why."""
    dossier = receive(staff["clerk"])
    uid = manager.get(dossier["@id"]).json()["UID"]
    before = state(manager, dossier)["review_state"]
    folder = dossier["@id"].rsplit("/", 1)[0]
    authenticator = token(manager, dossier)
    offered = state_dialog(manager, folder, uid, authenticator, render="yes")
    assert offered["transitions"] == []
    answer = state_dialog(manager, folder, uid, authenticator, transition="transfer")
    assert answer["status"] == "warning"
    assert answer["msg"].endswith(
        f"{dossier['code']} – Chứng thực bản sao từ bản chính: bước này được "
        "thực hiện bằng biểu mẫu riêng, trên trang của mục đó."
    )
    assert state(manager, dossier)["review_state"] == before
    # A procedure, whose workflow has no step forms, is offered and taken
    # its steps as ever.
    found = manager.get("@search", params={"portal_type": "Procedure"}).json()
    procedure = found["items"][0]["@id"]
    procedure_uid = manager.get(procedure).json()["UID"]
    catalogue = procedure.rsplit("/", 1)[0]
    offered = state_dialog(
        manager, catalogue, procedure_uid, authenticator, render="yes"
    )
    assert "revise" in [item["id"] for item in offered["transitions"]]
    taken = state_dialog(
        manager, catalogue, procedure_uid, authenticator, transition="revise"
    )
    assert taken["status"] == "success", taken
    assert manager.get(procedure).json()["review_state"] != "published"
