"""RSS/Atom of the news and documents sections: the newest first (Plone's
folder feed takes items in no order and wakes all of them), what the
reader may see, and for documents the normative register's documents too."""

from dienbien.policy.portal.interfaces import IDocumentsSection
from dienbien.policy.portal.interfaces import INewsSection
from plone import api
from plone.base.interfaces.syndication import IFeed
from Products.CMFPlone.browser.syndication.adapters import FolderFeed
from zope.component import adapter
from zope.interface import implementer


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
