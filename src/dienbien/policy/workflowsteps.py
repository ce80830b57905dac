"""Workflow steps that have a form of their own are taken through it.

The transitions of dossiers, official documents and news open a step form
(``@@dossier-step``, ``@@incoming-step`` …, named by the transition's
action URL in the workflow): it asks for what the step needs — a reason, a
new appointment, the papers received — and the rules refuse the step
without it. Plone's generic status pages, ``content_status_modify`` and the
state menu's "Advanced…" (``content_status_history``), would take the same
transitions without the form: a step whose rule needs a reason ended there
in a server error, and one that needs none skipped what its form shows and
records. For an object whose workflow names step forms, both pages lead to
the step's form, or to the object's page where its steps are.

Folder contents' "State" dialog (``@@fc-workflow``) took the transitions of
the items ticked without any form at all: it neither offers nor takes a
step that has a form of its own, and says so for each item it leaves. Plone's
``folder_publish`` goes through ``content_status_modify``, so it takes none
of them either.
"""

from dienbien.policy import _
from plone.app.content.browser.content_status_history import ContentStatusHistoryView
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.app.content.browser.contents.workflow import WorkflowActionView
from Products.CMFCore.utils import getToolByName

import json


def _transitions(context):
    workflow_tool = getToolByName(context, "portal_workflow")
    for workflow in workflow_tool.getWorkflowsFor(context):
        transitions = getattr(workflow, "transitions", None)
        if transitions is not None:
            yield from transitions.objectValues()


def _form_url(transition) -> str:
    url = getattr(transition, "actbox_url", "") or ""
    return url if "%(content_url)s/@@" in url else ""


def step_form_url(context, transition_id) -> str | None:
    """The step form of ``transition_id`` on ``context``, if it has one."""
    for transition in _transitions(context):
        if transition.getId() == transition_id and _form_url(transition):
            return _form_url(transition) % {"content_url": context.absolute_url()}
    return None


def has_step_forms(context) -> bool:
    return any(_form_url(transition) for transition in _transitions(context))


class StatusModify(ContentStatusModifyView):
    def __call__(
        self,
        workflow_action=None,
        comment="",
        effective_date=None,
        expiration_date=None,
        **kwargs,
    ):
        url = step_form_url(self.context, workflow_action)
        if url is not None:
            return self.request.response.redirect(url)
        return super().__call__(
            workflow_action, comment, effective_date, expiration_date, **kwargs
        )


class StatusHistory(ContentStatusHistoryView):
    def __call__(
        self,
        workflow_action=None,
        paths=[],  # noqa: B006 (the signature ZPublisher fills in, as Plone's)
        comment="",
        effective_date=None,
        expiration_date=None,
        include_children=False,
        *args,
    ):
        if has_step_forms(self.context):
            url = step_form_url(self.context, workflow_action)
            return self.request.response.redirect(url or self.context.absolute_url())
        return super().__call__(
            workflow_action,
            paths,
            comment,
            effective_date,
            expiration_date,
            include_children,
            *args,
        )


class FolderContentsWorkflow(WorkflowActionView):
    """Folder contents' "State" dialog, without the steps that have forms."""

    def __call__(self):
        if self.request.form.get("render") != "yes":
            return super().__call__()
        offered = json.loads(super().__call__())
        selection = self.get_selection()
        catalog = getToolByName(self.context, "portal_catalog")
        items = [
            brain.getObject() for brain in catalog(UID=selection, show_inactive=True)
        ]
        offered["transitions"] = [
            transition
            for transition in offered["transitions"]
            if not any(step_form_url(item, transition["id"]) for item in items)
        ]
        return self.json(offered)

    def action(self, obj, bypass_recurse=False):
        if step_form_url(obj, self.transition_id) is not None:
            self.errors.append(
                _(
                    "fc_workflow_step_form",
                    default="${title}: this step is taken from its own form, "
                    "on the item's page.",
                    mapping={"title": self.objectTitle(obj)},
                )
            )
            return
        super().action(obj, bypass_recurse)
