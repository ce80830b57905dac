"""Edits of a received dossier over HTTP: which field, by whom, in which
state, with a reason; the edit trail; the acceptance time's window."""

from conftest import STAFF_PASSWORD

import pytest
import re


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Lò Thị Ún",
    "applicant_phone": "0987 654 321",
    "applicant_address": "Bản Him Lam",
}
ACCEPTED = "2026-03-03T09:00:00+07:00"


@pytest.fixture
def dossier(staff, clock):
    clock(ACCEPTED[:16])
    response = staff["clerk"].post("ho-so", json=DOSSIER)
    assert response.status_code == 201, response.text
    return response.json()


def patch(client, dossier, body):
    return client.patch(dossier["@id"], json=body)


def errors(response) -> dict:
    # Every 400 answers in the one error envelope (docs/api.md).
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def stored(manager, dossier) -> dict:
    return manager.get(dossier["@id"]).json()


def trail(client, dossier) -> list:
    response = client.get(f"{dossier['@id']}/@edit-log")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def step(client, dossier, transition, comment=None):
    body = {"comment": comment} if comment else {}
    response = client.post(f"{dossier['@id']}/@workflow/{transition}", json=body)
    assert response.status_code == 200, response.text


def test_the_desk_corrects_the_phone_with_a_reason(staff, dossier, clock):
    clock("2026-03-03T10:15")
    response = patch(
        staff["clerk"],
        dossier,
        {"applicant_phone": "0911 222 333", "reason": "Người nộp đổi số"},
    )
    assert response.status_code == 204, response.text
    assert stored(staff["clerk"], dossier)["applicant_phone"] == "0911 222 333"
    assert trail(staff["officer"], dossier) == [
        {
            "time": "2026-03-03T10:15:00+07:00",
            "actor": "clerk",
            "state": "accepted",
            "field": "applicant_phone",
            "before": "0987 654 321",
            "after": "0911 222 333",
            "reason": "Người nộp đổi số",
        }
    ]


def test_a_change_without_reason_is_refused_and_not_stored(staff, dossier, manager):
    response = patch(staff["clerk"], dossier, {"applicant_phone": "0911 222 333"})
    assert response.status_code == 400, response.text
    assert errors(response) == {
        "applicant_phone": "Hồ sơ đã được tiếp nhận: hãy nêu lý do thay đổi."
    }
    assert stored(manager, dossier)["applicant_phone"] == "0987 654 321"
    assert trail(manager, dossier) == []


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"handling_unit": "H15.50.05"},
            "handling_unit",
            "Đơn vị giải quyết chỉ thay đổi qua bước chuyển xử lý.",
        ),
        (
            {"procedure": "1.001193"},
            "procedure",
            "Thủ tục và các điều kiện của thủ tục được giữ nguyên từ khi hồ sơ được tiếp nhận.",
        ),
        (
            {"channel": "online"},
            "channel",
            "Thủ tục và các điều kiện của thủ tục được giữ nguyên từ khi hồ sơ được tiếp nhận.",
        ),
        (
            {"receiving_unit": "H15.50"},
            "receiving_unit",
            "Đơn vị tiếp nhận đã cấp mã hồ sơ: không được thay đổi.",
        ),
    ],
)
def test_frozen_fields_nothing_half_written(
    staff, dossier, manager, change, field, message
):
    body = {**change, "applicant_email": "un@example.invalid", "reason": "Sửa"}
    response = patch(staff["clerk"], dossier, body)
    assert response.status_code == 400, response.text
    assert errors(response)[field] == message
    after = stored(manager, dossier)
    assert after["applicant_email"] is None
    assert after["handling_unit"]["token"] == "H15.50.03"
    assert after["procedure"] == "2.000815"
    assert trail(manager, dossier) == []


def test_not_even_a_manager_moves_the_handling_unit(manager, dossier):
    response = patch(manager, dossier, {"handling_unit": "H15.50.05", "reason": "x"})
    assert response.status_code == 400
    assert list(errors(response)) == ["handling_unit"]


