"""Methods the site does not serve get 405, unparsable bodies 400 — never a
500 from Zope's traversal or a 503 from its form parser."""

import pytest


PAGES = ["", "tra-cuu-ho-so", "ho-so/@@dossier-listing", "thu-tuc-hanh-chinh"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("page", PAGES)
def test_page_refuses_other_methods(http, one_stop, method, page):
    browser = http()
    browser.headers["Accept"] = "text/html"
    response = browser.request(method, page)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, POST"


def test_options_without_cors_is_refused(http, one_stop):
    browser = http()
    browser.headers["Accept"] = "text/html"
    assert browser.options("tra-cuu-ho-so").status_code == 405


def test_rest_methods_still_served(manager, staff):
    """PATCH and DELETE with ``Accept: application/json`` reach plone.restapi."""
    created = manager.post(
        "",
        json={"@type": "Document", "id": "ghi-chu", "title": "Ghi chú"},
    )
    assert created.status_code == 201
    patched = manager.patch("ghi-chu", json={"title": "Ghi chú mới"})
    assert patched.status_code == 204
    assert manager.get("ghi-chu").json()["title"] == "Ghi chú mới"
    assert manager.delete("ghi-chu").status_code == 204
    assert manager.get("ghi-chu").status_code == 404


def test_cors_preflight_not_refused(http, one_stop):
    browser = http()
    response = browser.options(
        "",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "PATCH",
        },
    )
    assert response.status_code != 405


def test_multipart_without_boundary(http, one_stop):
    browser = http()
    browser.headers["Accept"] = "text/html"
    response = browser.post(
        "tra-cuu-ho-so",
        data=b"code=x",
        headers={"Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 400


def test_multipart_with_unreadable_parts_is_the_envelope(manager):
    # A part without its headers (found by the API fuzz test): 400 in the
    # site's error envelope, not Zope's plain one.
    response = manager.post(
        "@import-orgunits?dry_run=1",
        data=b"--578a\r\n3.6e+27--578a--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=578a"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "", "message": "The parts of the multipart body cannot be read."}
    ]


def test_a_readable_multipart_upload_still_arrives(manager):
    response = manager.post(
        "@import-orgunits?dry_run=1",
        files={"file": ("units.csv", b"code,title,kind\n", "text/csv")},
    )
    assert response.status_code in (200, 400)
    assert "cannot be read" not in response.text
