"""Pages of their own at the site root name themselves in the browser's tab
and give their own address as canonical (``ownpages.py``); they gave the
site's name and the front page's address."""

import re


def head(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.status_code
    title = re.search(r"<title>([^<]*)</title>", response.text).group(1)
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', response.text)
    return title, canonical.group(1)


def test_the_lookup_names_itself(anonymous, functional_portal):
    url = functional_portal.absolute_url()
    assert head(anonymous, "tra-cuu-ho-so?code=H15.50.MC-260303-0001") == (
        "Tra cứu hồ sơ — Plone site",
        f"{url}/tra-cuu-ho-so",
    )
    # The front page is still the site's.
    assert head(anonymous, "") == ("Plone site", url)


def test_staff_pages_name_themselves(staff, functional_portal):
    url = functional_portal.absolute_url()
    assert head(staff["leader"], "dossier-dashboard?year=2025") == (
        "Hồ sơ một cửa năm 2025 — Plone site",
        f"{url}/dossier-dashboard",
    )
    assert head(staff["officer"], "@@my-work") == (
        "Công việc của tôi — Plone site",
        f"{url}/my-work",
    )
