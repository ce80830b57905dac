"""The secret-access log of a real server: ``instance/etc/zope.ini`` sends
every opening of a secret document to ``var/log/secret-access.log`` (one
JSON line: time, user id, UID, method, view), and nothing of it to the event
log; refused requests are not recorded."""

import json
import os
import pathlib
import pytest
import requests
import shutil
import socket
import subprocess
import sys
import time


ROOT = pathlib.Path(__file__).parent.parent
BIN = pathlib.Path(sys.executable).parent
PASSWORD = "dienbien-demo"
SUMMARY = "Phương án bảo vệ mốc giới Nậm Rốm"
# Make a secret incoming document of UBND huyện, named to its demo leader,
# and print its path and UID.
MAKE_DOCUMENT = f"""
import sys
import transaction
from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.scripting import open_site
from plone import api

portal = open_site(app, "dienbien")
document = api.content.create(
    container=portal["van-ban"],
    type="IncomingDocument",
    id=new_id("incoming"),
    unit="H15.50",
    sender_name="Bộ Chỉ huy Quân sự tỉnh",
    sender_notation="15/BCH-TM",
    doctype="dispatch",
    summary={SUMMARY!r},
    urgency="normal",
    confidentiality="secret",
    readers=["lanhdao.huyen"],
)
api.content.transition(obj=document, transition="register")
transaction.commit()
print(document.absolute_url(relative=True), document.UID())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("secret-instance")
    shutil.copytree(ROOT / "instance" / "etc", home / "etc")
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    conf = home / "etc" / "zope.conf"
    env = dict(os.environ, INSTANCE_HOME=str(home))
    zconsole = [str(BIN / "zconsole"), "run", str(conf)]
    subprocess.run(
        [*zconsole, str(ROOT / "scripts" / "create_site.py")],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    script = home / "make_document.py"
    script.write_text(MAKE_DOCUMENT, "utf-8")
    made = subprocess.run(
        [*zconsole, str(script)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    path, uid = made.stdout.split()[-2:]
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
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            requests.get(f"{base}/dienbien", timeout=30)
            break
        except requests.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)  # polling a starting server, not synchronising
    yield {"url": f"{base}/{path.lstrip('/')}", "uid": uid, "log": home / "var/log"}
    process.terminate()
    process.wait(timeout=30)


def get(url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=30, **kwargs)


def test_openings_go_to_their_own_file(server):
    url = server["url"]
    api = {"Accept": "application/json"}
    assert get(url, "lanhdao.huyen", headers=api).status_code == 200
    assert get(f"{url}/@@secret-openings", "lanhdao.huyen").status_code == 200
    # the unit's clerk is not named: refused, and not recorded
    assert get(url, "vanthu.huyen", headers=api).status_code == 401
    assert get(url, headers=api).status_code == 401
    # written (and flushed) before the answer leaves: IPubSuccess
    log = server["log"] / "secret-access.log"
    entries = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [(e["user"], e["uid"], e["method"], e["view"]) for e in entries] == [
        ("lanhdao.huyen", server["uid"], "GET", "api"),
        ("lanhdao.huyen", server["uid"], "GET", "@@secret-openings"),
    ]
    assert all(len(e["time"]) == len("2026-03-03T10:00:12+07:00") for e in entries)
    text = log.read_text("utf-8")
    assert "Nậm Rốm" not in text and "BCH" not in text
    # the event log, read more widely, has none of it
    assert server["uid"] not in (server["log"] / "event.log").read_text("utf-8")
