"""``POST /@send-reminders``: the daily reminder mails (the dossiers' to
the handling units' officers, the legal documents' to the issuers'
editors), sent by the running server. Cron calls it when the database is the embedded FileStorage, which
the server keeps locked (``make send-reminders`` needs it free)."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.reminders import send
from dienbien.policy.legal.reminders import send as send_legal
from dienbien.policy.services.errors import envelope
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class SendRemindersPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        for record, message in (
            (
                "plone.email_from_address",
                _(
                    "reminders_no_sender",
                    default="Set the site's e-mail sender (Site Setup → Mail) first.",
                ),
            ),
            (
                "plone.smtp_host",
                _(
                    "reminders_no_smtp_host",
                    default="Set the site's mail server (Site Setup → Mail) first.",
                ),
            ),
        ):
            if not api.portal.get_registry_record(record, default=None):
                return self.not_ready(record, message)
        moment = now()
        sent = [("dossiers", *item) for item in send(moment)]
        sent += [("legal", *item) for item in send_legal(moment.date())]
        return {
            "sent": len(sent),
            "items": [
                {"kind": kind, "unit": unit, "recipient": email}
                for kind, unit, email in sent
            ],
        }

    def not_ready(self, record: str, message) -> dict:
        # Not bad input: the site is not ready to send mail. Nothing is sent.
        self.request.response.setStatus(409)
        return envelope([(record, message)], self.request, kind="Conflict")
