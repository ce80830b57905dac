"""``POST /@sync-groups``: bring every unit's groups up to date and retire
units whose end date has passed, in the running server (what
``make sync-groups`` does with the server stopped)."""

from dienbien.policy.orgunits.events import sync_all_units
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class SyncGroupsPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return {"units": sync_all_units(self.context)}
