"""Upgrade to profile version 1018: the site-wide stylesheet bundle
``dienbien-policy`` (``static/dienbien.css``: tables of rows in forms scroll
inside their own box on a phone). Only the bundle's records are imported;
the other registry records keep the values the site gave them."""

from plone.registry.interfaces import IRegistry
from Products.CMFPlone.interfaces import IBundleRegistry
from zope.component import getUtility


BUNDLE = "dienbien-policy"
PREFIX = f"plone.bundles/{BUNDLE}"


def add_styles(setup_tool=None) -> None:
    registry = getUtility(IRegistry)
    registry.registerInterface(IBundleRegistry, prefix=PREFIX)
    bundle = registry.forInterface(IBundleRegistry, prefix=PREFIX)
    bundle.enabled = True
    bundle.csscompilation = "++resource++dienbien.policy/dienbien.css"
    bundle.depends = "plone"
    bundle.load_async = False
    bundle.load_defer = False
