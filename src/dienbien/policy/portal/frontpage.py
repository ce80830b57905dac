"""The front page (the site root's view ``portal-home``).

The same page for every visitor: nothing in it depends on who asks, and
what it computes is cached in RAM — the lists until the catalog changes (or
five minutes pass, for items scheduled to appear), the one-stop figures for
an hour. The figures are totals of every unit (``core.figures``): no
dossier, unit or person is shown.
"""

from dienbien.policy import _
from dienbien.policy.clock import now
from dienbien.policy.core.figures import month_before
from dienbien.policy.core.figures import public_figures
from dienbien.policy.dossiers.statistics.facts import dossier_facts
from dienbien.policy.portal import listings
from plone import api
from plone.memoize import ram
from Products.Five.browser import BrowserView
from zope.i18n import translate

import datetime


def _site_key(extra):
    portal = api.portal.get()
    return ("/".join(portal.getPhysicalPath()), *extra)


def _lists_key(function, moment):
    catalog = api.portal.get_tool("portal_catalog")
    return _site_key(
        (catalog.getCounter(), moment.strftime("%Y%m%d%H"), moment.minute // 5)
    )


@ram.cache(_lists_key)
def front_lists(moment) -> dict:
    return {
        "news": listings.latest_news(5),
        "events": listings.upcoming_events(moment, 4),
        "documents": listings.latest_legal_documents(5),
    }


def _figures_key(function, moment):
    return _site_key((moment.strftime("%Y%m%d%H"),))


@ram.cache(_figures_key)
def figures(moment):
    end = datetime.datetime(moment.year + 1, 1, 1)
    # This year's figures and last month's (December's, in January).
    start = min(datetime.datetime(moment.year, 1, 1), month_before(moment)[0])
    return public_figures(dossier_facts(end, None, start=start), moment)


#: Quick links: (title, path from the site root).
QUICK_LINKS = (
    (_("quick_procedures", default="Administrative procedures"), "thu-tuc-hanh-chinh"),
    (_("quick_lookup", default="Look up a dossier"), "tra-cuu-ho-so"),
    (_("quick_legal", default="Normative legal documents"), "van-ban-qppl"),
    (_("quick_orgchart", default="Organisation chart"), "gioi-thieu/co-cau-to-chuc"),
    (_("quick_feedback", default="Questions and feedback"), "gop-y"),
    (_("quick_contact", default="Contact"), "lien-he"),
)
NATIONAL_PORTAL = "https://dichvucong.gov.vn"


class FrontPage(BrowserView):
    def __call__(self):
        # The page lists the coming events itself: the events portlet
        # beside it said the same again.
        self.request.set("disable_plone.rightcolumn", True)
        moment = now()
        self.portal_url = api.portal.get().absolute_url()
        self.lists = front_lists(moment)
        self.figures = figures(moment)
        self.month_label = f"{self.figures.last_month.start:%m/%Y}"
        self.year_label = str(moment.year)
        return self.index()

    def quick_links(self) -> list[dict]:
        return [
            {
                "title": translate(title, context=self.request),
                "url": f"{self.portal_url}/{path}",
            }
            for title, path in QUICK_LINKS
        ]

    def rate(self, period) -> str:
        """``66,7%`` (``—`` when nothing was resolved)."""
        if period.on_time_rate is None:
            return "—"
        return f"{period.on_time_rate * 100:.1f}".replace(".", ",") + "%"

    def number(self, value: int) -> str:
        """``12.345``: Vietnamese groups thousands with dots."""
        return f"{value:,}".replace(",", ".")
