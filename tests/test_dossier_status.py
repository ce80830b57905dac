"""The public status lookup: what it tells, what it never tells, and its limits."""

from dienbien.policy.dossiers import ratelimit

import json
import pytest


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Quàng Thị Xuân",
    "applicant_id_number": "011234567890",
    "applicant_phone": "0912 345 678",
    "applicant_email": "xuan@example.invalid",
    "applicant_address": "Bản Noong Bua, phường Noong Bua",
}
PERSONAL = [
    "Quàng Thị Xuân",
    "011234567890",
    "0912 345 678",
    "0912345678",
    "xuan@example.invalid",
    "Noong Bua",
]


@pytest.fixture(autouse=True)
def fresh_limit():
    ratelimit.reset()
    yield
    ratelimit.reset()


@pytest.fixture
def dossier(staff):
    clerk = staff["clerk"]
    created = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    )
    assert created.status_code == 201, created.text
    data = created.json()
    assert clerk.post(f"{data['@id']}/@workflow/transfer").status_code == 200
    return data


def lookup(client, code, verify):
    return client.get("@dossier-status", params={"code": code, "verify": verify})


def test_lookup_by_phone_or_id_digits(anonymous, dossier):
    for verify in ("5678", "7890"):
        response = lookup(anonymous, dossier["code"], verify)
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["status"] == {"code": 4, "title": "Đang xử lý"}
        assert data["procedure"]["title"] == "Chứng thực bản sao từ bản chính"
        assert data["appointment"] == "2026-03-04T09:00:00+07:00"
        assert [step["unit"] for step in data["steps"]] == ["H15.50.MC", "H15.50.03"]
        assert data["steps"][1]["unit_title"] == "Phòng Tư pháp"


def test_no_personal_data_anywhere(anonymous, dossier):
    body = lookup(anonymous, dossier["code"], "5678").text
    text = json.dumps(json.loads(body), ensure_ascii=False)
    for value in PERSONAL:
        assert value not in text
    data = json.loads(body)
    assert set(data) == {
        "code",
        "status",
        "procedure",
        "accepted",
        "appointment",
        "returned",
        "steps",
        "instruction",
        "supplement",
    }
    assert all(
        set(step) == {"time", "unit", "unit_title", "action", "title"}
        for step in data["steps"]
    )


def test_unknown_code_and_wrong_verify_look_the_same(anonymous, dossier):
    wrong = lookup(anonymous, dossier["code"], "0000")
    unknown = lookup(anonymous, "H15.50.MC-260303-9999", "5678")
    missing = lookup(anonymous, dossier["code"], "")
    # The code, not the dossier's id.
    as_id = lookup(anonymous, dossier["id"], "5678")
    junk = lookup(anonymous, "../../acl_users", "5678")
    answers = [wrong, unknown, missing, as_id, junk]
    assert {response.status_code for response in answers} == {404}
    assert all(response.json() == wrong.json() for response in answers)


def test_too_many_lookups_from_one_client(anonymous, dossier, clock):
    for number in range(20):
        unknown = f"H15.50.MC-260303-9{number:03d}"
        assert lookup(anonymous, unknown, "0000").status_code == 404
        clock.now += 1
    response = lookup(anonymous, dossier["code"], "5678")
    assert response.status_code == 429
    # The first of the 20 was 20 seconds ago: it leaves the window in 40.
    assert response.headers["Retry-After"] == "40"
    assert response.json() == {
        "type": "TooManyRequests",
        "message": "Too many lookups; try again later.",
    }
    clock.now += 40
    assert lookup(anonymous, dossier["code"], "5678").status_code == 200


def test_staff_view_is_not_public(anonymous, dossier):
    assert anonymous.get(dossier["@id"]).status_code == 401
    assert anonymous.get("ho-so").status_code == 401
    found = anonymous.get("@search", params={"portal_type": "Dossier"}).json()
    assert found["items_total"] == 0


def test_classic_lookup_page(http, dossier):
    """The page sends the code and digits by POST: nothing in the address."""
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.post(
        "tra-cuu-ho-so", data={"code": dossier["code"], "verify": "7890"}
    )
    assert page.status_code == 200
    assert page.url.endswith("/tra-cuu-ho-so")
    assert 'method="post"' in page.text
    assert "Đang xử lý" in page.text
    assert "Phòng Tư pháp" in page.text
    assert "7890" not in page.text  # the digits are not written back
    for value in PERSONAL:
        assert value not in page.text
    wrong = browser.post(
        "tra-cuu-ho-so", data={"code": dossier["code"], "verify": "1111"}
    )
    assert "Không tìm thấy hồ sơ" in wrong.text


