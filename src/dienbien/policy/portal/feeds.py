"""RSS/Atom of the news and documents sections: the newest first (Plone's
folder feed takes items in no order and wakes all of them), what the
reader may see, and for documents the normative register's documents too."""

from dienbien.policy.portal.interfaces import IDocumentsSection
from dienbien.policy.portal.interfaces import INewsSection
from plone import api
from plone.app.layout.links.viewlets import RSSViewlet
from plone.base.interfaces.syndication import IFeed
from plone.base.interfaces.syndication import IFeedSettings
from Products.CMFPlone.browser.syndication.adapters import FolderFeed
from zope.component import adapter
from zope.component import getUtility
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory


FEED_TYPES = "plone.app.vocabularies.SyndicationFeedTypes"


@implementer(IFeed)
@adapter(INewsSection)
class SectionFeed(FolderFeed):
    def query(self) -> dict:
        # News sit in the units' newsrooms (portal-editorial), at any depth.
        return {
            "path": "/".join(self.context.getPhysicalPath()),
            "portal_type": ("News Item", "Event"),
        }

    def _brains(self):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(
            **self.query(),
            sort_on="effective",
            sort_order="descending",
            sort_limit=self.limit,
        )[: self.limit]


@implementer(IFeed)
@adapter(IDocumentsSection)
class DocumentsFeed(SectionFeed):
    def query(self) -> dict:
        paths = ["/".join(self.context.getPhysicalPath())]
        register = api.portal.get().get("van-ban-qppl")
        if register is not None:
            paths.append("/".join(register.getPhysicalPath()))
        return {"path": {"query": paths, "depth": 1}}


class FeedLinks(RSSViewlet):
    """The feeds' ``<link rel="alternate">`` in the page head, titled
    "Tin tức – Sự kiện - RSS 2.0". plone.app.layout's own formats the feed
    type's name as bytes, which browsers and feed readers show as
    "b'RSS 2.0'"."""

    def getRssLinks(self, obj):
        settings = IFeedSettings(obj, None)
        if settings is None:
            return []
        vocabulary = getUtility(IVocabularyFactory, FEED_TYPES)(self.context)
        links = []
        for name in settings.feed_types:
            try:
                term = vocabulary.getTerm(name)
            except LookupError:
                continue
            links.append(
                {
                    "title": f"{obj.Title()} - {term.title}",
                    "url": f"{obj.absolute_url()}/{term.value}",
                }
            )
        return links
