"""A step of an outgoing document from its page: each button opens this
short form, which says what will happen and asks for the reason a return
or a recall must state (``core.correspondence.outgoing``), before anything
changes.

Nothing happens on GET — in particular no number is taken when the issue
form is shown: the number is taken by the issue transition itself, in the
transaction of the POST that confirms it, and shown once it is issued. The
POST carries plone.protect's authenticator; the workflow's guards decide who
may take which step (the view needs View).
"""

from dienbien.policy import _
from dienbien.policy.core.correspondence.outgoing import NEEDS_REASON
from dienbien.policy.core.correspondence.outgoing import step_problems
from dienbien.policy.core.messages import Problem
from dienbien.policy.correspondence.browser.outgoing import available_steps
from dienbien.policy.correspondence.lifecycle import issue_problem
from dienbien.policy.correspondence.outgoing_titles import state_title
from dienbien.policy.correspondence.outgoing_titles import STEP_HELP
from dienbien.policy.correspondence.outgoing_titles import step_title
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.services.errors import translated
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from zExceptions import NotFound


class OutgoingStepView(BrowserView):
    def __call__(self):
        transition = self.request.form.get("transition", "")
        self.transition = transition if isinstance(transition, str) else ""
        self.errors = {}
        if not self.offered():
            raise NotFound(self.transition)
        without_side_columns(self.request)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            return self.take()
        return self.index()

    def offered(self) -> bool:
        return self.transition in {
            step["id"] for step in available_steps(self.context, self.request)
        }

    def title(self) -> str:
        return step_title(self.transition, self.request)

    def help(self):
        return STEP_HELP.get(self.transition, "")

    def reason_required(self) -> bool:
        return self.transition in NEEDS_REASON

    def new_state(self) -> str:
        workflow = api.portal.get_tool("portal_workflow")
        definition = workflow[workflow.getChainFor(self.context)[0]]
        target = definition.transitions[self.transition].new_state_id
        return state_title(target, self.request)

    def error(self, field: str) -> str:
        return self.errors.get(field, "")

    def take(self):
        reason = self.request.form.get("reason")
        reason = reason.strip() if isinstance(reason, str) else ""
        title = self.title()
        problems = step_problems(self.transition, reason)
        if self.transition == "issue":
            # What would stop the number from being written (a unit without
            # abbreviation…) is said here, before anything is taken.
            problem = issue_problem(self.context)
            if problem is not None:
                problems.append(Problem("state", problem.template, problem.mapping))
        if problems:
            for problem in problems:
                self.errors.setdefault(problem.field, translated(problem, self.request))
            self.request.response.setStatus(400)
            return self.index()
        try:
            api.content.transition(
                obj=self.context, transition=self.transition, comment=reason
            )
        except (WorkflowException, api.exc.InvalidParameterError):
            raise NotFound(self.transition) from None
        notation = getattr(self.context, "notation", None)
        if self.transition == "issue" and notation:
            message = _(
                "outgoing_issued_as",
                default="Issued as Số: ${notation}.",
                mapping={"notation": notation},
            )
        else:
            message = _("step_done", default="Done: ${step}.", mapping={"step": title})
        api.portal.show_message(message, request=self.request)
        return self.request.response.redirect(self.context.absolute_url())
