"""Upgrade 1018 and a new site: the site-wide stylesheet bundle is
registered and its file is served."""

from dienbien.policy.upgrades.v1018_styles import add_styles
from dienbien.policy.upgrades.v1018_styles import PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def bundle_records(registry):
    return sorted(key for key in registry.records if key.startswith(PREFIX))


def test_new_site_and_upgrade_register_the_bundle(integration):
    registry = getUtility(IRegistry)
    assert registry[f"{PREFIX}.csscompilation"] == (
        "++resource++dienbien.policy/dienbien.css"
    )
    assert registry[f"{PREFIX}.enabled"] is True
    # As a 1017 site: no bundle; a setting of the site's own keeps its value.
    for key in bundle_records(registry):
        del registry.records[key]
    registry["dienbien.settings.legal_lead_days"] = 12

    add_styles()

    assert registry[f"{PREFIX}.csscompilation"] == (
        "++resource++dienbien.policy/dienbien.css"
    )
    assert registry[f"{PREFIX}.depends"] == "plone"
    assert registry["dienbien.settings.legal_lead_days"] == 12


def test_every_page_links_the_stylesheet(anonymous):
    page = anonymous.get("", headers={"Accept": "text/html"})
    assert "++resource++dienbien.policy/dienbien.css" in page.text
    css = anonymous.get("++resource++dienbien.policy/dienbien.css")
    assert css.status_code == 200
    assert ".pat-datagridfield" in css.text
