"""The desk's add form over HTTP: the procedures a clerk finds by name, what
the chosen one fills in, and the papers ticked from its list."""

import html
import json
import lxml.html
import pytest
import re
import transaction


PAPERS = [
    {
        "name": "Bản chính giấy tờ cần chứng thực",
        "originals": 1,
        "copies": 0,
        "form": "",
    },
    {"name": "Bản sao cần chứng thực", "originals": 0, "copies": 2, "form": ""},
]


@pytest.fixture
def desk(one_stop, staff):
    procedure = one_stop["thu-tuc-hanh-chinh"]["2-000815"]
    procedure.components = PAPERS
    procedure.reindexObject()
    transaction.commit()
    return staff["clerk"]


def add_form(client):
    page = client.get("ho-so/++add++Dossier", headers={"Accept": "text/html"})
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
    return html.unescape(page.text), token.group(1)


def submit(client, token, **fields):
    data = {
        "_authenticator": token,
        "form.widgets.procedure": "2.000815",
        "form.widgets.channel:list": "in_person",
        "form.widgets.receiving_unit:list": "H15.50.MC",
        "form.widgets.handling_unit:list": "H15.50.03",
        "form.widgets.applicant_name": "Lò Văn Páo",
        "form.widgets.applicant_phone": "0912 345 678",
        "form.widgets.fee": "2000",
        "form.widgets.papers.marker": "1",
        # The procedure's papers as shown, and the blank lines untouched.
        "form.widgets.papers.originals.0": "1",
        "form.widgets.papers.copies.0": "0",
        "form.widgets.papers.originals.1": "0",
        "form.widgets.papers.copies.1": "2",
        "form.widgets.papers.extra_name.0": "",
        "form.widgets.papers.extra_originals.0": "1",
        "form.widgets.papers.extra_copies.0": "0",
        "form.widgets.papers.extra_name.1": "",
        "form.widgets.papers.extra_originals.1": "1",
        "form.widgets.papers.extra_copies.1": "0",
        "form.buttons.save": "Lưu",
    }
    data.update(fields)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(
        "ho-so/++add++Dossier",
        headers={"Accept": "text/html"},
        data=data,
        allow_redirects=False,
    )


def saved(client, response) -> dict:
    """The dossier the add form went on to, read over REST."""
    location = response.headers["Location"]
    assert "/ho-so/" in location, location
    return client.get(location.split("?")[0].removesuffix("/view")).json()


def created(client) -> list:
    return client.get("@dossiers").json()["items"]


def test_choices_found_without_diacritics(desk):
    found = desk.get("ho-so/@@procedure-choices", params={"query": "chung thuc"})
    assert found.status_code == 200
    assert found.json() == {
        "results": [
            {"id": "2.000815", "text": "Chứng thực bản sao từ bản chính (2.000815)"}
        ],
        "total": 1,
    }
    nothing = desk.get("ho-so/@@procedure-choices", params={"query": ""})
    assert nothing.json() == {"results": [], "total": 0}


def test_choices_and_prefill_are_for_the_desk(desk, anonymous, staff):
    for client in (anonymous, staff["officer"]):
        for view in (
            "procedure-choices?query=chung",
            "dossier-prefill?procedure=2.000815",
        ):
            response = client.get(f"ho-so/@@{view}", allow_redirects=False)
            assert response.status_code in (302, 401, 403), view


def test_prefill_of_the_chosen_procedure(desk):
    response = desk.get(
        "ho-so/@@dossier-prefill",
        params={"procedure": "2.000815"},
        headers={"Accept-Language": "vi"},
    )
    assert response.status_code == 200
    data = response.json()
    papers_html = data.pop("papers_html")
    assert data == {
        "code": "2.000815",
        "title": "Chứng thực bản sao từ bản chính",
        "unit": {"code": "H15.50.03", "title": "Phòng Tư pháp"},
        "received": "10:00 03/03/2026",
        "channels": [
            {
                "token": "in_person",
                "title": "Trực tiếp",
                "fee": 2000,
                "fee_text": "2.000 đ",
                "time": "1 ngày làm việc",
                "appointment": "10:00 04/03/2026",
            },
            {
                "token": "online",
                "title": "Trực tuyến",
                "fee": 0,
                "fee_text": "Không thu phí",
                "time": "Trong ngày",
                "appointment": "17:00 03/03/2026",
            },
        ],
        "papers": [
            {"name": "Bản chính giấy tờ cần chứng thực", "originals": 1, "copies": 0},
            {"name": "Bản sao cần chứng thực", "originals": 0, "copies": 2},
        ],
    }
    # The papers to tick, unticked, with the counts the procedure asks for.
    assert "Bản sao cần chứng thực" in html.unescape(papers_html)
    assert re.search(
        r'name="form\.widgets\.papers\.copies\.1"[^>]*value="2"', papers_html
    )
    assert "checked" not in papers_html


