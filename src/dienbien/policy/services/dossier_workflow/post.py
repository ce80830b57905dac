"""``POST <dossier>/@workflow/<transition>``: plone.restapi's transition
service, but a step that exists in the dossier's state and is refused to the
user's function answers 403 (as the one-stop rules read: the wrong function
is forbidden), not plone.restapi's generic 400."""

from plone import api
from plone.restapi.services.workflow.transition import WorkflowTransition


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
        return super().reply()
