"""Imports people can use: ``POST @import-orgunits`` and
``POST @import-procedures`` (a file upload or a JSON body; ``dry_run``), and
the Site Setup pages ``@@import-orgunits`` and ``@@import-procedures``."""

from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.procedures.files.writing import write_workbook
from plone import api

import base64
import dataclasses
import pytest
import re
import transaction


UNITS_BAD = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.03,,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,planet,TNMT,H15.50
"""
UNITS_GOOD = UNITS_BAD.replace(",,agency", ",Phòng Tư pháp,agency").replace(
    "planet", "agency"
)
# The two problems of UNITS_BAD, as the site (in Vietnamese) lists them.
UNIT_ERRORS = [
    {"field": "title", "message": "Trường title là bắt buộc.", "line": 3},
    {
        "field": "kind",
        "message": "Loại đơn vị planet không hợp lệ; phải là một trong: province, "
        "district, agency, commune, ward, village, one_stop_desk, peoples_council.",
        "line": 4,
    },
]


def site_units(portal) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(
        brain.unit_code
        for brain in catalog.unrestrictedSearchResults(portal_type="OrgUnit")
    )


def test_units_upload_lists_every_problem(manager, functional_portal):
    response = manager.post(
        "@import-orgunits", files={"file": ("units.csv", UNITS_BAD.encode())}
    )
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    assert body["errors"] == UNIT_ERRORS
    transaction.begin()
    assert site_units(functional_portal) == []


def test_units_dry_run_then_import(manager, functional_portal):
    upload = {"file": ("units.csv", UNITS_GOOD.encode())}
    checked = manager.post("@import-orgunits?dry_run=1", files=upload)
    assert checked.status_code == 200, checked.text
    assert checked.json() == {
        "dry_run": True,
        "created": ["H15.50", "H15.50.03", "H15.50.05"],
        "updated": [],
        "unchanged": [],
    }
    transaction.begin()
    assert site_units(functional_portal) == []
    assert api.group.get(groupname="unit.h15.50.03.officer") is None

    done = manager.post("@import-orgunits", files=upload)
    assert done.status_code == 200, done.text
    assert done.json()["dry_run"] is False
    assert done.json()["created"] == ["H15.50", "H15.50.03", "H15.50.05"]
    transaction.begin()
    assert site_units(functional_portal) == ["H15.50", "H15.50.03", "H15.50.05"]
    assert api.group.get(groupname="unit.h15.50.03.officer") is not None


def test_units_json_body(manager, functional_portal):
    body = {
        "file": {"filename": "units.csv", "data": UNITS_BAD, "encoding": "utf-8"},
        "dry_run": True,
    }
    response = manager.post("@import-orgunits", json=body)
    assert response.status_code == 400
    assert response.json()["errors"] == UNIT_ERRORS
    encoded = base64.b64encode(UNITS_GOOD.encode()).decode()
    body = {"file": {"filename": "units.csv", "data": encoded, "encoding": "base64"}}
    response = manager.post("@import-orgunits", json=body)
    assert response.status_code == 200, response.text
    transaction.begin()
    assert site_units(functional_portal) == ["H15.50", "H15.50.03", "H15.50.05"]


@pytest.mark.parametrize(
    ("request_kwargs", "field"),
    [
        ({"json": {"dry_run": True}}, "file"),
        (
            {
                "json": {
                    "file": {"filename": "u.csv", "data": "%%", "encoding": "base64"}
                }
            },
            "file",
        ),
        ({"json": {"file": {"filename": "u.txt", "data": "x"}}}, "file"),
        (
            {"json": {"file": {"filename": "u.csv", "data": "x"}, "dry_run": "y"}},
            "dry_run",
        ),
        ({"json": {"file": {"filename": "u.csv", "data": "x"}, "mode": 1}}, "mode"),
        ({"json": [1, 2]}, "file"),
    ],
)
def test_units_bad_requests(manager, request_kwargs, field):
    response = manager.post("@import-orgunits", **request_kwargs)
    assert response.status_code == 400, response.text
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("query", "field"),
    [("mode=1", "mode"), ("dry_run=1&dry_run=0", "dry_run")],
)
def test_units_unknown_or_repeated_query_parameters(manager, query, field):
    body = {"file": {"filename": "u.csv", "data": "x"}}
    response = manager.post(f"@import-orgunits?{query}", json=body)
    assert response.status_code == 400, response.text
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_units_import_needs_manage_organisation(http, anonymous):
    upload = {"file": ("units.csv", UNITS_GOOD.encode())}
    assert anonymous.post("@import-orgunits", files=upload).status_code == 401
    api.user.create(
        username="bientap", email="bientap@example.invalid", password="mat-khau-1"
    )
    api.user.grant_roles(username="bientap", roles=["Editor"])
    transaction.commit()
    editor = http("bientap", "mat-khau-1")
    assert editor.post("@import-orgunits", files=upload).status_code == 401
    assert editor.post("@import-procedures", files=upload).status_code == 401


# Procedures ------------------------------------------------------------------

CERTIFY = Procedure(
    code="2.000815",
    title="Chứng thực bản sao từ bản chính",
    field="khong-co",
    level="district",
    unit="H15.99",
    channels=(ChannelTerms("in_person", 1, "working_days", fee=2000),),
)
MARRIAGE = dataclasses.replace(
    CERTIFY, code="1.000894", title="Đăng ký kết hôn", field="ho-tich", unit=""
)


def procedure_codes(portal) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(
        brain.procedure_code
        for brain in catalog.unrestrictedSearchResults(portal_type="Procedure")
    )


def test_procedures_workbook_problems_then_import(manager, functional_portal):
    bad = write_workbook([(CERTIFY, "published"), (MARRIAGE, "")], "xlsx")
    upload = {"file": ("thu-tuc.xlsx", bad)}
    response = manager.post("@import-procedures", files=upload)
    assert response.status_code == 400, response.text
    assert response.json()["errors"] == [
        {
            "field": "field",
            "message": "Lĩnh vực khong-co không có trong danh mục.",
            "line": 2,
            "sheet": "procedures",
        },
        {
            "field": "unit",
            "message": "Không có đơn vị nào mang mã H15.99.",
            "line": 2,
            "sheet": "procedures",
        },
    ]
    good = write_workbook(
        [(dataclasses.replace(CERTIFY, field="chung-thuc", unit=""), "published")],
        "xlsx",
    )
    upload = {"file": ("thu-tuc.xlsx", good)}
    checked = manager.post("@import-procedures", data={"dry_run": "1"}, files=upload)
    assert checked.status_code == 200, checked.text
    assert checked.json()["created"] == ["2.000815"]
    assert checked.json()["dry_run"] is True
    transaction.begin()
    assert procedure_codes(functional_portal) == []
    done = manager.post("@import-procedures", files=upload)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "dry_run": False,
        "created": ["2.000815"],
        "updated": [],
        "unchanged": [],
        "transitions": {"2.000815": "draft -> published"},
        "forms": [],
        "missing_forms": [],
    }
    transaction.begin()
    assert procedure_codes(functional_portal) == ["2.000815"]


# Site Setup pages ------------------------------------------------------------


def authenticator(page_text: str) -> str:
    return re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page_text
    )[1]


def test_units_page_check_then_import(manager, functional_portal):
    manager.headers["Accept"] = "text/html"
    page = manager.get("@@import-orgunits")
    assert page.status_code == 200
    token = authenticator(page.text)
    refused = manager.post(
        "@@import-orgunits",
        data={"_authenticator": token, "form.buttons.check": "1"},
        files={"file": ("units.csv", UNITS_BAD.encode())},
    )
    assert refused.status_code == 200
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td><code>(.*?)</code></td>"
        r"\s*<td>(.*?)</td>",
        refused.text,
    )
    assert rows == [
        ("", str(error["line"]), error["field"], error["message"])
        for error in UNIT_ERRORS
    ]
    done = manager.post(
        "@@import-orgunits",
        data={"_authenticator": token, "form.buttons.import": "1"},
        files={"file": ("units.csv", UNITS_GOOD.encode())},
    )
    assert done.status_code == 200
    assert 'class="import-count-created">3<' in done.text
    transaction.begin()
    assert site_units(functional_portal) == ["H15.50", "H15.50.03", "H15.50.05"]


def test_units_page_refuses_without_csrf_token(manager, functional_portal):
    manager.headers["Accept"] = "text/html"
    response = manager.post(
        "@@import-orgunits",
        data={"form.buttons.import": "1"},
        files={"file": ("units.csv", UNITS_GOOD.encode())},
    )
    assert response.status_code == 403
    transaction.begin()
    assert site_units(functional_portal) == []


def test_pages_in_site_setup(manager):
    manager.headers["Accept"] = "text/html"
    overview = manager.get("@@overview-controlpanel").text
    assert "/@@import-orgunits" in overview
    assert "/@@import-procedures" in overview


def test_site_administrator_imports(http, functional_portal):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    api.user.create(
        username="quantri.web",
        email="quantri.web@example.invalid",
        password="mat-khau-1",
        roles=("Member", "Site Administrator"),
    )
    transaction.commit()
    admin = http("quantri.web", "mat-khau-1")
    upload = {"file": ("units.csv", UNITS_GOOD.encode())}
    response = admin.post("@import-orgunits", files=upload)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == ["H15.50", "H15.50.03", "H15.50.05"]
    workbook = write_workbook(
        [(dataclasses.replace(CERTIFY, field="chung-thuc", unit="H15.50.03"), "")],
        "xlsx",
    )
    response = admin.post(
        "@import-procedures?dry_run=1", files={"file": ("thu-tuc.xlsx", workbook)}
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == ["2.000815"]
    admin.headers["Accept"] = "text/html"
    for page in ("@@import-orgunits", "@@import-procedures"):
        assert admin.get(page).status_code == 200, page
