"""The Procedure type: one administrative procedure of the public catalogue.

Its fields are those of ``core.procedures.Procedure``; channel rows and
dossier components are tables (datagridfield). Form files to download are
``File`` items inside the procedure, named by the components' ``form``.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from dienbien.policy import _
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import check_procedure
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.references import UnitReference
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.validation import CheckedDeserializer
from dienbien.policy.validation import CheckedFormValidator
from plone.app.content.interfaces import INameFromTitle
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.restapi.interfaces import IDeserializeFromJson
from plone.supermodel import model
from Products.CMFCore.utils import getToolByName
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


PROCEDURES_PATH = "thu-tuc-hanh-chinh"

SCALARS = (
    "code",
    "field",
    "level",
    "unit",
    "applicants",
    "conditions",
    "result",
    "legal_basis",
    "publication_decision",
    "online_service",
    "online_partial_reason",
    "boundary_free",
    "in_force_from",
    "abolished_on",
)


class IChannelRow(Interface):
    channel = schema.Choice(
        title=_("label_channel", default="Channel"),
        vocabulary="dienbien.policy.Channels",
    )
    time_value = schema.Float(
        title=_("label_time_value", default="Processing time"), default=0.0
    )
    time_unit = schema.Choice(
        title=_("label_time_unit", default="Unit"),
        vocabulary="dienbien.policy.TimeUnits",
        default="working_days",
    )
    cutoff = schema.TextLine(
        title=_("label_cutoff", default="Same-day cut-off (HH:MM)"), required=False
    )
    fee = schema.Int(title=_("label_fee", default="Fee (VND)"), default=0)
    note = schema.TextLine(
        title=_("label_channel_note", default="Note"), required=False
    )


class IComponentRow(Interface):
    name = schema.TextLine(title=_("label_component_name", default="Paper"))
    originals = schema.Int(title=_("label_originals", default="Originals"), default=1)
    copies = schema.Int(title=_("label_copies", default="Copies"), default=0)
    form = schema.TextLine(
        title=_(
            "label_form_file", default="Form file (id of a file in this procedure)"
        ),
        required=False,
    )


class IProcedure(model.Schema):
    """An administrative procedure (Decree 63/2010 Art. 8)."""

    code = schema.TextLine(
        title=_("label_procedure_code", default="Procedure code"),
        description=_("help_procedure_code", default="National code, e.g. 1.000948"),
    )
    field = schema.Choice(
        title=_("label_procedure_field", default="Field"),
        vocabulary="dienbien.policy.ProcedureFields",
    )
    level = schema.Choice(
        title=_("label_level", default="Level"),
        vocabulary="dienbien.policy.ProcedureLevels",
    )
    unit = schema.Choice(
        title=_("label_implementing_unit", default="Implementing unit"),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    applicants = schema.Text(
        title=_("label_applicants", default="Who may apply"), required=False
    )
    steps = RichText(title=_("label_steps", default="Steps"), required=False)
    directives.widget("channels", DataGridFieldFactory)
    channels = schema.List(
        title=_("label_channels", default="Channels, processing time and fees"),
        value_type=DictRow(schema=IChannelRow),
        min_length=1,
    )
    directives.widget("components", DataGridFieldFactory)
    components = schema.List(
        title=_("label_components", default="Dossier components"),
        value_type=DictRow(schema=IComponentRow),
        required=False,
        default=[],
    )
    conditions = schema.Text(
        title=_("label_conditions", default="Conditions"), required=False
    )
    result = schema.Text(title=_("label_result", default="Result"), required=False)
    legal_basis = schema.Text(
        title=_("label_legal_basis", default="Legal basis"), required=False
    )
    publication_decision = schema.TextLine(
        title=_("label_publication_decision", default="Publication decision"),
        required=False,
    )
    online_service = schema.Choice(
        title=_("label_online_service", default="Online public service"),
        vocabulary="dienbien.policy.OnlineServices",
        default="full",
    )
    online_partial_reason = schema.Text(
        title=_("label_online_partial_reason", default="Why only partly online"),
        required=False,
    )
    boundary_free = schema.Bool(
        title=_("label_boundary_free", default="Accepted anywhere in the province"),
        required=False,
        default=False,
    )
    in_force_from = schema.Date(
        title=_("label_in_force_from", default="In force from"), required=False
    )
    abolished_on = schema.Date(
        title=_("label_abolished_on", default="Abolished on"), required=False
    )

    model.fieldset(
        "terms",
        label=_("fieldset_terms", default="Time, fees and papers"),
        fields=["channels", "components"],
    )
    model.fieldset(
        "legal",
        label=_("fieldset_legal", default="Legal basis and status"),
        fields=[
            "legal_basis",
            "publication_decision",
            "online_service",
            "online_partial_reason",
            "boundary_free",
            "in_force_from",
            "abolished_on",
        ],
    )


@implementer(IProcedure)
class ProcedureItem(Container):
    """A procedure; its form files live inside it. Its implementing unit is
    stored by UID and read as the unit's present code."""

    unit = UnitReference()


def _rows(value) -> list[dict]:
    return [dict(row) for row in value or ()]


