"""``POST <dossier>/@apology``: the handling unit apologises for a late
dossier and sets a new appointment (Mẫu 04), before the old one passes.
The rules are ``core.steps.apology_problems``, shared with the dossier
page's step form (``lifecycle.apology_refusals``)."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import apology_refusals
from dienbien.policy.dossiers.lifecycle import record_apology
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.errors import moment_param
from dienbien.policy.services.handover_log.get import serialize_entry
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


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
        errors.extend(apology_refusals(self.context, new, reason))
        if errors:
            return bad_request(self.request, errors)
        return serialize_entry(record_apology(self.context, new, reason))
