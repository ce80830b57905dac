"""A unit's public contacts (address, phone, e-mail), shown on the
portal's organisation chart: the behavior ``dienbien.policy.unit_contact``
of the OrgUnit type."""

from dienbien.policy import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IUnitContact(model.Schema):
    model.fieldset(
        "contact",
        label=_("fieldset_unit_contact", default="Public contacts"),
        fields=["contact_address", "contact_phone", "contact_email"],
    )
    contact_address = schema.TextLine(
        title=_("label_unit_contact_address", default="Address"),
        required=False,
    )
    contact_phone = schema.TextLine(
        title=_("label_unit_contact_phone", default="Phone"),
        required=False,
    )
    contact_email = schema.TextLine(
        title=_("label_unit_contact_email", default="E-mail"),
        required=False,
    )


BEHAVIOR = "dienbien.policy.unit_contact"


def contacts_of(unit_obj) -> dict:
    return {
        name: getattr(unit_obj, f"contact_{name}", None) or ""
        for name in ("address", "phone", "email")
    }
