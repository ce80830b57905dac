from contextlib import contextmanager
from dienbien.policy.testing import FUNCTIONAL_TESTING
from dienbien.policy.testing import INTEGRATION_TESTING
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from pytest_plone import fixtures_factory
from xml.etree import ElementTree

import hypothesis
import os
import pathlib
import pytest
import requests
import shutil
import subprocess
import sys
import threading
import transaction


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# Property tests check properties, not speed: on a machine whose cores are
# busy with other workers, a slow draw must not fail them.
hypothesis.settings.register_profile(
    "dienbien",
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)
hypothesis.settings.load_profile("dienbien")


def pytest_configure(config):
    """Compile every stale ``.po`` once, before pytest-xdist starts its workers.

    The layers compile message catalogues as a real instance does
    (``zope_i18n_compile_mo_files``). Two workers setting up their layers at
    the same moment would otherwise write and read the same ``.mo`` files,
    and one of them reads a half-written catalogue."""
    if hasattr(config, "workerinput"):  # a worker: the controller did it
        return
    from zope.i18n.compile import compile_mo_file

    roots = [pathlib.Path(__file__).parent.parent / "src"]
    roots += [pathlib.Path(p) for p in sys.path if p.endswith("site-packages")]
    for root in roots:
        for po in root.glob("**/LC_MESSAGES/*.po"):
            compile_mo_file(po.stem, str(po.parent))


#: The test files that take longest (they start Zope instances in
#: subprocesses, race clients against each other, or drive the demo site in
#: chromium), longest first. ``make test`` runs the suite on every core with
#: pytest-xdist, one file per worker at a time in collection order
#: (``--dist loadfile --no-loadscope-reorder``); starting these first keeps
#: one of them from being the last thing a worker does while the others idle.
SLOW_FIRST = (
    "test_create_site.py",
    "test_ops_safety.py",
    "test_dossier_concurrency.py",
    "test_outgoing_concurrency.py",
    "test_secret_access_server.py",
    "test_private_logs.py",
    "test_upgrade.py",
    "browser/test_worklist_journey.py",
    "browser/test_correspondence_journey.py",
    "test_correspondence_demo.py",
    "test_uninstall_http.py",
    "browser/test_vietnamese_everywhere.py",
    "test_procedure_import.py",
    "test_import.py",
)


def pytest_collection_modifyitems(items):
    def rank(item):
        path = item.nodeid.split("::")[0].removeprefix("tests/")
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the others keep their order


#: The moment every test starts at (a Tuesday in office hours), whatever the
#: date the suite runs on.
TEST_NOW = "2026-03-03T10:00"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The site's clock, fixed: ``clock("2026-03-04T08:00")`` moves it (naive
    local time). The functional server runs in this process and reads it."""
    from datetime import datetime
    from dienbien.policy import clock as site_clock

    current = {"now": datetime.fromisoformat(TEST_NOW)}

    def set_to(moment: str) -> None:
        current["now"] = datetime.fromisoformat(moment)

    monkeypatch.setattr(site_clock, "source", lambda: current["now"])
    return set_to


@pytest.fixture
def package_name() -> str:
    return "dienbien.policy"


class AcceptedClock:
    """A dossier posted with an ``accepted`` time is received at that time,
    as a desk enters a dossier when it receives it (the desk may date an
    acceptance at most a week back, and never ahead): tests that receive
    dossiers on given dates keep doing so on the fixed test clock. A client
    with ``follow_accepted = False`` posts at the test's clock (the tests of
    that rule). Re-entrant, for the threads of the concurrency test.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._depth = 0
        self._saved = None

    @contextmanager
    def at(self, value):
        from dienbien.policy import clock as site_clock
        from dienbien.policy.workingtime import parse_local

        try:
            moment = parse_local(value, to_minute=True)
        except (TypeError, ValueError):  # a bad time: the server says so
            moment = None
        with self._lock:
            if moment is not None:
                if not self._depth:
                    self._saved = site_clock.source
                self._depth += 1
                site_clock.source = lambda: moment
        try:
            yield
        finally:
            with self._lock:
                if moment is not None:
                    self._depth -= 1
                    if not self._depth:
                        site_clock.source = self._saved


ACCEPTED_CLOCK = AcceptedClock()


class Client(requests.Session):
    """An HTTP client for the functional site: paths relative to the portal,
    JSON by default. A dossier posted with an ``accepted`` time is received
    at that time (``AcceptedClock``)."""

    follow_accepted = True

    def __init__(self, base_url: str, auth=None):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        self.headers.update({"Accept": "application/json"})

    def request(self, method, url, *args, **kwargs):
        if not url.startswith("http"):
            url = f"{self.base_url}/{url.lstrip('/')}"
        kwargs.setdefault("timeout", 30)
        body = kwargs.get("json")
        if (
            method.upper() == "POST"
            and url.rstrip("/").endswith("/ho-so")
            and isinstance(body, dict)
            and body.get("accepted")
            and self.follow_accepted
        ):
            with ACCEPTED_CLOCK.at(body["accepted"]):
                return super().request(method, url, *args, **kwargs)
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def functional_portal(functional):
    return functional["portal"]


