"""Upgrade 1010 (outgoing pages): the state menu's steps of an outgoing
document open their confirmation forms, as the page's buttons do."""

from dienbien.policy.upgrades.v1010_outgoing import steps_through_forms
from plone import api


def urls(workflow) -> dict[str, str]:
    return {t.getId(): t.actbox_url for t in workflow.transitions.objectValues()}


def test_installed_site(integration):
    workflow = integration["portal"].portal_workflow["dienbien_outgoing_workflow"]
    assert urls(workflow) == {
        name: f"%(content_url)s/@@outgoing-step?transition={name}"
        for name in ("submit", "approve", "return", "issue", "send", "recall")
    }


def test_upgrade_from_1009(integration):
    portal = integration["portal"]
    workflow = portal.portal_workflow["dienbien_outgoing_workflow"]
    # As a 1009 site: the state menu fires the steps without their forms.
    for transition in workflow.transitions.objectValues():
        transition.actbox_url = (
            "%(content_url)s/content_status_modify?workflow_action="
            + transition.getId()
        )
    with api.env.adopt_roles(["Manager"]):
        steps_through_forms(portal.portal_setup)
    assert urls(workflow)["issue"] == "%(content_url)s/@@outgoing-step?transition=issue"
    assert urls(workflow)["recall"] == (
        "%(content_url)s/@@outgoing-step?transition=recall"
    )
