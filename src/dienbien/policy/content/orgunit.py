"""The OrgUnit type: one unit of the organisation, keyed by its code.

Links between units (``parent``, ``successor``) are stored as unit codes, the
identifiers that imports, dossier codes and other systems already use; the
core checks the organisation as a whole (unique codes, no parent cycle) and
this module only adapts Plone's two ways of writing (REST and classic forms)
to that check.
"""

from dataclasses import replace
from dienbien.policy import _
from dienbien.policy.core.orgunits import check_unit
from dienbien.policy.core.orgunits import Unit
from dienbien.policy.interfaces import IDienbienPolicyLayer
from plone.app.content.interfaces import INameFromTitle
from plone.dexterity.content import Item
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from plone.supermodel import model
from Products.CMFCore.utils import getToolByName
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from z3c.form.validator import InvariantsValidator
from zExceptions import BadRequest
from zope import schema
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid

import json


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
    catalog = getToolByName(context, "portal_catalog")
    units = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="OrgUnit"):
        obj = brain._unrestrictedGetObject()
        if exclude is not None and obj.aq_base is getattr(exclude, "aq_base", exclude):
            continue
        unit = unit_of(obj)
        units[unit.code] = unit
    return units


def organisation_problems(context, unit: Unit, exclude=None):
    """The core's verdict on ``unit`` among the site's other units."""
    return check_unit(unit, all_units(context, exclude=exclude))


def translated(problem, request) -> str:
    return translate(_(problem.template, mapping=problem.mapping), context=request)


@implementer(IDeserializeFromJson)
@adapter(IOrgUnit, IDienbienPolicyLayer)
class OrgUnitDeserializer(DeserializeFromJson):
    """plone.restapi's deserializer plus the organisation-wide rules.

    The rules run after the field values are read and before the object is
    added or the change announced, so a refused request stores nothing. The
    400's ``message`` is a JSON list of ``{"field", "message"}`` objects, one
    per problem, in the site language.
    """

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except BadRequest as exc:
            errors = exc.args[0] if exc.args else None
            if not isinstance(errors, list):
                raise
            raise BadRequest(
                json.dumps(
                    [
                        {"field": error.get("field"), "message": error["message"]}
                        for error in errors
                    ],
                    ensure_ascii=False,
                )
            ) from None

    def get_schema_data(self, data, validate_all, create=False):
        schema_data, errors = super().get_schema_data(data, validate_all, create)
        failed = {error.get("field") for error in errors}
        unit = unit_of(self.context)
        # A field the stock deserializer refused is judged on the value sent,
        # so that the core's message (which names it) replaces "Constraint not
        # satisfied".
        raw = {
            name: str(data[name])
            for name in failed
            if name in ("kind", "code", "parent", "successor") and data.get(name)
        }
        unit = replace(unit, **raw)
        for problem in organisation_problems(self.context, unit, exclude=self.context):
            message = translated(problem, self.request)
            if problem.field in failed:
                errors = [
                    dict(error, message=message)
                    if error.get("field") == problem.field
                    else error
                    for error in errors
                ]
                continue
            errors.append(
                {"field": problem.field, "message": message, "error": "ValidationError"}
            )
        return schema_data, errors


# The schema itself is the fourth object adapted, so the discriminator is a
# specification that only the IOrgUnit interface object provides.
@adapter(Interface, Interface, IForm, getSpecification(IOrgUnit, force=True), Interface)
class OrgUnitFormValidator(InvariantsValidator):
    """The same rules for the classic add and edit forms."""

    def validate(self, data):
        errors = list(super().validate(data))
        is_edit = IOrgUnit.providedBy(self.context)
        values = {name: data.get(name) for name in IOrgUnit.names()}
        if is_edit:
            for name in values:
                if name not in data:
                    values[name] = getattr(self.context, name, None)
        title = data.get("IBasic.title", data.get("title"))
        if title is None and is_edit:
            title = self.context.title
        unit = Unit(
            code=(values["code"] or "").strip(),
            title=(title or "").strip() or "-",
            kind=values["kind"] or "",
            abbreviation=(values["abbreviation"] or "").strip(),
            parent=values["parent"] or None,
            valid_from=values["valid_from"],
            valid_to=values["valid_to"],
            successor=values["successor"] or None,
        )
        exclude = self.context if is_edit else None
        for problem in organisation_problems(self.context, unit, exclude=exclude):
            errors.append(Invalid(translated(problem, self.request)))
        return tuple(errors)


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
