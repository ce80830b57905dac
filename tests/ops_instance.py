"""A real Zope instance for the operations tests (backups, crash safety):
its own folder under tmp_path, the project's configuration, the site
without demo data plus one desk, the district's clerical office and a
procedure; zconsole scripts and a server on a free 127.0.0.1 port."""

from attachment_files import tiny_pdf

import base64
import os
import pathlib
import requests
import shutil
import signal
import socket
import subprocess
import sys
import time


ROOT = pathlib.Path(__file__).parent.parent
BIN = pathlib.Path(sys.executable).parent
PASSWORD = "mat-khau-thu-nghiem"
DESK = "H15.50.MC"
OFFICE = "H15.50"

# The site, the units, a desk clerk, the district's clerical office and a
# published procedure (as tests/conftest.py's ``one_stop``).
SETUP = f"""
import transaction
from dienbien.policy import site
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.importer import import_units
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

app = makerequest(app)
app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
portal = site.create(app, "dienbien", demo=False)
setSite(portal)
with api.env.adopt_roles(["Manager"]):
    import_units(portal, '''code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.MC,Bộ phận Một cửa huyện,one_stop_desk,BPMC,H15.50
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
''', "csv")
    for user, unit, function in [
        ("clerk", "{DESK}", "desk"),
        ("vanthu", "{OFFICE}", "clerical"),
    ]:
        api.user.create(username=user, email=user + "@example.invalid",
                        password="{PASSWORD}")
        api.group.add_user(groupname=group_id(unit, function), username=user)
    procedure = api.content.create(
        container=portal["thu-tuc-hanh-chinh"], type="Procedure", id="2-000815",
        title="Chứng thực bản sao từ bản chính", code="2.000815",
        field="chung-thuc", level="district", unit="H15.50.03",
        online_service="full",
        channels=[{{"channel": "in_person", "time_value": 1.0,
                   "time_unit": "working_days", "cutoff": "", "fee": 2000,
                   "note": ""}}],
    )
    api.content.transition(obj=procedure, transition="submit")
    api.content.transition(obj=procedure, transition="publish")
transaction.commit()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_template(home: pathlib.Path) -> pathlib.Path:
    """An instance folder with the site set up (copied by each test)."""
    shutil.copytree(ROOT / "instance" / "etc", home / "etc")
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    Instance(home).zconsole(SETUP)
    return home


class Instance:
    def __init__(self, home: pathlib.Path):
        self.home = home
        self.conf = home / "etc" / "zope.conf"
        self.env = dict(os.environ, INSTANCE_HOME=str(home))
        self.env.pop("PYTHONPATH", None)
        self.server = None
        self.url = None

    @classmethod
    def copy_of(cls, template: pathlib.Path, home: pathlib.Path) -> "Instance":
        shutil.copytree(template, home, symlinks=True)
        return cls(home)

    @property
    def data_fs(self) -> pathlib.Path:
        return self.home / "var" / "filestorage" / "Data.fs"

    @property
    def blob_dir(self) -> pathlib.Path:
        return self.home / "var" / "blobstorage"

    def zconsole(self, code: str, *args) -> str:
        script = self.home / "script.py"
        script.write_text(code, "utf-8")
        result = subprocess.run(
            [str(BIN / "zconsole"), "run", str(self.conf), str(script), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def zconsole_process(self, code: str, *args) -> subprocess.Popen:
        script = self.home / "loader.py"
        script.write_text(code, "utf-8")
        return subprocess.Popen(
            [str(BIN / "zconsole"), "run", str(self.conf), str(script), *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def script(self, name: str, *args) -> str:
        """One of the project's ``scripts/`` as ``make`` runs it."""
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / name),
                "--conf",
                str(self.conf),
                *args,
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]
        return result.stdout

    def serve(self) -> str:
        port = free_port()
        self.server = subprocess.Popen(
            [
                str(BIN / "runwsgi"),
                str(self.home / "etc" / "zope.ini"),
                "http_host=127.0.0.1",
                f"http_port={port}",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/dienbien"
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(self.url, timeout=30)
                return self.url
            except requests.ConnectionError:
                assert self.server.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)  # polling a starting server, not synchronising

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=60)
        self.server = None

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a power cut to the process."""
        os.kill(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=60)
        self.server = None

    def session(self, user: str) -> requests.Session:
        session = requests.Session()
        session.auth = (user, "admin" if user == "admin" else PASSWORD)
        session.headers["Accept"] = "application/json"
        return session


def dossier(applicant: str) -> dict:
    return {
        "@type": "Dossier",
        "procedure": "2.000815",
        "channel": "in_person",
        "receiving_unit": DESK,
        "applicant_name": applicant,
        "applicant_phone": "0912 000 111",
    }


def pdf(label: str) -> bytes:
    """A one-page PDF showing ``label`` (ASCII): each file differs."""
    return tiny_pdf(label)


def incoming(summary: str, content: bytes, filename: str = "cong-van.pdf") -> dict:
    return {
        "@type": "IncomingDocument",
        "unit": OFFICE,
        "sender_name": "Sở Nội vụ tỉnh Điện Biên",
        "sender_notation": "3954/SNV-VP",
        "doctype": "dispatch",
        "summary": summary,
        "urgency": "normal",
        "confidentiality": "normal",
        "file": {
            "data": base64.b64encode(content).decode(),
            "encoding": "base64",
            "filename": filename,
            "content-type": "application/pdf"
            if filename.endswith(".pdf")
            else "text/plain",
        },
    }
