"""``POST <dossier>/@apology``: the handling unit apologises for a late
dossier and sets a new appointment (Mẫu 04), before the old one passes."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.lifecycle import record_apology
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.errors import moment_param
from dienbien.policy.services.handover_log.get import serialize_entry
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


OPEN_STATES = ("accepted", "processing", "awaiting_payment")


class ApologyPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request)
        errors = [
            (name, _("Unknown field."))
            for name in sorted(set(data) - {"new_appointment", "reason"})
        ]
        new = None
        raw = data.get("new_appointment")
        if not raw:
            errors.append(
                ("new_appointment", _("new_appointment is required (ISO 8601)."))
            )
        else:
            new = moment_param("new_appointment", raw, errors, to_minute=True)
        reason = data.get("reason") or ""
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            errors.append(("reason", _("An apology states its reason.")))
        current = self.context.appointment
        if new is not None and current is not None and new <= current:
            errors.append(
                (
                    "new_appointment",
                    _("The new appointment must be later than the current one."),
                )
            )
        if current is not None and now() > current:
            errors.append(
                (
                    "new_appointment",
                    _(
                        "The appointment has passed: an apology is issued before it passes."
                    ),
                )
            )
        if api.content.get_state(self.context) not in OPEN_STATES:
            errors.append(
                ("state", _("Only a dossier in progress can get a new appointment."))
            )
        if errors:
            return bad_request(self.request, errors)
        entry = record_apology(self.context, new, reason)
        return serialize_entry(entry)