def test_who_may_edit_in_processing(staff, anonymous, dossier):
    step(staff["clerk"], dossier, "transfer")
    body = {"applicant_address": "Bản Phủ", "reason": "Chuyển nhà"}
    for person in ("officer", "leader"):
        response = patch(staff[person], dossier, body)
        assert response.status_code == 403, (person, response.text)
        assert response.json()["type"] == "Forbidden"
    assert patch(staff["other_officer"], dossier, body).status_code == 401
    assert patch(anonymous, dossier, body).status_code == 401
    # The desk still corrects the contact details; not the papers any more.
    assert patch(staff["clerk"], dossier, body).status_code == 204
    response = patch(staff["clerk"], dossier, {"fee": 5000, "reason": "Sửa phí"})
    assert errors(response) == {
        "fee": "Chức năng của bạn không được sửa trường này ở trạng thái hiện tại."
    }


def test_a_closed_dossier_changes_only_by_a_manager(staff, dossier, manager):
    step(staff["clerk"], dossier, "withdraw", "Người nộp rút hồ sơ")
    body = {"applicant_phone": "0911 222 333", "reason": "Sửa lỗi nhập"}
    assert patch(staff["clerk"], dossier, body).status_code == 403
    assert patch(manager, dossier, body).status_code == 204
    [entry] = trail(manager, dossier)
    assert (entry["actor"], entry["state"], entry["field"]) == (
        "admin",
        "withdrawn",
        "applicant_phone",
    )


def test_papers_before_and_after(staff, dossier):
    papers = [{"name": "Bản sao giấy khai sinh", "kind": "copy", "count": 2}]
    response = patch(
        staff["clerk"], dossier, {"papers": papers, "reason": "Thiếu dòng"}
    )
    assert response.status_code == 204, response.text
    [entry] = trail(staff["clerk"], dossier)
    assert entry["field"] == "papers"
    assert entry["before"] == []
    assert entry["after"] == papers


def test_the_trail_is_staff_only_and_not_public(staff, anonymous, dossier):
    response = patch(
        staff["clerk"],
        dossier,
        {"applicant_phone": "0911 222 333", "reason": "Số mới của bà Ún"},
    )
    assert response.status_code == 204
    url = f"{dossier['@id']}/@edit-log"
    assert anonymous.get(url).status_code == 401
    assert staff["other_officer"].get(url).status_code == 401
    assert staff["leader"].get(url).status_code == 200
    public = anonymous.get(
        "@dossier-status", params={"code": dossier["code"], "verify": "2333"}
    )
    assert public.status_code == 200, public.text
    for value in ("0911 222 333", "0987 654 321", "Số mới của bà Ún", "clerk"):
        assert value not in public.text


def test_the_dossier_page_shows_the_trail(http, staff, dossier):
    patch(
        staff["clerk"],
        dossier,
        {"applicant_address": "Bản Phủ", "reason": "Chuyển nhà"},
    )
    page = http("officer", STAFF_PASSWORD)
    page.headers["Accept"] = "text/html"
    html = page.get(dossier["@id"]).text
    assert "Thay đổi sau khi tiếp nhận" in html
    row = re.search(r'<table class="table dossier-edits[^"]*">.*?</table>', html, re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group())
    assert cells == [
        "09:00 03/03/2026",
        "Địa chỉ",
        "Bản Him Lam",
        "Bản Phủ",
        "clerk",  # no full name in the fixtures: the login stands in
        "Chuyển nhà",
    ]


@pytest.mark.parametrize(
    ("accepted", "status"),
    [
        ("2026-03-10T09:00:00+07:00", 201),  # now
        ("2026-03-03T09:00:00+07:00", 201),  # a week back
        ("2026-03-03T08:59:00+07:00", 400),  # more than a week
        ("2026-03-10T09:01:00+07:00", 400),  # the future
    ],
)
def test_accepted_within_a_week(staff, clock, accepted, status):
    clock("2026-03-10T09:00")
    staff["clerk"].follow_accepted = False  # received at the test's clock
    response = staff["clerk"].post("ho-so", json={**DOSSIER, "accepted": accepted})
    assert response.status_code == status, response.text
    if status == 400:
        assert list(errors(response)) == ["accepted"]


