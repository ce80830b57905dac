"""The officer's form for an outgoing draft (and its edit form while it is
a draft): the fields in the order of the paper, the issuing unit chosen for
someone who works in one unit, its drafting departments offered by name,
the normative tick only where it applies.

What is stored is judged by ``correspondence.drafting`` (the core's rules
with the unit's departments and leaders): each problem is shown on its
field and nothing is created or changed until there is none.
"""

from copy import copy
from dienbien.policy import _
from dienbien.policy.core.correspondence.departments import departments_of
from dienbien.policy.core.correspondence.doctypes import normative_types
from dienbien.policy.correspondence.drafting import problems_of
from dienbien.policy.correspondence.drafting import unit_leaders
from dienbien.policy.correspondence.drafting import unit_object
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.services.errors import translated
from plone import api
from plone.app.z3cform.widgets.select import Select2FieldWidget
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.browser.text import TextWidget
from z3c.form.interfaces import IErrorViewSnippet
from z3c.form.interfaces import INPUT_MODE
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.interface import Invalid


STATIC = "++resource++dienbien.policy.outgoing"

#: The fields in the order the paper reads them.
ORDER = (
    "unit",
    "doctype",
    "normative",
    "department",
    "summary",
    "body",
    "file",
    "internal_recipients",
    "external_organisations",
    "external_recipients",
    "urgency",
    "confidentiality",
    "readers",
    "signer",
    "copies",
    "file_keeper",
)


def own_units(context) -> list[str]:
    """The units where the current user works (any function), by code."""
    found = user_units(unit_titles(context))
    return sorted(set().union(*found.values()))


class UnitGroupedSelectWidget(TextWidget):
    """A choice that depends on the issuing unit (its departments, its
    leaders): the options grouped by the units the user works in, and the
    form's script shows the chosen unit's only. The server checks again."""

    select_template = ViewPageTemplateFile("templates/unit_select.pt")
    empty_label = _("outgoing_no_department", default="— none —")

    def units(self) -> list[str]:
        context = self.form.context
        codes = own_units(context)
        if not codes or "Manager" in api.user.get_roles():
            codes = sorted(unit_titles(context))
        return codes

    def options(self, code: str) -> list[dict]:  # pragma: no cover - abstract
        raise NotImplementedError

    def groups(self) -> list[dict]:
        titles = unit_titles(self.form.context)
        groups = []
        for code in self.units():
            options = self.options(code)
            if options:
                groups.append(
                    {"unit": code, "title": titles.get(code, code), "options": options}
                )
        return groups

    def current(self) -> str:
        value = self.value
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        return value or ""

    def script_url(self) -> str:
        return f"{api.portal.get().absolute_url()}/{STATIC}/outgoing-add.js"

    def normative_types(self) -> str:
        return " ".join(t.id for t in normative_types())

    def render(self):
        return self.select_template(self)


class DepartmentSelectWidget(UnitGroupedSelectWidget):
    """The drafting department, among the issuing unit's departments; typed
    in, when the user's units list none yet (a công văn still needs one)."""

    def render(self):
        if not self.groups():
            return TextWidget.render(self)
        return super().render()

    def options(self, code):
        unit = unit_object(self.form.context, code)
        return [
            {"value": d.abbreviation, "label": d.label}
            for d in departments_of(getattr(unit, "departments", None))
        ]


class SignerSelectWidget(UnitGroupedSelectWidget):
    """The signer, among the issuing unit's leaders, by name."""

    empty_label = _("outgoing_choose_signer", default="— choose the signer —")

    def options(self, code):
        names = {}
        return [
            {"value": user_id, "label": full_name(user_id, names)}
            for user_id in unit_leaders(code)
        ]


def DepartmentSelectFieldWidget(field, request):
    return FieldWidget(field, DepartmentSelectWidget(request))


def SignerSelectFieldWidget(field, request):
    return FieldWidget(field, SignerSelectWidget(request))


class DraftChecks:
    """The draft rules on the form's fields, as field errors."""

    def draft_values(self, data) -> dict:
        return data

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors)
        failed = {
            getattr(getattr(error, "widget", None), "__name__", None)
            for error in errors
        }
        problems = problems_of(self.context, self.draft_values(data))
        extra = []
        for problem in problems:
            name = problem.field
            if name in failed:
                continue  # the field's own error says it already
            failed.add(name)
            widget = self.widgets.get(name)
            error = Invalid(translated(problem, self.request))
            view = getMultiAdapter(
                (
                    error,
                    self.request,
                    widget,
                    getattr(widget, "field", None),
                    self,
                    self.context,
                ),
                IErrorViewSnippet,
            )
            view.update()
            if widget is not None and setErrors:
                widget.error = view
            extra.append(view)
        if extra and setErrors:
            self.widgets.errors += tuple(extra)
        return data, errors + tuple(extra)


#: Set by the pages that answer an incoming document, not typed.
HIDDEN = ("reply_to",)


def _arrange(form):
    form.fields["department"].widgetFactory[INPUT_MODE] = DepartmentSelectFieldWidget
    form.fields["signer"].widgetFactory[INPUT_MODE] = SignerSelectFieldWidget
    # A searchable list (the two-list widget does not fit a phone).
    form.fields["internal_recipients"].widgetFactory[INPUT_MODE] = Select2FieldWidget
    form.fields["external_organisations"].widgetFactory[INPUT_MODE] = Select2FieldWidget
    # The rules ask for a signer: the form says so beside the field.
    signer = copy(form.fields["signer"].field)
    signer.required = True
    form.fields["signer"].field = signer
    names = [name for name in ORDER if name in form.fields]
    names += [name for name in form.fields if name not in names + list(HIDDEN)]
    form.fields = form.fields.select(*names)


#: The type a new draft starts with.
DEFAULT_DOCTYPE = "dispatch"


class OutgoingAddForm(DraftChecks, DefaultAddForm):
    portal_type = "OutgoingDocument"
    label = _("label_add_outgoing", default="Draft an outgoing document")

    def updateFields(self):
        super().updateFields()
        _arrange(self)

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        unit = self.widgets.get("unit")
        codes = own_units(self.context)
        if (
            unit is not None
            and len(codes) == 1
            and not self.request.form.get(unit.name)
        ):
            unit.value = [codes[0]]
        # Most of what a unit sends is a công văn; the list follows the
        # Decree's order, which starts with the rare Nghị quyết.
        doctype = self.widgets.get("doctype")
        if doctype is not None and not self.request.form.get(doctype.name):
            doctype.value = [DEFAULT_DOCTYPE]


class OutgoingAddView(DefaultAddView):
    form = OutgoingAddForm


class OutgoingEditForm(DraftChecks, DefaultEditForm):
    def updateFields(self):
        super().updateFields()
        _arrange(self)

    def draft_values(self, data) -> dict:
        # The stored values for fields the form did not submit (a file kept).
        values = {name: getattr(self.context, name, None) for name in ORDER}
        values.update(
            {
                name: value
                for name, value in data.items()
                if not (name == "file" and value is None)
            }
        )
        if data.get("file") is None and getattr(self.context, "file", None):
            values["file"] = self.context.file
        return values


OutgoingEditView = layout.wrap_form(OutgoingEditForm)
