"""``/sitemap.xml``: Plone's sitemap (``sitemap.xml.gz``, on when
``plone.enable_sitemap`` is), uncompressed, at the address search engines
try first. A site of up to 5,000 public items gets the list of addresses
itself; a larger one the index of Plone's compressed pages."""

from plone.app.layout.sitemap.sitemap import SiteMapView
from plone.registry.interfaces import IRegistry
from zExceptions import NotFound
from zope.component import getUtility

import gzip


class PlainSiteMap(SiteMapView):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.filename = "sitemap.xml"

    def __call__(self):
        if not getUtility(IRegistry).get("plone.enable_sitemap"):
            raise NotFound(self.context, self.filename, self.request)
        if "page" not in self.request and len(self.sitemap_count()) <= 1:
            self.request.set("page", "1")
        self.request.response.setHeader(
            "Content-Type", "application/xml; charset=utf-8"
        )
        return gzip.decompress(self.generate())
