"""The OrgUnit type: one unit of the organisation, keyed by its code.

Links between units (``parent``, ``successor``) are stored as unit codes, the
identifiers that imports, dossier codes and other systems already use; the
core checks the organisation as a whole (unique codes, no parent cycle) and
this module only adapts Plone's two ways of writing (REST and classic forms)
to that check.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from dataclasses import replace
from dienbien.policy import _
from dienbien.policy.core.correspondence.departments import department_problems
from dienbien.policy.core.exchange.organs import decision20_problems
from dienbien.policy.core.exchange.organs import organ_id_problems
from dienbien.policy.core.orgunits import check_unit
from dienbien.policy.core.orgunits import Unit
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.validation import CheckedDeserializer
from dienbien.policy.validation import CheckedFormValidator
from plone.app.content.interfaces import INameFromTitle
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.restapi.interfaces import IDeserializeFromJson
from plone.supermodel import model
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


class IDepartmentRow(Interface):
    """A drafting department of the unit (phòng, ban, văn phòng)."""

    abbreviation = schema.TextLine(
        title=_("label_department_abbreviation", default="Abbreviation"),
        description=_(
            "help_department_abbreviation",
            default="As written after the unit in a công văn's notation: VP in "
            "05/UBND-VP.",
        ),
    )
    title = schema.TextLine(title=_("label_department_title", default="Department"))


class IOrgUnit(model.Schema):
    """A unit: province, district, agency, commune, ward, village, desk..."""

    kind = schema.Choice(
        title=_("label_kind", default="Kind"),
        vocabulary="dienbien.policy.OrgUnitKinds",
        required=True,
    )
    code = schema.TextLine(
        title=_("label_unit_code", default="Unit code"),
        description=_(
            "help_unit_code",
            default="Unit identifier (Decision 20/2020/QĐ-TTg), used in dossier "
            "codes, e.g. H15.50.05.13. Letters, digits and dots.",
        ),
        required=True,
    )
    abbreviation = schema.TextLine(
        title=_("label_abbreviation", default="Abbreviation"),
        description=_(
            "help_abbreviation",
            default="As written in document symbols, e.g. UBND, HĐND, VP, TP.",
        ),
        required=False,
    )
    parent = schema.Choice(
        title=_("label_parent_unit", default="Parent unit"),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    valid_from = schema.Date(
        title=_("label_valid_from", default="Valid from"), required=False
    )
    valid_to = schema.Date(
        title=_("label_valid_to", default="Valid until"),
        description=_(
            "help_valid_to",
            default="Last day of the unit. After it, its groups are retired.",
        ),
        required=False,
    )
    successor = schema.Choice(
        title=_("label_successor", default="Successor unit"),
        description=_(
            "help_successor",
            default="The unit that takes over the records and staff of this one.",
        ),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    place = schema.TextLine(
        title=_("label_unit_place", default="Place name on documents"),
        description=_(
            "help_unit_place",
            default="Written before the date of the unit's documents "
            '("Điện Biên, ngày 05 tháng 3 năm 2026"). Empty: the place in the '
            "unit's title, else the parent unit's.",
        ),
        required=False,
    )
    organ_id = schema.TextLine(
        title=_("label_organ_id", default="Electronic identifier (QCVN 102)"),
        description=_(
            "help_organ_id",
            default="The unit's identifier in the national document exchange, "
            "13 characters, e.g. 000.00.00.H41. Needed to send and receive edXML "
            "packages.",
        ),
        required=False,
    )
    organ_code = schema.TextLine(
        title=_("label_organ_code", default="Decision 20/2020 code, if different"),
        description=_(
            "help_organ_code",
            default="Only when the exchange knows the unit by a Decision "
            "20/2020/QĐ-TTg code other than its unit code, e.g. H41.01.05.",
        ),
        required=False,
    )
    # Units saved before this field have no rows: the default is read.
    directives.widget("departments", DataGridFieldFactory)
    departments = schema.List(
        title=_("label_departments", default="Drafting departments"),
        description=_(
            "help_departments",
            default="The unit's departments that draft its documents, with "
            "their abbreviations (VP — Văn phòng). A công văn names one.",
        ),
        value_type=DictRow(schema=IDepartmentRow),
        required=False,
        default=[],
    )


@implementer(IOrgUnit)
class OrgUnit(Item):
    """An organisational unit."""

    def as_unit(self) -> Unit:
        return unit_of(self)


def unit_of(obj) -> Unit:
    """The core's view of an OrgUnit object (or of form data shaped like one)."""
    return Unit(
        code=(getattr(obj, "code", None) or "").strip(),
        title=(getattr(obj, "title", None) or "").strip(),
        kind=getattr(obj, "kind", None) or "",
        abbreviation=(getattr(obj, "abbreviation", None) or "").strip(),
        parent=getattr(obj, "parent", None) or None,
        valid_from=getattr(obj, "valid_from", None),
        valid_to=getattr(obj, "valid_to", None),
        successor=getattr(obj, "successor", None) or None,
    )


