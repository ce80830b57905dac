"""The dossier in the classic UI: the validation shared by the add form
(``add.py``) and the edit form, and the dossier page with its status,
papers, hand-over log and slips."""

from dienbien.policy import _
from dienbien.policy.core.dossiers import Applicant
from dienbien.policy.core.dossiers import check_applicant
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.edits import change_problems
from dienbien.policy.core.edits import FIELDS as EDIT_FIELDS
from dienbien.policy.core.edits import reason_required
from dienbien.policy.dossiers import edits
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.browser.add import paper_problems
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.dossiers.browser.display import when
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.dossiers.browser.step import available_steps
from dienbien.policy.dossiers.browser.step import format_amount
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.lifecycle import creation_problems
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.dossiers.titles import step_title
from dienbien.policy.dossiers.titles import timeliness_title
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.validation import CheckedFormValidator
from plone import api
from plone.dexterity.browser.edit import DefaultEditForm
from plone.protect import CheckAuthenticator
from plone.z3cform import layout
from Products.Five.browser import BrowserView
from types import SimpleNamespace
from z3c.form import field
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Interface
from zope.schema import getFields
from zope.schema import TextLine


class IEditReason(Interface):
    edit_reason = TextLine(
        title=_("label_edit_reason", default="Reason for the change"),
        description=_(
            "help_edit_reason",
            default="The dossier is accepted: every change is recorded with "
            "its reason.",
        ),
        required=False,
    )


#: The request key of the reason field (the form's prefix and the field).
REASON_KEY = "form.widgets.edit_reason"


class DossierEditForm(DefaultEditForm):
    """The edit form under the edit rules (``core/edits.py``): the fields
    the user may not change are shown, not editable; after acceptance a
    reason is asked for, and every change goes to the edit trail."""

    def updateFields(self):
        super().updateFields()
        allowed = set(edits.editable_fields(self.context))
        for name in self.fields:
            if name not in allowed:
                self.fields[name].mode = DISPLAY_MODE
        if reason_required(edits.state(self.context)):
            reason = field.Fields(IEditReason)
            reason["edit_reason"].ignoreContext = True  # asked, never stored
            self.fields += reason

    def applyChanges(self, data):
        CheckAuthenticator(self.request)
        reason = data.pop("edit_reason", None) or ""
        before = edits.snapshot(self.context)
        changes = super().applyChanges(data)
        edits.record(self.context, before, reason, now())
        return changes


DossierEditView = layout.wrap_form(DossierEditForm)


@adapter(Interface, Interface, IForm, getSpecification(IDossier, force=True), Interface)
class DossierFormValidator(CheckedFormValidator):
    schema_interface = IDossier

    def problems(self, values):
        applicant = Applicant(
            name=values.get("applicant_name") or "",
            id_number=values.get("applicant_id_number") or "",
            phone=values.get("applicant_phone") or "",
            email=values.get("applicant_email") or "",
            address=values.get("applicant_address") or "",
        )
        problems = check_applicant(applicant)
        if self.is_edit:
            # Fields shown for display are not submitted: only the changed
            # ones are judged, with the reason from the same form.
            changed = [
                name
                for name in EDIT_FIELDS
                if name in getFields(IDossier)
                and values.get(name) != getattr(self.context, name, None)
            ]
            reason = self.request.form.get(REASON_KEY, "")
            problems += change_problems(
                edits.state(self.context),
                edits.functions(self.context),
                changed,
                reason if isinstance(reason, str) else "",
            )
        else:
            draft = SimpleNamespace(
                procedure=values.get("procedure"),
                channel=values.get("channel"),
                handling_unit=values.get("handling_unit"),
                receiving_unit=values.get("receiving_unit"),
            )
            problems += creation_problems(draft)
            problems += paper_problems(self.context, self.request)
        return problems


def _shown(value) -> str:
    if isinstance(value, list):  # papers
        return "; ".join(
            f"{row.get('name', '')} ({row.get('count', '')})"
            if isinstance(row, dict)
            else str(row)
            for row in value
        )
    return "" if value is None else str(value)


class DossierView(BrowserView):
    SLIPS = (
        ("slip-01", "Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        ("slip-02", "Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        ("slip-03", "Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        ("slip-04", "Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        ("slip-05", "Mẫu 05 – Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    )

    def __call__(self):
        # Plone shows the toolbar, and with it the state menu, to those who
        # may edit. Officers and leaders act on a dossier only through its
        # steps (they edit nothing, docs/workflows.md): they need the menu
        # without the edit permission. Only the dossier's staff see this page.
        self.request.set("enable_toolbar", True)
        without_side_columns(self.request)
        return self.index()

    def state(self):
        state = api.content.get_state(self.context)
        return {
            "id": state,
            "code": STATUS_CODES[state],
            "title": status_title(state, self.request),
        }

    def units(self):
        return unit_titles(api.portal.get())

    def when(self, value):
        return when(value)

    def actions(self):
        """The steps the user may take now: each button opens its form."""
        return available_steps(self.context, self.request)

    def overdue(self):
        appointment = self.context.appointment
        return bool(
            appointment
            and api.content.get_state(self.context)
            in ("accepted", "processing", "awaiting_payment")
            and appointment < now()
        )

    def edits(self):
        """The edit trail, newest last (staff only: this page is)."""
        titles = {name: field.title for name, field in getFields(IDossier).items()}
        names = {}
        return [
            {
                "time": when(entry["time"]),
                "actor": full_name(entry["actor"], names),
                "field": titles.get(entry["field"], entry["field"]),
                "before": _shown(entry["before"]),
                "after": _shown(entry["after"]),
                "reason": entry["reason"],
            }
            for entry in edits.entries(self.context)
        ]

    def supplement_papers(self) -> list[dict]:
        """The papers of each supplement received, as its step recorded them
        (by name), after those given at acceptance."""
        return [
            {"name": name, "day": f"{entry['time']:%d/%m/%Y}"}
            for entry in log.entries(self.context)
            if entry["action"] == "receive_supplement"
            for name in entry.get("papers") or ()
        ]

    def steps(self):
        titles = self.units()
        names = {}
        # No unit on a side: the dossier came from, or went back to, the
        # applicant (acceptance, refusal, return of the result, withdrawal),
        # as the slips say it.
        applicant = translate(
            _("log_applicant_side", default="Applicant"), context=self.request
        )

        def side(code):
            return titles.get(code, code) if code else applicant

        return [
            {
                "time": when(entry["time"]),
                "action": step_title(entry["action"], self.request),
                "from_unit": side(entry["from_unit"]),
                "to_unit": side(entry["to_unit"]),
                "actor": full_name(entry["actor"], names),
                "note": entry["note"],
                "papers": entry.get("papers") or [],
                "amount": format_amount(entry.get("amount")),
                "appointment": when(entry.get("appointment"))
                if entry["action"] == "apology"
                else "",
                "timeliness": timeliness_title(entry["timeliness"], self.request),
            }
            for entry in log.entries(self.context)
        ]

    #: Slips that exist only once their step happened.
    SLIP_STEPS = {
        "slip-02": "request_supplement",
        "slip-03": "refuse",
        "slip-04": "apology",
    }

    def slips(self):
        url = self.context.absolute_url()
        taken = {entry["action"] for entry in log.entries(self.context)}
        return [
            {"title": title, "html": f"{url}/@@{name}", "docx": f"{url}/@@{name}.docx"}
            for name, title in self.SLIPS
            if name not in self.SLIP_STEPS or self.SLIP_STEPS[name] in taken
        ]
