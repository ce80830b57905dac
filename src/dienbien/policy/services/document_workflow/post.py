"""``POST <document>/@workflow/<transition>``: plone.restapi's transition
service for incoming and outgoing documents, in the house manner of
``services/dossier_workflow``: a step that exists in the document's state
but is not the user's function answers 403; bad input 400 in the error
envelope; nothing is stored when the step does not happen.

The steps carry what they need in the same body, so that there is one
endpoint and one request per step (no ``@document-workflow`` of our own):

- ``comment``: the reason of ``return`` and ``recall`` (required there);
- ``assign`` (incoming): ``instruction``, ``handler``, ``handling_unit``,
  ``co_handlers``, ``deadline`` — checked by
  ``core.correspondence.checks.assignment_problems``, set before the step so
  that the handler's local roles come with it;
- ``close`` (incoming): ``reply``, the UID of the outgoing document that
  answers it.

Any other body field is a 400 naming it.
"""

from datetime import date
from dienbien.policy import _
from dienbien.policy.clock import today
from dienbien.policy.core.correspondence.checks import assignment_problems
from dienbien.policy.core.correspondence.checks import reason_problems
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.documents import IOutgoingDocument
from dienbien.policy.correspondence.rest import known_user
from dienbien.policy.correspondence.rest import unit_abbreviations
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.steps import step_refusal
from plone import api
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.schema.interfaces import ValidationError

import transaction


#: Body fields of a step besides ``comment``, per kind and step.
STEP_FIELDS = {
    ("incoming", "assign"): (
        "instruction",
        "handler",
        "handling_unit",
        "co_handlers",
        "deadline",
    ),
    ("incoming", "close"): ("reply",),
}


class DocumentWorkflowTransition(WorkflowTransition):
    @property
    def kind(self) -> str:
        return "outgoing" if IOutgoingDocument.providedBy(self.context) else "incoming"

    def reply(self):
        if not self.transition:
            return bad_request(
                self.request, [("transition", _("Name the step in the URL."))]
            )
        data = json_object(self.request)
        fields = STEP_FIELDS.get((self.kind, self.transition), ())
        known = {"comment", *fields}
        problems = [(name, _("Unknown field.")) for name in sorted(set(data) - known)]
        comment = data.get("comment", "")
        if not isinstance(comment, str):
            problems.append(("comment", _("comment is a text.")))
        else:
            problems.extend(reason_problems(self.kind, self.transition, comment))
        refused, forbidden = step_refusal(self.context, self.request, self.transition)
        if forbidden is not None:
            return forbidden
        problems.extend(refused)
        if problems:
            return bad_request(self.request, problems)
        if self.transition == "assign" and self.kind == "incoming":
            problems = self.assign(data)
        elif self.transition == "close" and data.get("reply") is not None:
            problems = self.link_reply(data["reply"])
        if problems:
            transaction.doom()
            return bad_request(self.request, problems)
        return self.step()

    def step(self):
        result = super().reply()
        if self.request.response.getStatus() == 400:
            # A guard or subscriber refused the step (plone.restapi's shape):
            # what was set for it is not kept.
            transaction.doom()
            message = (result.get("error") or {}).get("message", "")
            return bad_request(self.request, [("transition", message)])
        result.update(self.numbers())
        return result

    def numbers(self) -> dict:
        """What the step gave the document: the number and notation taken at
        issue, the incoming number at registration."""
        if self.transition == "issue":
            return {
                "number": getattr(self.context, "number", None),
                "notation": getattr(self.context, "notation", None),
            }
        if self.transition == "register":
            return {"incoming_number": getattr(self.context, "incoming_number", None)}
        return {}

    def assign(self, data) -> list:
        """Judge the assignment in the body (``core``, on the values as sent)
        and set its fields through their schema fields; the problems, if any."""
        problems, values = [], {}
        for name in ("instruction", "handler", "handling_unit", "deadline"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                problems.append(
                    (name, _("${name} must be a text.", mapping={"name": name}))
                )
            values[name] = value or None
        co_handlers = data.get("co_handlers")
        if co_handlers is not None and not (
            isinstance(co_handlers, list)
            and all(isinstance(u, str) for u in co_handlers)
        ):
            problems.append(("co_handlers", _("co_handlers is a list of user ids.")))
        values["co_handlers"] = co_handlers or []
        if isinstance(values["deadline"], str):
            try:
                values["deadline"] = date.fromisoformat(values["deadline"])
            except ValueError:
                problems.append(
                    (
                        "deadline",
                        _(
                            "${value} is not an ISO 8601 date (YYYY-MM-DD).",
                            mapping={"value": data["deadline"]},
                        ),
                    )
                )
        if problems:
            return problems
        problems = assignment_problems(
            values, unit_abbreviations(self.context), known_user, today()
        )
        if problems:
            return problems
        for name, value in values.items():
            field = IIncomingDocument[name].bind(self.context)
            try:
                field.validate(value)
            except ValidationError as error:
                return [(name, error.doc())]
            field.set(self.context, value)
        self.context.reindexObject()
        self.context.reindexObjectSecurity()
        return []

    def link_reply(self, uid) -> list:
        catalog = api.portal.get_tool("portal_catalog")
        found = (
            isinstance(uid, str)
            and uid
            and catalog.unrestrictedSearchResults(
                UID=uid, portal_type="OutgoingDocument"
            )
        )
        if not found:
            return [
                (
                    "reply",
                    _(
                        "No outgoing document has the UID ${value}.",
                        mapping={"value": uid},
                    ),
                )
            ]
        self.context.reply = uid
        self.context.reindexObject()
        return []