def all_units(context, exclude=None) -> dict:
    """Every unit on the site keyed by code, except the object ``exclude``."""
    units = {}
    for obj in unit_objects(context):
        if exclude is not None and obj.aq_base is getattr(exclude, "aq_base", exclude):
            continue
        unit = unit_of(obj)
        units[unit.code] = unit
    return units


def organisation_problems(context, unit: Unit, exclude=None):
    """The core's verdict on ``unit`` among the site's other units."""
    return check_unit(unit, all_units(context, exclude=exclude))


@implementer(IDeserializeFromJson)
@adapter(IOrgUnit, IDienbienPolicyLayer)
class OrgUnitDeserializer(CheckedDeserializer):
    """OrgUnits over REST: field rules, then the organisation-wide rules."""

    def problems(self, data, failed):
        unit = unit_of(self.context)
        # A field the stock deserializer refused is judged on the value sent.
        raw = {
            name: str(data[name])
            for name in failed
            if name in ("kind", "code", "parent", "successor") and data.get(name)
        }
        problems = organisation_problems(
            self.context, replace(unit, **raw), exclude=self.context
        )
        if "departments" in data and "departments" not in failed:
            problems += department_problems(data["departments"])
        return problems + exchange_identifier_problems(data)


# The schema itself is the fourth object adapted, so the discriminator is a
# specification that only the IOrgUnit interface object provides.
@adapter(Interface, Interface, IForm, getSpecification(IOrgUnit, force=True), Interface)
class OrgUnitFormValidator(CheckedFormValidator):
    """The same rules for the classic add and edit forms."""

    schema_interface = IOrgUnit

    def problems(self, values):
        title = self.request.form.get("form.widgets.IBasic.title")
        if title is None and self.is_edit:
            title = self.context.title
        unit = Unit(
            code=(values.get("code") or "").strip(),
            title=(title or "").strip() or "-",
            kind=values.get("kind") or "",
            abbreviation=(values.get("abbreviation") or "").strip(),
            parent=values.get("parent") or None,
            valid_from=values.get("valid_from"),
            valid_to=values.get("valid_to"),
            successor=values.get("successor") or None,
        )
        exclude = self.context if self.is_edit else None
        return (
            organisation_problems(self.context, unit, exclude=exclude)
            + department_problems(values.get("departments"))
            + (exchange_identifier_problems(values))
        )


def exchange_identifier_problems(values) -> list:
    """The identifiers of the document exchange, when given (core/exchange)."""
    problems = []
    for name, check in (
        ("organ_id", organ_id_problems),
        ("organ_code", decision20_problems),
    ):
        value = values.get(name)
        if value not in (None, ""):
            problems += check(value, name)
    return problems


@implementer(INameFromTitle)
@adapter(IOrgUnit)
class NameFromCode:
    """A unit's id is its code, readable in URLs: ``/to-chuc/h15-50``."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return unit_id(self.context.code) if self.context.code else self.context.title


def unit_id(code: str) -> str:
    """The content id of the unit with ``code``: ``H15.50`` -> ``h15-50``."""
    return code.lower().replace(".", "-")
