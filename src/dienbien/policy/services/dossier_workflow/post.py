"""``POST <dossier>/@workflow/<transition>``: plone.restapi's transition
service, but a step that exists in the dossier's state and is refused to the
user's function answers 403 (as the one-stop rules read: the wrong function
is forbidden), not plone.restapi's generic 400; and bad input (a body that is
not ``{"comment": "…"}``, a missing reason, a step the state does not have)
answers 400 in the API's error envelope."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import NEEDS_REASON
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import json_object
from plone import api
from plone.restapi.services.workflow.transition import WorkflowTransition


class DossierWorkflowTransition(WorkflowTransition):
    def reply(self):
        if not self.transition:
            return bad_request(
                self.request, [("transition", _("Name the step in the URL."))]
            )
        data = json_object(self.request)
        problems = [
            (name, _("Unknown field.")) for name in sorted(set(data) - {"comment"})
        ]
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
        workflow = api.portal.get_tool("portal_workflow")
        chain = workflow.getChainFor(self.context)
        definition = workflow[chain[0]] if chain else None
        state = api.content.get_state(self.context)
        exits = definition.states[state].transitions if definition else ()
        if self.transition not in exits:
            problems.append(
                (
                    "transition",
                    _(
                        "No step ${transition} from the state ${state}.",
                        mapping={"transition": self.transition, "state": state},
                    ),
                )
            )
        allowed = {
            action["id"] for action in workflow.listActionInfos(object=self.context)
        }
        if self.transition in exits and self.transition not in allowed:
            self.request.response.setStatus(403)
            return {
                "type": "Forbidden",
                "message": f"{self.transition} is not allowed to you in state {state}.",
            }
        if problems:
            return bad_request(self.request, problems)
        result = super().reply()
        if self.request.response.getStatus() == 400:
            # A guard or subscriber refused the step (plone.restapi's shape).
            message = (result.get("error") or {}).get("message", "")
            return bad_request(self.request, [("transition", message)])
        return result
