"""The steps that need a reason (refuse, request a supplement, withdraw,
stop) in the classic UI: the state menu opens this form, which asks for the
reason before the step is taken. Without it the step cannot happen."""

from dienbien.policy import _
from dienbien.policy.dossiers.lifecycle import NEEDS_REASON
from dienbien.policy.dossiers.titles import step_title
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from zExceptions import NotFound


class DossierStepView(BrowserView):
    def __call__(self):
        self.transition = self.request.form.get("transition", "")
        self.error = ""
        if self.transition not in NEEDS_REASON or self.action() is None:
            raise NotFound(self.transition)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            reason = (self.request.form.get("reason") or "").strip()
            if not reason:
                self.error = _("step_reason_required", default="Enter the reason.")
                self.request.response.setStatus(400)
                return self.index()
            title = self.title()  # the step is no longer offered once taken
            try:
                api.content.transition(
                    obj=self.context, transition=self.transition, comment=reason
                )
            except (WorkflowException, api.exc.InvalidParameterError):
                raise NotFound(self.transition) from None
            api.portal.show_message(
                _(
                    "step_done",
                    default="Done: ${step}.",
                    mapping={"step": title},
                ),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def action(self):
        """The transition as the user's state menu offers it (None: not now)."""
        workflow = api.portal.get_tool("portal_workflow")
        for transition in workflow.getTransitionsFor(self.context):
            if transition["id"] == self.transition:
                return transition
        return None

    def title(self) -> str:
        # The step's label in the UI language (the state menu shows the
        # workflow's own label).
        return step_title(self.transition, self.request)
