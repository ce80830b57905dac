from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IOrganisation(model.Schema):
    """The folder of the organisation's units (``/to-chuc``)."""


@implementer(IOrganisation)
class Organisation(Container):
    """Holds the OrgUnits; units link to each other by code, not by nesting."""