def test_a_manager_migrates_old_records(manager, staff, clock):
    clock("2026-03-10T09:00")
    manager.follow_accepted = False
    body = {**DOSSIER, "accepted": "2024-05-06T09:00:00+07:00"}
    response = manager.post("ho-so", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["code"] == "H15.50.MC-240506-0001"
    future = manager.post(
        "ho-so", json={**body, "accepted": "2026-03-11T09:00:00+07:00"}
    )
    assert future.status_code == 400


# The classic edit form: the same rules, the same trail, CSRF kept.
def html_client(http, user):
    client = http(user, STAFF_PASSWORD)
    client.headers["Accept"] = "text/html"
    return client


def form_inputs(html: str) -> dict:
    """The named inputs of the edit form, as the browser would post them."""
    form = re.search(r'<form[^>]*id="form"[^>]*>.*?</form>', html, re.S).group()
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        if ('type="checkbox"' in tag or 'type="radio"' in tag) and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1) if value else ""
    for name, options in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S
    ):
        for option in re.findall(r"<option[^>]*>", options):
            if "selected" in option:
                fields[name] = re.search(r'value="([^"]*)"', option).group(1)
    return fields


def test_the_edit_form_follows_the_rules(http, staff, dossier, manager, clock):
    step(staff["clerk"], dossier, "transfer")
    clerk = html_client(http, "clerk")
    html = clerk.get(f"{dossier['@id']}/edit").text
    fields = form_inputs(html)
    # Editable: the applicant; shown only: units, procedure, papers, fee.
    assert "form.widgets.applicant_phone" in fields
    assert "form.widgets.edit_reason" in fields
    for name in ("handling_unit", "receiving_unit", "procedure", "channel", "fee"):
        assert not any(key.startswith(f"form.widgets.{name}") for key in fields), name
    assert "_authenticator" in fields
    fields["form.widgets.applicant_phone"] = "0911 222 333"
    fields["form.buttons.save"] = "Save"
    # Without a reason: refused, nothing stored.
    refused = clerk.post(f"{dossier['@id']}/edit", data=fields)
    assert "Hồ sơ đã được tiếp nhận: hãy nêu lý do thay đổi." in refused.text
    assert stored(manager, dossier)["applicant_phone"] == "0987 654 321"
    # A unit smuggled into the post is ignored (the field is not editable).
    clock("2026-03-04T08:30")
    fields["form.widgets.edit_reason"] = "Người nộp đổi số"
    fields["form.widgets.handling_unit"] = "H15.50.05"
    saved = clerk.post(f"{dossier['@id']}/edit", data=fields)
    assert saved.status_code == 200, saved.text
    after = stored(manager, dossier)
    assert after["applicant_phone"] == "0911 222 333"
    assert after["handling_unit"]["token"] == "H15.50.03"
    assert trail(manager, dossier) == [
        {
            "time": "2026-03-04T08:30:00+07:00",
            "actor": "clerk",
            "state": "processing",
            "field": "applicant_phone",
            "before": "0987 654 321",
            "after": "0911 222 333",
            "reason": "Người nộp đổi số",
        }
    ]


def test_the_edit_form_keeps_csrf(http, staff, dossier, manager):
    clerk = html_client(http, "clerk")
    fields = form_inputs(clerk.get(f"{dossier['@id']}/edit").text)
    del fields["_authenticator"]
    fields["form.widgets.applicant_phone"] = "0911 222 333"
    fields["form.widgets.edit_reason"] = "Thử"
    fields["form.buttons.save"] = "Save"
    response = clerk.post(f"{dossier['@id']}/edit", data=fields)
    assert response.status_code == 403
    assert stored(manager, dossier)["applicant_phone"] == "0987 654 321"
    assert trail(manager, dossier) == []


