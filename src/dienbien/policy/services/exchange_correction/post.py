"""``POST <outgoing document>/@exchange-correction``: the clerical office
corrects an issued document it sent to organisations outside the site
(exchange/corrections.py). Body ``{"kind": "update", "reason", "summary",
"urgency"}`` — the package goes again, ``BussinessDocType`` 2 — or
``{"kind": "replace", "reason", "replacement": "<UID>"}`` — the chosen
issued document of the unit, not sent yet, is sent, type 3, naming this
one. 200 with the document (and the replacement); 400 naming the field;
403 for anybody but the clerical office of the document's unit. See
docs/exchange.md."""

from dienbien.policy import _
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.messages import Problem
from dienbien.policy.exchange import corrections
from dienbien.policy.exchange import statuses
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.exchange_decision.post import items
from dienbien.policy.services.exchange_decision.post import text_problem
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

import transaction


FIELDS = ("kind", "reason", "summary", "urgency", "replacement")


def allowed(field: str, value, values) -> Problem:
    return Problem(
        field,
        "The value ${value} is not one of ${allowed}.",
        {"value": value, "allowed": ", ".join(values)},
    )


class ExchangeCorrectionPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request)
        problems = [
            (name, _("Unknown field.")) for name in sorted(set(data) - set(FIELDS))
        ]
        for name in FIELDS:
            if not isinstance(data.get(name, ""), str):
                problems.append((name, text_problem(name)))
        if data.get("kind") not in ("update", "replace"):
            problems.append(allowed("kind", data.get("kind"), ("update", "replace")))
        urgency = data.get("urgency", "")
        levels = [level.id for level in marks.URGENCIES]
        if urgency and urgency not in levels:
            problems.append(allowed("urgency", urgency, levels))
        if problems:
            return bad_request(self.request, problems)
        if not statuses._is_clerk_of([self.context.unit]):
            self.request.response.setStatus(403)
            return {
                "type": "Forbidden",
                "message": translate(
                    _(
                        "exchange_correction_forbidden",
                        default="Only the clerical office of the document's unit "
                        "corrects it.",
                    ),
                    context=self.request,
                ),
            }
        savepoint = transaction.savepoint()
        try:
            if data.get("kind") == "replace":
                new = corrections.request_replacement(
                    self.context, data.get("reason", ""), data.get("replacement", "")
                )
                documents = [self.context, new]
            else:
                corrections.request_update(
                    self.context,
                    data.get("reason", ""),
                    data.get("summary", ""),
                    urgency,
                )
                documents = [self.context]
        except corrections.Refused as error:
            savepoint.rollback()
            return bad_request(self.request, error.problems)
        return {
            "kind": data.get("kind"),
            "items": items(documents),
            "state": api.content.get_state(self.context),
        }
