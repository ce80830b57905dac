"""Upgrade 1022: a 1021 site gets the portal's sections, tabs, front page,
emblem, settings and feeds; what it already has in those places is kept."""

from dienbien.policy.portal.contact import BEHAVIOR
from dienbien.policy.portal.interfaces import IPortalSection
from dienbien.policy.portal.interfaces import PREFIX
from dienbien.policy.portal.structure import SECTIONS
from dienbien.policy.portal.structure import TABS
from dienbien.policy.upgrades.v1022_portal_site import set_up
from plone import api
from plone.base.interfaces.syndication import IFeedSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.interface import noLongerProvides


def test_upgrade_from_1021(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    tabs = portal.portal_actions.portal_tabs
    panel = portal.portal_controlpanel
    with api.env.adopt_roles(["Manager"]):
        # As a 1021 site: /gop-y and /lien-he are the citizens' forms' plain
        # folders (upgrade 1019), a bare news folder (portal-editorial makes
        # one on a site without), no other section, no tabs of ours,
        # Plone's logo and generated tabs, no settings.
        for section_id in ("gioi-thieu", "tin-tuc", "van-ban-cong-khai"):
            api.content.delete(obj=portal[section_id])
        for section_id in ("gop-y", "lien-he"):
            folder = portal[section_id]
            noLongerProvides(folder, IPortalSection)
            del folder.layout
        forms = {s: list(portal[s].objectIds()) for s in ("gop-y", "lien-he")}
        api.content.create(container=portal, type="Folder", id="tin-tuc", title="Tin")
        tabs.manage_delObjects([t for t, title, _p in TABS if title is not None])
        registry["plone.generate_tabs"] = True
        registry["plone.site_logo"] = None
        portal.setLayout("listing_view")
        for key in [k for k in registry.records if k.startswith(PREFIX + ".")]:
            del registry.records[key]
        panel.unregisterConfiglet("dienbien-portal-settings")
        fti = portal.portal_types["OrgUnit"]
        fti.behaviors = tuple(b for b in fti.behaviors if b != BEHAVIOR)

        set_up(portal.portal_setup)

    for section_id, marker, *_rest in SECTIONS:
        assert marker.providedBy(portal[section_id]), section_id
    # The forms' sections are sections now, with their forms.
    for section_id, ids in forms.items():
        assert portal[section_id].getLayout() == "portal-section"
        assert list(portal[section_id].objectIds()) == ids
        assert ids
    assert portal["gioi-thieu"].Title() == "Giới thiệu"
    assert portal["tin-tuc"].getLayout() == "portal-section"
    assert list(tabs.objectIds())[1:8] == [t for t, *_ in TABS]
    assert registry["plone.generate_tabs"] is False
    assert registry["plone.site_logo"].startswith(b"filenameb64:")
    assert registry[f"{PREFIX}.issuing_body"] == "Ủy ban nhân dân huyện Điện Biên"
    assert portal.getLayout() == "portal-home"
    assert IFeedSettings(portal["tin-tuc"]).enabled
    assert "dienbien-portal-settings" in [a.getId() for a in panel.listActions()]
    assert BEHAVIOR in fti.behaviors

    # Run again: nothing doubles.
    with api.env.adopt_roles(["Manager"]):
        set_up(portal.portal_setup)
    assert len(tabs.objectIds()) == len(set(tabs.objectIds()))
