"""Plone's own times (toolbar history, byline) in Asia/Ho_Chi_Minh whatever
the server's TZ, in the house format; the byline keeps its date after a
step."""

from DateTime import DateTime
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.sitetime import Byline
from plone import api
from plone.app.layout.viewlets.interfaces import IBelowContentTitle
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.viewlet.interfaces import IViewlet
from zope.viewlet.interfaces import IViewletManager

import pytest


@pytest.fixture
def request_(integration):
    request = integration["request"]
    alsoProvides(request, IDienbienPolicyLayer)
    return request


@pytest.fixture
def plone_view(integration, request_):
    return getMultiAdapter((integration["portal"], request_), name="plone")


@pytest.mark.parametrize(
    "moment",
    [
        DateTime("2026/03/03 03:05:00 UTC"),
        DateTime("2026/03/03 10:05:00 GMT+7"),
        "2026-03-03T03:05:00+00:00",
        "2026-03-03T10:05:00+07:00",
    ],
)
def test_times_in_the_site_zone(plone_view, moment):
    assert plone_view.toLocalizedTime(moment, long_format=True) == "10:05 03/03/2026"
    assert plone_view.toLocalizedTime(moment) == "03/03/2026"
    assert plone_view.toLocalizedTime(moment, time_only=True) == "10:05"


def test_after_midnight_in_vietnam_is_the_next_day(plone_view):
    moment = DateTime("2026/03/03 18:30:00 UTC")
    assert plone_view.toLocalizedTime(moment, long_format=True) == "01:30 04/03/2026"


def test_the_registry_zone_is_followed(plone_view):
    api.portal.set_registry_record("plone.portal_timezone", "UTC")
    moment = DateTime("2026/03/03 10:05:00 GMT+7")
    assert plone_view.toLocalizedTime(moment, long_format=True) == "03:05 03/03/2026"


def test_unreadable_times_are_left_to_plone(plone_view):
    assert plone_view.toLocalizedTime("not a time") is None


def test_byline_keeps_its_date_after_a_step(integration, request_):
    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    page = api.content.create(container=portal, type="Document", id="trang", title="T")
    # What the state menu does on a step: the publication date is set, the
    # same day as the last change.
    page.setEffectiveDate(DateTime("2026/03/03 10:00:00 GMT+7"))
    page.setModificationDate(DateTime("2026/03/03 10:05:00 GMT+7"))
    view = getMultiAdapter((page, request_), name="view")
    manager = getMultiAdapter(
        (page, request_, view), IViewletManager, name="plone.belowcontenttitle"
    )
    assert IBelowContentTitle.providedBy(manager)
    byline = getMultiAdapter(
        (page, request_, view, manager), IViewlet, name="plone.documentbyline"
    )
    assert isinstance(byline, Byline)
    byline.update()
    html = byline.render()
    assert "documentModified" in html
    assert "03/03/2026" in html


def test_toolbar_history_in_the_site_zone(integration, request_):
    """The toolbar's pattern shows a time without an offset as it is."""
    from dienbien.policy.sitetime import ContentViews
    from plone.app.layout.viewlets.interfaces import IToolbar

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    page = api.content.create(container=portal, type="Document", id="trang", title="T")
    page.setModificationDate(DateTime("2026/03/03 03:05:09 UTC"))
    view = getMultiAdapter((page, request_), name="view")
    manager = getMultiAdapter(
        (page, request_, view), IViewletManager, name="plone.toolbar"
    )
    assert IToolbar.providedBy(manager)
    viewlet = getMultiAdapter(
        (page, request_, view, manager), IViewlet, name="plone.contentviews"
    )
    assert isinstance(viewlet, ContentViews)
    assert viewlet.modified_in_site_zone() == "2026-03-03T10:05:09"
    viewlet.update()
    html = viewlet.render()
    assert 'datetime="2026-03-03T10:05:09"' in html
    assert "output-format: HH:mm DD/MM/YYYY" in html
