"""The published API contract: docs/openapi.yaml, served at ``@openapi``."""

from conftest import STAFF_PASSWORD
from dienbien.policy.services.openapi.get import DOCUMENT
from dienbien.policy.services.openapi.get import document
from openapi_spec_validator import validate
from pathlib import Path
from plone import api
from zope.component.hooks import setSite

import pytest
import re
import schemathesis
import transaction
import yaml


ROOT = Path(__file__).parent.parent
SERVICES = ROOT / "src" / "dienbien" / "policy" / "services"


def test_document_is_valid_openapi_3_1():
    validate(document())
    assert document()["openapi"].startswith("3.1.")


def test_docs_copy_is_the_served_source():
    # One source of truth: docs/openapi.yaml is the package's file.
    assert (ROOT / "docs" / "openapi.yaml").resolve() == DOCUMENT.resolve()


def test_served_document_equals_the_file(anonymous):
    response = anonymous.get("@openapi")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == yaml.safe_load(DOCUMENT.read_text("utf-8"))


def test_every_service_of_ours_is_documented():
    names = {
        name
        for zcml in SERVICES.glob("*/configure.zcml")
        for name in re.findall(r'name="(@[^"]+)"', zcml.read_text("utf-8"))
    }
    paths = " ".join(document()["paths"])
    assert names, "no service found"
    assert {name for name in names if name not in paths} == set()


def test_every_400_is_the_envelope():
    """Each operation's 400 is the shared envelope (or, for a classic view,
    a text or page answer)."""
    shared = {
        "#/components/responses/BadRequest",
        "#/components/responses/BadRequestText",
        "#/components/responses/BadRequestPage",
    }
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            answer = operation["responses"].get("400")
            assert answer is None or answer.get("$ref") in shared, (method, path)


# What the four fuzzed users cannot reach, checked against the document as a
# Manager: the daily jobs, the settings, the units.

schema = schemathesis.openapi.from_dict(document())


def conforms(path, method, response):
    operation = schema[path][method]
    documented = operation.definition.raw["responses"]
    assert str(response.status_code) in documented, response.text
    operation.validate_response(response)
    return response


def test_daily_jobs_as_manager(manager, staff, one_stop):
    conforms("/@sync-groups", "POST", manager.post("@sync-groups"))
    response = conforms("/@send-reminders", "POST", manager.post("@send-reminders"))
    assert response.status_code == 409
    transaction.begin()
    setSite(one_stop)
    api.portal.set_registry_record("plone.email_from_address", "motcua@example.invalid")
    api.portal.set_registry_record("plone.smtp_host", "localhost")
    transaction.commit()
    response = conforms("/@send-reminders", "POST", manager.post("@send-reminders"))
    assert response.status_code == 200


def test_settings_as_manager(manager):
    path = "/@controlpanels/dienbien-settings"
    conforms(path, "GET", manager.get(path.lstrip("/")))
    response = manager.patch(path.lstrip("/"), json={"morning_start": "07:30"})
    assert conforms(path, "PATCH", response).status_code == 204
    response = manager.patch(path.lstrip("/"), json={"morning_start": "7h"})
    assert conforms(path, "PATCH", response).status_code == 400


def test_units_as_manager(manager, one_stop):
    unit = {
        "@type": "OrgUnit",
        "title": "Phòng Văn hóa",
        "kind": "agency",
        "code": "H15.50.07",
        "parent": "H15.50",
    }
    response = conforms("/to-chuc", "POST", manager.post("to-chuc", json=unit))
    assert response.status_code == 201
    response = manager.post("to-chuc", json=unit)
    assert conforms("/to-chuc", "POST", response).status_code == 400
    conforms("/to-chuc/{unit}", "GET", manager.get("to-chuc/h15-50-07"))
    response = manager.patch("to-chuc/h15-50-07", json={"abbreviation": "VH"})
    assert conforms("/to-chuc/{unit}", "PATCH", response).status_code == 204


@pytest.mark.parametrize("user", ["clerk", "officer", "leader"])
def test_staff_are_refused_the_daily_jobs(http, staff, user):
    client = http(user, STAFF_PASSWORD)
    for path in ("/@sync-groups", "/@send-reminders"):
        response = conforms(path, "POST", client.post(path.lstrip("/")))
        assert response.status_code in (401, 403)


def test_imports_as_manager(manager):
    """The imports' answers as documented: the report, and the 400 whose
    entries say where the problem is in the file (``line``)."""
    units = "code,title,kind,abbreviation,parent\nH15.50,UBND huyện,district,UBND,\n"
    upload = {"file": ("units.csv", units.encode())}
    response = manager.post("@import-orgunits?dry_run=1", files=upload)
    assert conforms("/@import-orgunits", "POST", response).status_code == 200
    assert response.json()["dry_run"] is True
    bad = {"file": {"filename": "units.csv", "data": units.replace("district", "x")}}
    response = manager.post("@import-orgunits", json=bad)
    assert conforms("/@import-orgunits", "POST", response).status_code == 400
    assert [e["line"] for e in response.json()["errors"]] == [2]
    body = {"file": {"filename": "p.json", "data": "[]"}, "dry_run": True}
    response = manager.post("@import-procedures", json=body)
    assert conforms("/@import-procedures", "POST", response).status_code == 200
    assert response.json()["created"] == []
