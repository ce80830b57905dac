"""``POST /@send-reminders``: the daily reminder mail, sent by the running
server. Cron calls it when the database is the embedded FileStorage, which
the server keeps locked (``make send-reminders`` needs it free)."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.reminders import send
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


class SendRemindersPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if not api.portal.get_registry_record("plone.email_from_address", default=None):
            # Not bad input: the site is not ready to send mail.
            self.request.response.setStatus(409)
            message = translate(
                _(
                    "reminders_no_sender",
                    default="Set the site's e-mail sender (Site Setup → Mail) first.",
                ),
                context=self.request,
            )
            return {
                "type": "Conflict",
                "message": message,
                "errors": [{"field": "plone.email_from_address", "message": message}],
            }
        sent = send(now())
        return {
            "sent": len(sent),
            "items": [{"unit": unit, "recipient": email} for unit, email in sent],
        }
