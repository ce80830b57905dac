"""What both step endpoints (``dossier_workflow`` and ``document_workflow``)
ask of a workflow step before taking it: does the state have it (else a 400
naming ``transition``), and may this user take it (else a 403)."""

from dienbien.policy import _
from plone import api


def step_refusal(context, request, transition: str):
    """``(problems, forbidden)``: the 400 problems of ``transition`` in the
    context's state, and the 403 answer (a dict, with the status set) when
    the state has it but the user may not take it; ``None`` otherwise."""
    workflow = api.portal.get_tool("portal_workflow")
    chain = workflow.getChainFor(context)
    definition = workflow[chain[0]] if chain else None
    state = api.content.get_state(context)
    exits = definition.states[state].transitions if definition else ()
    if transition not in exits:
        return [
            (
                "transition",
                _(
                    "No step ${transition} from the state ${state}.",
                    mapping={"transition": transition, "state": state},
                ),
            )
        ], None
    allowed = {action["id"] for action in workflow.listActionInfos(object=context)}
    if transition not in allowed:
        request.response.setStatus(403)
        return [], {
            "type": "Forbidden",
            "message": f"{transition} is not allowed to you in state {state}.",
        }
    return [], None
