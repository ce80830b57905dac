"""The site answers over HTTP: JSON for API clients, Vietnamese HTML for people."""


def test_site_json(anonymous, functional_portal):
    response = anonymous.get("")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["@type"] == "Plone Site"


def test_front_page_in_vietnamese(http):
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.get("")
    assert page.status_code == 200
    assert 'lang="vi"' in page.text
    assert "Tìm kiếm" in page.text  # Plone's own labels, translated
    assert "Đăng nhập" in page.text


def test_english_on_request(http):
    browser = http()
    browser.headers["Accept"] = "text/html"
    browser.cookies.set("I18N_LANGUAGE", "en")
    page = browser.get("")
    assert 'lang="en"' in page.text
    assert "Log in" in page.text


def test_organisation_public(anonymous):
    response = anonymous.get("to-chuc")
    assert response.status_code == 200
    assert response.json()["@type"] == "Organisation"


def test_navigation_tabs(http, staff):
    """Everyone finds the status lookup; staff also find their dossiers and
    the statistics, through the site's main navigation."""
    from conftest import STAFF_PASSWORD

    def tabs(client):
        client.headers["Accept"] = "text/html"
        page = client.get("")
        assert page.status_code == 200
        nav = page.text.split('id="portal-globalnav"', 1)[1].split("</nav>", 1)[0]
        return nav

    anonymous_nav = tabs(http())
    assert "Tra cứu hồ sơ" in anonymous_nav
    assert "/ho-so" not in anonymous_nav
    assert "dossier-dashboard" not in anonymous_nav
    leader_nav = tabs(http("leader", STAFF_PASSWORD))
    assert "Hồ sơ một cửa" in leader_nav and "Thống kê" in leader_nav
