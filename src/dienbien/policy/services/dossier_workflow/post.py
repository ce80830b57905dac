"""``POST <dossier>/@workflow/<transition>``: plone.restapi's transition
service, but a step that exists in the dossier's state and is refused to the
user's function answers 403 (as the one-stop rules read: the wrong function
is forbidden), not plone.restapi's generic 400; and bad input (a body that is
not ``{"comment": "…"}``, a missing reason, a step the state does not have)
answers 400 in the API's error envelope.

``transfer`` may name another ``handling_unit``: the one way a dossier's
handling unit changes (edits never change it, ``core/edits.py``). The
change goes to the edit trail with the step's comment, and the hand-over
log's transfer entry names the new unit.
"""

from dienbien.policy import _
from dienbien.policy.dossiers import edits
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.lifecycle import NEEDS_REASON
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.steps import step_refusal
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.component import queryMultiAdapter
from zope.schema.interfaces import ValidationError


class DossierWorkflowTransition(WorkflowTransition):
    def reply(self):
        if not self.transition:
            return bad_request(
                self.request, [("transition", _("Name the step in the URL."))]
            )
        data = json_object(self.request)
        known = (
            {"comment", "handling_unit"}
            if self.transition == "transfer"
            else {"comment"}
        )
        problems = [(name, _("Unknown field.")) for name in sorted(set(data) - known)]
        unit = data.get("handling_unit", "x")
        if "handling_unit" in known and not (isinstance(unit, str) and unit.strip()):
            # A unit's code: nothing else names the unit taking the dossier
            # over (an object or a list would fail in the vocabulary).
            problems.append(
                (
                    "handling_unit",
                    _("${name} must be a text.", mapping={"name": "handling_unit"}),
                )
            )
        comment = data.get("comment", "")
        if not isinstance(comment, str):
            problems.append(("comment", _("comment is a text.")))
        elif self.transition in NEEDS_REASON and not comment.strip():
            problems.append(
                (
                    "comment",
                    _(
                        "The step ${transition} needs a reason (comment).",
                        mapping={"transition": self.transition},
                    ),
                )
            )
        refused, forbidden = step_refusal(self.context, self.request, self.transition)
        if forbidden is not None:
            return forbidden
        problems.extend(refused)
        if problems:
            return bad_request(self.request, problems)
        if self.transition == "transfer" and "handling_unit" in data:
            return self.transfer(data)
        return self.step()

    def step(self):
        result = super().reply()
        if self.request.response.getStatus() == 400:
            # A guard or subscriber refused the step (plone.restapi's shape).
            message = (result.get("error") or {}).get("message", "")
            return bad_request(self.request, [("transition", message)])
        return result

    def transfer(self, data):
        field = IDossier["handling_unit"]
        deserializer = queryMultiAdapter(
            (field, self.context, self.request), IFieldDeserializer
        )
        try:
            value = deserializer(data["handling_unit"])
        except (ValueError, ValidationError) as error:
            message = error.doc() if isinstance(error, ValidationError) else str(error)
            return bad_request(self.request, [("handling_unit", message)])
        before = edits.snapshot(self.context)
        field.set(self.context, value)
        result = self.step()
        if self.request.response.getStatus() >= 400:
            # The step did not happen: neither does the change of unit.
            field.set(self.context, before["handling_unit"])
            self.context.reindexObject()
            return result
        edits.record(self.context, before, data.get("comment", ""), now())
        return result