def test_prefill_of_an_unknown_procedure(desk):
    response = desk.get(
        "ho-so/@@dossier-prefill",
        params={"procedure": "9.999999"},
        headers={"Accept-Language": "vi"},
    )
    assert response.status_code == 404
    assert response.json() == {
        "message": "Không có thủ tục đang công bố nào có mã này."
    }


def test_the_form_asks_for_a_procedure_by_name(desk):
    page, _token = add_form(desk)
    assert "pat-select2" in page
    assert "@@procedure-choices" in page
    # In the pattern's options, as JSON.
    assert json.dumps("Gõ tên thủ tục, có dấu hoặc không dấu")[1:-1] in page
    assert "Đơn vị thực hiện của thủ tục" in page
    assert "No value" not in page
    # No procedure yet: no papers to tick, no blank line flagged.
    assert "Chọn thủ tục: các giấy tờ thủ tục yêu cầu sẽ hiện ở đây" in page
    assert "dossier-add.js" in page


def test_ticked_papers_are_stored(desk, manager):
    _page, token = add_form(desk)
    response = submit(
        desk,
        token,
        **{
            "form.widgets.papers.received:list": ["0", "1"],
            "form.widgets.papers.extra_name.0": "Giấy ủy quyền",
        },
    )
    assert response.status_code == 302, html.unescape(response.text)
    dossier = saved(desk, response)
    assert dossier["fee"] == 2000
    assert dossier["papers"] == [
        {"name": "Bản chính giấy tờ cần chứng thực", "kind": "original", "count": 1},
        {"name": "Bản sao cần chứng thực", "kind": "copy", "count": 2},
        {"name": "Giấy ủy quyền", "kind": "original", "count": 1},
    ]
    assert dossier["code"] == "H15.50.MC-260303-0001"
    assert dossier["appointment"] == "2026-03-04T10:00:00+07:00"


def test_untouched_lines_never_block_a_save(desk):
    _page, token = add_form(desk)
    response = submit(desk, token)
    assert response.status_code == 302, html.unescape(response.text)
    dossier = saved(desk, response)
    assert dossier["papers"] == []


def test_a_failed_save_keeps_the_ticks_and_flags_no_paper(desk):
    _page, token = add_form(desk)
    response = submit(
        desk,
        token,
        **{
            "form.widgets.applicant_name": "",
            "form.widgets.papers.received:list": ["1"],
            "form.widgets.papers.copies.1": "3",
        },
    )
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert not created(desk)
    # The terms of the chosen procedure are shown again.
    chosen = json.dumps("Chứng thực bản sao từ bản chính (2.000815)")[1:-1]
    assert chosen in response.text  # in the pattern's options
    assert "10:00 04/03/2026" in page
    assert re.search(r'value="1"\s+checked', page) or re.search(
        r'checked="checked"[^>]*value="1"|value="1"[^>]*checked="checked"', page
    )
    assert 'value="3"' in page
    assert "bản chính hoặc bản sao" not in page


def test_a_ticked_paper_without_count_is_named(desk):
    _page, token = add_form(desk)
    response = submit(
        desk,
        token,
        **{
            "form.widgets.papers.received:list": ["0"],
            "form.widgets.papers.originals.0": "0",
        },
    )
    assert response.status_code == 200
    assert (
        "Bản chính giấy tờ cần chứng thực đã được đánh dấu là đã nhận: hãy ghi "
        "số bản chính hoặc bản sao."
    ) in html.unescape(response.text)
    assert not created(desk)


def test_a_wrong_phone_is_shown_at_its_field(desk):
    """The rules' messages are shown at the fields they name too (they
    were only in the list at the top), with what was typed kept."""
    _page, token = add_form(desk)
    response = submit(
        desk,
        token,
        **{
            "form.widgets.applicant_phone": "0912 345 67a",
            "form.widgets.applicant_email": "khong-phai-thu",
        },
    )
    assert response.status_code == 200
    assert not created(desk)
    page = lxml.html.fromstring(response.text)

    def field_error(name):
        field = page.get_element_by_id(f"formfield-form-widgets-{name}")
        assert "error" in field.get("class").split(), name
        return " ".join(field.find_class("invalid-feedback")[0].text_content().split())

    assert field_error("applicant_phone") == (
        "Không phải số điện thoại: 8 đến 15 chữ số, dấu cách, dấu chấm hoặc "
        "gạch ngang, có thể có dấu + ở đầu."
    )
    assert field_error("applicant_email") == "Không phải địa chỉ thư điện tử."
    assert page.get_element_by_id("form-widgets-applicant_phone").value == (
        "0912 345 67a"
    )
    # The fields without a problem stay unmarked.
    name = page.get_element_by_id("formfield-form-widgets-applicant_name")
    assert "error" not in name.get("class").split()
