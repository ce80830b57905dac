"""The district's emblem and name in the header, the portal's required
lines in the footer (``IPortalSettings``), instead of Plone's logo, its
copyright notice and "Powered by Plone"."""

from dienbien.policy.portal.sections import portal_settings
from plone.app.layout.viewlets.common import LogoViewlet
from Products.CMFPlone.utils import getSiteLogo
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class EmblemViewlet(LogoViewlet):
    index = ViewPageTemplateFile("templates/logo.pt")

    def update(self):
        super().update()
        self.settings = portal_settings()
        self.img_src = getSiteLogo()


class FooterView(BrowserView):
    """Replaces Plone's ``@@footer`` (the footer portlet's copyright text)."""

    def settings(self):
        return portal_settings()


class NoColophon(BrowserView):
    """Replaces Plone's ``@@colophon`` ("Powered by Plone"): nothing."""

    def __call__(self):
        return ""
