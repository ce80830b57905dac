from dienbien.policy.testing import FUNCTIONAL_TESTING
from dienbien.policy.testing import INTEGRATION_TESTING
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pytest_plone import fixtures_factory

import pytest
import requests
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


@pytest.fixture
def package_name() -> str:
    return "dienbien.policy"


class Client(requests.Session):
    """An HTTP client for the functional site: paths relative to the portal,
    JSON by default."""

    def __init__(self, base_url: str, auth=None):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        self.headers.update({"Accept": "application/json"})

    def request(self, method, url, *args, **kwargs):
        if not url.startswith("http"):
            url = f"{self.base_url}/{url.lstrip('/')}"
        kwargs.setdefault("timeout", 30)
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


@pytest.fixture
def login(page, site_url):
    """Log a browser page in through the classic login form."""

    def do(user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
        page.goto(f"{site_url}/login")
        page.fill("#__ac_name", user)
        page.fill("#__ac_password", password)
        page.click("#login-form button[type=submit], #login-form input[type=submit]")
        page.wait_for_selector("#portal-personaltools, .personaltools-wrapper")

    return do
