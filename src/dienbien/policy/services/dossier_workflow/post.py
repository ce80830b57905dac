"""``POST <dossier>/@workflow/<transition>``: plone.restapi's transition
service, but a step that exists in the dossier's state and is refused to the
user's function answers 403 (as the one-stop rules read: the wrong function
is forbidden), not plone.restapi's generic 400.

``transfer`` may name another ``handling_unit``: the one way a dossier's
handling unit changes (edits never change it, ``core/edits.py``). The
change goes to the edit trail with the step's comment, and the hand-over
log's transfer entry names the new unit.
"""

from dienbien.policy.dossiers import edits
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.services.errors import bad_request
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.component import queryMultiAdapter
from zope.schema.interfaces import ValidationError


class DossierWorkflowTransition(WorkflowTransition):
    def reply(self):
        if self.transition:
            workflow = api.portal.get_tool("portal_workflow")
            chain = workflow.getChainFor(self.context)
            definition = workflow[chain[0]] if chain else None
            state = api.content.get_state(self.context)
            allowed = {
                action["id"] for action in workflow.listActionInfos(object=self.context)
            }
            exits = definition.states[state].transitions if definition else ()
            if self.transition in exits and self.transition not in allowed:
                self.request.response.setStatus(403)
                return {
                    "error": {
                        "type": "Forbidden",
                        "message": f"{self.transition} is not allowed to you in state {state}.",
                    }
                }
            if self.transition == "transfer" and self.transition in allowed:
                return self.transfer()
        return super().reply()

    def transfer(self):
        data = json_body(self.request)
        if not isinstance(data, dict) or "handling_unit" not in data:
            return super().reply()
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
        result = super().reply()
        if self.request.response.getStatus() >= 400:
            # The step did not happen: neither does the change of unit.
            field.set(self.context, before["handling_unit"])
            self.context.reindexObject()
            return result
        comment = data.get("comment") if isinstance(data.get("comment"), str) else ""
        edits.record(self.context, before, comment, now())
        return result