def test_classic_page_says_what_a_sent_form_lacks(http, dossier):
    """A code of spaces, or digits that are not 4, get a message and a 400,
    and no lookup is made or counted."""
    browser = http()
    browser.headers["Accept"] = "text/html"
    spaces = browser.post("tra-cuu-ho-so", data={"code": "   ", "verify": "7890"})
    assert spaces.status_code == 400
    assert "Vui lòng nhập mã hồ sơ in trên giấy tiếp nhận." in spaces.text
    short = browser.post(
        "tra-cuu-ho-so", data={"code": dossier["code"], "verify": "78a"}
    )
    assert short.status_code == 400
    assert "Vui lòng nhập đúng 4 chữ số cuối" in short.text
    assert f'value="{dossier["code"]}"' in short.text  # the code is kept
    assert "Đang xử lý" not in short.text
    assert len(ratelimit.STATUS_LOOKUPS) == 0
    # The form says what a code looks like.
    page = browser.get("tra-cuu-ho-so")
    assert "Ví dụ: <span>H15.50.MC-261129-0007</span>" in page.text
    assert 'title="Nhập đúng 4 chữ số"' in page.text


def test_classic_page_by_get_only_fills_in_the_code(http, dossier):
    """The receipt's QR code opens the page with the code: the form shows it,
    and a GET never looks a dossier up, even with digits in the address."""
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.get(
        "tra-cuu-ho-so", params={"code": dossier["code"], "verify": "7890"}
    )
    assert page.status_code == 200
    assert f'value="{dossier["code"]}"' in page.text
    assert "Đang xử lý" not in page.text
    assert "Không tìm thấy hồ sơ" not in page.text
    assert len(ratelimit.STATUS_LOOKUPS) == 0  # nothing counted


