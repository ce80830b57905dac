"""The dossier in the classic UI: the desk's add form (which gives the new
dossier its code and appointment, as ``POST /ho-so`` does) and the dossier
page with its status, papers, hand-over log and slips."""

from dienbien.policy.core.dossiers import Applicant
from dienbien.policy.core.dossiers import check_applicant
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.lifecycle import accept_new
from dienbien.policy.dossiers.lifecycle import creation_problems
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.lifecycle import own_desks
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.dossiers.titles import step_title
from dienbien.policy.dossiers.titles import timeliness_title
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.validation import CheckedFormValidator
from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from Products.Five.browser import BrowserView
from types import SimpleNamespace
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from zope.component import adapter
from zope.interface import Interface


class DossierAddForm(DefaultAddForm):
    portal_type = "Dossier"

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        # A clerk of one desk receives for that desk: chosen for them.
        widget = self.widgets.get("receiving_unit")
        desks = own_desks()
        if (
            widget is not None
            and len(desks) == 1
            and not self.request.form.get(widget.name)
        ):
            widget.value = [desks[0]]

    def create(self, data):
        dossier = super().create(data)
        # Accepted now, at this desk: code, frozen terms and appointment.
        accept_new(dossier.__of__(self.context), self.context, now(), None)
        return dossier


class DossierAddView(DefaultAddView):
    form = DossierAddForm


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
        if not self.is_edit:
            draft = SimpleNamespace(
                procedure=values.get("procedure"),
                channel=values.get("channel"),
                handling_unit=values.get("handling_unit"),
                receiving_unit=values.get("receiving_unit"),
            )
            problems += creation_problems(draft)
        return problems


def _when(value):
    return f"{value:%H:%M} {value:%d/%m/%Y}" if value else ""


class DossierView(BrowserView):
    SLIPS = (
        ("slip-01", "Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        ("slip-02", "Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        ("slip-03", "Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        ("slip-04", "Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        ("slip-05", "Mẫu 05 – Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    )

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
        return _when(value)

    def overdue(self):
        appointment = self.context.appointment
        return bool(
            appointment
            and api.content.get_state(self.context)
            in ("accepted", "processing", "awaiting_payment")
            and appointment < now()
        )

    def steps(self):
        titles = self.units()
        return [
            {
                "time": _when(entry["time"]),
                "action": step_title(entry["action"], self.request),
                "from_unit": titles.get(entry["from_unit"], entry["from_unit"] or ""),
                "to_unit": titles.get(entry["to_unit"], entry["to_unit"] or ""),
                "actor": entry["actor"],
                "note": entry["note"],
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
