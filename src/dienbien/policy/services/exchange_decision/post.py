"""``POST <incoming document>/@exchange-decision``: the clerical office's
answer to an update or a replacement its sender asked for once the document
was registered (exchange/corrections.py). Body ``{"decision": "agree" |
"refuse", "reason": "…"}`` (the reason required to refuse). 200 with the
documents changed (the copy; a replacement's new one); 400 naming the field
(``decision``: none waiting, or not one of the two; ``reason``); 403 for
anybody but the clerical office of the document's unit. See
docs/exchange.md."""

from dienbien.policy import _
from dienbien.policy.exchange import corrections
from dienbien.policy.exchange import statuses
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


FIELDS = ("decision", "reason")


def text_problem(name: str):
    return _(
        "exchange_field_text", default="${name} is a text.", mapping={"name": name}
    )


def items(documents) -> list[dict]:
    return [
        {
            "@id": document.absolute_url(),
            "UID": api.content.get_uuid(document),
            "unit": document.unit,
            "title": document.Title(),
            "review_state": api.content.get_state(document),
        }
        for document in documents
    ]


def forbidden(request) -> dict:
    request.response.setStatus(403)
    return {
        "type": "Forbidden",
        "message": translate(
            _(
                "exchange_decision_forbidden",
                default="Only the clerical office of the document's unit decides.",
            ),
            context=request,
        ),
    }


class ExchangeDecisionPost(Service):
    def reply(self):
        # An authenticated JSON POST, as plone.restapi's own.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request)
        problems = [
            (name, _("Unknown field.")) for name in sorted(set(data) - set(FIELDS))
        ]
        decision = data.get("decision")
        reason = data.get("reason", "")
        if decision not in ("agree", "refuse"):
            problems.append(("decision", _("exchange_decision_choose")))
        if not isinstance(reason, str):
            problems.append(("reason", text_problem("reason")))
        if problems:
            return bad_request(self.request, problems)
        if not statuses._is_clerk_of([self.context.unit]):
            return forbidden(self.request)
        try:
            documents = corrections.decide(self.context, decision == "agree", reason)
        except corrections.NothingPending:
            return bad_request(
                self.request, [("decision", _("exchange_decision_nothing"))]
            )
        except corrections.Refused as error:
            return bad_request(self.request, error.problems)
        except statuses.NotClerk:
            return forbidden(self.request)
        return {"decision": decision, "items": items(documents)}