def test_dossier_with_an_id_of_its_own_is_found(staff, anonymous):
    """A REST client may choose a dossier's id; the lookup still finds it
    by its code (through the catalog)."""
    created = staff["clerk"].post(
        "ho-so",
        json={**DOSSIER, "id": "ho-so-rieng", "accepted": "2026-03-03T09:00:00+07:00"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["@id"].endswith("/ho-so-rieng")
    response = lookup(anonymous, created.json()["code"], "5678")
    assert response.status_code == 200, response.text
    assert response.json()["code"] == created.json()["code"]


def test_code_in_lower_case(anonymous, dossier):
    """Typed on a phone: any case will do, the digits still have to match."""
    response = lookup(anonymous, dossier["code"].lower(), "5678")
    assert response.status_code == 200, response.text
    assert response.json()["code"] == dossier["code"]
    assert lookup(anonymous, dossier["code"].lower(), "0000").status_code == 404


class FakeClock:
    """The limiters' clock, moved by the test."""

    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(ratelimit.STATUS_LOOKUPS, "clock", fake)
    monkeypatch.setattr(ratelimit.CODE_FAILURES, "clock", fake)
    return fake


@pytest.fixture
def behind_proxy(monkeypatch):
    """What ``trusted-proxy 127.0.0.1`` in zope.conf sets up."""
    monkeypatch.setattr("ZPublisher.HTTPRequest.trusted_proxies", ("127.0.0.1",))


def post_lookup(client, code, digits, **headers):
    return client.post(
        "@dossier-status", json={"code": code, "digits": digits}, headers=headers
    )


def test_lookup_by_post(anonymous, dossier):
    response = post_lookup(anonymous, dossier["code"], "5678")
    assert response.status_code == 200, response.text
    assert response.json() == lookup(anonymous, dossier["code"], "5678").json()
    assert response.json()["status"] == {"code": 4, "title": "Đang xử lý"}
    wrong = post_lookup(anonymous, dossier["code"], "0000")
    assert wrong.status_code == 404
    assert wrong.json() == {
        "type": "NotFound",
        "message": "No dossier matches this code and verification number.",
    }


def test_lookup_by_post_bad_bodies(anonymous, dossier):
    not_json = anonymous.post(
        "@dossier-status",
        data="code=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_json.status_code == 400
    assert [e["field"] for e in not_json.json()["errors"]] == ["body"]
    a_list = anonymous.post("@dossier-status", json=[dossier["code"], "5678"])
    assert a_list.status_code == 400
    bad = anonymous.post(
        "@dossier-status", json={"code": "", "digits": "12a4", "name": "x"}
    )
    assert bad.status_code == 400
    assert bad.json()["type"] == "BadRequest"
    assert bad.json()["errors"] == [
        {"field": "code", "message": "Cần nhập mã hồ sơ."},
        {"field": "digits", "message": "Cần nhập đúng 4 chữ số."},
        {"field": "name", "message": "Tham số không được hỗ trợ."},
    ]
    assert "12a4" not in bad.text
    number = anonymous.post(
        "@dossier-status", json={"code": dossier["code"], "digits": 5678}
    )
    assert number.status_code == 400


def test_two_citizens_behind_the_proxy_have_their_own_budget(
    anonymous, dossier, clock, behind_proxy
):
    for number in range(20):
        unknown = f"H15.50.MC-260303-9{number:03d}"
        forwarded = {"X-Forwarded-For": "203.0.113.7"}
        assert post_lookup(anonymous, unknown, "5678", **forwarded).status_code == 404
    refused = post_lookup(
        anonymous, dossier["code"], "5678", **{"X-Forwarded-For": "203.0.113.7"}
    )
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    other = post_lookup(
        anonymous, dossier["code"], "5678", **{"X-Forwarded-For": "203.0.113.8"}
    )
    assert other.status_code == 200
    # A forged address on the left of the proxy's own entry changes nothing.
    forged = post_lookup(
        anonymous,
        dossier["code"],
        "5678",
        **{"X-Forwarded-For": "198.51.100.1, 203.0.113.7"},
    )
    assert forged.status_code == 429
    clock.now += 60
    again = post_lookup(
        anonymous, dossier["code"], "5678", **{"X-Forwarded-For": "203.0.113.7"}
    )
    assert again.status_code == 200


def test_untrusted_client_cannot_choose_its_address(anonymous, dossier, clock):
    """Without ``trusted-proxy``, X-Forwarded-For is the client's word only."""
    for number in range(20):
        unknown = f"H15.50.MC-260303-9{number:03d}"
        forwarded = {"X-Forwarded-For": f"203.0.113.{number}"}
        assert post_lookup(anonymous, unknown, "5678", **forwarded).status_code == 404
    forwarded = {"X-Forwarded-For": "203.0.113.99"}
    assert (
        post_lookup(anonymous, dossier["code"], "5678", **forwarded).status_code == 429
    )


def test_five_wrong_digit_sets_lock_the_code_for_the_hour(
    anonymous, dossier, clock, behind_proxy, caplog
):
    code = dossier["code"]
    caplog.set_level("WARNING", logger="dienbien.policy.lookup")
    tried = ["1111", "2222", "3333", "4444", "9999"]
    for number, digits in enumerate(tried):
        response = post_lookup(
            anonymous, code, digits, **{"X-Forwarded-For": f"203.0.113.{number}"}
        )
        assert response.status_code == 404
        clock.now += 60  # a minute apart: the first failure was at 1000
    # The right digits, from anyone, over either method: refused for the
    # rest of the hour that began with the first wrong set.
    for client in ("198.51.100.1", "198.51.100.2"):
        locked = post_lookup(anonymous, code, "5678", **{"X-Forwarded-For": client})
        assert locked.status_code == 429
        assert locked.headers["Retry-After"] == "3300"
        assert locked.json() == {
            "type": "TooManyRequests",
            "message": "Too many wrong verifications for this dossier code; "
            "try again later.",
        }
    assert lookup(anonymous, code.lower(), "5678").status_code == 429
    # Once, as a warning naming the code, never the digits nor the client.
    records = [r for r in caplog.records if r.name == "dienbien.policy.lookup"]
    assert len(records) == 1
    assert records[0].levelname == "WARNING"
    message = records[0].getMessage()
    assert message == (
        f"Status lookups of dossier code {code} refused for up to 60 minutes "
        "after 5 wrong verifications"
    )
    for secret in [*tried, "5678", "203.0.113", "127.0.0.1"]:
        assert secret not in message
    # Other codes still answer.
    assert post_lookup(anonymous, "H15.50.MC-260303-9999", "5678").status_code == 404
    clock.now = 1000 + 3600
    assert post_lookup(anonymous, code, "5678").status_code == 200


def test_four_wrong_sets_do_not_lock(anonymous, dossier, clock):
    for digits in ("1111", "2222", "3333", "4444"):
        assert post_lookup(anonymous, dossier["code"], digits).status_code == 404
    assert post_lookup(anonymous, dossier["code"], "5678").status_code == 200
    # Failures older than an hour no longer count.
    clock.now += 3600
    assert post_lookup(anonymous, dossier["code"], "1111").status_code == 404
    assert post_lookup(anonymous, dossier["code"], "5678").status_code == 200


def test_unknown_codes_lock_alike(anonymous, dossier, clock):
    """The lock tells nothing about which codes exist."""
    unknown = "H15.50.MC-260303-9999"
    for _ in range(5):
        assert post_lookup(anonymous, unknown, "1111").status_code == 404
    assert post_lookup(anonymous, unknown, "1111").status_code == 429


def test_classic_page_shows_the_code_lock(http, dossier, clock):
    browser = http()
    browser.headers["Accept"] = "text/html"
    for digits in ("1111", "2222", "3333", "4444", "9999"):
        page = browser.post(
            "tra-cuu-ho-so", data={"code": dossier["code"], "verify": digits}
        )
        assert page.status_code == 200
    page = browser.post(
        "tra-cuu-ho-so", data={"code": dossier["code"], "verify": "5678"}
    )
    assert page.status_code == 429
    assert page.headers["Retry-After"] == "3600"
    assert "Đang xử lý" not in page.text
