"""``POST /@dossier-status`` with ``{"code": "…", "digits": "NNNN"}``."""

from dienbien.policy import _
from dienbien.policy.services.dossier_status.get import StatusService
from dienbien.policy.services.errors import bad_request
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError

import re


class DossierStatusPost(StatusService):
    def reply(self):
        try:
            data = json_body(self.request)
        except DeserializationError:
            data = None
        if not isinstance(data, dict):
            return bad_request(
                self.request,
                [("body", _("The body must be a JSON object."))],
            )
        errors = []
        code, digits = data.get("code"), data.get("digits")
        if not isinstance(code, str) or not code.strip():
            errors.append(("code", _("The dossier code is required.")))
        # Never echoed: the digits are a secret of the applicant's.
        if not isinstance(digits, str) or not re.fullmatch(r"\d{4}", digits.strip()):
            errors.append(
                (
                    "digits",
                    _("Exactly 4 digits are required."),
                )
            )
        unknown = sorted(set(data) - {"code", "digits"})
        errors.extend((name, _("Unknown parameter.")) for name in unknown)
        if errors:
            return bad_request(self.request, errors)
        return self.answer(code.strip(), digits.strip())
