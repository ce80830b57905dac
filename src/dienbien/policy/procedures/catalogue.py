from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IProcedureCatalogue(model.Schema):
    """The public catalogue of procedures (``/thu-tuc-hanh-chinh``)."""


@implementer(IProcedureCatalogue)
class ProcedureCatalogue(Container):
    """Holds the Procedures; its view is the citizens' search page."""
