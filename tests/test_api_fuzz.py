"""The API against its contract: schemathesis fuzzes every operation of
docs/openapi.yaml on the live functional site, anonymous and as a desk clerk,
an officer and a leader. No answer may be a 5xx, and every answer must be one
the document describes (status, content type, body schema).

New operations in the document are fuzzed without touching this file. The
run is bounded (a few examples per operation, derandomized) to stay within
minutes; the daily jobs are fuzzed as the four users (who are all refused)
and checked as a Manager in test_openapi.py.
"""

from conftest import STAFF_PASSWORD
from dienbien.policy.dossiers.ratelimit import STATUS_LOOKUPS
from dienbien.policy.services.openapi.get import document
from hypothesis import HealthCheck
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance
from test_dossier_lifecycle import DOSSIER

import itertools
import pytest
import schemathesis


#: Examples per operation; each is sent as every user below.
EXAMPLES = 8
USERS = (None, "clerk", "officer", "leader")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(
    document(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {
                "max-examples": EXAMPLES,
                "deterministic": True,
                # We log in ourselves, as each user in turn.
                "with-security-parameters": False,
            },
            "phases": {
                "stateful": {"enabled": False},
                # Every method on every operation: the site answers those it
                # does not serve with 405 (``publication``), classic pages
                # included.
                "coverage": {
                    "unexpected-methods": [
                        "get",
                        "put",
                        "post",
                        "delete",
                        "patch",
                        "options",
                        "trace",
                    ],
                    "generate-duplicate-query-parameters": True,
                },
            },
        }
    ),
)


DRAFT = {
    "@type": "OutgoingDocument",
    "unit": "H15.50.03",
    "doctype": "decision",
    "summary": "Về việc thành lập tổ hòa giải",
    "body": "<p>Thành lập tổ hòa giải ở cơ sở.</p>",
    "external_recipients": ["Sở Tư pháp tỉnh Điện Biên"],
    "signer": "leader",
}


@pytest.fixture
def site(http, staff):
    """A dossier in processing (visible to all three staff users), the
    ids the path parameters need."""
    clerk = staff["clerk"]
    response = clerk.post("ho-so", json=DOSSIER)
    assert response.status_code == 201, response.text
    dossier = response.json()
    response = clerk.post(f"{dossier['@id']}/@workflow/transfer", json={})
    assert response.status_code == 200, response.text
    # An outgoing draft of the officer's unit, signed by the leader.
    response = staff["officer"].post("van-ban", json=DRAFT)
    assert response.status_code == 201, response.text
    document = response.json()
    STATUS_LOOKUPS.reset()
    yield {
        "base_url": http().base_url,
        "path": {
            "dossier": dossier["@id"].rsplit("/", 1)[-1],
            "unit": "h15-50-03",
            "procedure": "2-000815",
            "document": document["@id"].rsplit("/", 1)[-1],
        },
    }
    STATUS_LOOKUPS.reset()


@pytest.fixture(scope="module")
def rotation():
    """Coverage-phase cases (many, systematic) go out as one user each, in
    turn; fuzzing-phase cases as every user."""
    return itertools.cycle(USERS)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms(case, site, rotation):
    classic = "Classic views" in (case.operation.definition.raw.get("tags") or ())
    for name, value in site["path"].items():
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = value
    coverage = case.meta is not None and case.meta.phase.name == TestPhase.COVERAGE
    for user in [next(rotation)] if coverage else USERS:
        case.call_and_validate(
            base_url=site["base_url"],
            headers={"Accept": "text/html" if classic else "application/json"},
            auth=(user, STAFF_PASSWORD) if user else None,
            allow_redirects=False,
            checks=CHECKS,
        )
