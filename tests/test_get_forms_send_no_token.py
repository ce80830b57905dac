"""No CSRF token in an address: plone.protect adds its ``_authenticator``
to every form of the site, GET ones too, where it would end up in the
address, then in the browser's history, the server's and proxies' logs and
the Referer header of the next site visited. Our GET forms (filters,
searches, periods) carry a disabled field of that name: plone.protect adds
none beside it, and a disabled field is not sent."""

from lxml import html

import pytest


#: Pages with GET forms, as a manager sees them (every form shown), and
#: their answer: the manager is in no unit, so the register page asks for
#: one (400) above its form.
PAGES = {
    "": 200,
    "thu-tuc-hanh-chinh": 200,
    "van-ban-qppl": 200,
    "ho-so/@@dossier-listing": 200,
    "@@dossier-dashboard": 200,
    "van-ban/@@register-incoming": 400,
}


def forms(client, path, status=200):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == status, (path, response.status_code)
    return html.fromstring(response.text).xpath("//form")


@pytest.mark.parametrize("path", PAGES)
def test_get_forms_send_no_token(manager, path):
    found = forms(manager, path, PAGES[path])
    get_forms = [form for form in found if form.get("method", "get").lower() == "get"]
    sent = [
        form.get("action")
        for form in get_forms
        for token in form.xpath(".//input[@name='_authenticator']")
        if token.get("disabled") is None
    ]
    assert sent == [], path
    # Ours hold the disabled field (Plone's search box gets no token at all).
    ours = [form for form in get_forms if "@@search" not in form.get("action", "")]
    assert ours, path
    for form in ours:
        assert form.xpath(".//input[@name='_authenticator'][@disabled]"), (
            path,
            form.get("action"),
        )


def test_post_forms_keep_their_token(manager):
    """plone.protect's check on writes stays: the step and reception forms
    still get their token."""
    found = forms(manager, "ho-so/++add++Dossier")
    posted = [form for form in found if form.get("method", "").lower() == "post"]
    assert posted
    for form in posted:
        tokens = form.xpath(".//input[@name='_authenticator']")
        assert len(tokens) == 1 and tokens[0].get("disabled") is None
        assert tokens[0].get("value")


def test_every_get_form_of_ours_holds_the_disabled_field():
    """Every GET form in our templates, pages not visited above included
    (the slips' and work files' periods and searches)."""
    import dienbien.policy
    import pathlib
    import re

    package = pathlib.Path(dienbien.policy.__file__).parent
    missing, found = [], 0
    for template in sorted(package.rglob("*.pt")):
        text = template.read_text("utf-8")
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S):
            opening = form.group(0)[: form.group(0).index(">") + 1]
            if 'method="get"' not in opening.lower():
                continue
            found += 1
            if not re.search(
                r'<input name="_authenticator"\s+type="hidden"\s+disabled="disabled"',
                form.group(1),
            ):
                missing.append(str(template.relative_to(package)))
    assert found >= 10
    assert missing == []