def test_officers_have_no_edit_form(http, staff, dossier):
    step(staff["clerk"], dossier, "transfer")
    officer = html_client(http, "officer")
    response = officer.get(f"{dossier['@id']}/edit", allow_redirects=False)
    assert response.status_code == 302
    # Plone's answer to a logged-in user without the permission.
    assert "/require_login?came_from=" in response.headers["Location"]
    # The dossier page offers them the steps, and no edit tab.
    html = officer.get(dossier["@id"]).text
    assert 'id="plone-contentmenu-workflow"' in html
    assert f'href="{dossier["@id"]}/edit"' not in html


def test_the_edit_form_records_only_what_changed(http, staff, dossier, manager):
    body = {
        "papers": [{"name": "Tờ khai", "kind": "original", "count": 1}],
        "reason": "Thiếu dòng",
    }
    assert patch(staff["clerk"], dossier, body).status_code == 204
    clerk = html_client(http, "clerk")
    fields = form_inputs(clerk.get(f"{dossier['@id']}/edit").text)
    fields["form.widgets.applicant_name"] = "Lò Thị Ủn"
    fields["form.widgets.edit_reason"] = "Sai dấu"
    fields["form.buttons.save"] = "Save"
    saved = clerk.post(f"{dossier['@id']}/edit", data=fields)
    assert saved.status_code == 200
    assert "invalid-feedback" not in saved.text
    assert [(e["field"], e["before"], e["after"]) for e in trail(manager, dossier)] == [
        ("papers", [], body["papers"]),
        ("applicant_name", "Lò Thị Ún", "Lò Thị Ủn"),
    ]


def test_the_transfer_step_moves_the_handling_unit(staff, dossier, clock):
    clock("2026-03-03T09:30")
    url = dossier["@id"]
    body = {"handling_unit": "H15.50.05", "comment": "Thuộc lĩnh vực tài nguyên"}
    response = staff["clerk"].post(f"{url}/@workflow/transfer", json=body)
    assert response.status_code == 200, response.text
    assert (
        staff["other_officer"].get(url).json()["handling_unit"]["token"] == "H15.50.05"
    )
    assert staff["officer"].get(url).status_code == 401
    transfer = staff["other_officer"].get(f"{url}/@handover-log").json()["items"][-1]
    assert (transfer["action"], transfer["from_unit"], transfer["to_unit"]) == (
        "transfer",
        "H15.50.MC",
        "H15.50.05",
    )
    assert trail(staff["clerk"], dossier) == [
        {
            "time": "2026-03-03T09:30:00+07:00",
            "actor": "clerk",
            "state": "processing",
            "field": "handling_unit",
            "before": "H15.50.03",
            "after": "H15.50.05",
            "reason": "Thuộc lĩnh vực tài nguyên",
        }
    ]


@pytest.mark.parametrize("unit", [None, "", {}, ["H15.50.05"], 5])
def test_a_transfer_names_the_unit_by_its_code(staff, dossier, manager, unit):
    response = staff["clerk"].post(
        f"{dossier['@id']}/@workflow/transfer", json={"handling_unit": unit}
    )
    assert response.status_code == 400, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["handling_unit"]
    after = stored(manager, dossier)
    assert (after["review_state"], after["handling_unit"]["token"]) == (
        "accepted",
        "H15.50.03",
    )


def test_a_transfer_to_an_unknown_unit_changes_nothing(staff, dossier, manager):
    response = staff["clerk"].post(
        f"{dossier['@id']}/@workflow/transfer", json={"handling_unit": "NOPE"}
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["handling_unit"]
    after = stored(manager, dossier)
    assert (after["review_state"], after["handling_unit"]["token"]) == (
        "accepted",
        "H15.50.03",
    )
    # Officers do not transfer (403), and so move no unit.
    response = staff["officer"].post(
        f"{dossier['@id']}/@workflow/transfer", json={"handling_unit": "H15.50.05"}
    )
    assert response.status_code in (401, 403)
    assert stored(manager, dossier)["handling_unit"]["token"] == "H15.50.03"