@pytest.fixture
def http(functional_portal):
    """Factory of HTTP clients: ``http()`` anonymous, ``http(user, pw)``."""
    clients = []
    transaction.commit()

    def make(user=None, password=None):
        auth = (user, password) if user else None
        client = Client(functional_portal.absolute_url(), auth)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def manager(http):
    return http(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture
def anonymous(http):
    return http()


# Browser journeys: Playwright drives Debian's chromium (no browser download).
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def site_url(functional_portal):
    """The functional site's URL for a browser (themed: not 127.0.0.1)."""
    transaction.commit()
    return functional_portal.absolute_url()


def log_in(page, site_url, user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
    """Log a browser page in through the classic login form."""
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", password)
    page.click("#login-form button[type=submit], #login-form input[type=submit]")
    page.wait_for_selector("#portal-personaltools, .personaltools-wrapper")


@pytest.fixture
def login(page, site_url):
    """``login(user, password)`` for the test's page (default: site owner)."""

    def do(user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
        log_in(page, site_url, user, password)

    return do


# A small published catalogue of procedures on the functional site.
def channel(kind, value, unit, fee=0, cutoff=""):
    return {
        "channel": kind,
        "time_value": float(value),
        "time_unit": unit,
        "fee": fee,
        "cutoff": cutoff,
        "note": "",
    }


PROCEDURES = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        "ho-tich",
        "commune",
        "published",
        [
            channel("in_person", 0, "same_day", cutoff="15:00"),
            channel("online", 1, "working_days"),
        ],
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "ho-tich",
        "commune",
        "published",
        [channel("in_person", 5, "working_days")],
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        "chung-thuc",
        "commune",
        "published",
        [channel("in_person", 0, "same_day", 2000)],
    ),
    (
        "1.004227",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "xay-dung",
        "district",
        "published",
        [
            channel("in_person", 15, "working_days", 75000),
            channel("online", 15, "working_days", 75000),
        ],
    ),
    (
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        "dang-ky-kinh-doanh",
        "district",
        "abolished",
        [channel("in_person", 3, "working_days", 100000)],
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        "ho-tich",
        "commune",
        "draft",
        [channel("in_person", 1, "working_days")],
    ),
]


@pytest.fixture
def procedure_catalogue(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = portal["thu-tuc-hanh-chinh"]
    for code, title, field, level, state, channels in PROCEDURES:
        obj = api.content.create(
            container=folder,
            type="Procedure",
            id=code.replace(".", "-"),
            title=title,
            code=code,
            field=field,
            level=level,
            channels=channels,
            online_service="full",
        )
        for transition in {
            "published": ["submit", "publish"],
            "abolished": ["submit", "publish", "abolish"],
            "draft": [],
        }[state]:
            api.content.transition(obj=obj, transition=transition)
    birth = folder["1-001193"]
    birth.components = [
        {
            "name": "Tờ khai đăng ký khai sinh",
            "originals": 1,
            "copies": 0,
            "form": "to-khai-khai-sinh.docx",
        },
        {"name": "Giấy chứng sinh", "originals": 1, "copies": 0, "form": ""},
    ]
    birth.reindexObject()
    form = api.content.create(
        container=birth,
        type="File",
        id="to-khai-khai-sinh.docx",
        title="Tờ khai đăng ký khai sinh",
        file=NamedBlobFile(b"PK demo form", filename="to-khai-khai-sinh.docx"),
    )
    assert form is not None
    transaction.commit()
    return folder


# The people of the one-stop service, on the functional site.
ORGANISATION_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.MC,Bộ phận Một cửa huyện,one_stop_desk,BPMC,H15.50
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,agency,TNMT,H15.50
"""
STAFF = {
    "clerk": ("H15.50.MC", "desk"),
    "officer": ("H15.50.03", "officer"),
    "leader": ("H15.50.03", "leader"),
    "other_officer": ("H15.50.05", "officer"),
    "other_leader": ("H15.50.05", "leader"),
}
STAFF_PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def one_stop(functional_portal):
    """Units, staff in their groups, and a published procedure handled by
    Phòng Tư pháp (1 working day in person, same day online)."""
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, ORGANISATION_CSV, "csv")
    for username, (unit, function) in STAFF.items():
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=STAFF_PASSWORD,
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)
    procedure = api.content.create(
        container=portal["thu-tuc-hanh-chinh"],
        type="Procedure",
        id="2-000815",
        title="Chứng thực bản sao từ bản chính",
        code="2.000815",
        field="chung-thuc",
        level="district",
        unit="H15.50.03",
        online_service="full",
        channels=[
            {
                "channel": "in_person",
                "time_value": 1.0,
                "time_unit": "working_days",
                "cutoff": "",
                "fee": 2000,
                "note": "",
            },
            {
                "channel": "online",
                "time_value": 0.0,
                "time_unit": "same_day",
                "cutoff": "15:00",
                "fee": 0,
                "note": "",
            },
        ],
    )
    api.content.transition(obj=procedure, transition="submit")
    api.content.transition(obj=procedure, transition="publish")
    transaction.commit()
    return portal


@pytest.fixture
def staff(http, one_stop):
    return {name: http(name, STAFF_PASSWORD) for name in STAFF}


# A throw-away Zope instance driven by zconsole (site creation, upgrades).
ROOT = pathlib.Path(__file__).parent.parent
ZCONSOLE = pathlib.Path(sys.executable).parent / "zconsole"
METADATA = ROOT / "src" / "dienbien" / "policy" / "profiles/default/metadata.xml"


def upgrade_steps(setup, destination: str) -> list[dict]:
    """The upgrade steps of our profile that lead to ``destination``, in
    their order (each ``step["step"].doStep(setup)`` runs one)."""
    return [
        step
        for item in setup.listUpgrades("dienbien.policy:default", show_old=True)
        for step in (item if isinstance(item, list) else [item])
        if step["sdest"] == destination
    ]


_ABSENT = object()


def catalog_holds(catalog, obj) -> tuple[set, set]:
    """The indexes holding a value for ``obj`` (those where it is absent
    answer ``getEntryForObject`` with the default given; the position index
    stores nothing and answers ``[]``), and the columns it fills."""
    from Missing import MV

    table = catalog._catalog
    rid = table.uids["/".join(obj.getPhysicalPath())]
    indexes = set()
    for name in table.indexes:
        entry = table.getIndex(name).getEntryForObject(rid, _ABSENT)
        if entry is not _ABSENT and entry != []:
            indexes.add(name)
    columns = {
        name for name, value in table.getMetadataForRID(rid).items() if value is not MV
    }
    return indexes, columns


def profile_version() -> str:
    """The profile version this release installs (``metadata.xml``): what an
    upgraded site must end at, whichever steps later releases add."""
    return ElementTree.parse(METADATA).findtext("version").strip()


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    home = tmp_path_factory.mktemp("instance")
    shutil.copytree(ROOT / "instance" / "etc", home / "etc")
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    return home


def zconsole(instance, script, *args, src=None):
    """Run ``script`` in ``instance``; with ``src``, that code goes first on
    the path and shadows the installed package (an older release)."""
    env = dict(os.environ, INSTANCE_HOME=str(instance))
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    result = subprocess.run(
        [str(ZCONSOLE), "run", str(instance / "etc" / "zope.conf"), str(script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# Correspondence: the district, one of its agencies and a commune, each with
# its clerical office, an officer and a leader; the fixture gives each an HTTP
# session and the functions are in ``OFFICES``.
OFFICES_CSV = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.05,Phòng Tài nguyên và Môi trường,agency,TNMT,H15.50
H15.50.05.01,UBND xã Thanh Xương,commune,UBND,H15.50
"""
OFFICES = {
    "vanthu": ("H15.50", "clerical"),
    "chuyenvien": ("H15.50", "officer"),
    "lanhdao": ("H15.50", "leader"),
    "vanthu_tnmt": ("H15.50.05", "clerical"),
    "chuyenvien_tnmt": ("H15.50.05", "officer"),
    "lanhdao_tnmt": ("H15.50.05", "leader"),
    "vanthu_xa": ("H15.50.05.01", "clerical"),
    "chuyenvien_xa": ("H15.50.05.01", "officer"),
    "lanhdao_xa": ("H15.50.05.01", "leader"),
}


def make_offices(portal) -> None:
    """The units of ``OFFICES_CSV`` and the people of ``OFFICES`` in their
    groups (full names "Họ Tên <login>")."""
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, OFFICES_CSV, "csv")
    for username, (unit, function) in OFFICES.items():
        api.user.create(
            username=username,
            email=f"{username}@example.invalid",
            password=STAFF_PASSWORD,
            properties={"fullname": f"Cán bộ {username}"},
        )
        api.group.add_user(groupname=group_id(unit, function), username=username)


@pytest.fixture
def offices(http, functional_portal):
    """HTTP sessions of the correspondence staff, by login (see ``OFFICES``)."""
    make_offices(functional_portal)
    transaction.commit()
    return {name: http(name, STAFF_PASSWORD) for name in OFFICES}


@pytest.fixture
def offices_portal(integration):
    """The integration site with the correspondence units and staff."""
    portal = integration["portal"]
    make_offices(portal)
    return portal
