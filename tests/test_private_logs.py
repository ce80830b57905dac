"""No personal data in the logs of a real server.

A throw-away instance made from ``instance/etc`` (its zope.ini writes
``var/log/event.log`` and ``var/log/access.log``), with the demo site, served
by ``runwsgi`` on 127.0.0.1 behind a "proxy" declared with ``trusted-proxy``.
Every kind of bad input carrying an applicant's details is sent — refused
dossiers over REST and in the classic form, bad lookups, the old GET lookup
— then both logs are searched for each value sent.
"""

import html
import http.client
import json
import os
import pathlib
import pytest
import re
import requests
import shutil
import socket
import subprocess
import sys
import time


ROOT = pathlib.Path(__file__).parent.parent
BIN = pathlib.Path(sys.executable).parent
CLERK = ("motcua.huyen", "dienbien-demo")
PROCEDURE = "2.000528"  # published, handled by Phòng Tư pháp (demo data)

NAME = "Lường Văn Bímật"
PHONE_BAD = "0987-65A-4321"
ID_BAD = "07719900XYZ!@"
EMAIL_BAD = "bimat.at.example.invalid"
ADDRESS = "Bản Hua Pe số 17, xã Mường Phăng"
PHONE = "0911 222 333"
ID_NUMBER = "077199001234"
EMAIL = "bimat@example.invalid"
#: Every value of a person sent below, and the digits tried.
SECRETS = [
    NAME,
    "Bímật",
    PHONE_BAD,
    ID_BAD,
    EMAIL_BAD,
    ADDRESS,
    "Hua Pe",
    PHONE,
    "0911222333",
    ID_NUMBER,
    EMAIL,
]
DIGITS = ["0713", "0429", "0586", "0864"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("logs-instance")
    shutil.copytree(ROOT / "instance" / "etc", home / "etc")
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    conf = home / "etc" / "zope.conf"
    # The proxy of the README's deployment, on this host.
    conf.write_text(
        conf.read_text().replace(
            "<environment>", "trusted-proxy 127.0.0.1\n\n<environment>", 1
        )
    )
    env = dict(
        os.environ,
        INSTANCE_HOME=str(home),
        DIENBIEN_STATUS_LOOKUPS_PER_MINUTE="3",
    )
    subprocess.run(
        [
            str(BIN / "zconsole"),
            "run",
            str(conf),
            str(ROOT / "scripts" / "create_site.py"),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "runwsgi"),
            str(home / "etc" / "zope.ini"),
            "http_host=127.0.0.1",
            f"http_port={port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/dienbien"
    deadline = time.monotonic() + 120
    while True:
        try:
            requests.get(base, headers={"Accept": "application/json"}, timeout=30)
            break
        except requests.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)  # polling a starting server, not synchronising
    yield {"base": base, "port": port, "log": home / "var" / "log"}
    process.terminate()
    process.wait(timeout=30)


def clerk(server):
    session = requests.Session()
    session.auth = CLERK
    session.headers["Accept"] = "application/json"
    return session


class Forwarded:
    """A new citizen's address for each lookup, as the proxy would send."""

    def __init__(self):
        self.number = 0

    def __call__(self) -> dict:
        self.number += 1
        return {"X-Forwarded-For": f"198.51.100.{self.number}"}


def dossier_body(**applicant) -> dict:
    return {
        "@type": "Dossier",
        "procedure": PROCEDURE,
        "channel": "in_person",
        "receiving_unit": "H15.50.MC",
        **applicant,
    }


def send_bad_input(server) -> str:
    """Every refused input; returns the code of a real dossier."""
    base = server["base"]
    desk = clerk(server)
    bad_dossiers = [
        dossier_body(
            applicant_name=NAME,
            applicant_phone=PHONE_BAD,
            applicant_id_number=ID_BAD,
            applicant_email=EMAIL_BAD,
            applicant_address=ADDRESS,
        ),
        # No name, valid contact details.
        dossier_body(
            applicant_phone=PHONE,
            applicant_id_number=ID_NUMBER,
            applicant_email=EMAIL,
            applicant_address=ADDRESS,
        ),
        # Unknown procedure.
        {
            **dossier_body(applicant_name=NAME, applicant_phone=PHONE),
            "procedure": "9.999999",
        },
        # A name across two lines, a phone that is a number, a bad time.
        dossier_body(applicant_name=NAME.replace(" ", "\n"), applicant_phone=PHONE),
        dossier_body(applicant_name=NAME, applicant_phone=911222333),
        {
            **dossier_body(applicant_name=NAME, applicant_phone=PHONE),
            "accepted": "không phải ngày",
        },
    ]
    for body in bad_dossiers:
        response = desk.post(f"{base}/ho-so", json=body)
        assert response.status_code == 400, response.text
        for value in SECRETS:
            assert value not in response.text
    # The classic add form, refused with a bad phone.
    page = desk.get(f"{base}/ho-so/++add++Dossier", headers={"Accept": "text/html"})
    token = re.search(r'<input[^>]*name="_authenticator"[^>]*>', page.text)
    assert token, "the add form has a CSRF token"
    token = re.search(r'value="([^"]+)"', token.group(0))
    form = desk.post(
        f"{base}/ho-so/++add++Dossier",
        headers={"Accept": "text/html"},
        data={
            "_authenticator": token.group(1),
            "form.widgets.procedure": PROCEDURE,
            "form.widgets.channel:list": "in_person",
            "form.widgets.receiving_unit:list": "H15.50.MC",
            "form.widgets.applicant_name": NAME,
            "form.widgets.applicant_phone": PHONE_BAD,
            "form.widgets.applicant_address": ADDRESS,
            "form.widgets.papers.count": "0",
            "form.widgets.fee": "0",
            "form.buttons.save": "Save",
        },
    )
    assert form.status_code == 200
    # Refused, and told why (the page writes non-ASCII letters as entities).
    assert "Không phải số điện thoại" in html.unescape(form.text)

    # A real dossier, then a PATCH that is refused.
    created = desk.post(
        f"{base}/ho-so",
        json=dossier_body(
            applicant_name=NAME,
            applicant_phone=PHONE,
            applicant_id_number=ID_NUMBER,
            applicant_email=EMAIL,
            applicant_address=ADDRESS,
        ),
    )
    assert created.status_code == 201, created.text
    dossier = created.json()
    patched = desk.patch(dossier["@id"], json={"applicant_email": EMAIL_BAD})
    assert patched.status_code == 400
    assert EMAIL_BAD not in patched.text
    return dossier["code"]


def send_bad_lookups(server, code: str) -> None:
    base = server["base"]
    citizen = requests.Session()
    citizen.headers["Accept"] = "application/json"
    forwarded = Forwarded()
    lookup = f"{base}/@dossier-status"
    # Wrong digits by POST, and a phone typed into the code field (five
    # times: the code is locked and the lock logged).
    for digits in DIGITS[:2]:
        body = {"code": code, "digits": digits}
        assert citizen.post(lookup, json=body, headers=forwarded()).status_code == 404
    for _ in range(5):
        body = {"code": PHONE, "digits": DIGITS[2]}
        assert citizen.post(lookup, json=body, headers=forwarded()).status_code == 404
    body = {"code": PHONE, "digits": DIGITS[2]}
    assert citizen.post(lookup, json=body, headers=forwarded()).status_code == 429
    broken = citizen.post(
        lookup,
        data=json.dumps({"code": PHONE, "digits": DIGITS[3]})[:-3],
        headers={"Content-Type": "application/json", **forwarded()},
    )
    assert broken.status_code == 400
    # Bad bodies.
    for body in (
        {"code": code, "digits": PHONE},
        {"code": code, "digits": DIGITS[3], "name": NAME},
        [PHONE, DIGITS[3]],
    ):
        response = citizen.post(lookup, json=body, headers=forwarded())
        assert response.status_code == 400
        assert PHONE not in response.text and NAME not in response.text
    # The old GET, from an old bookmark: answered, but not logged with its query.
    old = citizen.get(
        lookup, params={"code": code, "verify": DIGITS[3]}, headers=forwarded()
    )
    assert old.status_code == 404
    # The classic page: POST, and a GET with the QR code's prefill.
    page = requests.Session()
    page.headers["Accept"] = "text/html"
    posted = page.post(
        f"{base}/tra-cuu-ho-so",
        data={"code": ID_NUMBER, "verify": DIGITS[0]},
        headers=forwarded(),
    )
    assert posted.status_code == 200
    page.get(
        f"{base}/tra-cuu-ho-so",
        params={"code": code, "verify": DIGITS[1]},
        headers={**forwarded(), "Referer": f"{base}/@@search?SearchableText={PHONE}"},
    )


def test_no_personal_data_in_the_logs(server):
    code = send_bad_input(server)
    send_bad_lookups(server, code)
    # The access log is written when a response starts: ask once more so
    # that every earlier line is there.
    requests.get(server["base"], headers={"Accept": "application/json"}, timeout=30)
    event = (server["log"] / "event.log").read_text("utf-8")
    access = (server["log"] / "access.log").read_text("utf-8")
    # Both logs are really written.
    assert '"POST /dienbien/ho-so HTTP/1.1" 400' in access
    assert '"POST /dienbien/%40dossier-status HTTP/1.1" 404' in access
    assert '"GET /dienbien/%40dossier-status HTTP/1.1" 404' in access
    assert '"GET /dienbien/tra-cuu-ho-so HTTP/1.1" 200' in access
    assert (
        "Status lookups of dossier code (not a dossier code) refused for up to "
        "60 minutes after 5 wrong verifications" in event
    )
    # Refused input is not an error: no traceback, no error line.
    assert "Traceback" not in event
    assert " ERROR " not in event
    for log in (event, access):
        for value in SECRETS:
            assert value not in log
            assert requests.utils.quote(value) not in log
        for digits in DIGITS:
            assert not re.search(rf"(?<!\d){digits}(?!\d)", log), digits
        assert "verify=" not in log and "SearchableText" not in log


def raw_post(server, body: dict, source: str, forwarded: str) -> int:
    """POST from a chosen loopback address (127.0.0.2 is not the proxy)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", server["port"], timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST",
            "/dienbien/@dossier-status",
            body=json.dumps(body),
            headers={
                "Accept": "application/json",
                "Content-Type": "application/json",
                "X-Forwarded-For": forwarded,
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_trusted_proxy_keys_the_limit_on_the_citizen(server):
    """3 lookups a minute (DIENBIEN_STATUS_LOOKUPS_PER_MINUTE) per citizen:
    behind the trusted proxy each citizen has a budget; a client that is not
    the proxy cannot choose its address with X-Forwarded-For."""

    def body(number):
        return {"code": f"H15.50.MC-200101-{number:04d}", "digits": "1234"}

    # Two citizens behind the proxy (127.0.0.1).
    assert [
        raw_post(server, body(n), "127.0.0.1", "203.0.113.10") for n in range(4)
    ] == [
        404,
        404,
        404,
        429,
    ]
    assert raw_post(server, body(5), "127.0.0.1", "203.0.113.11") == 404
    # A forged entry left of the proxy's own does not open a new budget.
    assert raw_post(server, body(6), "127.0.0.1", "10.9.9.9, 203.0.113.10") == 429
    # A client that is not the proxy: its own address counts, whatever it says.
    answers = [
        raw_post(server, body(10 + n), "127.0.0.2", f"203.0.113.{50 + n}")
        for n in range(4)
    ]
    assert answers == [404, 404, 404, 429]
    # The access log names the address Zope believed.
    access = (server["log"] / "access.log").read_text("utf-8")
    assert "\n127.0.0.2 - - [" in access
    assert "203.0.113.50" not in access
    assert "\n203.0.113.10 - - [" in access