def _channel(row: dict) -> ChannelTerms:
    return ChannelTerms(
        channel=row.get("channel") or "",
        time_value=row.get("time_value") if row.get("time_value") is not None else 0,
        time_unit=row.get("time_unit") or "working_days",
        cutoff=row.get("cutoff") or "",
        fee=row.get("fee") if row.get("fee") is not None else 0,
        note=row.get("note") or "",
    )


def _component(row: dict) -> Component:
    return Component(
        name=row.get("name") or "",
        originals=row.get("originals") if row.get("originals") is not None else 0,
        copies=row.get("copies") if row.get("copies") is not None else 0,
        form=row.get("form") or "",
    )


def procedure_from_values(values: dict, title: str) -> Procedure:
    """The core's procedure from field values (an object's or a form's)."""
    steps = values.get("steps")
    return Procedure(
        code=(values.get("code") or "").strip(),
        title=(title or "").strip(),
        field=values.get("field") or "",
        level=values.get("level") or "",
        unit=values.get("unit") or "",
        applicants=values.get("applicants") or "",
        steps=steps.raw if hasattr(steps, "raw") else (steps or ""),
        conditions=values.get("conditions") or "",
        result=values.get("result") or "",
        legal_basis=values.get("legal_basis") or "",
        publication_decision=values.get("publication_decision") or "",
        online_service=values.get("online_service") or "",
        online_partial_reason=values.get("online_partial_reason") or "",
        boundary_free=bool(values.get("boundary_free")),
        in_force_from=values.get("in_force_from"),
        abolished_on=values.get("abolished_on"),
        channels=tuple(_channel(row) for row in values.get("channels") or ()),
        components=tuple(_component(row) for row in values.get("components") or ()),
    )


def procedure_of(obj) -> Procedure:
    values = {name: getattr(obj, name, None) for name in IProcedure.names()}
    return procedure_from_values(values, obj.title)


def apply_procedure(obj, procedure: Procedure) -> set[str]:
    """Store a core procedure on ``obj``; return the names of changed fields.

    The caller reindexes and announces the change.
    """
    old = procedure_of(obj)
    changed = set()
    for name in SCALARS:
        if getattr(old, name) != getattr(procedure, name):
            value = getattr(procedure, name)
            setattr(obj, name, value if value not in ("",) else None)
            changed.add(name)
    if old.title != procedure.title:
        obj.title = procedure.title
        changed.add("title")
    if old.steps != procedure.steps:
        obj.steps = RichTextValue(procedure.steps, "text/html", "text/x-html-safe")
        changed.add("steps")
    if old.channels != procedure.channels:
        obj.channels = [dict(row.__dict__) for row in procedure.channels]
        changed.add("channels")
    if old.components != procedure.components:
        obj.components = [dict(row.__dict__) for row in procedure.components]
        changed.add("components")
    return changed


def procedure_problems(context, procedure: Procedure, exclude=None):
    """The core's verdict, plus a unique code among the site's procedures."""
    problems = check_procedure(procedure, set(procedure_fields()), unit_codes(context))
    catalog = getToolByName(context, "portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Procedure", procedure_code=procedure.code
    ):
        if exclude is None or brain.getPath() != "/".join(exclude.getPhysicalPath()):
            problems.append(
                Problem(
                    "code",
                    "The procedure code ${value} is already used by ${other}.",
                    {"value": procedure.code, "other": brain.Title},
                )
            )
            break
    return problems


@implementer(IDeserializeFromJson)
@adapter(IProcedure, IDienbienPolicyLayer)
class ProcedureDeserializer(CheckedDeserializer):
    """Procedures over REST: field rules, then the core's procedure rules."""

    def get_schema_data(self, data, validate_all, create=False):
        # JSON has one number type: a whole processing time arrives as an int,
        # which the Float field of a channel row would refuse.
        for row in data.get("channels") or ():
            value = row.get("time_value") if isinstance(row, dict) else None
            if isinstance(value, int) and not isinstance(value, bool):
                row["time_value"] = float(value)
        return super().get_schema_data(data, validate_all, create)

    def problems(self, data, failed):
        values = {
            name: getattr(self.context, name, None) for name in IProcedure.names()
        }
        # A field the stock deserializer refused is judged on the value sent.
        values.update({name: data[name] for name in failed if name in data})
        procedure = procedure_from_values(values, self.context.title)
        return procedure_problems(self.context, procedure, exclude=self.context)


@adapter(
    Interface, Interface, IForm, getSpecification(IProcedure, force=True), Interface
)
class ProcedureFormValidator(CheckedFormValidator):
    schema_interface = IProcedure

    def problems(self, values):
        title = self.request.form.get("form.widgets.IBasic.title")
        if title is None and self.is_edit:
            title = self.context.title
        procedure = procedure_from_values(values, title or "-")
        return procedure_problems(
            self.context, procedure, exclude=self.context if self.is_edit else None
        )


@implementer(INameFromTitle)
@adapter(IProcedure)
class NameFromProcedureCode:
    """A procedure's id is its code: ``/thu-tuc-hanh-chinh/1-000948``."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        code = self.context.code
        return code.lower().replace(".", "-") if code else self.context.title
