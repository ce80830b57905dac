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
