"""Upgrade to profile version 1010 (outgoing pages): every step of an
outgoing document, from the state menu too, opens its confirmation form
(``@@outgoing-step``), which asks for the reason a return or a recall
needs and takes the number only when the issue is confirmed."""

from plone import api

import logging


logger = logging.getLogger(__name__)
WORKFLOW = "dienbien_outgoing_workflow"


def steps_through_forms(context=None):
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    for transition in workflow.transitions.objectValues():
        transition.actbox_url = (
            f"%(content_url)s/@@outgoing-step?transition={transition.getId()}"
        )
    logger.info("outgoing documents: steps open their forms")
