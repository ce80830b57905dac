"""Times on Plone's own pages in the site's zone (Asia/Ho_Chi_Minh).

Plone formats every time it shows (the toolbar's history, the byline, the
review history) through ``@@plone/toLocalizedTime``, which renders with
``DateTime.strftime``: in the zone of the *process*, as DateTime read it when
it was first imported. A server started without ``TZ`` in its environment
(``TZ`` in zope.conf's ``<environment>`` comes too late, and buildout's
``environment-vars`` land there) shows UTC. Here the time is first moved to
the site's zone (``plone.portal_timezone``, else Asia/Ho_Chi_Minh), and the
same wall-clock time is handed to Plone's formatting in the process's zone,
so the page reads the site's time whatever the server's ``TZ``. (A process
zone with summer time could not show the hour it skips; servers run in UTC
or in Vietnam, which have none.)

The toolbar's history entry shows the last change through a browser-side
pattern (moment.js), in the *browser's* zone: a browser on a UTC machine
showed UTC. Our copy of Plone's toolbar menu (``sitetime_menu.pt``) hands it
the site's wall-clock time without an offset, which it shows as it is.

The byline: a step taken from the state menu sets the publication date, and
Plone's byline then hides the modification date when both fall on the same
day, while the publication date is off site-wide: the date vanished. Ours
always shows when the item was last changed.
"""

from DateTime import DateTime
from dienbien.policy.workingtime import TIMEZONE
from plone.app.layout.viewlets.common import ContentViewsViewlet
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.browser.ploneview import Plone
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zoneinfo import ZoneInfo
from zope.component import queryUtility


def site_zone() -> ZoneInfo:
    registry = queryUtility(IRegistry)
    name = registry.get("plone.portal_timezone") if registry is not None else None
    try:
        return ZoneInfo(name) if name else TIMEZONE
    except (ValueError, KeyError):  # an unknown zone name in the registry
        return TIMEZONE


def in_site_zone(time):
    """``time`` (a DateTime or what DateTime parses) as the site's wall-clock
    time, expressed in the process's zone; anything else unchanged."""
    if time is None or time == "None":
        return time
    try:
        moment = time if isinstance(time, DateTime) else DateTime(time)
    except Exception:  # Plone's formatting reports what it cannot read
        return time
    local = moment.asdatetime().astimezone(site_zone())
    seconds = local.second + local.microsecond / 1_000_000
    return DateTime(
        local.year, local.month, local.day, local.hour, local.minute, seconds
    )


class SiteTimePlone(Plone):
    """``@@plone`` with ``toLocalizedTime`` in the site's zone."""

    def toLocalizedTime(self, time, long_format=None, time_only=None):
        return super().toLocalizedTime(in_site_zone(time), long_format, time_only)


class Byline(DocumentBylineViewlet):
    """Plone's byline, always with the last change's date."""

    def show_modification_date(self):
        return True


class ContentViews(ContentViewsViewlet):
    """The toolbar's views and history entry, the history in the site's zone."""

    menu_template = ViewPageTemplateFile("sitetime_menu.pt")

    def modified_in_site_zone(self) -> str:
        moment = self.context.modified().asdatetime().astimezone(site_zone())
        return moment.replace(tzinfo=None).isoformat(timespec="seconds")
