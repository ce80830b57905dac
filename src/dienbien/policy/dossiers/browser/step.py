"""A step of a dossier from its page: every button opens this short form,
which says what will happen and asks what the step needs (``core.steps``)
— the reason a slip states, the supplement papers that arrived, an amount,
the new appointment of an apology (Mẫu 04) — before anything changes.

Nothing happens on GET; the step is taken by a POST carrying plone.protect's
authenticator. The workflow's guards decide who may take which step (the
view itself needs View, which on a dossier only its unit's staff hold); an
apology needs "Process dossiers", as ``POST @apology`` does.
"""

from dienbien.policy import _
from dienbien.policy.core.steps import APOLOGY_STATES
from dienbien.policy.core.steps import in_order
from dienbien.policy.core.steps import NEEDS_AMOUNT
from dienbien.policy.core.steps import NEEDS_REASON
from dienbien.policy.core.steps import parse_amount
from dienbien.policy.core.steps import received_papers
from dienbien.policy.core.steps import requested_papers
from dienbien.policy.core.steps import step_problems
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.browser.display import when
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.dossiers.lifecycle import apology_refusals
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.lifecycle import record_apology
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.dossiers.titles import step_title
from dienbien.policy.orgunits.lookup import unit_title
from dienbien.policy.services.errors import moment_param
from dienbien.policy.services.errors import translated
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate


APOLOGY = "apology"
PROCESS_DOSSIERS = "dienbien.policy: Process dossiers"


def may_apologise(dossier) -> bool:
    """Mẫu 04 is offered to the handling unit while the appointment holds."""
    return (
        api.user.has_permission(PROCESS_DOSSIERS, obj=dossier)
        and api.content.get_state(dossier) in APOLOGY_STATES
        and dossier.appointment is not None
        and now() <= dossier.appointment
    )


def available_steps(dossier, request) -> list[dict]:
    """The steps the current user may take now, as the page's buttons."""
    workflow = api.portal.get_tool("portal_workflow")
    ids = [transition["id"] for transition in workflow.getTransitionsFor(dossier)]
    if may_apologise(dossier):
        ids.append(APOLOGY)
    url = dossier.absolute_url()
    return [
        {
            "id": step,
            "title": step_title(step, request),
            "url": f"{url}/@@dossier-step?transition={step}",
        }
        for step in in_order(ids)
    ]


def format_amount(amount: int | None) -> str:
    """75000 → "75.000" (Vietnamese thousands separator)."""
    return "" if amount is None else f"{amount:,}".replace(",", ".")


class DossierStepView(BrowserView):
    def __call__(self):
        self.transition = self.request.form.get("transition", "")
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

    # -- What the form shows ------------------------------------------------

    def offered(self) -> bool:
        return self.transition in {
            step["id"] for step in available_steps(self.context, self.request)
        }

    def title(self) -> str:
        return step_title(self.transition, self.request)

    def reason_required(self) -> bool:
        return self.transition in NEEDS_REASON or self.transition == APOLOGY

    def reason_label(self):
        if self.transition == "request_supplement":
            return _(
                "label_step_supplement_papers",
                default="Papers to supplement, one per line",
            )
        if self.reason_required():
            return _(
                "label_step_reason",
                default="Reason (printed on the slip and kept in the hand-over log)",
            )
        return _("label_step_note", default="Note (kept in the hand-over log)")

    def asks_amount(self) -> bool:
        return self.transition in NEEDS_AMOUNT

    def amount(self) -> str:
        typed = self.request.form.get("amount")
        if isinstance(typed, str):
            return typed
        # The dossier's fee, when it has one; else nothing to accept as is.
        return format_amount(getattr(self.context, "fee", None) or None)

    def asks_appointment(self) -> bool:
        return self.transition == APOLOGY

    def current_appointment(self) -> str:
        return when(self.context.appointment)

    def appointment_value(self) -> str:
        typed = self.request.form.get("new_appointment")
        if isinstance(typed, str):
            return typed
        current = self.context.appointment
        return f"{current:%Y-%m-%dT%H:%M}" if current else ""

    def requested(self) -> list[str]:
        """The papers the latest supplement request asked for."""
        if self.transition != "receive_supplement":
            return []
        requests = [
            entry
            for entry in log.entries(self.context)
            if entry["action"] == "request_supplement"
        ]
        return requested_papers(requests[-1]["note"]) if requests else []

    def ticked(self) -> list[str]:
        ticked = self.request.form.get("papers", [])
        return [ticked] if isinstance(ticked, str) else list(ticked)

    def new_state(self) -> str:
        """The state the dossier will be in (unchanged by an apology)."""
        if self.transition == APOLOGY:
            return status_title(api.content.get_state(self.context), self.request)
        workflow = api.portal.get_tool("portal_workflow")
        definition = workflow[workflow.getChainFor(self.context)[0]]
        target = definition.transitions[self.transition].new_state_id
        return status_title(target, self.request)

    def receiver(self) -> str:
        """The unit a transfer hands the dossier to, for the clerk to check."""
        if self.transition != "transfer":
            return ""
        return unit_title(self.context, getattr(self.context, "handling_unit", None))

    def error(self, field: str) -> str:
        return self.errors.get(field, "")

    # -- Taking the step ----------------------------------------------------

    def _fail(self, problems):
        for problem in problems:
            self.errors.setdefault(problem.field, translated(problem, self.request))
        self.request.response.setStatus(400)
        return self.index()

    def take(self):
        form = self.request.form
        reason = form.get("reason") if isinstance(form.get("reason"), str) else ""
        reason = reason.strip()
        title = self.title()  # the step is no longer offered once taken
        if self.transition == APOLOGY:
            return self.apologise(reason, title)
        amount = form.get("amount") if isinstance(form.get("amount"), str) else ""
        problems = step_problems(self.transition, reason, amount)
        papers = None
        if self.transition == "receive_supplement":
            requested = self.requested()
            papers = received_papers(requested, self.ticked())
            if requested and not papers:
                self.errors["papers"] = translate(
                    _(
                        "step_papers_required",
                        default="Tick the papers that arrived.",
                    ),
                    context=self.request,
                )
        if problems or self.errors:
            return self._fail(problems)
        extra = {}
        if papers is not None:
            extra["papers"] = papers
        if self.transition in NEEDS_AMOUNT:
            extra["amount"] = parse_amount(amount)
        try:
            api.content.transition(
                obj=self.context, transition=self.transition, comment=reason, **extra
            )
        except (WorkflowException, api.exc.InvalidParameterError):
            raise NotFound(self.transition) from None
        return self.done(title)

    def apologise(self, reason: str, title: str):
        raw = self.request.form.get("new_appointment")
        problems = []
        new = None
        if not isinstance(raw, str) or not raw.strip():
            self.errors["new_appointment"] = translate(
                _(
                    "step_appointment_required",
                    default="Enter the new appointment (date and time).",
                ),
                context=self.request,
            )
        else:
            new = moment_param("new_appointment", raw.strip(), problems, True)
        problems += apology_refusals(self.context, new, reason)
        if problems or self.errors:
            return self._fail(problems)
        record_apology(self.context, new, reason)
        return self.done(title)

    def done(self, title: str):
        api.portal.show_message(
            _("step_done", default="Done: ${step}.", mapping={"step": title}),
            request=self.request,
        )
        return self.request.response.redirect(self.context.absolute_url())
