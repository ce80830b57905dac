"""Pages of their own at the site root (the status lookup, my work, the
statistics, the review queue): the browser's tab and the canonical address
name the page, not the site root.

Plone's title and canonical-link viewlets speak of the context, which for
these views is the site root: each such page was titled with the site's
name alone and gave the front page as its canonical address. Plone's menu
marker (mockup's ``navigationmarker``) takes the canonical address for the
current page, so the menu marked the front page's tab, and every tab
leading to a view of the site root, as the current one.

A view says it is such a page by providing ``IOwnPage``; its ``page_title``
(a message) names it.
"""

from html import escape
from plone.app.layout.links.viewlets import CanonicalURL
from plone.app.layout.viewlets.common import TitleViewlet
from plone.base.utils import safe_text
from zope.i18n import translate
from zope.interface import Attribute
from zope.interface import Interface


class IOwnPage(Interface):
    """A view that is a page of its own, not a view of its context."""

    page_title = Attribute("The page's name (a message), as its heading says it.")


class OwnPageTitle(TitleViewlet):
    """``<title>``: the page's name, then the site's."""

    def update(self):
        name = translate(self.view.page_title, context=self.request)
        site = safe_text(self.site_title_setting)
        self.site_title = self.sep.join([escape(name), escape(site)])


class OwnPageCanonicalURL(CanonicalURL):
    """The page's own address, without its query: the lookup's or the
    statistics' form values are not another page."""

    def render(self):
        url = f"{self.context.absolute_url()}/{self.view.__name__}"
        return f'    <link rel="canonical" href="{escape(url)}" />'
