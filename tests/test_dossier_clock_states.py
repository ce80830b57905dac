"""The overdue listing leaves the type out of its query (``dossiers.due``):
the states in which a dossier's clock runs belong to no other workflow."""

from dienbien.policy.core.dossiers import CLOCK_RUNS


def test_the_clock_states_are_the_dossier_workflows_own(integration):
    workflows = integration["portal"].portal_workflow
    owners = {
        workflow.getId()
        for workflow in workflows.objectValues()
        if set(CLOCK_RUNS) & set(getattr(workflow, "states", {}).objectIds())
    }
    assert owners == {"dienbien_dossier_workflow"}
