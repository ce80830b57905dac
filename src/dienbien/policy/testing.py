"""Test layers: a Điện Biên site as ``make create-site`` builds it.

The profiles are those of ``dienbien.policy.site``, so the tests exercise the
site a district runs, not a test variant of it.
"""

from dienbien.policy.site import SITE_LANGUAGE
from dienbien.policy.site import SITE_PROFILES
from dienbien.policy.site import SITE_TIMEZONE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope
from plone.testing.zope import WSGI_SERVER_FIXTURE

import os


class DienbienPolicyLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # Compile the .po files as a real instance does (zope.conf sets it).
        os.environ.setdefault("zope_i18n_compile_mo_files", "true")
        import collective.MockMailHost
        import dienbien.policy
        import plone.app.contenttypes
        import plone.restapi
        import plonetheme.barceloneta

        for package in (
            plone.app.contenttypes,
            plonetheme.barceloneta,
            plone.restapi,
            collective.MockMailHost,
            dienbien.policy,
        ):
            self.loadZCML(package=package)
        zope.installProduct(app, "plone.restapi")

    def setUpPloneSite(self, portal):
        from plone.registry.interfaces import IRegistry
        from zope.component import getUtility

        # As addPloneSite(default_language=..., portal_timezone=...) does.
        getUtility(IRegistry)["plone.default_language"] = SITE_LANGUAGE
        getUtility(IRegistry)["plone.portal_timezone"] = SITE_TIMEZONE
        for profile in SITE_PROFILES:
            applyProfile(portal, profile)
        applyProfile(portal, "collective.MockMailHost:default")


FIXTURE = DienbienPolicyLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="DienbienPolicyLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="DienbienPolicyLayer:FunctionalTesting"
)
