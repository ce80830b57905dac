"""Upgrade 1028: the six validity indexes hold the legal documents only;
before, every catalogued object was under each of them as "always". What the
register answers by status is the same before and after, over HTTP."""

from conftest import upgrade_steps
from dienbien.policy.legal.validity import TIMELINE_INDEXES
from Products.PluginIndexes.DateRangeIndex.DateRangeIndex import DateRangeIndex
from test_legal_documents import listing
from test_legal_documents import register  # noqa: F401 (a fixture)

import transaction


RANGES = [name for name in TIMELINE_INDEXES if name != "legal_split"]
DAYS = ("2024-06-01", "2026-06-30", "2026-07-01", "2026-08-01", "2026-12-31")
STATUSES = ("not_yet", "in_force", "partly_suspended", "expired")


def answers(anonymous):
    return {
        (status, day): listing(anonymous, status=status, on=day)
        for status in STATUSES
        for day in DAYS
    }


def test_upgrade_from_1027(register, anonymous):  # noqa: F811 (the fixture)
    portal = register
    catalog = portal.portal_catalog
    # As a 1027 site: stock range indexes, every object in them.
    for name in RANGES:
        index = catalog._catalog.getIndex(name)
        since, until = index.getSinceField(), index.getUntilField()
        catalog.delIndex(name)
        catalog.addIndex(
            name, DateRangeIndex(name, since_field=since, until_field=until)
        )
    catalog.manage_reindexIndex(ids=RANGES)
    transaction.commit()
    everything = len(catalog._catalog)
    assert len(catalog._catalog.getIndex("legal_in_force")._unindex) == everything
    before = answers(anonymous)
    assert before[("in_force", "2026-06-30")] == {
        "03/2025/NQ-HĐND": "in_force",
        "12/2024/QĐ-UBND": "in_force",
    }

    setup = portal.portal_setup
    steps = upgrade_steps(setup, "1028")
    assert [step["title"] for step in steps] == [
        "Validity indexes of legal documents only",
        "Compact indexes of one object's values",
        "A skip link to the main content",
    ]
    steps[0]["step"].doStep(setup)
    transaction.commit()

    legal = catalog.unrestrictedSearchResults(portal_type="LegalDocument")
    assert len(legal) == 4  # the draft too: the register's staff see it
    assert everything > 4
    for name in RANGES:
        index = catalog._catalog.getIndex(name)
        assert index.meta_type == "LegalRangeIndex"
        assert (index.getSinceField(), index.getUntilField()) == (
            f"{name}_since",
            f"{name}_until",
        )
        assert sorted(index._unindex) == sorted(brain.getRID() for brain in legal)
    assert answers(anonymous) == before
    # Run again, it changes nothing.
    steps[0]["step"].doStep(setup)
    assert catalog._catalog.getIndex("legal_in_force").meta_type == "LegalRangeIndex"


def test_a_new_site_indexes_only_legal_documents(register):  # noqa: F811
    catalog = register.portal_catalog
    legal = {
        brain.getRID()
        for brain in catalog.unrestrictedSearchResults(portal_type="LegalDocument")
    }
    for name in RANGES:
        index = catalog._catalog.getIndex(name)
        assert index.meta_type == "LegalRangeIndex"
        assert set(index._unindex) == legal


def test_the_skip_link_is_first_in_the_header(register):  # noqa: F811
    """The third step of 1028: after it, the header's first viewlet is the
    skip link (a 1027 site had Plone's order)."""
    from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
    from zope.component import getUtility

    storage = getUtility(IViewletSettingsStorage)
    storage.setOrder(
        "plone.portalheader",
        "Plone Default",
        ("plone.anontools", "plone.logo", "plone.searchbox"),
    )
    setup = register.portal_setup
    steps = upgrade_steps(setup, "1028")
    steps[2]["step"].doStep(setup)
    order = storage.getOrder("plone.portalheader", "Plone Default")
    assert order[0] == "dienbien.skiplink"
