"""The units' vocabulary (``dienbien.policy.OrgUnits``): made once per
request while the catalog stays as it is, made again when a unit is added
or renamed in the same request."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


def units(portal):
    factory = getUtility(IVocabularyFactory, "dienbien.policy.OrgUnits")
    return factory(portal)


def test_one_request_makes_it_once_and_again_after_a_change(integration):
    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    first = units(portal)
    assert units(portal) is first  # the same request, nothing changed

    unit = api.content.create(
        container=portal["to-chuc"],
        type="OrgUnit",
        title="UBND xã Thử Nghiệm",
        code="H15.50.99.01",
        kind="commune",
    )
    added = units(portal)  # the new unit's indexing is still queued
    assert added is not first
    assert added.getTerm("H15.50.99.01").title == "UBND xã Thử Nghiệm (H15.50.99.01)"

    unit.title = "UBND xã Thử Nghiệm Mới"
    unit.reindexObject()
    renamed = units(portal).getTerm("H15.50.99.01")
    assert renamed.title == "UBND xã Thử Nghiệm Mới (H15.50.99.01)"
    assert {term.value for term in units(portal)} == {term.value for term in added}
