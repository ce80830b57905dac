"""Upgrade to profile version 1012 (incoming documents' forms): the state
menu's steps that need data open their forms instead of changing the state
at once — a leader's "Giao xử lý" without a handler, or a "Trả lại nơi gửi"
without a reason, could not be taken there."""

from plone import api

import logging


logger = logging.getLogger(__name__)
WORKFLOW = "dienbien_incoming_workflow"
#: The transitions whose menu entry opens ``@@incoming-step``.
FORM_STEPS = ("return", "assign", "close")


def step_url(step: str) -> str:
    return f"%(content_url)s/@@incoming-step?step={step}"


def steps_through_forms(setup_tool=None):
    workflow = api.portal.get_tool("portal_workflow").get(WORKFLOW)
    if workflow is None:
        return
    for step in FORM_STEPS:
        workflow.transitions[step].actbox_url = step_url(step)
    logger.info("incoming documents: %s open their forms", ", ".join(FORM_STEPS))
